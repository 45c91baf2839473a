package org.barometer.forms.expr;

import java.util.Locale;

/**
 * Why an expression was refused, as a stable machine-readable reason: a server answers a refused filter with
 * {@link #key()} (and its own wording), a test asserts the reason rather than a message.
 */
public enum ExpressionRefusal {
    /** The text is not a well-formed expression (an unclosed text, a missing operand, …). */
    SYNTAX,
    /** The text is longer than the policy's {@link ExpressionPolicy#maxLength()}. */
    TOO_LONG,
    /** Parentheses, function calls or operators nest deeper than the policy's {@link ExpressionPolicy#maxDepth()}. */
    TOO_DEEP,
    /** The expression calls a function that the policy does not allow. */
    FUNCTION_NOT_ALLOWED,
    /** One evaluation took more steps than the policy's {@link ExpressionPolicy#maxSteps()}. */
    EVALUATION_STEPS,
    /** Evaluations sharing a budget (one per row) took more steps than {@link ExpressionPolicy#maxBatchSteps()}. */
    BATCH_STEPS,
    /** One regular-expression match read more characters than the policy's {@link ExpressionPolicy#maxRegexSteps()}. */
    REGEX_STEPS;

    /** The reason as a lower-case key, e.g. {@code too_deep}, for an API answer or a message key. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
