package org.barometer.stats.estimate;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Ports of R survey's {@code pFsum} (saddlepoint method) and {@code saddle}, with R's {@code uniroot} root finder
 * (Brent's method as in R's {@code zeroin.c}), so that results agree to the last digits.
 */
final class Saddlepoint {
    private Saddlepoint() {}

    /**
     * Upper tail of {@code sum_i a_i X_i / (Y / ddf)} at {@code x}, X_i chi-squared on 1 df, Y on {@code ddf}.
     * Falls back to the Satterthwaite F approximation where the saddlepoint is undefined, as R does.
     */
    static double pFsumUpper(double x, double[] a, double ddf) {
        int n = a.length;
        double tr = 0;
        double sq = 0;
        for (double v : a) {
            tr += v;
            sq += v * v;
        }
        tr /= n;
        double tr2 = sq / n / (tr * tr);
        double scale = tr * tr2;
        double ndf = n / tr2;
        double satterthwaite = FDistribution.of(ndf, ddf).survivalProbability(x / ndf / scale);
        // R: a <- c(a, -x/ddf); df <- c(rep(1, n), ddf); a <- rep(a, df)  (rep truncates a fractional count)
        int copies = (int) Math.floor(ddf);
        double[] lambda = new double[n + copies];
        System.arraycopy(a, 0, lambda, 0, n);
        for (int i = 0; i < copies; i++) lambda[n + i] = -x / ddf;
        double s = saddle(0, lambda);
        return Double.isNaN(s) ? satterthwaite : s;
    }

    /** R's {@code saddle(x, lambda)}: upper tail of a weighted sum of 1-df chi-squares, NaN where undefined. */
    static double saddle(double x, double[] lambdaIn) {
        double d = Double.NEGATIVE_INFINITY;
        for (double v : lambdaIn) d = Math.max(d, v);
        double[] lambda = new double[lambdaIn.length];
        double sum = 0;
        boolean anyNegative = false;
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = lambdaIn[i] / d;
            sum += lambda[i];
            if (lambda[i] < 0) anyNegative = true;
        }
        double xs = x / d;
        double lmin;
        if (anyNegative) {
            lmin = Double.NEGATIVE_INFINITY;
            for (double v : lambda) if (v < 0) lmin = Math.max(lmin, 1 / (2 * v));
            lmin *= 0.99999;
        } else if (xs > sum) {
            lmin = -0.01;
        } else {
            lmin = -lambda.length / (2 * xs);
        }
        double lmax = Double.POSITIVE_INFINITY;
        for (double v : lambda) if (v > 0) lmax = Math.min(lmax, 1 / (2 * v));
        lmax *= 0.99999;
        DoubleUnaryOperator kprime = z -> {
            double k = 0;
            for (double v : lambda) k += v / (1 - 2 * z * v);
            return k - xs;
        };
        double hat = zeroin(kprime, lmin, lmax, kprime.applyAsDouble(lmin), kprime.applyAsDouble(lmax), 1e-8, 1000);
        double k0 = 0;
        double k2 = 0;
        for (double v : lambda) {
            k0 += Math.log(1 - 2 * hat * v);
            double t = 1 - 2 * hat * v;
            k2 += v * v / (t * t);
        }
        k0 = -k0 / 2;
        k2 = 2 * k2;
        double w = Math.signum(hat) * Math.sqrt(2 * (hat * xs - k0));
        double v = hat * Math.sqrt(k2);
        if (Math.abs(hat) < 1e-4) return Double.NaN;
        return NormalDistribution.of(0, 1).survivalProbability(w + Math.log(v / w) / w);
    }

    /** R's {@code R_zeroin2} (Brent's root finder) with R's stopping rule. */
    static double zeroin(DoubleUnaryOperator f, double ax, double bx, double fa, double fb, double tol, int maxIter) {
        final double eps = Math.ulp(1.0);
        double a = ax;
        double b = bx;
        double c = a;
        double fc = fa;
        int maxit = maxIter + 1;
        if (fa == 0.0) return a;
        if (fb == 0.0) return b;
        while (maxit-- > 0) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * eps * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0.0) return b;
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    q = fa / fc;
                    double t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        return b;
    }
}
