package org.barometer.stats.calibrate;

/**
 * What a calibration contributes to the variance: it replaces the weighted influence values by their
 * residuals from the calibration model, as R's {@code svyrecvar} does with each entry of
 * {@code design$postStrata} before the design-based variance is taken.
 *
 * <p>Implementations are immutable and may be applied to many influence matrices.
 */
public interface InfluenceAdjustment {

    /**
     * Replaces, in place, each column of weighted influence values by its calibration residual.
     *
     * @param influence columns of weighted influence values, {@code influence[k][i]} for statistic k and
     *     row i; every column has one value per sample row
     */
    void adjust(double[][] influence);
}
