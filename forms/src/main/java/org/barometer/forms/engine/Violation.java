package org.barometer.forms.engine;

/**
 * An answer the questionnaire does not accept.
 *
 * @param question the question's name
 * @param message  what is wrong, in the respondent's language (the form's own message where it has one)
 */
public record Violation(String question, Kind kind, String message) {
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
