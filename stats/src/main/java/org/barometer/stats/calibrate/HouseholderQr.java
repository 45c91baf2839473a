package org.barometer.stats.calibrate;

/**
 * Householder QR of a tall matrix held column by column, with the limited column pivoting of R's
 * {@code qr()} (LINPACK {@code dqrdc2}, tolerance 1e-7): a column whose remaining norm falls below
 * {@code 1e-7} times its original norm is moved to the end and left out of the rank. Only what
 * {@code qr.resid} needs is offered: the residual of a vector from the span of the kept columns, which
 * does not depend on how the QR was computed.
 */
final class HouseholderQr {

    /** R's default tolerance for {@code qr()}. */
    static final double TOLERANCE = 1e-7;

    private final int n;
    private final double[][] v;
    private final double[] beta;
    private final int rank;
    private final int[] pivot;

    /**
     * @param columns the matrix, {@code columns[j][i]}; the arrays are taken over and overwritten by the
     *     Householder vectors, so the caller must not use them afterwards
     */
    HouseholderQr(double[][] columns) {
        int p = columns.length;
        this.n = p == 0 ? 0 : columns[0].length;
        double[][] a = new double[p][];
        double[] origNorm = new double[p];
        int[] piv = new int[p];
        for (int j = 0; j < p; j++) {
            a[j] = columns[j];
            origNorm[j] = norm(a[j], 0);
            piv[j] = j;
        }
        double[] b = new double[p];
        int kept = p;
        int l = 0;
        while (l < Math.min(kept, n)) {
            double nrm = norm(a[l], l);
            if (nrm < TOLERANCE * origNorm[l] || nrm == 0) {
                // move column l to the end, as dqrdc2 does, and shrink the rank
                double[] col = a[l];
                double on = origNorm[l];
                int pv = piv[l];
                for (int j = l; j < p - 1; j++) {
                    a[j] = a[j + 1];
                    origNorm[j] = origNorm[j + 1];
                    piv[j] = piv[j + 1];
                }
                a[p - 1] = col;
                origNorm[p - 1] = on;
                piv[p - 1] = pv;
                kept--;
                continue;
            }
            double[] x = a[l];
            double alpha = x[l] > 0 ? -nrm : nrm;
            x[l] -= alpha;
            double vv = 0;
            for (int i = l; i < n; i++) {
                vv += x[i] * x[i];
            }
            b[l] = vv == 0 ? 0 : 2.0 / vv;
            for (int j = l + 1; j < p; j++) {
                reflect(x, b[l], l, a[j]);
            }
            l++;
        }
        this.rank = l;
        this.v = a;
        this.beta = b;
        this.pivot = piv;
    }

    /** @return the number of columns kept (R's {@code qr$rank}) */
    int rank() {
        return rank;
    }

    /** @return the original index of the first column that was left out of the rank, or -1 */
    int firstDependentColumn() {
        return rank < pivot.length ? pivot[rank] : -1;
    }

    /** Replaces {@code y} by its residual from the span of the kept columns (R's {@code qr.resid}). */
    void residualInPlace(double[] y) {
        for (int l = 0; l < rank; l++) {
            reflect(v[l], beta[l], l, y);
        }
        for (int l = 0; l < rank; l++) {
            y[l] = 0;
        }
        for (int l = rank - 1; l >= 0; l--) {
            reflect(v[l], beta[l], l, y);
        }
    }

    private void reflect(double[] h, double b, int from, double[] y) {
        double s = 0;
        for (int i = from; i < n; i++) {
            s += h[i] * y[i];
        }
        s *= b;
        for (int i = from; i < n; i++) {
            y[i] -= s * h[i];
        }
    }

    private double norm(double[] x, int from) {
        double scale = 0;
        for (int i = from; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < x.length; i++) {
            double t = x[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }
}
