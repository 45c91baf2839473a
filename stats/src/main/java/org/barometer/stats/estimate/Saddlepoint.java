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
        double hat = Brent.zeroin(kprime, lmin, lmax, kprime.applyAsDouble(lmin), kprime.applyAsDouble(lmax), 1e-8, 1000);
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
}
