package org.barometer.stats.data;

/**
 * The rows a mask selects, by number in row order: {@code rows[0..count-1]}. A domain's rows come in no order, so
 * a loop that tests each row's membership mispredicts that branch about half the time, which costs more than the
 * work of the row; the list is made without a branch (every row written, the count advanced by its membership),
 * and loops over it then take only the selected rows.
 *
 * @param rows the selected rows' numbers in their first {@code count} places (the rest is unused)
 * @param count the number of selected rows
 */
public record RowList(int[] rows, int count) {
    /** The rows where {@code in} is true. */
    public static RowList of(boolean[] in) {
        int[] rows = new int[in.length];
        int m = 0;
        for (int i = 0; i < in.length; i++) {
            rows[m] = i;
            m += in[i] ? 1 : 0;
        }
        return new RowList(rows, m);
    }
}
