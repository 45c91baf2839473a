package org.barometer.stats.calibrate;

import org.barometer.stats.design.CalibrationStep;

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
public final class RakingAdjustment implements CalibrationStep {

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

    /**
     * Above this many cells in the margins' cross-tables the sweeps run over the rows instead (a margin with
     * thousands of categories would make the tables larger than the rows).
     */
    static final long MAX_CROSS_CELLS = 1 << 20;

    /**
     * The design-fixed part of the sweeps in category space: {@code cross[k][l][j][j']} is the sum, over rows
     * in category j of margin k and j' of margin l whose weight after margin k is not 0, of
     * {@code w^(l) / w^(k)}; and {@code counts[k][j]} the rows in category j of margin k (R's {@code ave}
     * divides by all of them).
     */
    private record CrossTables(int[][] counts, double[][][][] cross) {}

    private volatile CrossTables crossTables;

    private CrossTables crossTables() {
        CrossTables t = crossTables;
        if (t == null) {
            int nm = margins.length;
            double[][] psw = marginWeights();
            int[][] counts = new int[nm][];
            for (int k = 0; k < nm; k++) {
                counts[k] = new int[margins[k].levels().length];
                for (int code : margins[k].codes()) {
                    counts[k][code]++;
                }
            }
            double[][][][] cross = null;
            if (crossCells(counts) <= MAX_CROSS_CELLS) {
                cross = new double[nm][nm][][];
                for (int k = 0; k < nm; k++) {
                    int[] ck = margins[k].codes();
                    double[] wk = psw[k];
                    for (int l = 0; l < nm; l++) {
                        int[] cl = margins[l].codes();
                        double[] wl = psw[l];
                        double[][] m = new double[counts[k].length][counts[l].length];
                        for (int i = 0; i < wk.length; i++) {
                            if (wk[i] != 0) {
                                m[ck[i]][cl[i]] += wl[i] / wk[i];
                            }
                        }
                        cross[k][l] = m;
                    }
                }
            }
            t = new CrossTables(counts, cross);
            crossTables = t;
        }
        return t;
    }

    private static long crossCells(int[][] counts) {
        long levels = 0;
        for (int[] c : counts) {
            levels += c.length;
        }
        return levels * levels;
    }

    /**
     * Runs R's ten sweeps. Every step subtracts {@code w^(k)} times a value per category of margin k, so after
     * any number of steps {@code x = x0 - sum_k w^(k) * a_k[category of margin k]}; the category sums of
     * {@code x / w^(k)} a step needs are then {@code sums0_k - sum_l cross[k][l] a_l}, known without reading
     * the rows. So each column is read once for {@code sums0} and written once at the end, instead of once per
     * step, with the same arithmetic up to rounding order.
     */
    @Override
    public double[][] residuals(double[][] influence) {
        int n = finalWeights.length;
        for (double[] x : influence) {
            if (x.length != n) {
                throw CalibrationException.invalid("influence values have " + x.length + " rows, the design " + n);
            }
        }
        CrossTables tables = crossTables();
        double[][] psw = marginWeights();
        for (double[] x : influence) {
            if (tables.cross() == null) {
                adjustByRows(x, psw, tables.counts());
            } else {
                adjustInCategories(x, psw, tables);
            }
        }
        return influence;
    }

    /** The sweeps run over the rows, step by step as R does (the path for margins with very many categories). */
    void adjustByRows(double[][] influence) {
        CrossTables tables = crossTables();
        double[][] psw = marginWeights();
        for (double[] x : influence) {
            adjustByRows(x, psw, tables.counts());
        }
    }

    private void adjustInCategories(double[] x, double[][] psw, CrossTables tables) {
        int n = x.length;
        int nm = margins.length;
        int[][] counts = tables.counts();
        double[][][][] cross = tables.cross();
        int[][] codes = new int[nm][];
        double[][] sums0 = new double[nm][];
        double[][] a = new double[nm][];
        for (int k = 0; k < nm; k++) {
            codes[k] = margins[k].codes();
            sums0[k] = new double[counts[k].length];
            a[k] = new double[counts[k].length];
        }
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            for (int k = 0; k < nm; k++) {
                double wki = psw[k][i];
                if (wki != 0) {
                    sums0[k][codes[k][i]] += xi / wki;
                }
            }
        }
        int steps = VARIANCE_ITERATIONS * nm;
        for (int step = 0; step < steps; step++) {
            int k = step % nm;
            int[] count = counts[k];
            double[] mean = new double[count.length];
            for (int j = 0; j < count.length; j++) {
                if (count[j] == 0) {
                    continue;
                }
                double s = sums0[k][j];
                for (int l = 0; l < nm; l++) {
                    double[] m = cross[k][l][j];
                    double[] al = a[l];
                    for (int j2 = 0; j2 < al.length; j2++) {
                        s -= m[j2] * al[j2];
                    }
                }
                mean[j] = s / count[j];
            }
            for (int j = 0; j < count.length; j++) {
                a[k][j] += mean[j];
            }
        }
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            for (int k = 0; k < nm; k++) {
                xi -= psw[k][i] * a[k][codes[k][i]];
            }
            x[i] = xi;
        }
    }

    /** The sweeps as R writes them, one pass over the rows per step. */
    private void adjustByRows(double[] x, double[][] psw, int[][] counts) {
        int n = x.length;
        int nm = margins.length;
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
