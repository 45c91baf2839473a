package org.barometer.stats.calibrate;

import org.barometer.stats.design.CalibrationStep;

/**
 * What a calibration contributes to the variance: it replaces the weighted influence values by their
 * residuals from the calibration model, as R's {@code svyrecvar} does with each entry of
 * {@code design$postStrata} before the design-based variance is taken.
 *
 * <p>Implementations are immutable, thread-safe and may be applied to many influence matrices; each is a
 * {@link CalibrationStep} of a {@link org.barometer.stats.design.Design}.
 */
public interface InfluenceAdjustment extends CalibrationStep {

    /**
     * Replaces, in place, each column of weighted influence values by its calibration residual.
     *
     * @param influence columns of weighted influence values, {@code influence[k][i]} for statistic k and
     *     row i; every column has one value per sample row
     */
    void adjust(double[][] influence);

    /** {@link CalibrationStep}'s form: adjusts {@code x} in place and returns it. */
    @Override
    default double[][] residuals(double[][] x) {
        adjust(x);
        return x;
    }
}
