/**
 * The numerics R runs under the estimates, operation for operation: the dense least squares of {@code qr()},
 * {@code lm.fit} and {@code glm.fit} (LINPACK's {@code dqrdc2}, {@code dqrsl} and {@code dqrls} on the reference
 * BLAS, {@link org.barometer.stats.numeric.LinpackQr}), in one place for the designs' ranks, the calibration's
 * regression residuals and the model fits; and the exponential of the C library R calls
 * ({@link org.barometer.stats.numeric.GlibcExp}). Where a column is on the edge of the tolerance, or a fit is flat
 * along a coefficient, R's answer hangs on the last digits of these routines, so their order of operations and
 * their rounding are kept.
 */
package org.barometer.stats.numeric;
