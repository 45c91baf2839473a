package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;
import org.barometer.stats.numeric.LinpackQr;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Tests of association in a two-way table (R's {@code svychisq}) and weighted tables ({@code svytable}).
 *
 * <p>With {@code X2} Pearson's statistic of the table of estimated counts rescaled to {@code N} = number of rows,
 * and {@code Delta} the Rao–Scott design-effect matrix of the interaction contrasts:
 * <ul>
 *   <li>{@link Kind#F} (default): {@code F = X2 / tr(Delta)} on {@code d0 = tr(Delta)^2 / tr(Delta^2)} and
 *       {@code d0 * nu} degrees of freedom (second-order Rao–Scott), {@code nu} = PSUs − strata;</li>
 *   <li>{@link Kind#CHISQ}: {@code X2 / mean(diag(Delta))} against chi-squared on (r−1)(c−1) df (first order);
 *       the reported statistic is {@code X2}, as R reports it;</li>
 *   <li>{@link Kind#WALD} and {@link Kind#ADJ_WALD}: Wald tests of the interaction contrasts of the cell totals.</li>
 * </ul>
 *
 * @param kind the statistic
 * @param statistic its value
 * @param numeratorDf first degrees of freedom
 * @param denominatorDf second degrees of freedom (NaN for {@link Kind#CHISQ})
 * @param pValue upper tail probability
 */
public record TableAssociation(Kind kind, double statistic, double numeratorDf, double denominatorDf, double pValue) {

    /** Which statistic. */
    public enum Kind {
        /** Rao–Scott second-order corrected F. */
        F,
        /** Rao–Scott first-order corrected chi-squared. */
        CHISQ,
        /** Wald test. */
        WALD,
        /** Adjusted Wald test. */
        ADJ_WALD,
        /**
         * Pearson's X2 referred to its asymptotic distribution under the design (a weighted sum of chi-squares
         * with the eigenvalues of Delta as weights, the denominator estimated on d0 * nu df), by the saddlepoint
         * approximation (R's {@code statistic="saddlepoint"}); the reported statistic is X2, without df.
         */
        SADDLEPOINT
    }

    /**
     * Weighted counts of the table {@code rowVariable × columnVariable} (R's {@code svytable}): levels that occur
     * in each variable, rows with a missing value in either left out.
     */
    public static double[][] table(SampleDesign design, String rowVariable, String columnVariable) {
        return tableOf(cross(design, rowVariable, columnVariable), design.weights());
    }

    private static double[][] tableOf(Cross c, double[] w) {
        double[][] t = new double[c.nr][c.nc];
        for (int i = 0; i < c.codes.length; i++) {
            if (c.codes[i] >= 0) t[c.codes[i] % c.nr][c.codes[i] / c.nr] += w[i];
        }
        return t;
    }

    /** The test of association between two categorical variables. */
    public static TableAssociation of(SampleDesign design, String rowVariable, String columnVariable, Kind kind) {
        Cross c = cross(design, rowVariable, columnVariable);
        int nr = c.nr;
        int nc = c.nc;
        int k = nr * nc;
        int n = design.rowCount();
        double nu = design.sampleDegreesOfFreedom();
        if (kind == Kind.WALD || kind == Kind.ADJ_WALD) return wald(design, c, kind, nu);
        // Pearson X2 on the table rescaled to N rows
        boolean anyMissing = false;
        for (int code : c.codes) if (code < 0) anyMissing = true;
        double[] wNoMissing = design.weightsReadOnly(); // only read; copied when rows must drop out
        if (anyMissing) {
            wNoMissing = design.weights();
            for (int i = 0; i < n; i++) if (c.codes[i] < 0) wNoMissing[i] = 0;
        }
        double[][] t = tableOf(c, wNoMissing);
        double total = 0;
        for (double[] r : t) for (double x : r) total += x;
        double x2 = pearson(t, n / total);
        // cell shares (R's mean2 = svymean(mm, na.rm=TRUE)), rows with a missing value left out
        double[] m = ShareContrasts.shares(c.codes, k, wNoMissing);
        double[][] cmat = interactionContrasts(nr, nc);
        int q = cmat[0].length;
        DMatrixRMaj cm = new DMatrixRMaj(cmat);
        DMatrixRMaj idN = new DMatrixRMaj(k, k);
        double[][] ctid = new double[q][k]; // C' D^-1
        for (int j = 0; j < k; j++) {
            double inv = m[j] == 0 ? 0 : 1 / m[j];
            idN.set(j, j, inv / n);
            for (int a = 0; a < q; a++) ctid[a][j] = cmat[j][a] * inv;
        }
        DMatrixRMaj denom = sandwich(cm, idN);
        // numr = C' D^-1 V D^-1 C is the variance of the q contrasts C' D^-1 mean2: one variance call on q columns
        // instead of the k x k variance of the shares (same matrix, fewer operations per row)
        ShareContrasts contrasts = new ShareContrasts(c.codes, k, ctid);
        // rows with a missing value leave the sample (R's na.rm=TRUE)
        double[][] numrArray = Survey.estimate(design, contrasts, true).covariance();
        DMatrixRMaj numr = new DMatrixRMaj(numrArray);
        DMatrixRMaj delta = new DMatrixRMaj(q, q);
        if (!CommonOps_DDRM.solve(denom, numr, delta)) {
            throw Arguments.cannotCompute("table " + rowVariable + " × " + columnVariable, "degenerate (a singular"
                    + " design-effect matrix)");
        }
        double tr = CommonOps_DDRM.trace(delta);
        DMatrixRMaj d2 = new DMatrixRMaj(q, q);
        CommonOps_DDRM.mult(delta, delta, d2);
        double tr2 = CommonOps_DDRM.trace(d2);
        if (kind == Kind.F) {
            double d0 = tr * tr / tr2;
            double f = x2 / tr;
            // A design-effect matrix far from symmetric can give a negative trace of its square, so degrees of
            // freedom that are not positive: R's pf answers NaN there (with a warning), and so does this.
            double p = d0 > 0 && d0 * nu > 0 && Double.isFinite(d0 * nu)
                    ? FDistribution.of(d0, d0 * nu).survivalProbability(f) : Double.NaN;
            return new TableAssociation(kind, f, d0, d0 * nu, p);
        }
        if (kind == Kind.SADDLEPOINT) {
            double d0 = tr * tr / tr2;
            return new TableAssociation(kind, x2, Double.NaN, Double.NaN, Saddlepoint.pFsumUpper(x2, eigenvalues(delta),
                    d0 * nu));
        }
        double p = ChiSquaredDistribution.of(q).survivalProbability(x2 / (tr / q));
        return new TableAssociation(kind, x2, q, Double.NaN, p);
    }

    private static TableAssociation wald(SampleDesign design, Cross c, Kind kind, double nu) {
        int nr = c.nr;
        int nc = c.nc;
        int k = nr * nc;
        int n = design.rowCount();
        // totals of cell, row and column indicators and of one; rows with a missing value dropped
        int m = k + nr + nc + 1;
        List<NumericColumn> cols = new ArrayList<>();
        double[][] ind = new double[m][n];
        for (int i = 0; i < n; i++) {
            int code = c.codes[i];
            if (code < 0) {
                for (double[] col : ind) col[i] = Double.NaN;
                continue;
            }
            ind[code][i] = 1;
            ind[k + code % nr][i] = 1;
            ind[k + nr + code / nr][i] = 1;
            ind[m - 1][i] = 1;
        }
        for (int j = 0; j < m; j++) cols.add(new NumericColumn("c" + j, ind[j]));
        Estimate cells = Survey.estimate(design, new Estimators.Means(cols, true), true);
        double[] tot = cells.values();
        double one = tot[m - 1];
        double[][] jac = new double[k][m];
        double[] y = new double[k];
        for (int cell = 0; cell < k; cell++) {
            int r = cell % nr;
            int cc = cell / nr;
            jac[cell][cell] = 1;
            jac[cell][k + r] = -tot[k + nr + cc] / one;
            jac[cell][k + nr + cc] = -tot[k + r] / one;
            jac[cell][m - 1] = tot[k + r] * tot[k + nr + cc] / (one * one);
            y[cell] = tot[cell] - tot[k + r] * tot[k + nr + cc] / one;
        }
        DMatrixRMaj j = new DMatrixRMaj(jac);
        DMatrixRMaj vj = sandwichT(j, new DMatrixRMaj(cells.covariance()));
        List<Integer> use = new ArrayList<>();
        for (int cc = 1; cc < nc; cc++) for (int r = 1; r < nr; r++) use.add(cc * nr + r);
        int u = use.size();
        DMatrixRMaj vu = new DMatrixRMaj(u, u);
        DMatrixRMaj yu = new DMatrixRMaj(u, 1);
        for (int a = 0; a < u; a++) {
            yu.set(a, 0, y[use.get(a)]);
            for (int b = 0; b < u; b++) vu.set(a, b, vj.get(use.get(a), use.get(b)));
        }
        double[][] va = new double[u][u];
        double[] ya = new double[u];
        for (int a = 0; a < u; a++) {
            ya[a] = yu.get(a, 0);
            for (int b = 0; b < u; b++) va[a][b] = vu.get(a, b);
        }
        double[] sol = Linear.solve(va, ya, "Wald test: variance matrix of the interaction contrasts");
        double w = 0;
        for (int a = 0; a < u; a++) w += ya[a] * sol[a];
        double ndf = (nc - 1.0) * (nr - 1.0);
        double stat;
        double ddf;
        if (kind == Kind.WALD) {
            stat = w / ndf;
            ddf = nu;
        } else {
            ddf = nu - ndf + 1;
            stat = w * ddf / (ndf * nu);
        }
        // with fewer PSUs than the table has interaction contrasts the adjusted Wald test has no denominator
        // degrees of freedom: R's pf gives NaN there, and so does the engine
        double p = ddf > 0 ? FDistribution.of(ndf, ddf).survivalProbability(stat) : Double.NaN;
        return new TableAssociation(kind, stat, ndf, ddf, p);
    }

    private static double pearson(double[][] t, double scale) {
        int nr = t.length;
        int nc = t[0].length;
        double[] rs = new double[nr];
        double[] cs = new double[nc];
        double total = 0;
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                double x = t[r][c] * scale;
                rs[r] += x;
                cs[c] += x;
                total += x;
            }
        }
        double x2 = 0;
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                double e = rs[r] * cs[c] / total;
                double d = t[r][c] * scale - e;
                x2 += d * d / e;
            }
        }
        return x2;
    }

    private static double[] eigenvalues(DMatrixRMaj m) {
        org.ejml.interfaces.decomposition.EigenDecomposition_F64<DMatrixRMaj> eig =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(m.numRows, false);
        if (!eig.decompose(m.copy())) throw Arguments.cannotCompute("design-effect matrix", "eigenvalues failed");
        double[] out = new double[m.numRows];
        for (int i = 0; i < out.length; i++) out[i] = eig.getEigenvalue(i).getReal();
        return out;
    }

    /** C' M C. */
    private static DMatrixRMaj sandwich(DMatrixRMaj c, DMatrixRMaj m) {
        DMatrixRMaj tmp = new DMatrixRMaj(c.numCols, m.numCols);
        CommonOps_DDRM.multTransA(c, m, tmp);
        DMatrixRMaj out = new DMatrixRMaj(c.numCols, c.numCols);
        CommonOps_DDRM.mult(tmp, c, out);
        return out;
    }

    /** J M J'. */
    private static DMatrixRMaj sandwichT(DMatrixRMaj j, DMatrixRMaj m) {
        DMatrixRMaj tmp = new DMatrixRMaj(j.numRows, m.numCols);
        CommonOps_DDRM.mult(j, m, tmp);
        DMatrixRMaj out = new DMatrixRMaj(j.numRows, j.numRows);
        CommonOps_DDRM.multTransB(tmp, j, out);
        return out;
    }

    /**
     * The interaction columns of {@code ~rows*cols} on the grid (rows fastest) made orthogonal to the main-effect
     * columns {@code ~rows+cols} (R's {@code qr.resid(qr(X1), X12[, interactions])}).
     */
    static double[][] interactionContrasts(int nr, int nc) {
        int k = nr * nc;
        int p1 = nr + nc - 1;
        double[][] x1 = new double[k][p1];
        int q = (nr - 1) * (nc - 1);
        double[][] xi = new double[k][q];
        for (int cell = 0; cell < k; cell++) {
            int r = cell % nr;
            int c = cell / nr;
            x1[cell][0] = 1;
            if (r > 0) x1[cell][r] = 1;
            if (c > 0) x1[cell][nr - 1 + c] = 1;
            int col = 0;
            for (int cc = 1; cc < nc; cc++) {
                for (int rr = 1; rr < nr; rr++) {
                    xi[cell][col++] = (r == rr && c == cc) ? 1 : 0;
                }
            }
        }
        // R's qr.resid(qr(X1), .): the shared dqrdc2 at qr()'s tolerance, column by column
        double[][] x1Columns = new double[p1][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < p1; j++) x1Columns[j][i] = x1[i][j];
        LinpackQr qr = LinpackQr.of(x1Columns, 1e-7);
        double[][] out = new double[k][q];
        double[] column = new double[k];
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < k; i++) column[i] = xi[i][j];
            double[] r = qr.residuals(column);
            for (int i = 0; i < k; i++) out[i][j] = r[i];
        }
        return out;
    }

    /** Fixed linear combinations {@code A * shares} of the shares of the cells: estimate and influence. */
    record ShareContrasts(int[] codes, int k, double[][] a) implements Statistic {
        /** Weighted shares of the k cells ({@code codes[i] < 0}: missing, must have weight 0). */
        static double[] shares(int[] codes, int k, double[] w) {
            double[] out = new double[k];
            double sw = 0;
            for (int i = 0; i < codes.length; i++) {
                if (w[i] == 0) continue;
                sw += w[i];
                out[codes[i]] += w[i];
            }
            for (int j = 0; j < k; j++) out[j] /= sw;
            return out;
        }

        @Override
        public List<String> names() {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < a.length; j++) names.add("contrast" + (j + 1));
            return names;
        }

        @Override
        public boolean isMissing(int row) {
            return codes[row] < 0;
        }

        @Override
        public void markMissing(boolean[] out) {
            for (int i = 0; i < out.length; i++) if (codes[i] < 0) out[i] = true;
        }

        @Override
        public double[] estimate(double[] w) {
            return times(shares(codes, k, w));
        }

        private double[] times(double[] shares) {
            double[] out = new double[a.length];
            for (int j = 0; j < a.length; j++) for (int c = 0; c < shares.length; c++) out[j] += a[j][c] * shares[c];
            return out;
        }

        @Override
        public TaylorVariance.InfluenceRows influenceRows(double[] w, double[] est) {
            // a row's influence is its weight's share times its cell's vector a[, c] - as: by pattern, so the
            // variance needs per stratum and cell only the count, sum and spread of the shares
            double[] as = times(shares(codes, k, w));
            double sw = 0;
            for (double x : w) sw += x;
            int q = a.length;
            double[] scale = new double[w.length];
            for (int i = 0; i < w.length; i++) if (w[i] != 0) scale[i] = w[i] / sw;
            double[][] vectors = new double[k][q];
            for (int c = 0; c < k; c++) for (int j = 0; j < q; j++) vectors[c][j] = a[j][c] - as[j];
            return new TaylorVariance.PatternRows(codes, scale, vectors);
        }

        @Override
        public double[][] influence(double[] w, double[] est) {
            double[] as = times(shares(codes, k, w));
            double sw = 0;
            for (double x : w) sw += x;
            int q = a.length;
            int n = w.length;
            double[][] z = new double[q][n];
            for (int i = 0; i < n; i++) {
                if (w[i] == 0) continue;
                double f = w[i] / sw;
                int c = codes[i];
                for (int j = 0; j < q; j++) z[j][i] = (a[j][c] - as[j]) * f;
            }
            return z;
        }
    }

    private static List<String> cellNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int j = 0; j < k; j++) names.add(Integer.toString(j));
        return names;
    }

    /** Cell code per row (row level + nr * column level, -1 if either missing), with the levels that occur. */
    private record Cross(int[] codes, int nr, int nc) {}

    private static Cross cross(SampleDesign design, String rowVariable, String columnVariable) {
        FactorColumn a = design.table().factor(rowVariable);
        FactorColumn b = design.table().factor(columnVariable);
        int[] ra = occurring(a);
        int[] rb = occurring(b);
        int nr = Arrays.stream(ra).max().orElse(-1) + 1;
        int nc = Arrays.stream(rb).max().orElse(-1) + 1;
        Arguments.require(nr >= 2 && nc >= 2, "table " + rowVariable + " × " + columnVariable, nr + " × " + nc
                + " categories occur; a table needs at least two categories in each variable");
        int n = design.rowCount();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            int x = a.code(i);
            int y = b.code(i);
            codes[i] = x < 0 || y < 0 ? -1 : ra[x] + nr * rb[y];
        }
        return new Cross(codes, nr, nc);
    }

    /** Maps level codes to positions among the levels that occur (R's factor() drops empty levels). */
    private static int[] occurring(FactorColumn f) {
        boolean[] seen = new boolean[f.levelCount()];
        for (int i = 0; i < f.size(); i++) if (f.code(i) >= 0) seen[f.code(i)] = true;
        int[] map = new int[seen.length];
        int k = 0;
        for (int j = 0; j < seen.length; j++) map[j] = seen[j] ? k++ : -1;
        return map;
    }

}
