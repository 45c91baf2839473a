package org.barometer.stats.calibrate;

import org.barometer.stats.design.CalibrationStep;
import org.barometer.stats.numeric.LinpackQr;

/**
 * The variance contribution of calibration to population totals, as R's {@code svyrecvar} treats a
 * {@code greg_calibration} entry of stage 0: with the QR of {@code X D^{1/2}} (D the weights before
 * calibration) and {@code w = g * sqrt(d)},
 * <pre>
 *   x  &lt;-  qr.resid(QR, x / w) * w
 * </pre>
 * i.e. the weighted influence values are replaced by their residuals from the calibration model.
 * Rows with {@code w = 0} keep 0 (R would give NaN).
 */
public final class GregAdjustment implements CalibrationStep {

    private final LinpackQr qr;
    private final double[] w;

    GregAdjustment(LinpackQr qr, double[] w) {
        this.qr = qr;
        this.w = w;
    }

    @Override
    public double[][] residuals(double[][] influence) {
        int n = w.length;
        double[] z = new double[n];
        for (double[] x : influence) {
            if (x.length != n) {
                throw CalibrationException.invalid("influence values have " + x.length + " rows, the design " + n);
            }
            for (int i = 0; i < n; i++) {
                z[i] = w[i] == 0 ? 0 : x[i] / w[i];
            }
            double[] r = qr.residuals(z);
            for (int i = 0; i < n; i++) {
                x[i] = r[i] * w[i];
            }
        }
        return influence;
    }
}
