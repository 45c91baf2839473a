package org.barometer.stats.calibrate;

/**
 * When raking stops, as in R's {@code rake(control = list(maxit, epsilon))}: after each sweep over all
 * margins the weighted joint table of the margin variables is compared with the one before the sweep;
 * raking has converged when no cell changed by {@code epsilon} or more. An {@code epsilon} below 1 is
 * relative: it is multiplied by the sum of the starting weights (R's rule).
 *
 * <p>There is deliberately no implicit default. {@link #rDefault()} is R's default rule (a change of one
 * weight unit, at most 10 sweeps), which stops before the margins are met exactly;
 * {@link #converged(double, int)} asks for a tight rule. Either way the result records the remaining
 * misfit. Raking is refused when it does not meet its rule within {@code maxSweeps}, or when it meets the
 * rule with a margin still far from its population (more than ten times the threshold, or ten times what the
 * last change could account for: the weights then cycle between margins that cannot hold together) — unless {@link #acceptingUnconverged()} asks for R's behaviour of
 * returning such weights, in which case the result says it did not converge.
 *
 * @param maxSweeps           the largest number of sweeps over all margins (R's {@code maxit})
 * @param epsilon             the stopping threshold (R's {@code epsilon})
 * @param acceptUnconverged   return unconverged weights (flagged) instead of refusing, as R does with a warning
 */
public record RakeControl(int maxSweeps, double epsilon, boolean acceptUnconverged) {

    /** Validates the settings. */
    public RakeControl {
        if (maxSweeps < 1) {
            throw CalibrationException.invalid("raking needs at least one sweep, got maxSweeps=" + maxSweeps);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw CalibrationException.invalid("raking epsilon must be a positive number, got " + epsilon);
        }
    }

    /** A rule that refuses unconverged raking. */
    public RakeControl(int maxSweeps, double epsilon) {
        this(maxSweeps, epsilon, false);
    }

    /** @return the same rule, returning unconverged weights flagged as such instead of refusing them */
    public RakeControl acceptingUnconverged() {
        return new RakeControl(maxSweeps, epsilon, true);
    }

    /** @return R's default rule: stop when no joint-table cell changes by 1 weight unit; at most 10 sweeps */
    public static RakeControl rDefault() {
        return new RakeControl(10, 1.0);
    }

    /**
     * @param relativeEpsilon a threshold below 1, relative to the total weight (e.g. 1e-10)
     * @param maxSweeps       the largest number of sweeps
     * @return a rule that rakes until the margins are met to {@code relativeEpsilon}
     */
    public static RakeControl converged(double relativeEpsilon, int maxSweeps) {
        if (!(relativeEpsilon < 1)) {
            throw CalibrationException.invalid("a relative raking epsilon must be below 1, got " + relativeEpsilon);
        }
        return new RakeControl(maxSweeps, relativeEpsilon);
    }

    /** @return the absolute threshold in weight units for starting weights summing to {@code totalWeight} */
    double threshold(double totalWeight) {
        return epsilon < 1 ? epsilon * totalWeight : epsilon;
    }
}
