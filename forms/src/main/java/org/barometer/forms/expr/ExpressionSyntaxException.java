package org.barometer.forms.expr;

import java.util.Objects;
import org.barometer.forms.i18n.FormText;

/**
 * Thrown by {@link Expression#parse} and {@link ExpressionPolicy#parse} for source text that is malformed or that
 * the policy refuses. {@link #position()} is the 0-based character offset where the problem was found (between 0
 * and the length of the source, inclusive: the length means "at the end"); {@link #reason()} says why, as a
 * machine-readable {@link ExpressionRefusal}; {@link #text()} says what was found and what was expected, in any
 * language ({@link #getMessage()} and {@link #detail()} in English).
 */
public final class ExpressionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final FormText text;
    private final ExpressionRefusal reason;

    /** A malformed text ({@link ExpressionRefusal#SYNTAX}) described in words already worded. */
    public ExpressionSyntaxException(int position, String detail) {
        this(position, ExpressionRefusal.SYNTAX, FormText.literal(detail));
    }

    public ExpressionSyntaxException(int position, ExpressionRefusal reason, FormText text) {
        super(text + " at position " + position);
        this.position = position;
        this.text = text;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** 0-based character offset of the problem in the source; the source length means "at the end". */
    public int position() {
        return position;
    }

    /** The message in English without the position suffix, e.g. {@code expected ')'}. */
    public String detail() {
        return text.toString();
    }

    /** What is wrong, as a message key and arguments, to be shown in the reader's language. */
    public FormText text() {
        return text;
    }

    /** Why the text was refused: malformed, too long, too deep, or a function the policy does not allow. */
    public ExpressionRefusal reason() {
        return reason;
    }
}
