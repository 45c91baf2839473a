package org.barometer.stats.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.barometer.stats.Arguments;

/**
 * Bootstrap replicate weights made from a design, as R survey's {@code as.svrepdesign(design, type = ...)} makes
 * them for {@code "bootstrap"} ({@code bootweights}), {@code "subbootstrap"} ({@code subbootweights}) and
 * {@code "mrbbootstrap"} ({@code mrbweights}), but drawn with the engine's own seeded generator
 * ({@link SplitMix}): R's random numbers cannot be reproduced, so the replicates are R's in kind (what is drawn,
 * how it is scaled) and not in value. The same design, data, number of replicates and seed give the same
 * replicates. Draws go replicate by replicate, stratum by stratum and PSU by PSU in the order the design numbers
 * them (fixed by the data).
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
 *   <li>{@code mrbbootstrap}: Preston's multistage rescaled bootstrap ({@link #mrbbootstrap}).</li>
 * </ul>
 * All three keep R's {@code selfrep} (the rows of strata sampled exhaustively, which survey 4.1-1's totals leave
 * out of the replicates).
 */
final class BootstrapReplicates {
    private BootstrapReplicates() {}

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
     * R's {@code mrbbootstrap} ({@code mrbweights}): Preston's multistage rescaled bootstrap. Replicate by
     * replicate, stage by stage, in each stratum of a stage, among its n clusters still in the replicate (all at
     * stage 1; at a later stage those inside the clusters kept at the stage before) n* = floor(n / 2) are kept,
     * drawn without replacement; a unit's term for the stage is lambda (n / n* · kept - 1) with
     * lambda = sqrt(F · n* (1 - f) / (n - n*)), f the stage's sampling fraction and F the product of the fractions
     * of the stages above, and the terms of later stages of a kept unit are multiplied by sqrt(n / n*). A
     * unit's factor is 1 plus its terms; a stratum with one cluster adds nothing. The later stages are used only
     * when the design has an fpc (without one R uses the first stage alone, a with-replacement design, f = 0).
     * Scale 1, rscales 1 / (R - 1). Where R's code recycles a vector over misaligned rows (the third stage on),
     * the engine keeps each unit's own draw; for one and two stages the two are the same.
     */
    static ReplicateDesign mrbbootstrap(Design d, int replicates, long seed, boolean mse) {
        checked(d, replicates);
        SplitMix rnd = new SplitMix(seed);
        int stages = d.hasFpc ? d.stages.length : 1;
        Stage last = d.stages[stages - 1];
        int units = last.clusterCount;
        // each unit (a cluster of the last stage used): its cluster and stratum at every stage
        int[][] clusterAt = new int[stages][units];
        int[][] stratumAt = new int[stages][units];
        for (int u = 0; u < units; u++) {
            int row = last.clusterFirstRow[u];
            for (int i = 0; i < stages; i++) {
                clusterAt[i][u] = d.stages[i].clusterOfRow[row];
                stratumAt[i][u] = d.stages[i].stratumOfRow[row];
            }
        }
        // the units of each stratum of each stage, in unit order
        int[][][] unitsOf = new int[stages][][];
        for (int i = 0; i < stages; i++) {
            int strata = d.stages[i].strataCount;
            int[] count = new int[strata];
            for (int u = 0; u < units; u++) count[stratumAt[i][u]]++;
            unitsOf[i] = new int[strata][];
            for (int h = 0; h < strata; h++) unitsOf[i][h] = new int[count[h]];
            int[] fill = new int[strata];
            for (int u = 0; u < units; u++) unitsOf[i][stratumAt[i][u]][fill[stratumAt[i][u]]++] = u;
        }
        double[][] factors = new double[replicates][units];
        double[][] w = new double[units][stages];
        boolean[] kept = new boolean[units];
        double[] cumulative = new double[units];
        boolean[] keep = new boolean[units];
        int[] chosenMark = new int[0];
        for (int r = 0; r < replicates; r++) {
            for (double[] row : w) Arrays.fill(row, 1.0);
            Arrays.fill(kept, true);
            Arrays.fill(cumulative, 1.0);
            for (int i = 0; i < stages; i++) {
                Stage st = d.stages[i];
                if (chosenMark.length < st.clusterCount) chosenMark = new int[st.clusterCount];
                for (int h = 0; h < st.strataCount; h++) {
                    int[] us = unitsOf[i][h];
                    // the stratum's clusters still in the replicate, in order of their first unit
                    List<Integer> su = new ArrayList<>();
                    Set<Integer> seen = new HashSet<>();
                    for (int u : us) if (kept[u] && seen.add(clusterAt[i][u])) su.add(clusterAt[i][u]);
                    int n = su.size();
                    int nstar = n / 2;
                    double f = st.sampledClusters[h] / st.populationClusters[h]; // 0 without fpc (population infinite)
                    if (!d.hasFpc) f = 0;
                    double ff = cumulative[us[0]];
                    if (nstar == 0) {
                        for (int u : us) {
                            w[u][i] = 0;
                            keep[u] = false;
                        }
                    } else {
                        double lambda = Math.sqrt(ff * nstar * (1 - f) / (n - nstar));
                        // nstar of the n drawn without replacement (a partial shuffle); marked by replicate-stage
                        int[] pool = new int[n];
                        for (int a = 0; a < n; a++) pool[a] = su.get(a);
                        int mark = r * stages + i + 1;
                        for (int a = 0; a < nstar; a++) {
                            int b = a + rnd.below(n - a);
                            int t = pool[a];
                            pool[a] = pool[b];
                            pool[b] = t;
                            chosenMark[pool[a]] = mark;
                        }
                        double grow = Math.sqrt((double) n / nstar);
                        for (int u : us) {
                            keep[u] = chosenMark[clusterAt[i][u]] == mark;
                            double wstar = -lambda + lambda * ((double) n / nstar) * (keep[u] ? 1 : 0);
                            w[u][i] = wstar * w[u][i];
                            if (i < stages - 1 && kept[u]) {
                                for (int j = i + 1; j < stages; j++) w[u][j] = w[u][j] * grow * (keep[u] ? 1 : 0);
                            }
                        }
                    }
                    for (int u : us) {
                        kept[u] = kept[u] && keep[u];
                        cumulative[u] *= f;
                    }
                }
            }
            for (int u = 0; u < units; u++) {
                double sum = 0;
                for (int i = 0; i < stages; i++) sum += w[u][i];
                factors[r][u] = 1 + sum;
            }
        }
        double[] rscales = new double[replicates];
        Arrays.fill(rscales, 1.0 / (replicates - 1));
        return ReplicateDesign.compressed(d.table, d.weights, ReplicateType.MRBBOOTSTRAP, 1, rscales, mse, factors,
                last.clusterOfRow, ReplicateBuilders.selfRepresentingRows(d));
    }

