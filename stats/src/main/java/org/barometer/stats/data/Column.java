package org.barometer.stats.data;

/**
 * One column of a {@link DataTable}: either numeric ({@link NumericColumn}, {@code double} values, missing is
 * {@code NaN}) or categorical ({@link FactorColumn}, int codes into a list of levels, missing is {@code -1}).
 */
public sealed interface Column permits NumericColumn, FactorColumn {
    /** The column name as in the header row. */
    String name();

    /** Number of rows. */
    int size();

    /** Whether the value in {@code row} (0-based) is missing ({@code NA}). */
    boolean isMissing(int row);

    /** The value as text: the level for a factor, the number for a numeric column, {@code "NA"} when missing. */
    String text(int row);
}
