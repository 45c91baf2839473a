package org.barometer.stats.estimate;

import org.barometer.stats.estimate.SurveyGlm.Family;

/**
 * R's {@code glm} start of a logistic fit, {@code mustart = (prior y + 1/2) / (prior + 1)}, row by row: a row's
 * deviance, working weight and working response there. For a 0/1 response they depend only on the row's prior
 * weight and response, so they are kept for the weights seen last (a direct-mapped table; survey weights take few
 * values) and are the same numbers as computed row by row. One table for one pass over the rows; shared by the
 * model fit ({@link GlmPasses}) and the logit proportion interval ({@link ProportionInterval}).
 */
final class LogisticStart {
    private static final int SIZE = 1 << 12;
    /** The slot of a response other than 0/1 (rows of weight zero only): made each time, never kept. */
    private static final int SCRATCH = 2 * SIZE;

    private final long[] key = new long[2 * SIZE + 1];
    private final boolean[] known = new boolean[2 * SIZE + 1];
    private final double[] deviance = new double[2 * SIZE + 1];
    private final double[] weight = new double[2 * SIZE + 1];
    private final double[] response = new double[2 * SIZE + 1];

    /** The slot holding the start of a row of prior weight {@code prior} and response {@code y}. */
    int of(double prior, double y) {
        boolean binary = y == 0 || y == 1;
        long bits = Double.doubleToRawLongBits(prior);
        int at = binary ? slot(bits, y == 1 ? SIZE : 0) : SCRATCH;
        if (binary && known[at] && key[at] == bits) return at;
        double m = (prior * y + 0.5) / (prior + 1);
        double e = Math.log(m / (1 - m));
        double mu = SurveyGlm.Irls.linkinv(Family.BINOMIAL, e);
        double me = SurveyGlm.Irls.muEta(Family.BINOMIAL, e);
        deviance[at] = 2 * prior * (SurveyGlm.Irls.yLogY(y, mu) + SurveyGlm.Irls.yLogY(1 - y, 1 - mu));
        // glm leaves rows of weight zero out of the fit
        boolean fitted = prior > 0 && me != 0;
        weight[at] = fitted ? prior * (me * me) / (mu * (1 - mu)) : 0;
        response[at] = fitted ? e + (y - mu) / me : 0;
        if (binary) {
            known[at] = true;
            key[at] = bits;
        }
        return at;
    }

    /** The deviance of the row in slot {@code at}. */
    double deviance(int at) {
        return deviance[at];
    }

    /** The working weight of the row in slot {@code at} (0 for a row of weight zero). */
    double weight(int at) {
        return weight[at];
    }

    /** The working response of the row in slot {@code at}. */
    double response(int at) {
        return response[at];
    }

    /**
     * The slot of {@code bits} in the half {@code base..base+SIZE-1} of the table (one half per response): its
     * own if kept, else a free one, found by probing a few slots after a well-mixed start (weights that collide
     * would otherwise push each other out row after row); after the probes, the start slot is reused.
     */
    private int slot(long bits, int base) {
        long h = bits;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        int start = (int) h & (SIZE - 1);
        for (int probe = 0; probe < 8; probe++) {
            int at = base + ((start + probe) & (SIZE - 1));
            if (!known[at] || key[at] == bits) return at;
        }
        return base + start;
    }
}
