/**
 * The dense least squares R runs under {@code qr()}, {@code lm.fit} and {@code glm.fit}: LINPACK's {@code dqrdc2},
 * {@code dqrsl} and {@code dqrls} on the reference BLAS, in one place for the designs' ranks, the calibration's
 * residuals and the model fits. Where a column is on the edge of the tolerance, or a fit is flat along a
 * coefficient, R's answer hangs on the last digits of these routines, so their order of operations is kept.
 */
package org.barometer.stats.linpack;
