package org.barometer.app.publish.compute;

import org.barometer.app.analysis.Share;
import org.barometer.app.text.Rounding;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * How published numbers are protected (see docs/confidentiality.md): counts are perturbed by a small integer and
 * shares shifted by a fraction of their standard error, each by an amount that the cell's key decides, so that two
 * tables whose bases differ by a few workplaces do not give those workplaces' answers away, while every share stays
 * inside its own exact 95 % interval. Cells counted from fewer than k respondents are suppressed beforehand
 * ({@link Disclosure}).
 */
public final class Protection {
    /**
     * The perturbation table of counts: the noise −3 … +3 and the chance of each (mean 0, variance 1.66), drawn by
     * the cell key from their running sums.
     */
    static final double[] COUNT_NOISE_CHANCES = {0.03, 0.09, 0.20, 0.36, 0.20, 0.09, 0.03};
    /** A share is shifted by at most this many standard errors times two (the key's normal quantile, cut at ±2). */
    static final double SHARE_SHIFT = 0.5;
    /** Published shares and bounds have this many decimals (as fractions of 1: 0.01 percentage point). */
    static final int DECIMALS = 4;

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private Protection() {
    }

    /**
     * A count as published: 0 stays 0; any other count is perturbed by the key's noise and never published
     * below {@code minCount} (counts from 1 to {@code minCount − 1} are suppressed before they get here).
     */
    public static long count(long n, double key, int minCount) {
        if (n == 0) {
            return 0;
        }
        double cumulative = 0;
        int noise = COUNT_NOISE_CHANCES.length / 2;
        for (int d = 0; d < COUNT_NOISE_CHANCES.length; d++) {
            cumulative += COUNT_NOISE_CHANCES[d];
            if (key < cumulative) {
                noise = d;
                break;
            }
        }
        return Math.max(minCount, n + noise - COUNT_NOISE_CHANCES.length / 2);
    }

    /**
     * A share as published: shifted by {@code SHARE_SHIFT} × its standard error × the normal quantile of the key
     * (cut at ±2), kept inside its exact interval, the interval moved by the same shift; rounded. Only the estimate,
     * the interval and the protected base {@code publishedN} are published: the returned share has no standard
     * error (NaN) and no count (−1), since both would tell two nearly equal bases apart.
     */
    public static Share share(Share exact, double key, long publishedN) {
        if (!Double.isFinite(exact.estimate())) {
            return new Share(exact.estimate(), Double.NaN, exact.low(), exact.high(), publishedN, -1);
        }
        double z = NORMAL.inverseCumulativeProbability(Math.min(Math.max(key, 0.0228), 0.9772));
        double shifted = exact.estimate() + SHARE_SHIFT * exact.se() * z;
        double estimate = Math.min(Math.max(shifted, exact.low()), exact.high());
        double shift = estimate - exact.estimate();
        double low = Math.max(0, exact.low() + shift);
        double high = Math.min(1, exact.high() + shift);
        return new Share(round(estimate), Double.NaN, round(low), round(high), publishedN, -1);
    }

    /** A test's statistic as published: rounded (so that tiny differences between two bases are not read off it). */
    public static double statistic(double value, int decimals) {
        return Double.isFinite(value) ? Rounding.roundHalfUp(value, decimals) : value;
    }

    private static double round(double fraction) {
        return Rounding.roundHalfUp(fraction, DECIMALS);
    }
}
