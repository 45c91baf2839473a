package org.barometer.stats;

import java.util.Collection;

/**
 * The argument checks of the engine, so that every refusal of an input reads the same:
 * {@code <place>: <what is wrong>}, where the place names the argument or variable and, for a value in a
 * column, its 1-based data row ({@code weights 'pw', row 3: -1.0 is not a positive finite number}). Each check
 * returns its argument so that it can be used inline; each refusal is a {@link SurveyInputException}.
 */
public final class Arguments {
    private Arguments() {}

    /** The refusal of {@code place}, in the one format: {@code place: problem}. */
    public static SurveyInputException refused(String place, String problem) {
        return new SurveyInputException(place + ": " + problem);
    }

    /** The place of a value in a column: {@code place, row N} with {@code row} 0-based and N counted from 1. */
    public static String atRow(String place, int row) {
        return place + ", row " + (row + 1);
    }

    /** Refuses {@code place} with {@code problem} unless {@code condition} holds. */
    public static void require(boolean condition, String place, String problem) {
        if (!condition) throw refused(place, problem);
    }

    /** Refuses a value that is NaN or infinite. */
    public static double requireFinite(String place, double value) {
        require(Double.isFinite(value), place, value + " is not a finite number");
        return value;
    }

    /** Refuses any value of {@code values} that is NaN or infinite, naming its row. */
    public static double[] requireFinite(String place, double[] values) {
        for (int i = 0; i < values.length; i++) requireFinite(atRow(place, i), values[i]);
        return values;
    }

    /** Refuses a value that is not a finite number greater than 0. */
    public static double requirePositive(String place, double value) {
        require(value > 0 && Double.isFinite(value), place, value + " is not a positive finite number");
        return value;
    }

    /** Refuses a value that is not a finite number of at least 0. */
    public static double requireNonNegative(String place, double value) {
        require(value >= 0 && Double.isFinite(value), place, value + " is not a finite number >= 0");
        return value;
    }

    /**
     * Refuses a value outside {@code (lo, hi]} ({@code lowOpen}) or {@code [lo, hi]}; NaN is always outside.
     */
    public static double requireInRange(String place, double value, double lo, boolean lowOpen, double hi) {
        boolean in = (lowOpen ? value > lo : value >= lo) && value <= hi;
        require(in, place, value + " is not in " + (lowOpen ? "(" : "[") + lo + ", " + hi + "]");
        return value;
    }

    /** Refuses a value that is missing (NaN). */
    public static double requirePresent(String place, double value) {
        require(!Double.isNaN(value), place, "missing value");
        return value;
    }

    /** Refuses a count of values that differs from the {@code expected} number of {@code units} (rows, replicates). */
    public static void requireLength(String place, int length, int expected, String units) {
        require(length == expected, place, length + " values for " + expected + " " + units);
    }

    /** Refuses a null argument. */
    public static <T> T requireGiven(String place, T value) {
        require(value != null, place, "not given");
        return value;
    }

    /** Refuses an empty collection. */
    public static <C extends Collection<?>> C requireNonEmpty(String place, C values) {
        require(!values.isEmpty(), place, "none given");
        return values;
    }

    /** Refuses an empty array. */
    public static <T> T[] requireNonEmpty(String place, T[] values) {
        require(values.length > 0, place, "none given");
        return values;
    }
}
