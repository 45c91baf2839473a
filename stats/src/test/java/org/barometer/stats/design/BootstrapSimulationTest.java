package org.barometer.stats.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/**
 * Whether the bootstrap replicates made from a design estimate the sampling variance. From a fixed synthetic
 * population, stratified cluster samples are drawn (without replacement, as the design says): on the first
 * {@link #SAMPLES} (2,000; the property {@code barometer.bootstrap.samples} sets more) the total and the mean of
 * y are estimated with 50 bootstrap replicates of each kind and with Taylor linearisation, and the mean over the
 * samples of each variance estimate is compared with the Monte-Carlo variance of the estimate across
 * {@link #MC_SAMPLES} (20,000) samples, the first ones included: within ±5 %. (The estimates alone are cheap, so
 * the Monte-Carlo variance is taken over more samples, which brings its own relative error to about 1 %; the
 * ratios against the variance over the first samples alone are printed too.) Three settings:
 * <ul>
 *   <li>a small sampling fraction (15 of 1,500 clusters of 2 to 5 elements per stratum, no fpc): bootstrap,
 *       subbootstrap and
 *       mrbbootstrap (first stage, f = 0);</li>
 *   <li>a large one (20 of 100 clusters of 1 to 4 elements, with fpc): bootstrap (drawn without replacement from the
 *       pseudo-population) and mrbbootstrap (rescaled by 1 - f), which the fpc brings down by a fifth;</li>
 *   <li>two stages with fpc at both (12 of 60 PSUs, 4 of 8 to 12 units in each): mrbbootstrap, whose second
 *       stage adds the within-PSU variance.</li>
 * </ul>
 * The seeds are fixed and printed with the ratios.
 */
class BootstrapSimulationTest {
    /** Samples on which the variances are estimated (property {@code barometer.bootstrap.samples}). */
    static final int SAMPLES = Integer.getInteger("barometer.bootstrap.samples", 2_000);
    /** Samples for the Monte-Carlo variance of the estimates (the first {@link #SAMPLES} of them included). */
    static final int MC_SAMPLES = Math.max(SAMPLES, 20_000);
    private static final int REPLICATES = 50;
    private static final long POPULATION_SEED = 20261202L;
    private static final long SAMPLE_SEED = 777L;

    /** A finite population: stratum and cluster (and unit within cluster) of every element, and its y. */
    private record Population(int strata, int[][] clusterSizes, double[][][] y) {
    }

