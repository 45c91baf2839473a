package org.barometer.forms.expr;

import org.barometer.forms.i18n.FormText;

/**
 * Thrown by {@link Expression#evaluate} only for expressions that {@link Expression#check} would have rejected
 * (an unknown function or a wrong number of arguments). Checked expressions never throw while evaluating:
 * empty answers, non-numeric text and division by zero all have defined results.
 */
public final class ExpressionEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final FormText text;

    public ExpressionEvaluationException(int position, String message) {
        this(position, FormText.literal(message));
    }

    public ExpressionEvaluationException(int position, FormText text) {
        super(text + " at position " + position);
        this.position = position;
        this.text = text;
    }

    /** What is wrong, to be shown in the reader's language. */
    public FormText text() {
        return text;
    }

    /** 0-based character offset in the source of the offending function call. */
    public int position() {
        return position;
    }
}
