package org.barometer.stats.estimate;

import org.barometer.stats.Arguments;

/**
 * The small dense linear algebra of the model fits besides their least squares (those are
 * {@link org.barometer.stats.numeric.LinpackQr}): the inverse of a cross product and R's {@code solve} (with its
 * two refusals), which is public for the calibration of replicate weights as well.
 */
public final class Linear {
    private Linear() {}

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

    /**
     * {@code solve(a, b)} as R does it: LU with partial pivoting (LAPACK {@code dgesv}), refused where a pivot is
     * exactly zero ("exactly singular") or where the reciprocal condition number in the 1-norm is below the machine
     * epsilon ("computationally singular"), R's two refusals. The 1-norm of the inverse is estimated as LAPACK's
     * {@code dgecon} estimates it ({@link #inverseNormEstimate}), so that a matrix on the edge of singular is
     * judged as R judges it.
     */
    public static double[] solve(double[][] a, double[] b, String what) {
        Lu f = Lu.of(a, what);
        double rcond = f.reciprocalCondition();
        if (!(rcond >= Math.ulp(1.0))) {
            throw Arguments.cannotCompute(what, String.format(java.util.Locale.ROOT, "computationally singular"
                    + " (R: system is computationally singular: reciprocal condition number = %.6g)", rcond));
        }
        return luSolve(f.lu, f.perm, b);
    }

    /**
     * LAPACK's {@code dgetrf}: {@code P A = L U} by partial pivoting (the first largest pivot, rows scaled by its
     * reciprocal), L unit lower and U in one array; and the 1-norm of {@code A} ({@code dlange("1")}).
     */
    record Lu(double[][] lu, int[] perm, double norm) {
        /** Refused, naming {@code what}, where a pivot is exactly zero (R: "exactly singular"). */
        static Lu of(double[][] a, String what) {
            int n = a.length;
            double[][] lu = new double[n][];
            for (int i = 0; i < n; i++) lu[i] = a[i].clone();
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int k = 0; k < n; k++) {
                int piv = k;
                for (int i = k + 1; i < n; i++) if (Math.abs(lu[i][k]) > Math.abs(lu[piv][k])) piv = i;
                if (lu[piv][k] == 0) {
                    throw Arguments.cannotCompute(what, "exactly singular (R: system is exactly singular: U["
                            + (k + 1) + "," + (k + 1) + "] = 0)");
                }
                double[] t = lu[k];
                lu[k] = lu[piv];
                lu[piv] = t;
                int tp = perm[k];
                perm[k] = perm[piv];
                perm[piv] = tp;
                double inv = 1 / lu[k][k];
                for (int i = k + 1; i < n; i++) {
                    double f = lu[i][k] * inv;
                    lu[i][k] = f;
                    for (int j = k + 1; j < n; j++) lu[i][j] -= f * lu[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                double c = 0;
                for (int i = 0; i < n; i++) c += Math.abs(a[i][j]);
                norm = Math.max(norm, c);
            }
            return new Lu(lu, perm, norm);
        }

        /** R's reciprocal condition number in the 1-norm: {@code dgecon}'s, from the estimated inverse norm. */
        double reciprocalCondition() {
            return norm == 0 ? 0 : (1 / inverseNormEstimate(lu)) / norm;
        }
    }

    /**
     * LAPACK's {@code dgecon} estimate of the 1-norm of the inverse of {@code L U} (the factors of
     * {@link #solve}, unit lower and upper triangles in one array): Higham's {@code dlacn2} iteration, each
     * product a pair of triangular solves ({@code dlatrs}, which for matrices without extreme scaling are the
     * plain substitutions of {@code dtrsv} done here). The estimate is never above the true norm.
     */
    static double inverseNormEstimate(double[][] lu) {
        int n = lu.length;
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        solveLu(lu, x, false);
        if (n == 1) return Math.abs(x[0]);
        double est = absSum(x);
        int[] sign = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = x[i] >= 0 ? 1 : -1;
            sign[i] = (int) x[i];
        }
        solveLu(lu, x, true);
        int j = maxAbsIndex(x);
        int iterations = 2;
        while (true) {
            java.util.Arrays.fill(x, 0);
            x[j] = 1;
            solveLu(lu, x, false);
            double old = est;
            est = absSum(x);
            boolean repeated = true;
            for (int i = 0; i < n; i++) if ((x[i] >= 0 ? 1 : -1) != sign[i]) repeated = false;
            if (repeated || est <= old) break;
            for (int i = 0; i < n; i++) {
                x[i] = x[i] >= 0 ? 1 : -1;
                sign[i] = (int) x[i];
            }
            solveLu(lu, x, true);
            int last = j;
            j = maxAbsIndex(x);
            if (x[last] == Math.abs(x[j]) || iterations >= 5) break;
            iterations++;
        }
        // the final stage: an alternating vector of growing size
        double alt = 1;
        for (int i = 0; i < n; i++) {
            x[i] = alt * (1 + (double) i / (n - 1));
            alt = -alt;
        }
        solveLu(lu, x, false);
        double temp = 2 * (absSum(x) / (3 * n));
        return Math.max(temp, est);
    }

    /** {@code x := (L U)^-1 x}, or with {@code transposed} {@code x := (L U)^-T x}, in dtrsv's order. */
    private static void solveLu(double[][] lu, double[] x, boolean transposed) {
        int n = x.length;
        if (!transposed) {
            for (int j = 0; j < n; j++) { // L unit lower
                if (x[j] == 0) continue;
                double t = x[j];
                for (int i = j + 1; i < n; i++) x[i] -= t * lu[i][j];
            }
            for (int j = n - 1; j >= 0; j--) { // U
                if (x[j] == 0) continue;
                x[j] /= lu[j][j];
                double t = x[j];
                for (int i = j - 1; i >= 0; i--) x[i] -= t * lu[i][j];
            }
        } else {
            for (int j = 0; j < n; j++) { // U transposed
                double t = x[j];
                for (int i = 0; i < j; i++) t -= lu[i][j] * x[i];
                x[j] = t / lu[j][j];
            }
            for (int j = n - 1; j >= 0; j--) { // L transposed, unit
                double t = x[j];
                for (int i = n - 1; i > j; i--) t -= lu[i][j] * x[i];
                x[j] = t;
            }
        }
    }

    private static double absSum(double[] x) {
        double s = 0;
        for (double v : x) s += Math.abs(v);
        return s;
    }

    /** The first index of the largest absolute value (BLAS idamax). */
    private static int maxAbsIndex(double[] x) {
        int k = 0;
        for (int i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[k])) k = i;
        return k;
    }

    private static double[] luSolve(double[][] lu, int[] perm, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = b[perm[i]];
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) x[i] -= lu[i][j] * x[j];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) x[i] -= lu[i][j] * x[j];
            x[i] /= lu[i][i];
        }
        return x;
    }
}
