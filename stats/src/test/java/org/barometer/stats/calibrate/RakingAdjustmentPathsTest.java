package org.barometer.stats.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The raking sweeps of the variance run in category space give the same residuals as the sweeps run row by
 * row the way R writes them, on seeded random samples with three margins and rows of weight 0.
 */
class RakingAdjustmentPathsTest {

    @Test
    void categorySpaceSweepsEqualRowSweeps() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 200 + random.nextInt(800);
            int[] a = new int[n];
            int[] b = new int[n];
            int[] c = new int[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(4);
                b[i] = random.nextInt(3);
                c[i] = random.nextInt(5);
                w[i] = random.nextInt(25) == 0 ? 0 : 1 + 20 * random.nextDouble();
            }
            List<CodedFactor> factors = List.of(
                    new CodedFactor("a", a, new String[] {"a0", "a1", "a2", "a3"}),
                    new CodedFactor("b", b, new String[] {"b0", "b1", "b2"}),
                    new CodedFactor("c", c, new String[] {"c0", "c1", "c2", "c3", "c4"}));
            double total = 10 * n;
            List<PopulationMargin> margins = List.of(
                    PopulationMargin.of("a", "a0", .4 * total, "a1", .3 * total, "a2", .2 * total, "a3", .1 * total),
                    PopulationMargin.of("b", "b0", .5 * total, "b1", .3 * total, "b2", .2 * total),
                    PopulationMargin.of("c", "c0", .1 * total, "c1", .15 * total, "c2", .2 * total, "c3", .25 * total,
                            "c4", .3 * total));
            Raking.Result result = Raking.rake(factors, margins, w, RakeControl.rDefault());
            RakingAdjustment adjustment = result.adjustment();
            double[][] byCategories = new double[3][n];
            for (double[] column : byCategories) {
                for (int i = 0; i < n; i++) {
                    column[i] = result.weights()[i] * random.nextGaussian();
                }
            }
            double[][] byRows = new double[3][];
            for (int k = 0; k < 3; k++) {
                byRows[k] = byCategories[k].clone();
            }
            adjustment.residuals(byCategories);
            adjustment.adjustByRows(byRows);
            double scale = 0;
            double changed = 0;
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < n; i++) {
                    scale = Math.max(scale, Math.abs(byRows[k][i]));
                }
            }
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < n; i++) {
                    assertThat(Math.abs(byCategories[k][i] - byRows[k][i])).as("seed %d column %d row %d", seed, k, i)
                            .isLessThanOrEqualTo(1e-12 * scale);
                    changed = Math.max(changed, Math.abs(byRows[k][i]));
                }
            }
            assertThat(changed).isPositive();
        }
    }
}
