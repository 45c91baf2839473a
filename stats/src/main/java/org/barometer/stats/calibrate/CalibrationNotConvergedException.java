package org.barometer.stats.calibrate;

/**
 * An iterative calibration (raking or {@code grake}) stopped at its iteration limit without meeting its
 * stopping rule. R's survey package warns and returns the unconverged weights; we refuse and report the
 * remaining misfit instead.
 */
public final class CalibrationNotConvergedException extends CalibrationException {

    private final int iterations;
    private final double largestMisfit;

    CalibrationNotConvergedException(int iterations, double largestMisfit, String variable, String category,
            String message) {
        super(Problem.NOT_CONVERGED, variable, category, message);
        this.iterations = iterations;
        this.largestMisfit = largestMisfit;
    }

    /** @return the number of sweeps (raking) or Newton steps (calibration) made */
    public int iterations() {
        return iterations;
    }

    /**
     * @return the largest remaining misfit: for raking, in weight units between a margin's population total
     *     and the weighted sample total; for calibration, R's relative misfit |T - t| / (1 + |T|)
     */
    public double largestMisfit() {
        return largestMisfit;
    }
}
