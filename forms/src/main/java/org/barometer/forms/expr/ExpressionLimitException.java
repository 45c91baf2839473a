package org.barometer.forms.expr;

import java.util.Objects;
import org.barometer.forms.i18n.FormText;

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
    private final FormText text;

    /** A spent budget: {@code EVALUATION_STEPS}, {@code BATCH_STEPS} or {@code REGEX_STEPS} with the limit reached. */
    public ExpressionLimitException(ExpressionRefusal reason, long limit, int position) {
        this(reason, limit, position, switch (reason) {
            case EVALUATION_STEPS -> FormText.of("expr.limit.evaluation_steps", limit);
            case BATCH_STEPS -> FormText.of("expr.limit.batch_steps", limit);
            case REGEX_STEPS -> FormText.of("expr.limit.regex_steps", limit);
            default -> throw new IllegalArgumentException("not a limit on evaluation: " + reason);
        });
    }

    /** A call of a function the policy forbids. */
    static ExpressionLimitException notAllowed(String function, int position) {
        return new ExpressionLimitException(ExpressionRefusal.FUNCTION_NOT_ALLOWED, 0, position,
                FormText.of("expr.limit.function_not_allowed", function));
    }

    private ExpressionLimitException(ExpressionRefusal reason, long limit, int position, FormText text) {
        // No stack trace: this is an expected outcome on hostile input, cheap to throw and short to log.
        super(text + " at position " + position, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.limit = limit;
        this.position = position;
        this.text = text;
    }

    /** What happened, to be shown in the reader's language. */
    public FormText text() {
        return text;
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
