package org.barometer.forms.expr;

import java.util.Objects;

/**
 * A problem found by {@link Expression#check}: what is wrong and where.
 *
 * @param position 0-based character offset in the expression source of the offending token
 * @param message  what was found and what was expected, e.g. {@code count-selected() takes 1 argument, got 2}
 */
public record ExpressionProblem(int position, String message) {
    public ExpressionProblem {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message + " (at position " + position + ")";
    }
}
