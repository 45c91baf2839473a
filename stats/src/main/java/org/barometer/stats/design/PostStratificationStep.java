package org.barometer.stats.design;

import org.barometer.stats.SurveyInputException;

/**
 * The variance side of ordinary post-stratification (R's {@code postStratify}): with {@code w} the weights after
 * and {@code w0} the weights before post-stratification, each influence column is replaced by
 * <pre>x[i] - w[i] * m[g(i)],   m[g] = sum_{i in g} (x[i] * w0[i] / w[i]) / sum_{i in g} w0[i]</pre>
 * where {@code g(i)} is the post-stratum of row {@code i} ({@code svyrecvar}'s residual step; rows whose old and
 * new weights are both 0 use {@code w = 1} to avoid 0/0, as R does).
 *
 * @param postStratum post-stratum code (0..count-1) per data row
 * @param count number of post-strata
 * @param weights weights after post-stratification, per row
 * @param oldWeights weights before post-stratification, per row
 */
public record PostStratificationStep(int[] postStratum, int count, double[] weights, double[] oldWeights)
        implements CalibrationStep {

    /** Checks lengths and codes; arrays are copied so the step stays immutable. */
    public PostStratificationStep {
        if (postStratum.length != weights.length || weights.length != oldWeights.length) {
            throw new SurveyInputException("post-stratification: post-stratum codes, weights and old weights must have"
                    + " one value per row");
        }
        for (int i = 0; i < postStratum.length; i++) {
            if (postStratum[i] < 0 || postStratum[i] >= count) {
                throw new SurveyInputException("post-stratification: row " + (i + 1) + " has no post-stratum");
            }
        }
        postStratum = postStratum.clone();
        weights = weights.clone();
        oldWeights = oldWeights.clone();
    }

    @Override
    public double[][] residuals(double[][] x) {
        int n = postStratum.length;
        double[] oldSum = new double[count];
        for (int i = 0; i < n; i++) oldSum[postStratum[i]] += oldWeights[i];
        for (double[] col : x) {
            double[] sums = new double[count];
            for (int i = 0; i < n; i++) {
                double psw = weights[i] == 0 && oldWeights[i] == 0 ? 1 : weights[i];
                sums[postStratum[i]] += col[i] * oldWeights[i] / psw;
            }
            for (int g = 0; g < count; g++) sums[g] /= oldSum[g];
            for (int i = 0; i < n; i++) {
                double psw = weights[i] == 0 && oldWeights[i] == 0 ? 1 : weights[i];
                col[i] -= sums[postStratum[i]] * psw;
            }
        }
        return x;
    }
}
