package org.barometer.stats.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.barometer.stats.numeric.LinpackQr;
import org.junit.jupiter.api.Test;

/**
 * What every calibration must do on any sample, checked on seeded random samples: totals are met, bounds
 * hold, trimming keeps the total, and the variance step removes exactly what the calibration fixed (the
 * calibrated total of an auxiliary has no variance left).
 */
class CalibrationPropertiesTest {

    private static final int SAMPLES = 25;

    private record Sample(CodedFactor a, CodedFactor b, double[] z, double[] w) {
    }

    private static Sample sample(Random rnd) {
        int n = 50 + rnd.nextInt(400);
        String[] a = new String[n];
        String[] b = new String[n];
        double[] z = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            // every category present: the first rows cycle through them
            a[i] = "a" + (i < 4 ? i : rnd.nextInt(4));
            b[i] = "b" + (i < 3 ? i : rnd.nextInt(3));
            z[i] = 10 + 5 * rnd.nextGaussian();
            w[i] = 5 + 45 * rnd.nextDouble();
        }
        return new Sample(CodedFactor.of("a", a), CodedFactor.of("b", b), z, w);
    }

    private static double[] totals(CodedFactor f, double[] w) {
        return MarginTotals.levelTotals(f, w);
    }

    private static PopulationMargin margin(CodedFactor f, double[] counts) {
        Object[] pairs = new Object[2 * counts.length];
        for (int j = 0; j < counts.length; j++) {
            pairs[2 * j] = f.levels()[j];
            pairs[2 * j + 1] = counts[j];
        }
        return PopulationMargin.of(f.name(), pairs);
    }

    /** Population counts near the sample's own estimates, summing to {@code size}. */
    private static double[] counts(Random rnd, double[] sampleTotals, double size) {
        double[] c = new double[sampleTotals.length];
        double s = 0;
        for (int j = 0; j < c.length; j++) {
            c[j] = sampleTotals[j] * (0.8 + 0.4 * rnd.nextDouble());
            s += c[j];
        }
        for (int j = 0; j < c.length; j++) {
            c[j] *= size / s;
        }
        return c;
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    @Test
    void postStratificationMeetsEveryCountAndLeavesItsTotalsWithoutVariance() {
        Random rnd = new Random(11);
        for (int k = 0; k < SAMPLES; k++) {
            Sample s = sample(rnd);
            double[] pop = counts(rnd, totals(s.a, s.w), 10_000);
            PostStratification.Result r = PostStratification.apply(s.a, s.w, margin(s.a, pop));
            double[] t = totals(s.a, r.weights());
            for (int j = 0; j < pop.length; j++) {
                assertThat(t[j]).isCloseTo(pop[j], within(1e-9 * pop[j]));
            }
            // influence of the total of the indicator of a0: w * 1{a0}; after the step it is 0
            double[] x = new double[s.w.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.a.codes()[i] == 0 ? r.weights()[i] : 0;
            }
            r.adjustment().residuals(new double[][] {x});
            assertThat(maxAbs(x)).isLessThan(1e-9);
        }
    }

    @Test
    void convergedRakingMeetsEveryMarginAndShrinksTheirVariance() {
        Random rnd = new Random(12);
        for (int k = 0; k < SAMPLES; k++) {
            Sample s = sample(rnd);
            double[] popA = counts(rnd, totals(s.a, s.w), 10_000);
            double[] popB = counts(rnd, totals(s.b, s.w), 10_000);
            Raking.Result r = Raking.rake(List.of(s.a, s.b), List.of(margin(s.a, popA), margin(s.b, popB)), s.w,
                    RakeControl.converged(1e-10, 100));
            double[] ta = totals(s.a, r.weights());
            double[] tb = totals(s.b, r.weights());
            for (int j = 0; j < popA.length; j++) {
                assertThat(ta[j]).isCloseTo(popA[j], within(1e-10 * 10_000 * 10));
            }
            for (int j = 0; j < popB.length; j++) {
                assertThat(tb[j]).isCloseTo(popB[j], within(1e-10 * 10_000 * 10));
            }
            assertThat(r.largestMisfit()).isLessThan(1e-10 * 10_000 * 10);
            // the last margin's indicator total has no variance left after the adjustment
            double[] x = new double[s.w.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.b.codes()[i] == 1 ? r.weights()[i] : 0;
            }
            r.adjustment().residuals(new double[][] {x});
            assertThat(maxAbs(x)).isLessThan(1e-6);
        }
    }

    @Test
    void rakingOnManyCategoriesKeepsOnlyOccurringCombinationsAndGivesTheSameWeights() {
        // 120 x 110 x 100 = 1,320,000 combinations, more than are held densely; 3,000 rows occupy few of them
        Random rnd = new Random(17);
        int n = 3000;
        int[] sizes = {120, 110, 100};
        List<CodedFactor> factors = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            String[] v = new String[n];
            for (int i = 0; i < n; i++) {
                v[i] = String.format("c%03d", i < sizes[k] ? i : rnd.nextInt(sizes[k]));
            }
            factors.add(CodedFactor.of("v" + k, v));
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + 9 * rnd.nextDouble();
        }
        double size = sum(w) * 1.1;
        List<PopulationMargin> margins = new ArrayList<>();
        List<double[]> pops = new ArrayList<>();
        for (CodedFactor f : factors) {
            double[] pop = counts(rnd, totals(f, w), size);
            pops.add(pop);
            margins.add(margin(f, pop));
        }
        RakeControl rule = RakeControl.converged(1e-9, 200);
        Raking.Result r = Raking.rake(factors, margins, w, rule);
        // a plain iterative proportional fitting with R's stopping rule on a hashed joint table
        double[] x = w.clone();
        java.util.Map<String, Double> old = joint(factors, x);
        int sweeps = 0;
        while (true) {
            for (int m = 0; m < factors.size(); m++) {
                double[] t = totals(factors.get(m), x);
                for (int i = 0; i < n; i++) {
                    int c = factors.get(m).codes()[i];
                    x[i] *= pops.get(m)[c] / t[c];
                }
            }
            sweeps++;
            java.util.Map<String, Double> now = joint(factors, x);
            double delta = 0;
            for (var e : now.entrySet()) {
                delta = Math.max(delta, Math.abs(e.getValue() - old.get(e.getKey())));
            }
            if (delta < 1e-9 * sum(w)) {
                break;
            }
            old = now;
        }
        assertThat(r.sweeps()).isEqualTo(sweeps);
        for (int i = 0; i < n; i++) {
            assertThat(r.weights()[i]).isCloseTo(x[i], within(1e-10 * x[i]));
        }
    }

    private static java.util.Map<String, Double> joint(List<CodedFactor> factors, double[] w) {
        java.util.Map<String, Double> t = new java.util.HashMap<>();
        for (int i = 0; i < w.length; i++) {
            StringBuilder key = new StringBuilder();
            for (CodedFactor f : factors) {
                key.append(f.codes()[i]).append(',');
            }
            t.merge(key.toString(), w[i], Double::sum);
        }
        return t;
    }

    @Test
    void everyCalibrationFunctionMeetsTheTotalsWithinItsBounds() {
        Random rnd = new Random(13);
        for (int k = 0; k < SAMPLES; k++) {
            Sample s = sample(rnd);
            ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(s.a), new ModelMatrix.FactorTerm(s.b),
                    new ModelMatrix.NumericTerm("z", s.z));
            double[] est = mm.weightedTotals(s.w);
            double[] pop = new double[est.length];
            for (int j = 0; j < pop.length; j++) {
                pop[j] = est[j] * (0.93 + 0.14 * rnd.nextDouble());
            }
            List<CalibrationOptions> all = new ArrayList<>(List.of(CalibrationOptions.linear(), CalibrationOptions.raking(),
                    CalibrationOptions.logit(0.4, 2.5), CalibrationOptions.linear().withBounds(0.4, 2.5)));
            for (CalibrationOptions o : all) {
                Calibration.Result r = Calibration.calibrate(mm, s.w, pop, o);
                double[] t = mm.weightedTotals(r.weights());
                for (int j = 0; j < pop.length; j++) {
                    assertThat(Math.abs(t[j] - pop[j]) / (1 + Math.abs(pop[j]))).as(o.function() + " column " + j)
                            .isLessThan(1e-7);
                }
                for (double g : r.g()) {
                    if (o.function() == CalibrationFunction.RAKING) {
                        assertThat(g).isPositive();
                    }
                    if (Double.isFinite(o.lower())) {
                        assertThat(g).isBetween(o.lower() - 1e-12, o.upper() + 1e-12);
                    }
                }
                // the calibrated total of z has no variance left: its influence w * z is all model
                double[] x = new double[s.w.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.weights()[i] * s.z[i];
                }
                r.adjustment().residuals(new double[][] {x});
                double scale = sum(r.weights()) * 10;
                assertThat(maxAbs(x)).as(o.function() + " residual").isLessThan(1e-9 * scale);
            }
        }
    }

    @Test
    void badlyScaledAuxiliariesAreCalibratedNotMistakenForCollinear() {
        Random rnd = new Random(18);
        Sample s = sample(rnd);
        double[] big = new double[s.z.length];
        for (int i = 0; i < big.length; i++) {
            big[i] = s.z[i] * 1e7;
        }
        ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(s.a), new ModelMatrix.NumericTerm("big", big));
        double[] est = mm.weightedTotals(s.w);
        double[] pop = est.clone();
        pop[0] *= 1.05;
        pop[pop.length - 1] *= 0.97;
        Calibration.Result r = Calibration.calibrate(mm, s.w, pop, CalibrationOptions.linear());
        double[] t = mm.weightedTotals(r.weights());
        for (int j = 0; j < pop.length; j++) {
            assertThat(t[j]).isCloseTo(pop[j], within(1e-9 * Math.abs(pop[j])));
        }
    }

    @Test
    void directAndIterativeLinearCalibrationAgree() {
        Random rnd = new Random(14);
        for (int k = 0; k < SAMPLES; k++) {
            Sample s = sample(rnd);
            ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(s.a), new ModelMatrix.NumericTerm("z", s.z));
            double[] est = mm.weightedTotals(s.w);
            double[] pop = new double[est.length];
            for (int j = 0; j < pop.length; j++) {
                pop[j] = est[j] * (0.95 + 0.1 * rnd.nextDouble());
            }
            double[] direct = Calibration.calibrate(mm, s.w, pop, CalibrationOptions.linear()).weights();
            // very wide bounds take R's iterative path (grake) with the same linear distance
            double[] iterative = Calibration.calibrate(mm, s.w, pop, CalibrationOptions.linear().withBounds(-1e6, 1e6)
                    .withEpsilon(1e-12)).weights();
            for (int i = 0; i < direct.length; i++) {
                assertThat(iterative[i]).isCloseTo(direct[i], within(1e-8 * Math.abs(direct[i])));
            }
        }
    }

    @Test
    void trimmingKeepsTheTotalAndStrictTrimmingKeepsTheLimits() {
        Random rnd = new Random(15);
        for (int k = 0; k < SAMPLES; k++) {
            Sample s = sample(rnd);
            double total = sum(s.w);
            double mean = total / s.w.length;
            double lo = mean * 0.6;
            double up = mean * 1.4;
            double[] t = WeightTrimming.trim(s.w, lo, up, false);
            assertThat(sum(t)).isCloseTo(total, within(1e-9 * total));
            double[] strict = WeightTrimming.trim(s.w, lo, up, true);
            assertThat(sum(strict)).isCloseTo(total, within(1e-9 * total));
            for (double w : strict) {
                assertThat(w).isBetween(lo, up);
            }
        }
    }

    @Test
    void trimmingRemovesNegativeWeights() {
        double[] w = {-4, 10, 12, 14, 20, 1};
        double[] t = WeightTrimming.trim(w, 1, Double.POSITIVE_INFINITY, true);
        assertThat(sum(t)).isCloseTo(sum(w), within(1e-12));
        for (double v : t) {
            assertThat(v).isGreaterThanOrEqualTo(1);
        }
        // as R's trimWeights(d, lower = 1, strict = TRUE); without strict R gives 1 9 11 13 19 0
        assertThat(t).containsExactly(new double[] {1, 8.75, 10.75, 12.75, 18.75, 1}, within(1e-12));
        assertThat(WeightTrimming.trim(w, 1, Double.POSITIVE_INFINITY, false))
                .containsExactly(new double[] {1, 9, 11, 13, 19, 0}, within(1e-12));
    }

    @Test
    void qrResidualIgnoresDependentColumnsLikeR() {
        Random rnd = new Random(16);
        int n = 40;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1;
            b[i] = rnd.nextGaussian();
            y[i] = rnd.nextGaussian();
        }
        double[] twiceB = new double[n];
        for (int i = 0; i < n; i++) {
            twiceB[i] = 2 * b[i];
        }
        LinpackQr full = LinpackQr.of(new double[][] {a, twiceB, b}, 1e-7);
        LinpackQr reduced = LinpackQr.of(new double[][] {a, b}, 1e-7);
        assertThat(full.rank()).isEqualTo(2);
        assertThat(full.firstLeftOut()).isEqualTo(2);
        double[] r1 = full.residuals(y);
        double[] r2 = reduced.residuals(y);
        double dotA = 0;
        double dotB = 0;
        for (int i = 0; i < n; i++) {
            assertThat(r1[i]).isCloseTo(r2[i], within(1e-12));
            dotA += r1[i] * a[i];
            dotB += r1[i] * b[i];
        }
        assertThat(Math.abs(dotA)).isLessThan(1e-12);
        assertThat(Math.abs(dotB)).isLessThan(1e-12);
    }
}
