package org.barometer.formats.table;

/**
 * The published numbers of one cell: the estimate, its interval bounds and the number of respondents behind it
 * (as protected by the confidentiality rules), and whether it is shown at all.
 *
 * @param estimate the estimate, or {@code null} when suppressed
 * @param low      the lower interval bound, or {@code null} when suppressed or not available (an interval that does
 *                 not exist, as for a share of 0 or 1)
 * @param high     the upper interval bound, likewise
 * @param n        the number of respondents, or {@code null} when suppressed
 * @param status   shown or suppressed
 */
public record Cell(Double estimate, Double low, Double high, Long n, CellStatus status) {

    /** A published cell; a {@code null} bound is written as "not available". */
    public static Cell shown(double estimate, Double low, Double high, long n) {
        return new Cell(estimate, low, high, n, CellStatus.SHOWN);
    }

    /** A cell held back by the confidentiality rules: none of its numbers are written. */
    public static Cell suppressed() {
        return new Cell(null, null, null, null, CellStatus.SUPPRESSED);
    }

    /** Whether the cell is held back. */
    public boolean isSuppressed() {
        return status == CellStatus.SUPPRESSED;
    }
}
