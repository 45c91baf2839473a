package org.barometer.forms.expr;

import java.util.Objects;

/**
 * Evaluation stopped because it would have done more than its {@link ExpressionPolicy} allows: too many steps in
 * one evaluation or in a batch, a regular-expression match reading too many characters, or a function the policy
 * forbids. {@link #reason()} says which, {@link #limit()} the limit that was reached.
 *
 * <p>Unlike {@link ExpressionEvaluationException} (an expression that {@code check} would have refused), this can
 * happen to a well-formed expression on some input: a regular expression that backtracks catastrophically on one
 * answer, a filter over a very large table.
 */
public final class ExpressionLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExpressionRefusal reason;
    private final long limit;
    private final int position;

    public ExpressionLimitException(ExpressionRefusal reason, long limit, int position) {
        // No stack trace: this is an expected outcome on hostile input, cheap to throw and short to log.
        super(describe(reason, limit) + " at position " + position, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.limit = limit;
        this.position = position;
    }

    private static String describe(ExpressionRefusal reason, long limit) {
        return switch (reason) {
            case EVALUATION_STEPS -> "the evaluation took more than its " + limit + " steps";
            case BATCH_STEPS -> "the evaluations took more than the " + limit + " steps of their batch";
            case REGEX_STEPS -> "the regular expression read more than " + limit + " characters";
            case FUNCTION_NOT_ALLOWED -> "the function is not allowed here";
            default -> "the expression was refused (" + reason.key() + ")";
        };
    }

    /** Why evaluation stopped. */
    public ExpressionRefusal reason() {
        return reason;
    }

    /** The limit that was reached (steps or characters), or 0 for a function that is not allowed. */
    public long limit() {
        return limit;
    }

    /** 0-based character offset of the node being evaluated when it stopped. */
    public int position() {
        return position;
    }
}
