package org.barometer.stats.design;

/**
 * The rank R's {@code qr(x, tol)} reports: LINPACK's {@code dqrdc2}, Householder QR with limited column pivoting.
 * Columns are taken in order; a column whose remaining norm (below the rows already reduced) is less than
 * {@code tol} times its original norm is moved to the end and not counted. The remaining norms are downdated
 * after each reflection, and recomputed when the downdate has lost most of its precision, exactly as
 * {@code dqrdc2} does — so that a column near the tolerance is judged as R judges it. The replicate designs'
 * degrees of freedom ({@code degf}) hang on this count.
 */
final class LinpackRank {
    private LinpackRank() {}

    /**
     * @param cols the matrix by columns, {@code cols[j][i]} (not changed)
     * @param tol  the relative tolerance (R's {@code degf} uses 1e-5)
     * @return the rank
     */
    static int of(double[][] cols, double tol) {
        int p = cols.length;
        if (p == 0) return 0;
        int n = cols[0].length;
        double[][] x = new double[p][];
        for (int j = 0; j < p; j++) x[j] = cols[j].clone();
        double[] qraux = new double[p];
        double[] work1 = new double[p];
        double[] work2 = new double[p];
        for (int j = 0; j < p; j++) {
            qraux[j] = norm(x[j], 0);
            work1[j] = qraux[j];
            work2[j] = qraux[j] == 0 ? 1 : qraux[j];
        }
        int lup = Math.min(n, p);
        int k = p + 1; // one past the last column still in play, counted from 1 as in the Fortran
        for (int l = 0; l < lup; l++) {
            // cycle negligible columns to the end until one of non-negligible norm is at l
            while (l + 1 < k && qraux[l] < work2[l] * tol) {
                double[] col = x[l];
                double q = qraux[l];
                double w1 = work1[l];
                double w2 = work2[l];
                for (int j = l; j < p - 1; j++) {
                    x[j] = x[j + 1];
                    qraux[j] = qraux[j + 1];
                    work1[j] = work1[j + 1];
                    work2[j] = work2[j + 1];
                }
                x[p - 1] = col;
                qraux[p - 1] = q;
                work1[p - 1] = w1;
                work2[p - 1] = w2;
                k--;
            }
            if (l == n - 1) break;
            double[] xl = x[l];
            double nrmxl = norm(xl, l);
            if (nrmxl == 0) continue;
            if (xl[l] != 0) nrmxl = Math.copySign(nrmxl, xl[l]);
            double inv = 1 / nrmxl; // dscal by the reciprocal, as LINPACK
            for (int i = l; i < n; i++) xl[i] *= inv;
            xl[l] = 1 + xl[l];
            for (int j = l + 1; j < p; j++) {
                double[] xj = x[j];
                double dot = 0;
                for (int i = l; i < n; i++) dot += xl[i] * xj[i];
                double t = -dot / xl[l];
                for (int i = l; i < n; i++) xj[i] += t * xl[i];
                if (qraux[j] == 0) continue;
                double tt = 1 - (Math.abs(xj[l]) / qraux[j]) * (Math.abs(xj[l]) / qraux[j]);
                tt = Math.max(tt, 0);
                if (Math.abs(tt) < 1e-6) {
                    qraux[j] = norm(xj, l + 1);
                    work1[j] = qraux[j];
                } else {
                    qraux[j] = qraux[j] * Math.sqrt(tt);
                }
            }
            qraux[l] = xl[l];
            xl[l] = -nrmxl;
        }
        return Math.min(k - 1, n);
    }

    /** The Euclidean norm of {@code v[from..]}, scaled as BLAS {@code dnrm2} to avoid overflow. */
    private static double norm(double[] v, int from) {
        double scale = 0;
        double ssq = 1;
        for (int i = from; i < v.length; i++) {
            if (v[i] != 0) {
                double a = Math.abs(v[i]);
                if (scale < a) {
                    ssq = 1 + ssq * (scale / a) * (scale / a);
                    scale = a;
                } else {
                    ssq += (a / scale) * (a / scale);
                }
            }
        }
        return scale * Math.sqrt(ssq);
    }
}
