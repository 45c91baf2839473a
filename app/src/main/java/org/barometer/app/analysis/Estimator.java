package org.barometer.app.analysis;

import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Design-based estimates from {@link Weights}: shares of domains with linearised standard errors that
 * honour the strata, the finite population correction and the calibration (influence values are replaced
 * by their residuals from the calibration variables, as R's {@code survey} does for calibrated designs),
 * intervals by the logit method (t quantile on the domain's degrees of freedom, as {@code svyciprop}), and the Rao–Scott second-order test of a two-way table
 * ({@code svychisq}'s default). All arrays are indexed by respondent, in the order of {@code Weights}.
 */
public final class Estimator {

    private final Weights weights;
    private final int strata;
    private final long[] respondentsInStratum;
    private final int degreesOfFreedom;
    private final double[][] scaledX;
    private final DMatrixRMaj projection;
    private final double[] rootD;
    private final double[] g;

    public Estimator(Weights weights) {
        this.weights = weights;
        int max = 0;
        for (int h : weights.varianceStratum()) {
            max = Math.max(max, h + 1);
        }
        this.strata = max;
        this.respondentsInStratum = new long[max];
        for (int h : weights.varianceStratum()) {
            respondentsInStratum[h]++;
        }
        int used = 0;
        for (long m : respondentsInStratum) {
            if (m > 0) {
                used++;
            }
        }
        this.degreesOfFreedom = weights.size() - used;
        int n = weights.size();
        if (weights.calibration() != null) {
            int k = weights.calibration()[0].length;
            rootD = new double[n];
            g = new double[n];
            scaledX = new double[n][k];
            DMatrixRMaj xtx = new DMatrixRMaj(k, k);
            for (int r = 0; r < n; r++) {
                rootD[r] = Math.sqrt(weights.beforeCalibration()[r]);
                g[r] = weights.weight()[r] / weights.beforeCalibration()[r];
                for (int a = 0; a < k; a++) {
                    scaledX[r][a] = weights.calibration()[r][a] * rootD[r];
                }
                for (int a = 0; a < k; a++) {
                    if (scaledX[r][a] == 0) {
                        continue;
                    }
                    for (int b = 0; b < k; b++) {
                        xtx.add(a, b, scaledX[r][a] * scaledX[r][b]);
                    }
                }
            }
            projection = new DMatrixRMaj(k, k);
            CommonOps_DDRM.pinv(xtx, projection);
        } else {
            rootD = null;
            g = null;
            scaledX = null;
            projection = null;
        }
    }

    public int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    public Weights weights() {
        return weights;
    }

    /** The weighted share of {@code yes} among respondents in {@code domain}, with its 95 % interval. */
    public Share share(boolean[] domain, boolean[] yes) {
        return share(domain, yes, 0.95);
    }

    public Share share(boolean[] domain, boolean[] yes, double level) {
        int n = weights.size();
        double[] w = weights.weight();
        double total = 0;
        double numerator = 0;
        long count = 0;
        long hits = 0;
        for (int r = 0; r < n; r++) {
            if (domain[r]) {
                total += w[r];
                count++;
                if (yes[r]) {
                    numerator += w[r];
                    hits++;
                }
            }
        }
        if (count == 0) {
            return new Share(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        double p = numerator / total;
        double[] z = new double[n];
        for (int r = 0; r < n; r++) {
            if (domain[r]) {
                z[r] = w[r] * ((yes[r] ? 1 : 0) - p) / total;
            }
        }
        double variance = covariance(new double[][] {calibrationResidual(z)})[0][0];
        double se = Math.sqrt(Math.max(variance, 0));
        double low;
        double high;
        if (p <= 0 || p >= 1 || se == 0) {
            low = p;
            high = p;
        } else {
            double t = TDistribution.of(Math.max(domainDegreesOfFreedom(domain), 1))
                    .inverseCumulativeProbability(1 - (1 - level) / 2);
            double logit = Math.log(p / (1 - p));
            double seLogit = se / (p * (1 - p));
            low = expit(logit - t * seLogit);
            high = expit(logit + t * seLogit);
        }
        return new Share(p, se, low, high, count, hits);
    }

    /** Respondents in the domain minus the strata they fall in, as R's {@code degf} of a domain. */
    int domainDegreesOfFreedom(boolean[] domain) {
        boolean[] seen = new boolean[strata];
        int units = 0;
        int used = 0;
        for (int r = 0; r < domain.length; r++) {
            if (domain[r]) {
                units++;
                int h = weights.varianceStratum()[r];
                if (!seen[h]) {
                    seen[h] = true;
                    used++;
                }
            }
        }
        return units - used;
    }

    private static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Influence values with their projection on the calibration variables removed (unchanged without calibration). */
    double[] calibrationResidual(double[] z) {
        if (projection == null) {
            return z;
        }
        int n = z.length;
        int k = projection.numRows;
        double[] xtu = new double[k];
        double[] u = new double[n];
        for (int r = 0; r < n; r++) {
            u[r] = z[r] / (g[r] * rootD[r]);
            for (int a = 0; a < k; a++) {
                xtu[a] += scaledX[r][a] * u[r];
            }
        }
        double[] beta = new double[k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                beta[a] += projection.get(a, b) * xtu[b];
            }
        }
        double[] e = new double[n];
        for (int r = 0; r < n; r++) {
            double fitted = 0;
            for (int a = 0; a < k; a++) {
                fitted += scaledX[r][a] * beta[a];
            }
            e[r] = (u[r] - fitted) * g[r] * rootD[r];
        }
        return e;
    }

    /**
     * The stratified with-replacement-within-stratum covariance of totals of influence values, with the
     * finite population correction: Σ_h (1 − m_h/N_h) m_h/(m_h − 1) Σ_i (e_hi − ē_h)(e_hi − ē_h)'.
     */
    double[][] covariance(double[][] influence) {
        int q = influence.length;
        int n = weights.size();
        int[] stratum = weights.varianceStratum();
        double[][] means = new double[strata][q];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < q; a++) {
                means[stratum[r]][a] += influence[a][r];
            }
        }
        for (int h = 0; h < strata; h++) {
            for (int a = 0; a < q; a++) {
                if (respondentsInStratum[h] > 0) {
                    means[h][a] /= respondentsInStratum[h];
                }
            }
        }
        double[][] sums = new double[q][q];
        double[][][] perStratum = new double[strata][][];
        for (int r = 0; r < n; r++) {
            int h = stratum[r];
            if (perStratum[h] == null) {
                perStratum[h] = new double[q][q];
            }
            for (int a = 0; a < q; a++) {
                double da = influence[a][r] - means[h][a];
                if (da == 0) {
                    continue;
                }
                for (int b = 0; b < q; b++) {
                    perStratum[h][a][b] += da * (influence[b][r] - means[h][b]);
                }
            }
        }
        for (int h = 0; h < strata; h++) {
            long m = respondentsInStratum[h];
            if (m < 2 || perStratum[h] == null) {
                continue;
            }
            double fpc = 1 - m / weights.stratumPopulation()[h];
            double factor = fpc * m / (m - 1.0);
            for (int a = 0; a < q; a++) {
                for (int b = 0; b < q; b++) {
                    sums[a][b] += factor * perStratum[h][a][b];
                }
            }
        }
        return sums;
    }

    /** The outcome of a Rao–Scott test. */
    public record TestResult(double statistic, double numeratorDf, double denominatorDf, double pValue) {
        public boolean significant(double level) {
            return pValue < level;
        }
    }

    /**
     * Rao–Scott second-order corrected Pearson test of independence of {@code row} and {@code col} among the
     * respondents in {@code in} (codes 0..rows−1 and 0..cols−1): the statistic X²/tr(Δ) on an F distribution
     * with d = tr(Δ)²/tr(Δ²) and d·ν degrees of freedom, ν the design's degrees of freedom.
     */
    public TestResult raoScott(int[] row, int[] col, boolean[] in, int rows, int cols) {
        int n = weights.size();
        double[] w = weights.weight();
        int cells = rows * cols;
        double total = 0;
        double[] cell = new double[cells];
        for (int r = 0; r < n; r++) {
            if (in[r]) {
                total += w[r];
                cell[row[r] + rows * col[r]] += w[r];
            }
        }
        // keep only the rows and columns that occur, as R does
        boolean[] rowUsed = new boolean[rows];
        boolean[] colUsed = new boolean[cols];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                if (cell[a + rows * b] > 0) {
                    rowUsed[a] = true;
                    colUsed[b] = true;
                }
            }
        }
        int[] rowIndex = compact(rowUsed);
        int[] colIndex = compact(colUsed);
        int nr = max(rowIndex);
        int nc = max(colIndex);
        if (nr < 2 || nc < 2) {
            return new TestResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        int k = nr * nc;
        double[] mean = new double[k];
        double[][] influence = new double[k][n];
        for (int r = 0; r < n; r++) {
            if (in[r]) {
                int c = rowIndex[row[r]] + nr * colIndex[col[r]];
                mean[c] += w[r] / total;
            }
        }
        for (int c = 0; c < k; c++) {
            double[] z = new double[n];
            for (int r = 0; r < n; r++) {
                if (in[r]) {
                    int own = rowIndex[row[r]] + nr * colIndex[col[r]];
                    z[r] = w[r] * ((own == c ? 1 : 0) - mean[c]) / total;
                }
            }
            influence[c] = calibrationResidual(z);
        }
        DMatrixRMaj v = new DMatrixRMaj(covariance(influence));

        // Cmat: the interaction columns of the saturated model, residualised on the main effects.
        DMatrixRMaj x1 = new DMatrixRMaj(k, nr + nc - 1);
        DMatrixRMaj x12 = new DMatrixRMaj(k, (nr - 1) * (nc - 1));
        for (int b = 0; b < nc; b++) {
            for (int a = 0; a < nr; a++) {
                int c = a + nr * b;
                x1.set(c, 0, 1);
                if (a > 0) {
                    x1.set(c, a, 1);
                }
                if (b > 0) {
                    x1.set(c, nr - 1 + b, 1);
                }
                if (a > 0 && b > 0) {
                    x12.set(c, (a - 1) + (nr - 1) * (b - 1), 1);
                }
            }
        }
        DMatrixRMaj hat = new DMatrixRMaj(nr + nc - 1, nr + nc - 1);
        CommonOps_DDRM.multTransA(x1, x1, hat);
        CommonOps_DDRM.invert(hat);
        DMatrixRMaj x1tX12 = new DMatrixRMaj(nr + nc - 1, x12.numCols);
        CommonOps_DDRM.multTransA(x1, x12, x1tX12);
        DMatrixRMaj coef = new DMatrixRMaj(nr + nc - 1, x12.numCols);
        CommonOps_DDRM.mult(hat, x1tX12, coef);
        DMatrixRMaj fitted = new DMatrixRMaj(k, x12.numCols);
        CommonOps_DDRM.mult(x1, coef, fitted);
        DMatrixRMaj cmat = new DMatrixRMaj(k, x12.numCols);
        CommonOps_DDRM.subtract(x12, fitted, cmat);

        DMatrixRMaj inverseD = new DMatrixRMaj(k, k);
        for (int c = 0; c < k; c++) {
            inverseD.set(c, c, mean[c] == 0 ? 0 : 1 / mean[c]);
        }
        double bigN = 0;
        for (int r = 0; r < n; r++) {
            if (in[r]) {
                bigN++;
            }
        }
        int d = x12.numCols;
        DMatrixRMaj tmp = new DMatrixRMaj(d, k);
        CommonOps_DDRM.multTransA(cmat, inverseD, tmp);
        DMatrixRMaj denominator = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(tmp, cmat, denominator);
        CommonOps_DDRM.scale(1 / bigN, denominator);
        DMatrixRMaj tmp2 = new DMatrixRMaj(d, k);
        CommonOps_DDRM.mult(tmp, v, tmp2);
        DMatrixRMaj tmp3 = new DMatrixRMaj(d, k);
        CommonOps_DDRM.mult(tmp2, inverseD, tmp3);
        DMatrixRMaj numerator = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(tmp3, cmat, numerator);
        DMatrixRMaj delta = new DMatrixRMaj(d, d);
        CommonOps_DDRM.solve(denominator, numerator, delta);
        double trace = CommonOps_DDRM.trace(delta);
        DMatrixRMaj delta2 = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(delta, delta, delta2);
        double d0 = trace * trace / CommonOps_DDRM.trace(delta2);

        // Pearson's X² on the weighted table scaled to the respondents in the table.
        double[] rowShare = new double[nr];
        double[] colShare = new double[nc];
        for (int b = 0; b < nc; b++) {
            for (int a = 0; a < nr; a++) {
                rowShare[a] += mean[a + nr * b];
                colShare[b] += mean[a + nr * b];
            }
        }
        double pearson = 0;
        for (int b = 0; b < nc; b++) {
            for (int a = 0; a < nr; a++) {
                double expected = bigN * rowShare[a] * colShare[b];
                double observed = bigN * mean[a + nr * b];
                pearson += (observed - expected) * (observed - expected) / expected;
            }
        }
        double f = pearson / trace;
        double ddf = d0 * degreesOfFreedom;
        double p = FDistribution.of(d0, ddf).survivalProbability(f);
        return new TestResult(f, d0, ddf, p);
    }

    private static int[] compact(boolean[] used) {
        int[] index = new int[used.length];
        int next = 0;
        for (int i = 0; i < used.length; i++) {
            index[i] = used[i] ? next++ : -1;
        }
        return index;
    }

    private static int max(int[] index) {
        int m = 0;
        for (int i : index) {
            m = Math.max(m, i + 1);
        }
        return m;
    }
}
