package org.barometer.forms.expr;

/**
 * A text that a regular-expression matcher reads through {@link #charAt}, counting the reads and stopping the
 * match with an {@link ExpressionLimitException} once it has read more than its limit. Java's matcher reads the
 * input only through {@code charAt} (and {@code length}), so the count is the work the match has done.
 */
final class CountedText implements CharSequence {
    private final String text;
    private final long limit;
    private final int position;
    private long reads;

    CountedText(String text, long limit, int position) {
        this.text = text;
        this.limit = limit;
        this.position = position;
    }

    @Override
    public char charAt(int index) {
        if (++reads > limit) {
            throw new ExpressionLimitException(ExpressionRefusal.REGEX_STEPS, limit, position);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Only for reading a match's groups after it ended; not counted. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
