package org.barometer.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightingTest {

    /** Two strata of 100 and 300 units; 10 and 20 sampled; some respond. One margin "size": a/b. */
    static WeightingInput input(boolean[] responded) {
        int[] stratum = new int[30];
        int[] size = new int[30];
        for (int i = 0; i < 30; i++) {
            stratum[i] = i < 10 ? 0 : 1;
            size[i] = i % 3 == 0 ? 1 : 0;
        }
        return new WeightingInput(stratum, responded, new long[] {100, 300}, null, List.of(
                new WeightingInput.Margin("size", size, List.of("a", "b"), new double[] {260, 140})));
    }

    static boolean[] everyOther() {
        boolean[] r = new boolean[30];
        for (int i = 0; i < 30; i++) {
            r[i] = i % 2 == 0 || i % 3 == 0;
        }
        return r;
    }

    @Test
    void designNonResponseAndCalibrationStepsHitTheFrame() {
        Weights w = Weighting.run(input(everyOther()), WeightingOptions.defaults().withMethod(WeightingOptions.Method.NONE));
        assertThat(w.diagnostics().designWeightRange()).containsExactly(10.0, 15.0);
        double stratum0 = 0;
        double stratum1 = 0;
        for (int r = 0; r < w.size(); r++) {
            if (w.varianceStratum()[r] == 0) {
                stratum0 += w.weight()[r];
            } else {
                stratum1 += w.weight()[r];
            }
        }
        assertThat(stratum0).isCloseTo(100, within(1e-9));
        assertThat(stratum1).isCloseTo(300, within(1e-9));
        Weights raked = Weighting.run(input(everyOther()), WeightingOptions.defaults());
        for (Weights.MarginCheck c : raked.diagnostics().marginChecks()) {
            assertThat(c.weightedTotal()).isCloseTo(c.frameTotal(), within(1e-6));
        }
        assertThat(raked.diagnostics().kishDeff()).isGreaterThanOrEqualTo(1.0);
        Weights linear = Weighting.run(input(everyOther()), WeightingOptions.defaults().withMethod(WeightingOptions.Method.LINEAR));
        for (Weights.MarginCheck c : linear.diagnostics().marginChecks()) {
            assertThat(c.weightedTotal()).isCloseTo(c.frameTotal(), within(1e-6));
        }
    }

    @Test
    void trimmingCapsTheWeightsAndKeepsTheTotals() {
        Weights untrimmed = Weighting.run(input(everyOther()), WeightingOptions.defaults());
        double mean = untrimmed.diagnostics().marginChecks().stream().mapToDouble(Weights.MarginCheck::frameTotal).sum()
                / untrimmed.size();
        assertThat(untrimmed.diagnostics().max()).isGreaterThan(1.2 * mean);
        Weights trimmed = Weighting.run(input(everyOther()), WeightingOptions.defaults().withTrimAbove(1.2));
        double total = 0;
        for (double x : trimmed.weight()) {
            total += x;
        }
        assertThat(total).isCloseTo(400, within(1e-6));
        assertThat(trimmed.diagnostics().max()).isLessThanOrEqualTo(1.2 * total / trimmed.size() * (1 + 1e-9));
        assertThat(trimmed.diagnostics().max()).isLessThan(untrimmed.diagnostics().max());
        assertThat(trimmed.diagnostics().cv()).isLessThan(untrimmed.diagnostics().cv());
        // the margins may now miss their totals a little, and the diagnostics say by how much
        assertThat(trimmed.diagnostics().marginChecks()).anySatisfy(c ->
                assertThat(Math.abs(c.relativeDifference())).isGreaterThan(1e-6));
        assertThatThrownBy(() -> Weighting.run(input(everyOther()), WeightingOptions.defaults().withTrimAbove(0.9)))
                .hasMessageContaining("Trimming: the cap must be more than 1 times the mean weight");
    }

    @Test
    void aGroupWithTooFewRespondentsIsMergedWithItsNeighbour() {
        boolean[] responded = new boolean[30];
        responded[0] = true; // one respondent in stratum 0
        for (int i = 10; i < 30; i += 2) {
            responded[i] = true;
        }
        responded[12] = false;
        responded[15] = true;
        Weights w = Weighting.run(input(responded), WeightingOptions.defaults().withMethod(WeightingOptions.Method.NONE));
        assertThat(w.diagnostics().mergedGroups()).containsExactly("0+1");
        assertThat(w.stratumPopulation()[1]).isEqualTo(400);
    }

    @Test
    void aSampleLargerThanItsStratumIsRefused() {
        WeightingInput bad = new WeightingInput(new int[] {0, 0, 0}, new boolean[] {true, true, true}, new long[] {2},
                null, List.of());
        assertThatThrownBy(() -> Weighting.run(bad, WeightingOptions.defaults()))
                .hasMessage("Design weights: stratum 0 has 3 sampled units but only 2 in the frame");
    }

    @Test
    void marginsThatContradictEachOtherAreRefusedNamingTheStepAndMargin() {
        WeightingInput good = input(everyOther());
        WeightingInput.Margin size = good.margins().get(0);
        // the same grouping of units as "size", but other totals: no weights can meet both
        WeightingInput.Margin mirror = new WeightingInput.Margin("mirror", size.category(), List.of("x", "y"),
                new double[] {200, 200});
        WeightingInput bad = new WeightingInput(good.stratum(), good.responded(), good.stratumPopulation(), null,
                List.of(size, mirror));
        assertThatThrownBy(() -> Weighting.run(bad, WeightingOptions.defaults()))
                .isInstanceOf(WeightingException.class)
                .hasMessageStartingWith("Calibration: raking cannot meet the margins within 200 sweeps; the margins may"
                        + " contradict each other, margin 'size', category 'a' (");
    }
}