    /**
     * The checks all kinds share: at least 2 replicates (the scale divides by R - 1), not a census, and at
     * least 2 PSUs in every stratum. A single PSU cannot be resampled: R's bootweights gives no error there, but its draw from a
     * single PSU id samples from 1..id (R's {@code sample} on one number), so its factor is 0 or 1 at random,
     * and subbootweights divides by n - 1 = 0; neither is a variance to follow.
     */
    private static Stage checked(Design d, int replicates) {
        Arguments.require(replicates >= 2, "replicates", replicates
                + "; bootstrap replicates need at least 2 (the scale divides by the number of replicates minus 1)");
        Stage st = d.stages[0];
        // a census (every stratum's population of PSUs is its sample) has no sampling variance to resample; R's
        // estimators then take their shortcut for self-representing rows on some estimates (zero variance) and
        // fail on others, and JKn replicates of such a design are refused, as R's jknweights refuses them
        boolean[] selfRep = ReplicateBuilders.selfRepresentingRows(d);
        boolean census = selfRep != null;
        for (int i = 0; census && i < selfRep.length; i++) census = selfRep[i];
        Arguments.require(!census, "design", "every stratum was sampled exhaustively (its population count of PSUs"
                + " is its sample count): there is no sampling variance to bootstrap");
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
