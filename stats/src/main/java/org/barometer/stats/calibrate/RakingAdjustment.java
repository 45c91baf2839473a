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

    /** The weights after each margin of the last sweep, computed on first use (8 bytes per row and margin). */
    private volatile double[][] marginWeights;

    private double[][] marginWeights() {
        double[][] psw = marginWeights;
        if (psw == null) {
            psw = new double[margins.length][];
            for (int k = 0; k < margins.length; k++) {
                psw[k] = weightsAfterMargin(k);
            }
            marginWeights = psw;
        }
        return psw;
    }

    @Override
    public void adjust(double[][] influence) {
        int n = finalWeights.length;
        int nm = margins.length;
        double[][] psw = marginWeights();
        int[][] counts = new int[nm][];
        for (int k = 0; k < nm; k++) {
            counts[k] = new int[margins[k].levels().length];
            for (int code : margins[k].codes()) {
                counts[k][code]++;
            }
        }
        for (double[] x : influence) {
            if (x.length != n) {
                throw CalibrationException.invalid("influence values have " + x.length + " rows, the design " + n);
            }
            // each step: subtract margin k's category means (known from the pass before) and, in the same
            // pass, sum x / w for the next margin's means
            double[] sums = categorySums(x, psw[0], margins[0].codes(), counts[0].length);
            int steps = VARIANCE_ITERATIONS * nm;
            for (int step = 0; step < steps; step++) {
                int k = step % nm;
                int[] c = margins[k].codes();
                double[] wk = psw[k];
                double[] mean = new double[sums.length];
                for (int j = 0; j < mean.length; j++) {
                    mean[j] = counts[k][j] == 0 ? 0 : sums[j] / counts[k][j];
                }
                if (step == steps - 1) {
                    for (int i = 0; i < n; i++) {
                        x[i] -= wk[i] * mean[c[i]];
                    }
                    break;
                }
                int k2 = (step + 1) % nm;
                int[] c2 = margins[k2].codes();
                double[] w2 = psw[k2];
                double[] next = new double[counts[k2].length];
                for (int i = 0; i < n; i++) {
                    double xi = x[i] - wk[i] * mean[c[i]];
                    x[i] = xi;
                    if (w2[i] != 0) {
                        next[c2[i]] += xi / w2[i];
                    }
                }
                sums = next;
            }
        }
    }

    private static double[] categorySums(double[] x, double[] w, int[] codes, int levels) {
        double[] sums = new double[levels];
        for (int i = 0; i < x.length; i++) {
            if (w[i] != 0) {
                sums[codes[i]] += x[i] / w[i];
            }
        }
        return sums;
    }
}
