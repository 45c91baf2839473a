package org.barometer.forms.expr;

import java.util.Objects;

/**
 * Thrown by {@link Expression#parse} and {@link ExpressionPolicy#parse} for source text that is malformed or that
 * the policy refuses. {@link #position()} is the 0-based character offset where the problem was found (between 0
 * and the length of the source, inclusive: the length means "at the end"); {@link #reason()} says why, as a
 * machine-readable {@link ExpressionRefusal}; {@link #getMessage()} says what was found and what was expected.
 */
public final class ExpressionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String detail;
    private final ExpressionRefusal reason;

    /** A malformed text ({@link ExpressionRefusal#SYNTAX}). */
    public ExpressionSyntaxException(int position, String detail) {
        this(position, ExpressionRefusal.SYNTAX, detail);
    }

    public ExpressionSyntaxException(int position, ExpressionRefusal reason, String detail) {
        super(detail + " at position " + position);
        this.position = position;
        this.detail = detail;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** 0-based character offset of the problem in the source; the source length means "at the end". */
    public int position() {
        return position;
    }

    /** The message without the position suffix, e.g. {@code expected ')'}. */
    public String detail() {
        return detail;
    }

    /** Why the text was refused: malformed, too long, too deep, or a function the policy does not allow. */
    public ExpressionRefusal reason() {
        return reason;
    }
}
