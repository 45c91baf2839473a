package org.barometer.stats.estimate;

import org.barometer.stats.Arguments;

/** The small dense linear algebra of the model fits: Householder least squares and symmetric solves. */
final class Linear {
    private Linear() {}

    /**
     * The Householder QR decomposition of a column-major matrix (p columns of m rows) as R's {@code lm} and
     * {@code glm} use it (LINPACK {@code dqrdc2}): a column whose norm, after removing the earlier columns, falls
     * below {@code tol} times its original norm is negligible (R would pivot it out and report NA).
     */
    static final class Qr {
        private final double[][] a; // Householder vectors below the diagonal, R on and above
        private final double[] diag; // R's diagonal
        private final double[] beta;
        private final int negligible;
        private final int m;
        private final int p;

        private Qr(double[][] a, double[] diag, double[] beta, int negligible, int m) {
            this.a = a;
            this.diag = diag;
            this.beta = beta;
            this.negligible = negligible;
            this.m = m;
            this.p = a.length;
        }

        static Qr of(double[][] columns, double tol) {
            int p = columns.length;
            int m = p == 0 ? 0 : columns[0].length;
            double[][] a = new double[p][];
            double[] norm0 = new double[p];
            for (int j = 0; j < p; j++) {
                a[j] = columns[j].clone();
                norm0[j] = norm(a[j], 0);
                if (norm0[j] == 0) norm0[j] = 1;
            }
            double[] diag = new double[p];
            double[] beta = new double[p];
            for (int l = 0; l < p; l++) {
                if (l >= m) return new Qr(a, diag, beta, l, m);
                double nrm = norm(a[l], l);
                if (nrm < norm0[l] * tol || (nrm == 0 && norm(columns[l], 0) == 0)) {
                    return new Qr(a, diag, beta, l, m);
                }
                double[] v = a[l];
                double alpha = v[l] >= 0 ? -nrm : nrm;
                v[l] -= alpha; // v = x - alpha e1
                double vtv = 0;
                for (int i = l; i < m; i++) vtv += v[i] * v[i];
                beta[l] = vtv == 0 ? 0 : 2 / vtv;
                diag[l] = alpha;
                for (int j = l + 1; j < p; j++) {
                    double[] c = a[j];
                    double s = 0;
                    for (int i = l; i < m; i++) s += v[i] * c[i];
                    s *= beta[l];
                    for (int i = l; i < m; i++) c[i] -= s * v[i];
                }
            }
            return new Qr(a, diag, beta, -1, m);
        }

        private static double norm(double[] v, int from) {
            double scale = 0;
            for (int i = from; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
            if (scale == 0) return 0;
            double s = 0;
            for (int i = from; i < v.length; i++) {
                double t = v[i] / scale;
                s += t * t;
            }
            return scale * Math.sqrt(s);
        }

        /** The first negligible column, or -1 when the matrix has full column rank. */
        int negligible() {
            return negligible;
        }

        /** The least-squares solution of {@code A b = z}. */
        double[] solve(double[] z) {
            double[] q = z.clone();
            for (int l = 0; l < p; l++) {
                double[] v = a[l];
                double s = 0;
                for (int i = l; i < m; i++) s += v[i] * q[i];
                s *= beta[l];
                for (int i = l; i < m; i++) q[i] -= s * v[i];
            }
            double[] b = new double[p];
            for (int j = p - 1; j >= 0; j--) {
                double s = q[j];
                for (int k = j + 1; k < p; k++) s -= a[k][j] * b[k];
                b[j] = s / diag[j];
            }
            return b;
        }

        /** The triangular factor R (p × p, row-major). */
        double[][] r() {
            double[][] r = new double[p][p];
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < j; i++) r[i][j] = a[j][i];
                r[j][j] = diag[j];
            }
            return r;
        }
    }

    /** {@code (R'R)^-1} for an upper triangular R (R's {@code chol2inv}). */
    static double[][] inverseOfCrossProduct(double[][] r) {
        int p = r.length;
        // Rinv, upper triangular
        double[][] ri = new double[p][p];
        for (int j = 0; j < p; j++) {
            ri[j][j] = 1 / r[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int k = i + 1; k <= j; k++) s += r[i][k] * ri[k][j];
                ri[i][j] = -s / r[i][i];
            }
        }
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = Math.max(i, j); k < p; k++) s += ri[i][k] * ri[j][k];
                out[i][j] = s;
            }
        }
        return out;
    }

    /** Solves {@code V x = b} for a symmetric matrix by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] v, double[] b, String what) {
        int k = b.length;
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < k; i++) {
            System.arraycopy(v[i], 0, a[i], 0, k);
            a[i][k] = b[i];
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            Arguments.require(a[c][c] != 0 && Double.isFinite(a[c][c]), what, "singular");
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = a[i][k];
            for (int j = i + 1; j < k; j++) s -= a[i][j] * x[j];
            x[i] = s / a[i][i];
        }
        return x;
    }
}
