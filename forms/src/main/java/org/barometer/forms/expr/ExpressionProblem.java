package org.barometer.forms.expr;

import java.util.Objects;
import org.barometer.forms.i18n.FormText;

/**
 * A problem found by {@link Expression#check}: what is wrong and where.
 *
 * @param position 0-based character offset in the expression source of the offending token
 * @param text     what was found and what was expected, as a message key and arguments
 */
public record ExpressionProblem(int position, FormText text) {
    public ExpressionProblem {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        Objects.requireNonNull(text, "text");
    }

    /** A problem described in words already worded. */
    public ExpressionProblem(int position, String message) {
        this(position, FormText.literal(message));
    }

    /** What is wrong in English, e.g. {@code count-selected() takes 1 argument, got 2}. */
    public String message() {
        return text.toString();
    }

    /** What is wrong in a language ({@code da}, {@code en}, or a form language). */
    public String message(String language) {
        return text.render(language);
    }

    @Override
    public String toString() {
        return message() + " (at position " + position + ")";
    }
}
