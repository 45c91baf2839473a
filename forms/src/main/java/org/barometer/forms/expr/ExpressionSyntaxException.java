package org.barometer.forms.expr;

/**
 * Thrown by {@link Expression#parse} for malformed source text. {@link #position()} is the 0-based character
 * offset where the problem was found (between 0 and the length of the source, inclusive: the length means
 * "at the end"); {@link #getMessage()} says what was found and what was expected there.
 */
public final class ExpressionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String detail;

    public ExpressionSyntaxException(int position, String detail) {
        super(detail + " at position " + position);
        this.position = position;
        this.detail = detail;
    }

    /** 0-based character offset of the problem in the source; the source length means "at the end". */
    public int position() {
        return position;
    }

    /** The message without the position suffix, e.g. {@code expected ')'}. */
    public String detail() {
        return detail;
    }
}
