package org.barometer.stats.calibrate;

/**
 * The variance contribution of raking, as R's {@code svyrecvar} treats a {@code "raking"} entry: the
 * margins of the last sweep, each with the weights {@code w^(k)} it produced, are applied as successive
 * post-stratifications, ten times over:
 * <pre>
 *   repeat 10 times: for each margin k:  x_i  &lt;-  x_i - w^(k)_i * mean_{j in h_k(i)} ( x_j / w^(k)_j )
 * </pre>
 * (an unweighted mean within the category, exactly as R's {@code ave}). The weights after margin k are
 * recovered from the final weights and the ratios the later margins applied, so no copy per margin is
 * kept with the design. Rows whose weight is 0 contribute 0 to the means (R would give NaN).
 */
public final class RakingAdjustment implements InfluenceAdjustment {

    /** R runs the successive post-stratifications of the variance a fixed ten times. */
    static final int VARIANCE_ITERATIONS = 10;

    private final CodedFactor[] margins;
    private final double[] finalWeights;
    private final double[][] lastRatios;

    RakingAdjustment(CodedFactor[] margins, double[] finalWeights, double[][] lastRatios) {
        this.margins = margins;
        this.finalWeights = finalWeights;
        this.lastRatios = lastRatios;
    }

    /** @return the weights after margin {@code k} of the last sweep */
    double[] weightsAfterMargin(int k) {
        int n = finalWeights.length;
        double[] w = finalWeights.clone();
        for (int j = margins.length - 1; j > k; j--) {
            int[] c = margins[j].codes();
            double[] r = lastRatios[j];
            for (int i = 0; i < n; i++) {
                w[i] /= r[c[i]];
            }
        }
        return w;
    }

    @Override
    public void adjust(double[][] influence) {
        int n = finalWeights.length;
        double[][] psw = new double[margins.length][];
        for (int k = 0; k < margins.length; k++) {
            psw[k] = weightsAfterMargin(k);
        }
        int[][] counts = new int[margins.length][];
        for (int k = 0; k < margins.length; k++) {
            counts[k] = new int[margins[k].levels().length];
            for (int code : margins[k].codes()) {
                counts[k][code]++;
            }
        }
        for (double[] x : influence) {
            if (x.length != n) {
                throw CalibrationException.invalid("influence values have " + x.length + " rows, the design " + n);
            }
            for (int it = 0; it < VARIANCE_ITERATIONS; it++) {
                for (int k = 0; k < margins.length; k++) {
                    int[] c = margins[k].codes();
                    double[] wk = psw[k];
                    double[] sums = new double[counts[k].length];
                    for (int i = 0; i < n; i++) {
                        if (wk[i] != 0) {
                            sums[c[i]] += x[i] / wk[i];
                        }
                    }
                    for (int j = 0; j < sums.length; j++) {
                        sums[j] = counts[k][j] == 0 ? 0 : sums[j] / counts[k][j];
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] -= wk[i] * sums[c[i]];
                    }
                }
            }
        }
    }
}
