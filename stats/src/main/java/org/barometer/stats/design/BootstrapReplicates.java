package org.barometer.stats.design;

import java.util.Arrays;
import org.barometer.stats.Arguments;

/**
 * Bootstrap replicate weights made from a design, as R survey's {@code as.svrepdesign(design, type =
 * "bootstrap")} ({@code bootweights}) and {@code type = "subbootstrap"} ({@code subbootweights}) make them, but
 * drawn with the engine's own seeded generator ({@link SplitMix}): R's random numbers cannot be reproduced, so the
 * replicates are R's in kind (what is drawn, how it is scaled) and not in value. The same design, data, number of
 * replicates and seed give the same replicates. Draws go replicate by replicate, stratum by stratum (strata in the
 * order of their first row), PSUs in the order of their first row.
 *
 * <ul>
 *   <li>{@code bootstrap}: in each stratum of n PSUs, n PSUs drawn with replacement; a PSU's factor is the number
 *       of times it was drawn. With the design's stage-1 fpc (N PSUs in the stratum's population) the n are drawn
 *       without replacement from a pseudo-population of N made of copies of the sample's PSUs (each N div n
 *       times, and N mod n of them chosen once per stratum one more time, as R repeats a shuffled list of them
 *       to length N). Scale n̄ / ((n̄ - 1)(R - 1)), n̄ the harmonic mean of the PSUs per stratum; rscales 1.</li>
 *   <li>{@code subbootstrap} (the Rao–Wu rescaling bootstrap with n - 1 draws): in each stratum n - 1 PSUs drawn
 *       with replacement; a PSU's factor is its count times n / (n - 1). Scale 1 / (R - 1); rscales 1. The fpc is
 *       not used, as in R.</li>
 * </ul>
 * Both keep R's {@code selfrep} (the rows of strata sampled exhaustively, which survey 4.1-1's totals leave out
 * of the replicates).
 */
final class BootstrapReplicates {
    private BootstrapReplicates() {}

    /** R's default number of bootstrap replicates. */
    static final int DEFAULT_REPLICATES = 50;

    static ReplicateDesign bootstrap(Design d, int replicates, long seed, boolean mse) {
        Stage st = checked(d, replicates);
        SplitMix rnd = new SplitMix(seed);
        int k = st.clusterCount;
        int strata = st.strataCount;
        // the pseudo-population of each stratum: copies of each sampled PSU, fixed once per stratum
        long[][] copies = new long[strata][];
        if (d.hasFpc) {
            for (int h = 0; h < strata; h++) {
                int n = st.sampledClusters[h];
                long pop = (long) Math.floor(st.populationClusters[h]);
                long[] c = new long[n];
                Arrays.fill(c, pop / n);
                int extra = (int) (pop % n);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                // the first `extra` of a random permutation get one copy more
                for (int i = 0; i < extra; i++) {
                    int j = i + rnd.below(n - i);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    c[order[i]]++;
                }
                copies[h] = c;
            }
        }
        double[][] factors = new double[replicates][k];
        for (int r = 0; r < replicates; r++) {
            for (int h = 0; h < strata; h++) {
                int from = st.clusterStart[h];
                int n = st.sampledClusters[h];
                if (copies[h] == null) {
                    for (int i = 0; i < n; i++) factors[r][st.clustersByStratum[from + rnd.below(n)]]++;
                } else {
                    Urn urn = new Urn(copies[h]);
                    for (int i = 0; i < n; i++) factors[r][st.clustersByStratum[from + urn.take(rnd)]]++;
                }
            }
        }
        double inverseSum = 0;
        for (int h = 0; h < strata; h++) inverseSum += 1.0 / st.sampledClusters[h];
        double harmonic = 1 / (inverseSum / strata);
        double scale = harmonic / ((harmonic - 1) * (replicates - 1));
        return ReplicateDesign.compressed(d.table, d.weights, ReplicateType.BOOTSTRAP, scale, ones(replicates), mse,
                factors, st.clusterOfRow, ReplicateBuilders.selfRepresentingRows(d));
    }

    static ReplicateDesign subbootstrap(Design d, int replicates, long seed, boolean mse) {
        Stage st = checked(d, replicates);
        SplitMix rnd = new SplitMix(seed);
        double[][] factors = new double[replicates][st.clusterCount];
        for (int r = 0; r < replicates; r++) {
            double[] f = factors[r];
            for (int h = 0; h < st.strataCount; h++) {
                int from = st.clusterStart[h];
                int n = st.sampledClusters[h];
                for (int i = 0; i < n - 1; i++) f[st.clustersByStratum[from + rnd.below(n)]]++;
                // R's order of operations (count times n, then over n - 1), for the same doubles
                for (int i = 0; i < n; i++) {
                    int c = st.clustersByStratum[from + i];
                    f[c] = f[c] * n / (n - 1);
                }
            }
        }
        return ReplicateDesign.compressed(d.table, d.weights, ReplicateType.SUBBOOTSTRAP, 1.0 / (replicates - 1),
                ones(replicates), mse, factors, st.clusterOfRow, ReplicateBuilders.selfRepresentingRows(d));
    }

    /**
     * The checks both kinds share: at least 2 replicates (the scale divides by R - 1) and at least 2 PSUs in
     * every stratum. A single PSU cannot be resampled: R's bootweights gives no error there, but its draw from a
     * single PSU id samples from 1..id (R's {@code sample} on one number), so its factor is 0 or 1 at random,
     * and subbootweights divides by n - 1 = 0; neither is a variance to follow.
     */
    private static Stage checked(Design d, int replicates) {
        Arguments.require(replicates >= 2, "replicates", replicates
                + "; bootstrap replicates need at least 2 (the scale divides by the number of replicates minus 1)");
        Stage st = d.stages[0];
        for (int h = 0; h < st.strataCount; h++) {
            if (st.sampledClusters[h] < 2) {
                throw Arguments.refused(d.hasStrata ? "stratum " + d.stratumLabel(1, h) : "design", "one PSU;"
                        + " bootstrap replicates need at least 2 PSUs in every stratum to resample");
            }
        }
        return st;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    /**
     * Draws without replacement from units with given numbers of copies (a Fenwick tree over the copies left),
     * each draw in time log(units).
     */
    private static final class Urn {
        private final long[] tree;
        private long left;

        Urn(long[] copies) {
            tree = new long[copies.length + 1];
            for (int i = 0; i < copies.length; i++) {
                left += copies[i];
                for (int j = i + 1; j < tree.length; j += j & -j) tree[j] += copies[i];
            }
        }

        /** One copy, uniformly among those left: its unit's index. */
        int take(SplitMix rnd) {
            long u = rnd.below(left);
            int pos = 0;
            for (int step = Integer.highestOneBit(tree.length); step > 0; step >>= 1) {
                int next = pos + step;
                if (next < tree.length && tree[next] <= u) {
                    pos = next;
                    u -= tree[next];
                }
            }
            // pos is the number of units whose copies all lie below u: the drawn unit is pos (0-based)
            for (int j = pos + 1; j < tree.length; j += j & -j) tree[j]--;
            left--;
            return pos;
        }
    }
}
