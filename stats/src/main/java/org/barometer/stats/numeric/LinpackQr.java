package org.barometer.stats.numeric;

/**
 * R's QR decomposition: LINPACK's {@code dqrdc2} (Householder QR with limited column pivoting), with the least
 * squares of {@code dqrls}/{@code dqrsl} that {@code lm.fit} and {@code glm.fit} call through {@code C_Cdqrls},
 * and the residuals of {@code qr.resid}.
 *
 * <p>Columns are taken in order. A column whose remaining norm (below the rows already reduced) falls below
 * {@code tol} times its original norm is moved to the end and left out of the rank; the others keep their order.
 * The remaining norms are not recomputed at each step but downdated from the entry the reflection removed, and
 * recomputed only where the downdate has lost most of its precision (the squared ratio left is below 1e-6). So a
 * column near the tolerance is judged from the same, slightly inexact, norm as R judges it, and R's choice of
 * what is aliased is reproduced, not just a mathematically equivalent one.
 *
 * <p>The arithmetic is the reference BLAS's, operation for operation: dot products summed in order from the first
 * row ({@code ddot}), updates {@code y + t·x} ({@code daxpy}), scaling by the reciprocal ({@code dscal}), and
 * norms as the installed reference BLAS (LAPACK 3.10 and later) computes them ({@code dnrm2}: a plain sum of
 * squares in order, with Blue's scaling only for values near overflow or underflow). Where a fit is flat along a
 * coefficient these last digits decide where it goes.
 */
public final class LinpackQr {
    private final int n;
    private final int p;
    private final double[][] qr; // by column, in pivoted order: R above the diagonal, Householder vectors below
    private final double[] qraux;
    private final int[] pivot;
    private final int rank;

    private LinpackQr(int n, double[][] qr, double[] qraux, int[] pivot, int rank) {
        this.n = n;
        this.p = qr.length;
        this.qr = qr;
        this.qraux = qraux;
        this.pivot = pivot;
        this.rank = rank;
    }

    /**
     * {@code dqrdc2} of a matrix given by columns.
     *
     * @param columns the matrix, {@code columns[j][i]} (not changed)
     * @param tol     the relative tolerance for a column's remaining norm ({@code qr()}: 1e-7; {@code glm.fit}:
     *                {@code min(1e-7, epsilon/1000)})
     */
    public static LinpackQr of(double[][] columns, double tol) {
        int p = columns.length;
        int n = p == 0 ? 0 : columns[0].length;
        double[][] x = new double[p][];
        int[] jpvt = new int[p];
        for (int j = 0; j < p; j++) {
            x[j] = columns[j].clone();
            jpvt[j] = j;
        }
        double[] qraux = new double[p];
        double[] work1 = new double[p]; // the norm the downdates start from (reset when recomputed)
        double[] work2 = new double[p]; // the original norm, the reference of the tolerance (1 for a zero column)
        if (n > 0) {
            for (int j = 0; j < p; j++) {
                qraux[j] = dnrm2(x[j], 0);
                work1[j] = qraux[j];
                work2[j] = qraux[j] == 0 ? 1 : qraux[j];
            }
        }
        int lup = Math.min(n, p);
        int k = p + 1; // one more than the number of columns still in play, counted from 1 as in the Fortran
        for (int l = 0; l < lup; l++) {
            // cycle negligible columns to the end until a column of non-negligible norm is at l; the bound on k
            // stops the cycling once every remaining column has been moved. Written as "not at least" so that
            // a NaN norm cycles, as the Fortran's exit test does.
            while (l + 1 < k && !(qraux[l] >= work2[l] * tol)) {
                double[] col = x[l];
                int jp = jpvt[l];
                double q = qraux[l];
                double w1 = work1[l];
                double w2 = work2[l];
                for (int j = l + 1; j < p; j++) {
                    x[j - 1] = x[j];
                    jpvt[j - 1] = jpvt[j];
                    qraux[j - 1] = qraux[j];
                    work1[j - 1] = work1[j];
                    work2[j - 1] = work2[j];
                }
                x[p - 1] = col;
                jpvt[p - 1] = jp;
                qraux[p - 1] = q;
                work1[p - 1] = w1;
                work2[p - 1] = w2;
                k--;
            }
            // the last row has nothing below it to reflect: no transformation there (qraux keeps the norm)
            if (l == n - 1) continue;
            double[] xl = x[l];
            double nrmxl = dnrm2(xl, l);
            if (nrmxl == 0) continue;
            if (xl[l] != 0) nrmxl = Math.copySign(nrmxl, xl[l]);
            dscal(1 / nrmxl, xl, l);
            xl[l] = 1 + xl[l];
            for (int j = l + 1; j < p; j++) {
                double[] xj = x[j];
                double t = -ddot(xl, xj, l) / xl[l];
                daxpy(t, xl, xj, l);
                if (qraux[j] == 0) continue;
                double ratio = Math.abs(xj[l]) / qraux[j];
                double tt = Math.max(1 - ratio * ratio, 0);
                if (Math.abs(tt) >= 1e-6) {
                    qraux[j] = qraux[j] * Math.sqrt(tt);
                } else {
                    // most of the norm was removed: the downdate has lost its digits, so recompute
                    qraux[j] = dnrm2(xj, l + 1);
                    work1[j] = qraux[j];
                }
            }
            // keep the reflection: its first entry in qraux, R's diagonal in its place
            qraux[l] = xl[l];
            xl[l] = -nrmxl;
        }
        return new LinpackQr(n, x, qraux, jpvt, Math.min(k - 1, n));
    }

