package org.barometer.stats.design;

/**
 * One calibration applied to a design (post-stratification, raking, GREG calibration, ...), as it matters to
 * the variance: the replacement of influence values by residuals, exactly like an entry of R's
 * {@code design$postStrata} inside {@code svyrecvar}.
 *
 * <h2>Contract</h2>
 * Before computing a Taylor variance, the variance engine calls {@link #residuals(double[][])} of every step of
 * the design, in the order the steps were added ({@link Design#calibrationSteps()}), passing the result of one
 * step to the next. The argument is the influence matrix in column form: {@code x[j][i]} is the value of
 * estimate {@code j} at data row {@code i} (0-based, all rows of the design, including rows outside the domain
 * or with missing values, which hold 0), <em>already multiplied by the weights</em> exactly as R's
 * {@code svyrecvar} receives it (for a total: {@code y * w}; for a mean: {@code (y - mean) * w / sum(w)}). The
 * step returns a matrix of the same shape with the residuals (it may overwrite {@code x} and return it). It must
 * be a pure function of its input and its own immutable state; it is called from several threads.
 *
 * <p>The calibration package makes one per calibration (post-stratification, raking, calibration to totals);
 * they are immutable and may be applied to many influence matrices.
 *
 * <p>Steps are applied to the whole sample before the stage-by-stage variance (R's stage-0 calibrations);
 * calibration to cluster-level totals at a later stage is not supported.
 */
public interface CalibrationStep {
    /** Replaces the weighted influence columns by their calibration residuals. */
    double[][] residuals(double[][] x);
}
