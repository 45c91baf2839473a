package org.barometer.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.demo.DemoEdition;
/**
 * The weighting settings an edition's files may give, each on the demo edition's stored sample and responses:
 * what each changes in the weights, and that the weights still do what the method promises.
 */
class EditionWeightingTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static long editionId;

    @BeforeAll
    static void load() throws Exception {
        editionId = DemoEdition.load(db.jdbi()).edition().id();
        DemoEdition.answer(db.jdbi(), editionId);
    }

    static Weights weigh(WeightingOptions options, List<String> groups, List<List<String>> margins) {
        WeightingSettings settings = new WeightingSettings(options, groups, margins);
        return Weighting.run(new SurveyStore(db.jdbi()).read(editionId, settings).input(), options);
    }

    static Weights weigh(WeightingOptions options) {
        return weigh(options, null, WeightingSettings.DEFAULT_MARGINS);
    }

    static WeightingOptions method(WeightingOptions.Method m) {
        return WeightingOptions.defaults().withMethod(m);
    }

    /** The largest relative miss of a weighted margin total against the frame's count. */
    static double worstMiss(Weights w) {
        return w.diagnostics().marginChecks().stream().mapToDouble(c -> Math.abs(c.relativeDifference())).max().orElseThrow();
    }

    @Test
    void theDefaultsAreTheSettingsOfAnEditionThatGivesNone() {
        Weights defaults = Weighting.run(new SurveyStore(db.jdbi()).read(editionId).input(), WeightingOptions.defaults());
        assertThat(weigh(WeightingOptions.defaults()).weight()).isEqualTo(defaults.weight());
        assertThat(defaults.diagnostics().marginChecks()).extracting(Weights.MarginCheck::margin).containsOnly(
                "government level × area", "size group");
    }

    @Test
    void linearAndRakingGiveDifferentWeightsThatBothMeetTheMargins() {
        Weights raked = weigh(method(WeightingOptions.Method.RAKING));
        Weights linear = weigh(method(WeightingOptions.Method.LINEAR));
        assertThat(worstMiss(raked)).isLessThan(1e-6);
        assertThat(worstMiss(linear)).isLessThan(1e-6);
        double largestDifference = IntStream.range(0, raked.size())
                .mapToDouble(r -> Math.abs(raked.weight()[r] - linear.weight()[r])).max().orElseThrow();
        assertThat(largestDifference).isGreaterThan(1e-3);
        assertThat(raked.diagnostics().iterations()).isGreaterThan(1);
    }

    @Test
    void noneLeavesTheWeightsAdjustedForNonResponse() {
        Weights none = weigh(method(WeightingOptions.Method.NONE));
        assertThat(none.weight()).isEqualTo(none.beforeCalibration());
        assertThat(none.diagnostics().iterations()).isZero();
        // the margins are still reported, and are no longer met
        assertThat(worstMiss(none)).isGreaterThan(0.01);
        assertThat(none.beforeCalibration()).isEqualTo(weigh(WeightingOptions.defaults()).beforeCalibration());
    }

    @Test
    void trimmingCapsTheRatioOfTheLargestWeightToTheMeanAndKeepsTheTotal() {
        Weights untrimmed = weigh(WeightingOptions.defaults());
        double ratio = max(untrimmed.weight()) / mean(untrimmed.weight());
        double cap = 1 + (ratio - 1) * 0.6;
        assertThat(cap).isGreaterThan(1.2);
        Weights trimmed = weigh(WeightingOptions.defaults().withTrimAbove(cap));
        assertThat(max(trimmed.weight()) / mean(trimmed.weight())).isLessThanOrEqualTo(cap + 1e-9);
        assertThat(Arrays.stream(trimmed.weight()).sum()).isCloseTo(Arrays.stream(untrimmed.weight()).sum(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(trimmed.weight()).isNotEqualTo(untrimmed.weight());
    }

    @Test
    void aLargerMinimumMergesMoreGroupsAndEveryGroupThenHasThatManyRespondents() {
        Weights two = weigh(WeightingOptions.defaults());
        Weights forty = weigh(WeightingOptions.defaults().withMinRespondents(40));
        assertThat(forty.diagnostics().mergedGroups().size()).isGreaterThan(two.diagnostics().mergedGroups().size());
        int[] perGroup = new int[Arrays.stream(forty.varianceStratum()).max().orElseThrow() + 1];
        for (int g : forty.varianceStratum()) {
            perGroup[g]++;
        }
        assertThat(Arrays.stream(perGroup).filter(n -> n > 0)).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(40));
    }

    @Test
    void nonResponseGroupsByAFrameVariableMakeTheWeightsAddUpWithinItsGroups() {
        WeightingOptions none = method(WeightingOptions.Method.NONE);
        List<List<String>> byLevel = List.of(List.of("government_level"));
        Weights oneGroup = weigh(none, List.of(), byLevel);
        Weights perLevel = weigh(none, List.of("government_level"), byLevel);
        assertThat(IntStream.of(oneGroup.varianceStratum()).distinct().count()).isOne();
        assertThat(IntStream.of(perLevel.varianceStratum()).distinct().count()).isEqualTo(3);
        // adjusting within levels keeps each level's total; one group for all only the grand total
        assertThat(worstMiss(perLevel)).isLessThan(1e-9);
        assertThat(worstMiss(oneGroup)).isGreaterThan(0.001);
        assertThat(Arrays.stream(oneGroup.weight()).sum()).isCloseTo(Arrays.stream(perLevel.weight()).sum(),
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theMarginsAreTheEditionsChoiceOfFrameVariables() {
        Weights sizeOnly = weigh(WeightingOptions.defaults(), null, List.of(List.of("size_group")));
        assertThat(sizeOnly.diagnostics().marginChecks()).extracting(Weights.MarginCheck::margin).containsOnly("size group");
        assertThat(sizeOnly.diagnostics().marginChecks()).hasSize(4);
        assertThat(worstMiss(sizeOnly)).isLessThan(1e-6);
        Weights byRegion = weigh(WeightingOptions.defaults(), null, List.of(List.of("government_level"), List.of("region")));
        assertThat(byRegion.diagnostics().marginChecks()).extracting(Weights.MarginCheck::category)
                .contains("state", "region", "municipality", "Hovedstaden", "Nordjylland");
        assertThat(worstMiss(byRegion)).isLessThan(1e-6);
        assertThat(byRegion.weight()).isNotEqualTo(sizeOnly.weight());
    }

    @Test
    void nonResponseGroupsThatCutAcrossStrataAreRefusedNamingTheSetting() {
        WeightingSettings byRegion = new WeightingSettings(WeightingOptions.defaults(), List.of("region"),
                WeightingSettings.DEFAULT_MARGINS);
        assertThatThrownBy(() -> new SurveyStore(db.jdbi()).read(editionId, byRegion))
                .isInstanceOf(WeightingException.class)
                .hasMessage("edition.json: weighting.nonresponseGroups: 'region' is not a stratification variable of the"
                        + " sample (government_level, area, size_group); a non-response group must be a union of strata");
    }

    static double max(double[] w) {
        return Arrays.stream(w).max().orElseThrow();
    }

    static double mean(double[] w) {
        return Arrays.stream(w).average().orElseThrow();
    }
}
