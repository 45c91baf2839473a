package org.barometer.app.analysis;

/**
 * How to weight: the calibration method, optional trimming and convergence limits.
 *
 * @param method            raking (iterative proportional fitting, R's {@code rake}) or linear (GREG, R's
 *                          {@code calibrate}) calibration, or none
 * @param trimAbove         weights above this multiple of the mean weight are trimmed, the excess shared among the
 *                          others (0 = no trimming)
 * @param minRespondents    a non-response group with fewer respondents is merged with its neighbour
 * @param tolerance         raking stops when a sweep changes no cell of the margins' joint table by this fraction
 *                          of the total weight or more (the engine's {@code RakeControl.converged}); it is refused
 *                          when the margins are then still not met
 * @param maxIterations     raking gives up after this many sweeps
 */
public record WeightingOptions(Method method, double trimAbove, int minRespondents, double tolerance,
                               int maxIterations) {

    /** Calibration methods. */
    public enum Method { NONE, RAKING, LINEAR }

    public static WeightingOptions defaults() {
        return new WeightingOptions(Method.RAKING, 0, 2, 1e-10, 200);
    }

    public WeightingOptions withMethod(Method m) {
        return new WeightingOptions(m, trimAbove, minRespondents, tolerance, maxIterations);
    }

    public WeightingOptions withTrimAbove(double t) {
        return new WeightingOptions(method, t, minRespondents, tolerance, maxIterations);
    }

    public WeightingOptions withMinRespondents(int n) {
        return new WeightingOptions(method, trimAbove, n, tolerance, maxIterations);
    }
}
