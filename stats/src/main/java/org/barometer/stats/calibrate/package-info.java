/**
 * Calibration of survey weights, ported from R's survey package: post-stratification
 * ({@link org.barometer.stats.calibrate.PostStratification}), raking on several margins
 * ({@link org.barometer.stats.calibrate.Raking}), calibration to totals of a model matrix with linear,
 * raking or logit distance, bounds and trimming ({@link org.barometer.stats.calibrate.Calibration}), and
 * weight trimming ({@link org.barometer.stats.calibrate.WeightTrimming}).
 *
 * <p>The algorithms work on primitive arrays (int-coded factors, {@code double} weights) and return new
 * weights together with what the calibration means for the variance: an
 * {@link org.barometer.stats.design.CalibrationStep} that replaces weighted influence values by
 * calibration residuals as R's {@code svyrecvar} does. {@link org.barometer.stats.calibrate.DesignCalibration}
 * applies them to whole designs (Taylor and replicate).
 *
 * <p>Where R warns and carries on — raking or calibration that does not converge, replicates that fail —
 * these classes refuse with a {@link org.barometer.stats.calibrate.CalibrationException} that names the
 * variable, category or replicate and reports the remaining misfit.
 */
package org.barometer.stats.calibrate;
