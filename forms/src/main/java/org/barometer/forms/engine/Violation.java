package org.barometer.forms.engine;

import org.barometer.forms.i18n.FormText;

/**
 * An answer the questionnaire does not accept.
 *
 * @param question the question's name
 * @param message  what is wrong, in the respondent's language: the form's own message where it has one
 *                 ({@code required_message}, {@code constraint_message}), else {@code text} in that language
 * @param text     the engine's own words for what is wrong, as a message key and arguments (also when the form
 *                 has its own message), e.g. {@code answer.integer}
 */
public record Violation(String question, Kind kind, String message, FormText text) {

    /** A violation with a message only (the engine always gives its text too). */
    public Violation(String question, Kind kind, String message) {
        this(question, kind, message, FormText.literal(message));
    }

    /** Why the answer is refused. */
    public enum Kind {
        /** A required question has no answer. */
        REQUIRED,
        /** The answer breaks the question's constraint. */
        CONSTRAINT,
        /** The answer is not of the question's type (not a whole number, not an offered choice, …). */
        INVALID
    }
}