    /** The rank {@code qr(x, tol)$rank} reports, for a matrix by columns (not changed). */
    public static int rank(double[][] columns, double tol) {
        return of(columns, tol).rank();
    }

    /** @return the number of columns kept ({@code qr$rank}) */
    public int rank() {
        return rank;
    }

    /** @return {@code qr$pivot} from 0: the original index of the column at each position */
    public int[] pivot() {
        return pivot.clone();
    }

    /** @return the original index of the first column left out of the rank, or -1 when none is */
    public int firstLeftOut() {
        return rank < p ? pivot[rank] : -1;
    }

    /**
     * The triangular factor ({@code qr$qr}'s upper triangle, columns in pivoted order), p × p by rows.
     */
    public double[][] r() {
        double[][] r = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i <= Math.min(j, n - 1); i++) r[i][j] = qr[j][i];
        }
        return r;
    }

    /**
     * The least squares of one right-hand side as {@code dqrls} gives them ({@code C_Cdqrls}).
     *
     * @param coefficients in pivoted order ({@code fit$coefficients}): those past the rank are 0
     * @param residuals    {@code y} minus its projection on the kept columns
     * @param effects      {@code Q'y}
     */
    public record LeastSquares(double[] coefficients, double[] residuals, double[] effects, int[] pivot) {
        /** The coefficients by original column ({@code start[fit$pivot] <- fit$coefficients}). */
        public double[] byColumn() {
            double[] b = new double[coefficients.length];
            for (int j = 0; j < b.length; j++) b[pivot[j]] = coefficients[j];
            return b;
        }
    }

    /** {@code dqrls} for {@code y} (not changed): {@code dqrsl} on the kept columns, job 1110. */
    public LeastSquares leastSquares(double[] y) {
        double[] b = new double[p];
        double[] rsd = y.clone();
        double[] qty = y.clone();
        if (rank > 0) {
            int k = rank;
            int ju = Math.min(k, n - 1);
            if (ju == 0) {
                // one row: the single coefficient is y over the diagonal (left as 0 when that is 0)
                if (qr[0][0] != 0) b[0] = y[0] / qr[0][0];
                rsd[0] = 0;
            } else {
                for (int j = 0; j < ju; j++) reflect(j, qty);
                System.arraycopy(qty, 0, b, 0, k);
                System.arraycopy(qty, k, rsd, k, n - k);
                for (int i = 0; i < k; i++) rsd[i] = 0;
                // back substitution by columns: each solved coefficient is taken out of those above it at once
                for (int j = k - 1; j >= 0; j--) {
                    if (qr[j][j] == 0) break; // dqrsl's info: the rest are left as they are
                    b[j] = b[j] / qr[j][j];
                    if (j > 0) daxpy(-b[j], qr[j], b, 0, j);
                }
                for (int j = ju - 1; j >= 0; j--) reflect(j, rsd);
            }
        }
        for (int j = rank; j < p; j++) b[j] = 0;
        return new LeastSquares(b, rsd, qty, pivot.clone());
    }

    /**
     * {@code qr.resid(qr, y)}: the residual of {@code y} (not changed) from the span of the kept columns
     * ({@code dqrsl} job 10).
     */
    public double[] residuals(double[] y) {
        return leastSquares(y).residuals();
    }

    /**
     * Applies the j-th Householder reflection to {@code y} in place, from row j: its vector is column j below the
     * diagonal with {@code qraux[j]} as its first entry; a zero {@code qraux} marks no reflection.
     */
    private void reflect(int j, double[] y) {
        if (qraux[j] == 0) return;
        double[] v = qr[j];
        // ddot with the diagonal replaced by qraux[j], summed from row j as the Fortran does after its swap
        double dot = qraux[j] * y[j];
        for (int i = j + 1; i < n; i++) dot += v[i] * y[i];
        double t = -dot / qraux[j];
        if (t == 0) return; // daxpy does nothing for a zero multiplier
        y[j] += t * qraux[j];
        for (int i = j + 1; i < n; i++) y[i] += t * v[i];
    }

    // ------------------------------------------------------------ the reference BLAS, unit stride

    /** {@code ddot} of {@code x[from..]} and {@code y[from..]}: summed in order. */
    private static double ddot(double[] x, double[] y, int from) {
        double s = 0;
        for (int i = from; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** {@code daxpy}: {@code y[from..] += a·x[from..]}; nothing for a zero {@code a}. */
    private static void daxpy(double a, double[] x, double[] y, int from) {
        daxpy(a, x, y, from, x.length);
    }

    private static void daxpy(double a, double[] x, double[] y, int from, int to) {
        if (a == 0) return;
        for (int i = from; i < to; i++) y[i] += a * x[i];
    }

    /** {@code dscal}: {@code x[from..] *= a}. */
    private static void dscal(double a, double[] x, int from) {
        for (int i = from; i < x.length; i++) x[i] = a * x[i];
    }

    // Blue's thresholds and scale factors for double (LAPACK's la_constants): squares below TSML are summed
    // scaled up by SSML, above TBIG scaled down by SBIG, all others as they are
    private static final double TSML = 0x1p-511;
    private static final double TBIG = 0x1p486;
    private static final double SSML = 0x1p537;
    private static final double SBIG = 0x1p-538;

    /**
     * {@code dnrm2} of {@code x[from..]} as the reference BLAS since LAPACK 3.10 computes it: three accumulators
     * (small, medium, big values), each summing squares in order, combined at the end.
     */
    static double dnrm2(double[] x, int from) {
        if (x.length - from <= 0) return 0;
        boolean notBig = true;
        double asml = 0;
        double amed = 0;
        double abig = 0;
        for (int i = from; i < x.length; i++) {
            double ax = Math.abs(x[i]);
            if (ax > TBIG) {
                double s = ax * SBIG;
                abig += s * s;
                notBig = false;
            } else if (ax < TSML) {
                if (notBig) {
                    double s = ax * SSML;
                    asml += s * s;
                }
            } else {
                amed += ax * ax;
            }
        }
        double scl;
        double sumsq;
        if (abig > 0) {
            if (amed > 0 || amed > Double.MAX_VALUE || amed != amed) abig += (amed * SBIG) * SBIG;
            scl = 1 / SBIG;
            sumsq = abig;
        } else if (asml > 0) {
            if (amed > 0 || amed > Double.MAX_VALUE || amed != amed) {
                double med = Math.sqrt(amed);
                double sml = Math.sqrt(asml) / SSML;
                double ymin = sml > med ? med : sml;
                double ymax = sml > med ? sml : med;
                scl = 1;
                double ratio = ymin / ymax;
                sumsq = ymax * ymax * (1 + ratio * ratio);
            } else {
                scl = 1 / SSML;
                sumsq = asml;
            }
        } else {
            scl = 1;
            sumsq = amed;
        }
        return scl * Math.sqrt(sumsq);
    }
}
