package org.barometer.stats.calibrate;

/**
 * Settings of {@link Calibration#calibrate}, as the arguments of R's {@code calibrate()}: the calibration
 * function, bounds on the g-weights, the iteration limit and tolerance of {@code grake}, and optional
 * trimming of the g-weights.
 *
 * <p>As in R, linear calibration without finite bounds is solved directly (R's {@code regcalibrate}) and
 * ignores {@code trim}; {@link Calibration.Result#trimIgnored()} says when that happened.
 *
 * @param function  the distance function
 * @param lower     the lower bound on g ({@code -Infinity} for none)
 * @param upper     the upper bound on g ({@code +Infinity} for none)
 * @param maxit     the largest number of Newton steps (R's default 50)
 * @param epsilon   the relative tolerance |T - t| / (1 + |T|) on every total (R's default 1e-7)
 * @param trimLower the lower trimming limit on g, or NaN for no trimming
 * @param trimUpper the upper trimming limit on g, or NaN for no trimming
 * @param acceptUnconverged return the weights of the last iteration (flagged) when the iteration does not
 *     converge, as R's {@code force = TRUE}, instead of refusing
 */
public record CalibrationOptions(CalibrationFunction function, double lower, double upper, int maxit, double epsilon,
        double trimLower, double trimUpper, boolean acceptUnconverged) {

    /** Validates the settings. */
    public CalibrationOptions {
        if (function == null) {
            throw CalibrationException.invalid("a calibration function is required");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "calibration bounds must satisfy lower < upper, got [" + lower + ", " + upper + "]");
        }
        if (!(lower <= 1 && upper >= 1)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "calibration bounds [" + lower + ", " + upper + "] must contain g = 1");
        }
        if (function == CalibrationFunction.LOGIT && !(Double.isFinite(lower) && Double.isFinite(upper)
                && lower < 1 && upper > 1)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "logit calibration needs finite bounds with lower < 1 < upper, got [" + lower + ", " + upper + "]");
        }
        if (maxit < 1) {
            throw CalibrationException.invalid("calibration needs maxit >= 1, got " + maxit);
        }
        if (!(epsilon > 0)) {
            throw CalibrationException.invalid("calibration epsilon must be positive, got " + epsilon);
        }
        if (Double.isNaN(trimLower) != Double.isNaN(trimUpper) || (!Double.isNaN(trimLower) && !(trimLower < trimUpper))) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "trimming limits must both be given with lower < upper, got [" + trimLower + ", " + trimUpper + "]");
        }
    }

    /** @return R's defaults for {@code function}: no bounds, maxit 50, epsilon 1e-7, no trimming */
    public static CalibrationOptions of(CalibrationFunction function) {
        return new CalibrationOptions(function, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 50, 1e-7, Double.NaN,
                Double.NaN, false);
    }

    /** @return linear (GREG) calibration with R's defaults */
    public static CalibrationOptions linear() {
        return of(CalibrationFunction.LINEAR);
    }

    /** @return raking-ratio calibration with R's defaults */
    public static CalibrationOptions raking() {
        return of(CalibrationFunction.RAKING);
    }

    /** @return logit calibration with bounds {@code [lower, upper]} on g */
    public static CalibrationOptions logit(double lower, double upper) {
        return new CalibrationOptions(CalibrationFunction.LOGIT, lower, upper, 50, 1e-7, Double.NaN, Double.NaN, false);
    }

    /** @return these options with bounds {@code [lower, upper]} on g */
    public CalibrationOptions withBounds(double lo, double up) {
        return new CalibrationOptions(function, lo, up, maxit, epsilon, trimLower, trimUpper, acceptUnconverged);
    }

    /** @return these options with the iteration limit {@code maxit} */
    public CalibrationOptions withMaxit(int m) {
        return new CalibrationOptions(function, lower, upper, m, epsilon, trimLower, trimUpper, acceptUnconverged);
    }

    /** @return these options with the tolerance {@code epsilon} */
    public CalibrationOptions withEpsilon(double e) {
        return new CalibrationOptions(function, lower, upper, maxit, e, trimLower, trimUpper, acceptUnconverged);
    }

    /** @return these options trimming g to {@code [lo, up]} with R's redistribution */
    public CalibrationOptions withTrim(double lo, double up) {
        return new CalibrationOptions(function, lower, upper, maxit, epsilon, lo, up, acceptUnconverged);
    }

    /**
     * @return these options returning the last iteration's weights, flagged as unconverged, when the
     *     iteration does not converge (R's {@code force = TRUE}) instead of refusing
     */
    public CalibrationOptions acceptingUnconverged() {
        return new CalibrationOptions(function, lower, upper, maxit, epsilon, trimLower, trimUpper, true);
    }

    /** @return whether trimming limits were given */
    public boolean hasTrim() {
        return !Double.isNaN(trimLower);
    }

    /** @return whether R would solve this directly ({@code regcalibrate}): linear without finite bounds */
    boolean isDirectLinear() {
        return function == CalibrationFunction.LINEAR && lower == Double.NEGATIVE_INFINITY
                && upper == Double.POSITIVE_INFINITY;
    }
}
