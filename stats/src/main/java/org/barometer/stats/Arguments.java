package org.barometer.stats;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The argument checks of the engine, so that every refusal of an input reads the same:
 * {@code <place>: <what is wrong>}, where the place names the argument or variable and, for a value in a
 * column, its 1-based data row ({@code weights 'pw', row 3: -1.0 is not a positive finite number}). Each check
 * returns its argument so that it can be used inline; each refusal is a {@link SurveyInputException}.
 *
 * <p>The kinds of check: a condition ({@link #require}), a finite, positive, non-negative or present number, a
 * number or index in a range, a count of values ({@link #requireLength}), a given argument, a non-empty list,
 * distinct values, weights ({@link #requireWeights}), and a name that is not among the known ones
 * ({@link #unknown}). {@link #cannotCompute} is not a check of an argument: it reports a state the computation
 * reached from inputs that passed their checks (a lonely PSU under the {@code fail} rule, a singular matrix, a
 * census without sampling variance), in the same format and as the same exception, since it is the input that
 * leaves the result undefined.
 */
public final class Arguments {
    private Arguments() {}

    /** The refusal of {@code place}, in the one format: {@code place: problem}. */
    public static SurveyInputException refused(String place, String problem) {
        return new SurveyInputException(place + ": " + problem);
    }

    /** The refusal of {@code place} with the {@code cause} of the problem (an I/O error in reading a file). */
    public static SurveyInputException refused(String place, String problem, Throwable cause) {
        return new SurveyInputException(place + ": " + problem, cause);
    }

    /**
     * A computation that cannot go on from the state it reached, although each input passed its checks: a stratum
     * with one PSU under the {@code fail} rule, a singular matrix, a census without sampling variance. The same
     * format as a refusal: {@code place: reason}.
     */
    public static SurveyInputException cannotCompute(String place, String reason) {
        return new SurveyInputException(place + ": " + reason);
    }

    /**
     * The refusal of a name that is not among the {@code known} ones:
     * {@code place: unknown <kind> 'name'; expected one of a, b, c}.
     */
    public static SurveyInputException unknown(String place, String kind, String name, Collection<?> known) {
        return refused(place, "unknown " + kind + " '" + name + "'; expected one of "
                + known.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /** The place of a value in a column: {@code place, row N} with {@code row} 0-based and N counted from 1. */
    public static String atRow(String place, int row) {
        return place + ", row " + (row + 1);
    }

    /** Refuses {@code place} with {@code problem} unless {@code condition} holds. */
    public static void require(boolean condition, String place, String problem) {
        if (!condition) throw refused(place, problem);
    }

    // The checks test first and spell out the message only for a refusal: they run once per row of columns of
    // a million rows, where writing a number or a row's place into a string every time costs more than the
    // statistics.

    /** Refuses a value that is NaN or infinite. */
    public static double requireFinite(String place, double value) {
        if (!Double.isFinite(value)) throw refused(place, value + " is not a finite number");
        return value;
    }

    /** Refuses any value of {@code values} that is NaN or infinite, naming its row. */
    public static double[] requireFinite(String place, double[] values) {
        for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) requireFinite(atRow(place, i), values[i]);
        return values;
    }

    /** Refuses a value that is not a finite number greater than 0. */
    public static double requirePositive(String place, double value) {
        if (!(value > 0 && Double.isFinite(value))) throw refused(place, value + " is not a positive finite number");
        return value;
    }

    /** Refuses a value that is not a finite number of at least 0. */
    public static double requireNonNegative(String place, double value) {
        if (!(value >= 0 && Double.isFinite(value))) throw refused(place, value + " is not a finite number >= 0");
        return value;
    }

    /**
     * Refuses a value outside {@code (lo, hi]} ({@code lowOpen}) or {@code [lo, hi]}; NaN is always outside.
     */
    public static double requireInRange(String place, double value, double lo, boolean lowOpen, double hi) {
        boolean in = (lowOpen ? value > lo : value >= lo) && value <= hi;
        if (!in) throw refused(place, value + " is not in " + (lowOpen ? "(" : "[") + lo + ", " + hi + "]");
        return value;
    }

    /** Refuses any value of {@code values} that is NaN, infinite or negative, naming its row. */
    public static double[] requireNonNegative(String place, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && Double.isFinite(values[i]))) requireNonNegative(atRow(place, i), values[i]);
        }
        return values;
    }

    /** Refuses an integer (a count, an index or a code) outside {@code [lo, hi]}. */
    public static int requireInRange(String place, int value, int lo, int hi) {
        if (!(value >= lo && value <= hi)) throw refused(place, value + " is not in [" + lo + ", " + hi + "]");
        return value;
    }

    /** Refuses a value that is missing (NaN). */
    public static double requirePresent(String place, double value) {
        require(!Double.isNaN(value), place, "missing value");
        return value;
    }

    /** Refuses a count of values that differs from the {@code expected} number of {@code units} (rows, replicates). */
    public static void requireLength(String place, int length, int expected, String units) {
        if (length != expected) throw refused(place, length + " values for " + expected + " " + units);
    }

    /**
     * Refuses weights that are not given, not one per row, or not each a finite number of at least 0 (naming the
     * row): the check of the weights that calibration and trimming take.
     */
    public static double[] requireWeights(String place, double[] weights, int rows) {
        requireGiven(place, weights);
        requireLength(place, weights.length, rows, "rows");
        return requireNonNegative(place, weights);
    }

    /** Refuses a list in which a value occurs more than once, naming the value. */
    public static <T, L extends List<T>> L requireDistinct(String place, L values) {
        Set<T> seen = new HashSet<>();
        for (T v : values) if (!seen.add(v)) throw refused(place, "'" + v + "' is given twice");
        return values;
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
