package org.barometer.formats.table;

/** Whether a cell's numbers are published. */
public enum CellStatus {
    /** The numbers are published. */
    SHOWN,
    /**
     * Held back by the confidentiality rules: written as {@code ..} in PX and as {@code null} with status
     * {@code ..} in JSON-stat, for every measure of the cell.
     */
    SUPPRESSED
}
