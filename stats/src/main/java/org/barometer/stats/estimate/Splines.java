package org.barometer.stats.estimate;

import java.util.Arrays;

/** Ports of R's {@code spline(method="fmm")} and linear {@code approx}, used to invert likelihood profiles. */
final class Splines {
    private Splines() {}

    /**
     * R's {@code spline(x, y, n)}: the Forsythe–Malcolm–Moler cubic spline through (x, y), evaluated at
     * {@code n} equally spaced points from min(x) to max(x). Returns {x, y} of those points. {@code x} must be
     * increasing.
     */
    static double[][] spline(double[] x, double[] y, int n) {
        int m = x.length;
        double[] b = new double[m];
        double[] c = new double[m];
        double[] d = new double[m];
        fmm(m, x, y, b, c, d);
        double from = x[0];
        double to = x[m - 1];
        double[] u = new double[n];
        double by = (to - from) / (n - 1);
        for (int i = 0; i < n; i++) u[i] = from + i * by;
        double[] v = new double[n];
        int i = 0;
        for (int l = 0; l < n; l++) {
            double ul = u[l];
            if (ul < x[i] || (i < m - 1 && x[i + 1] < ul)) {
                i = 0;
                int j = m;
                do {
                    int k = (i + j) / 2;
                    if (ul < x[k]) j = k;
                    else i = k;
                } while (j > i + 1);
            }
            double dx = ul - x[i];
            v[l] = y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
        }
        return new double[][] {u, v};
    }

    /** R's fmm_spline (splines.c), 0-based. */
    private static void fmm(int n, double[] x, double[] y, double[] b, double[] c, double[] d) {
        if (n < 3) {
            double t = y[1] - y[0];
            b[0] = t / (x[1] - x[0]);
            b[1] = b[0];
            c[0] = c[1] = d[0] = d[1] = 0;
            return;
        }
        int nm1 = n - 1;
        // 1-based indexing as in the C source: element k lives at [k - 1]
        d[0] = x[1] - x[0];
        c[1] = (y[1] - y[0]) / d[0];
        for (int i = 2; i < n; i++) {
            d[i - 1] = x[i] - x[i - 1];
            b[i - 1] = 2.0 * (d[i - 2] + d[i - 1]);
            c[i] = (y[i] - y[i - 1]) / d[i - 1];
            c[i - 1] = c[i] - c[i - 1];
        }
        b[0] = -d[0];
        b[n - 1] = -d[nm1 - 1];
        c[0] = 0.0;
        c[n - 1] = 0.0;
        if (n > 3) {
            c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
            c[n - 1] = c[nm1 - 1] / (x[n - 1] - x[n - 3]) - c[n - 3] / (x[nm1 - 1] - x[n - 4]);
            c[0] = c[0] * d[0] * d[0] / (x[3] - x[0]);
            c[n - 1] = -c[n - 1] * d[nm1 - 1] * d[nm1 - 1] / (x[n - 1] - x[n - 4]);
        }
        for (int i = 2; i <= n; i++) {
            double t = d[i - 2] / b[i - 2];
            b[i - 1] = b[i - 1] - t * d[i - 2];
            c[i - 1] = c[i - 1] - t * c[i - 2];
        }
        c[n - 1] = c[n - 1] / b[n - 1];
        for (int i = nm1; i >= 1; i--) c[i - 1] = (c[i - 1] - d[i - 1] * c[i]) / b[i - 1];
        b[n - 1] = (y[n - 1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2.0 * c[n - 1]);
        for (int i = 1; i <= nm1; i++) {
            b[i - 1] = (y[i] - y[i - 1]) / d[i - 1] - d[i - 1] * (c[i] + 2.0 * c[i - 1]);
            d[i - 1] = (c[i] - c[i - 1]) / d[i - 1];
            c[i - 1] = 3.0 * c[i - 1];
        }
        c[n - 1] = 3.0 * c[n - 1];
        d[n - 1] = d[n - 2];
    }

    /**
     * R's {@code approx(x, y, xout=v)$y} (linear, rule 1: NaN outside the range), after R's ordering of the points
     * by x with tied x averaged.
     */
    static double approx(double[] xIn, double[] yIn, double v) {
        return approx(xIn, yIn, v, false, false);
    }

    /**
     * R's {@code approx(x, y, xout = v, ties = mean)}: linear, or constant with {@code f = 0}; outside the range of
     * x NaN (rule 1) or the nearest end's value ({@code extend}, rule 2). The points are ordered by x and tied x
     * averaged first, as R does.
     */
    static double approx(double[] xIn, double[] yIn, double v, boolean constant, boolean extend) {
        int n = xIn.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(xIn[a], xIn[b]));
        double[] x = new double[n];
        double[] y = new double[n];
        int m = 0;
        for (int k = 0; k < n;) {
            int e = k;
            double sum = 0;
            while (e < n && xIn[order[e]] == xIn[order[k]]) sum += yIn[order[e++]];
            x[m] = xIn[order[k]];
            y[m] = sum / (e - k);
            m++;
            k = e;
        }
        if (Double.isNaN(v)) return Double.NaN;
        if (v < x[0]) return extend ? y[0] : Double.NaN;
        if (v > x[m - 1]) return extend ? y[m - 1] : Double.NaN;
        int i = 0;
        int j = m - 1;
        while (i < j - 1) {
            int ij = (i + j) / 2;
            if (v < x[ij]) j = ij;
            else i = ij;
        }
        if (v == x[j]) return y[j];
        if (v == x[i]) return y[i];
        if (constant) return y[i];
        return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
    }
}
