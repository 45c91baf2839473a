package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.EditionChange.Change;
import org.barometer.stats.estimate.EditionChange.Indicator;
import org.junit.jupiter.api.Test;

/**
 * The 95 % interval of the change covers the true change of two finite populations at close to the nominal
 * rate: two populations of 10,000 units in three strata, the share of "yes" 0.30, 0.40, 0.50 in the strata of
 * the first and 0.35, 0.45, 0.55 in the second (a true change of exactly 0.05 overall); 1,000 pairs of
 * independent stratified samples without replacement (30, 40 and 50 units per stratum), a fixed seed.
 */
class EditionChangeCoverageTest {
    private static final long SEED = 20260115L;
    private static final int PAIRS = 1000;
    private static final int[] POPULATION = {2000, 3000, 5000};
    private static final int[] SAMPLE = {30, 40, 50};

    /** Per stratum, 1 for the first {@code share * N_h} units, 0 for the others. */
    private static int[][] population(double[] shares) {
        int[][] units = new int[POPULATION.length][];
        for (int h = 0; h < units.length; h++) {
            units[h] = new int[POPULATION[h]];
            long ones = Math.round(shares[h] * POPULATION[h]);
            for (int i = 0; i < ones; i++) units[h][i] = 1;
        }
        return units;
    }

    private static double share(int[][] units) {
        double ones = 0;
        double all = 0;
        for (int[] stratum : units) {
            for (int u : stratum) ones += u;
            all += stratum.length;
        }
        return ones / all;
    }

    /** A stratified simple random sample without replacement (partial Fisher–Yates in each stratum). */
    private static Design sample(int[][] units, SplittableRandom rnd) {
        int n = 0;
        for (int s : SAMPLE) n += s;
        double[] stratum = new double[n];
        double[] fpc = new double[n];
        int[] v = new int[n];
        int row = 0;
        for (int h = 0; h < units.length; h++) {
            int[] pool = units[h].clone();
            for (int k = 0; k < SAMPLE[h]; k++, row++) {
                int j = k + rnd.nextInt(pool.length - k);
                int t = pool[j];
                pool[j] = pool[k];
                pool[k] = t;
                stratum[row] = h;
                fpc[row] = POPULATION[h];
                v[row] = t;
            }
        }
        DataTable table = DataTable.of(List.of(new NumericColumn("stratum", stratum), new NumericColumn("fpc", fpc),
                FactorColumn.ofCodes("v", v, List.of("no", "yes"))));
        return Design.builder(table).strata("stratum").fpc("fpc").build();
    }

    @Test
    void intervalsCoverTheTrueChangeAtTheNominalRate() {
        int[][] first = population(new double[] {0.30, 0.40, 0.50});
        int[][] second = population(new double[] {0.35, 0.45, 0.55});
        double truth = share(second) - share(first);
        assertThat(truth).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        SplittableRandom rnd = new SplittableRandom(SEED);
        int covered = 0;
        double sumDelta = 0;
        for (int r = 0; r < PAIRS; r++) {
            Design d1 = sample(first, rnd);
            Design d2 = sample(second, rnd);
            Change c = EditionChange.between(d1, d2, Indicator.shares("v")).change("vyes");
            double[] ci = c.confidenceInterval(0.95);
            if (ci[0] <= truth && truth <= ci[1]) covered++;
            sumDelta += c.estimate();
        }
        double rate = covered / (double) PAIRS;
        System.out.printf(Locale.ROOT, "edition change coverage: seed %d, %d pairs, true change %.4f, mean estimate"
                + " %.5f, 95%% intervals cover %.1f %%%n", SEED, PAIRS, truth, sumDelta / PAIRS, 100 * rate);
        assertThat(rate).as("coverage of the 95 %% intervals, seed %d", SEED).isBetween(0.935, 0.965);
    }
}
