package org.barometer.stats.calibrate;

/**
 * Trimming of weights to {@code [lower, upper]}, ported from R survey's {@code trimWeights.survey.design2}:
 * weights outside the limits are set to the limit and the total cut off (or added) is shared equally among
 * the weights that were inside, so the sum of weights is kept. With {@code strict} the trimming is repeated
 * until no weight is outside (the sharing can push weights over a limit).
 *
 * <p>Trimming changes only the weights: the variance keeps the calibration steps the design already had,
 * as in R.
 */
public final class WeightTrimming {

    /** A safety net for {@code strict} trimming; each round moves at least one weight to a limit. */
    private static final int MAX_ROUNDS = 10_000;

    private WeightTrimming() {
    }

    /**
     * @param weights the weights (not modified)
     * @param lower   the lower limit ({@code -Infinity} for none)
     * @param upper   the upper limit ({@code +Infinity} for none)
     * @param strict  repeat until no weight is outside the limits
     * @return the trimmed weights (a fresh array; equal to the input when nothing is outside)
     * @throws CalibrationException when the limits are not ordered, or cannot hold the total weight
     */
    public static double[] trim(double[] weights, double lower, double upper, boolean strict) {
        return trim(weights, lower, upper, strict, false);
    }

    /**
     * As {@link #trim(double[], double, double, boolean)}; with {@code keepZeros} rows of weight 0 take no
     * part (they stay 0 and receive nothing), as needed for replicate weights, where 0 marks a unit left out
     * of the replicate.
     */
    static double[] trim(double[] weights, double lower, double upper, boolean strict, boolean keepZeros) {
        // negative weights (from linear calibration) are allowed: trimming is how they are removed
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw CalibrationException.invalid("weights must be finite; row " + (i + 1) + " has " + weights[i]);
            }
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower <= upper)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "trimming limits must satisfy lower <= upper, got [" + lower + ", " + upper + "]");
        }
        double total = 0;
        int n = 0;
        boolean[] skip = new boolean[weights.length];
        for (int i = 0; i < weights.length; i++) {
            skip[i] = keepZeros && weights[i] == 0;
            if (!skip[i]) {
                total += weights[i];
                n++;
            }
        }
        if (strict && (total > n * upper || total < n * lower)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "the total weight " + total + " of " + n + " rows cannot be kept with every weight in ["
                            + lower + ", " + upper + "]");
        }
        double[] w = weights.clone();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (!trimOnce(w, skip, lower, upper) || !strict) {
                return w;
            }
        }
        throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                "strict trimming to [" + lower + ", " + upper + "] did not settle after " + MAX_ROUNDS + " rounds");
    }

    /** One round of R's trimming; returns false when no weight was outside. */
    private static boolean trimOnce(double[] pw, boolean[] skip, double lower, double upper) {
        int inside = 0;
        int taking = 0;
        double trimmings = 0;
        boolean[] outside = new boolean[pw.length];
        for (int i = 0; i < pw.length; i++) {
            if (skip[i]) {
                continue;
            }
            taking++;
            outside[i] = pw[i] < lower || pw[i] > upper;
            if (outside[i]) {
                double nw = Math.max(lower, Math.min(pw[i], upper));
                trimmings += pw[i] - nw;
                pw[i] = nw;
            } else {
                inside++;
            }
        }
        if (inside == taking) {
            return false;
        }
        if (inside == 0) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "every weight is outside the trimming limits [" + lower + ", " + upper + "]");
        }
        double add = trimmings / inside;
        for (int i = 0; i < pw.length; i++) {
            if (!outside[i] && !skip[i]) {
                pw[i] += add;
            }
        }
        return true;
    }
}
