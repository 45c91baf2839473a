package org.barometer.stats.calibrate;

import java.util.Arrays;
import org.barometer.stats.design.CalibrationStep;

/**
 * The variance contribution of one post-stratification, as R's {@code svyrecvar} treats an ordinary
 * {@code postStrata} entry: with old weights {@code d}, new weights {@code w} and post-stratum h(i),
 * <pre>
 *   x_i  &lt;-  x_i - w_i * ( sum_{j in h(i)} x_j d_j / w_j ) / ( sum_{j in h(i)} d_j )
 * </pre>
 * (rows where both weights are 0 use {@code w = 1}, as R does).
 */
public final class PostStratumAdjustment implements CalibrationStep {

    private final int[] codes;
    private final int levels;
    private final double[] oldWeights;
    private final double[] newWeights;

    PostStratumAdjustment(CodedFactor strata, double[] oldWeights, double[] newWeights) {
        this.codes = strata.codes();
        this.levels = strata.levels().length;
        this.oldWeights = oldWeights;
        this.newWeights = newWeights;
    }

    @Override
    public double[][] residuals(double[][] influence) {
        int n = codes.length;
        double[] oldSum = new double[levels];
        for (int i = 0; i < n; i++) {
            oldSum[codes[i]] += oldWeights[i];
        }
        double[] sums = new double[levels];
        for (double[] x : influence) {
            if (x.length != n) {
                throw CalibrationException.invalid("influence values have " + x.length + " rows, the design " + n);
            }
            Arrays.fill(sums, 0.0);
            for (int i = 0; i < n; i++) {
                sums[codes[i]] += x[i] * oldWeights[i] / psw(i);
            }
            for (int i = 0; i < n; i++) {
                x[i] -= sums[codes[i]] / oldSum[codes[i]] * psw(i);
            }
        }
        return influence;
    }

    private double psw(int i) {
        double w = newWeights[i];
        return w == 0 && oldWeights[i] == 0 ? 1.0 : w;
    }
}