    /** Clusters of minSize to maxSize elements, a cluster effect and an element effect, both depending on the stratum. */
    private static Population population(int strata, int clusters, int minSize, int maxSize, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] sizes = new int[strata][clusters];
        double[][][] y = new double[strata][clusters][];
        for (int h = 0; h < strata; h++) {
            for (int c = 0; c < clusters; c++) {
                int m = minSize + rnd.nextInt(maxSize - minSize + 1);
                sizes[h][c] = m;
                double effect = (2 + h) * rnd.nextGaussian();
                y[h][c] = new double[m];
                for (int e = 0; e < m; e++) y[h][c][e] = 20 + 5 * h + effect + (3 + h) * rnd.nextGaussian();
            }
        }
        return new Population(strata, sizes, y);
    }

    /** k of 0..n-1 without replacement, in the order drawn. */
    private static int[] choose(SplittableRandom rnd, int n, int k) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) pool[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, k);
    }

    /**
     * One sample: {@code n} clusters per stratum; with {@code m > 0} a second stage of {@code m} elements per
     * cluster (else every element of a sampled cluster). Columns str, psu, ssu, w, fpc1, fpc2, y.
     */
    private static List<double[]> sample(Population p, int n, int m, SplittableRandom rnd) {
        List<double[]> rows = new ArrayList<>();
        int clusters = p.clusterSizes[0].length;
        int psu = 0;
        for (int h = 0; h < p.strata; h++) {
            for (int c : choose(rnd, clusters, n)) {
                psu++;
                int size = p.clusterSizes[h][c];
                int[] units = m > 0 ? choose(rnd, size, m) : choose(rnd, size, size);
                double w = (double) clusters / n * (m > 0 ? (double) size / m : 1);
                for (int u : units) rows.add(new double[] {h + 1, psu, u + 1, w, clusters, size, p.y[h][c][u]});
            }
        }
        return rows;
    }

    /** The rows of a sample as a table. */
    private static DataTable table(List<double[]> rows) {
        String[] names = {"str", "psu", "ssu", "w", "fpc1", "fpc2", "y"};
        List<NumericColumn> cols = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) v[i] = rows.get(i)[j];
            cols.add(new NumericColumn(names[j], v));
        }
        return DataTable.of(cols);
    }

    /** Sums over the samples for one variance route: mean and total, estimates and variance estimates. */
    private static final class Tally {
        final String name;
        double sumVarTotal;
        double sumVarMean;

        Tally(String name) {
            this.name = name;
        }
    }

    /** Runs one setting and returns its report lines; asserts each ratio within ±5 %. */
    private static List<String> setting(String label, Population p, int n, int m, boolean fpc, List<ReplicateType> kinds,
            long seed, List<String> outside) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] totals = new double[MC_SAMPLES];
        double[] means = new double[MC_SAMPLES];
        List<Tally> tallies = new ArrayList<>();
        tallies.add(new Tally("Taylor"));
        for (ReplicateType k : kinds) tallies.add(new Tally(k.name().toLowerCase(Locale.ROOT)));
        for (int s = 0; s < MC_SAMPLES; s++) {
            List<double[]> rows = sample(p, n, m, rnd);
            // the estimates themselves: the weighted total and the weighted mean (the engine's below are the same)
            double sw = 0;
            double swy = 0;
            for (double[] row : rows) {
                sw += row[3];
                swy += row[3] * row[6];
            }
            totals[s] = swy;
            means[s] = swy / sw;
            if (s >= SAMPLES) continue;
            DataTable t = table(rows);
            Design.Builder b = Design.builder(t).strata("str").weights("w");
            if (m > 0) b.ids("psu", "ssu"); else b.ids("psu");
            if (fpc) {
                if (m > 0) b.fpc("fpc1", "fpc2"); else b.fpc("fpc1");
            }
            Design d = b.build();
            for (int r = 0; r < tallies.size(); r++) {
                SampleDesign des = r == 0 ? d
                        : ReplicateDesign.bootstrap(d, kinds.get(r - 1), REPLICATES, seed * 31 + s, false);
                Estimate tot = Survey.estimate(des, Estimators.total(t, "y"));
                Estimate mean = Survey.estimate(des, Estimators.mean(t, "y"));
                assertThat(tot.value(0)).isCloseTo(totals[s], org.assertj.core.data.Offset.offset(1e-9 * Math.abs(swy)));
                tallies.get(r).sumVarTotal += tot.variance(0);
                tallies.get(r).sumVarMean += mean.variance(0);
            }
        }
        double mcTotal = variance(totals, MC_SAMPLES);
        double mcMean = variance(means, MC_SAMPLES);
        double subTotal = variance(totals, SAMPLES);
        double subMean = variance(means, SAMPLES);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: variances on %d samples (seed %d, %d replicates), Monte-Carlo"
                + " variance over %d samples: total %.6g, mean %.6g (over the %d: %.6g, %.6g)", label, SAMPLES, seed,
                REPLICATES, MC_SAMPLES, mcTotal, mcMean, SAMPLES, subTotal, subMean));
        for (Tally tally : tallies) {
            double rt = tally.sumVarTotal / SAMPLES / mcTotal;
            double rm = tally.sumVarMean / SAMPLES / mcMean;
            lines.add(String.format(Locale.ROOT, "  %-13s mean variance / Monte-Carlo variance: total %.4f, mean %.4f"
                    + "  (against the %d samples' own: %.4f, %.4f)", tally.name, rt, rm, SAMPLES,
                    tally.sumVarTotal / SAMPLES / subTotal, tally.sumVarMean / SAMPLES / subMean));
            if (Math.abs(rt - 1) > 0.05) outside.add(label + ", " + tally.name + ", total: " + rt);
            if (Math.abs(rm - 1) > 0.05) outside.add(label + ", " + tally.name + ", mean: " + rm);
        }
        return lines;
    }

    /** The sample variance of the first {@code count} values. */
    private static double variance(double[] v, int count) {
        double mean = 0;
        for (int i = 0; i < count; i++) mean += v[i];
        mean /= count;
        double ss = 0;
        for (int i = 0; i < count; i++) ss += (v[i] - mean) * (v[i] - mean);
        return ss / (count - 1);
    }

    @Test
    void bootstrapVariancesMatchTheMonteCarloVarianceOfTheEstimates() {
        System.out.println("Bootstrap simulation, population seed " + POPULATION_SEED + ", sample seed " + SAMPLE_SEED);
        List<String> report = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        long start = System.nanoTime();
        Population small = population(4, 1500, 2, 5, POPULATION_SEED);
        report.addAll(setting("small fraction (15 of 1500 clusters, no fpc)", small, 15, 0, false,
                List.of(ReplicateType.BOOTSTRAP, ReplicateType.SUBBOOTSTRAP, ReplicateType.MRBBOOTSTRAP), SAMPLE_SEED, outside));
        Population large = population(4, 100, 1, 4, POPULATION_SEED + 1);
        report.addAll(setting("large fraction (20 of 100 clusters, fpc)", large, 20, 0, true,
                List.of(ReplicateType.BOOTSTRAP, ReplicateType.MRBBOOTSTRAP), SAMPLE_SEED + 1, outside));
        Population twoStage = population(2, 60, 8, 12, POPULATION_SEED + 2);
        report.addAll(setting("two stages (12 of 60 PSUs, 4 units each, fpc)", twoStage, 12, 4, true,
                List.of(ReplicateType.MRBBOOTSTRAP), SAMPLE_SEED + 2, outside));
        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        assertThat(outside).as("mean variance estimates more than 5 % from the Monte-Carlo variance").isEmpty();
    }
}
