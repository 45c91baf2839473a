package org.barometer.forms.expr;

/**
 * Thrown by {@link Expression#evaluate} only for expressions that {@link Expression#check} would have rejected
 * (an unknown function or a wrong number of arguments). Checked expressions never throw while evaluating:
 * empty answers, non-numeric text and division by zero all have defined results.
 */
public final class ExpressionEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;

    public ExpressionEvaluationException(int position, String message) {
        super(message + " at position " + position);
        this.position = position;
    }

    /** 0-based character offset in the source of the offending function call. */
    public int position() {
        return position;
    }
}
