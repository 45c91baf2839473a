package org.barometer.stats.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.calibrate.CalibrationException.Problem;
import org.junit.jupiter.api.Test;

/** Every refusal names its place, and leaves the caller's weights as they were. */
class CalibrationErrorsTest {

    private static final ApiClus1 S = ApiClus1.sample();
    private static final double[] PW = S.number("pw");
    private static final CodedFactor STYPE = S.factor("stype");
    private static final CodedFactor SCHWIDE = S.factor("sch.wide");
    private static final PopulationMargin POP_TYPES = PopulationMargin.of("stype", "E", 4421, "H", 755, "M", 1018);
    private static final PopulationMargin POP_SCHWIDE = PopulationMargin.of("sch.wide", "No", 1072, "Yes", 5122);
    // a and b always agree in the sample, but the population margins need a1 != b1: raking cycles forever
    private static final CodedFactor CYCLING_A = CodedFactor.of("a", new String[] {"1", "1", "2", "2", "1", "2"});
    private static final CodedFactor CYCLING_B = CodedFactor.of("b", new String[] {"1", "1", "2", "2", "1", "2"});
    private static final List<PopulationMargin> CYCLING_MARGINS = List.of(PopulationMargin.of("a", "1", 50, "2", 50),
            PopulationMargin.of("b", "1", 30, "2", 70));

    private static CalibrationException refusal(Runnable r) {
        double[] before = PW.clone();
        CalibrationException e = catchThrowableOfType(CalibrationException.class, r::run);
        assertThat(e).as("a CalibrationException").isNotNull();
        assertThat(PW).as("weights unchanged").containsExactly(before);
        return e;
    }

    @Test
    void postStratumInPopulationButAbsentFromSampleIsNamed() {
        PopulationMargin pop = PopulationMargin.of("stype", "E", 4421, "H", 755, "M", 1018, "K", 10);
        CalibrationException e = refusal(() -> PostStratification.apply(STYPE, PW, pop));
        assertThat(e.problem()).isEqualTo(Problem.CATEGORY_ABSENT_FROM_SAMPLE);
        assertThat(e.variable()).isEqualTo("stype");
        assertThat(e.category()).isEqualTo("K");
        assertThat(e.getMessage()).contains("stype=K");
    }

    @Test
    void sampleCategoryMissingFromPopulationIsNamed() {
        PopulationMargin pop = PopulationMargin.of("stype", "E", 4421, "H", 755);
        CalibrationException e = refusal(() -> PostStratification.apply(STYPE, PW, pop));
        assertThat(e.problem()).isEqualTo(Problem.CATEGORY_MISSING_FROM_POPULATION);
        assertThat(e.category()).isEqualTo("M");
        CalibrationException r = refusal(() -> Raking.rake(List.of(STYPE, SCHWIDE),
                List.of(POP_TYPES, PopulationMargin.of("sch.wide", "Yes", 5122)), PW, RakeControl.rDefault()));
        assertThat(r.problem()).isEqualTo(Problem.CATEGORY_MISSING_FROM_POPULATION);
        assertThat(r.variable()).isEqualTo("sch.wide");
        assertThat(r.category()).isEqualTo("No");
    }

    @Test
    void marginForAnotherVariableIsUnknown() {
        CalibrationException e = refusal(() -> PostStratification.apply(STYPE, PW, POP_SCHWIDE));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(e.variable()).isEqualTo("sch.wide");
        Map<String, Double> totals = new LinkedHashMap<>(CalibrationReferenceTest.populationTotals());
        totals.put("region", 5.0);
        CalibrationException c = refusal(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW, totals,
                CalibrationOptions.linear()));
        assertThat(c.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(c.variable()).isEqualTo("region");
    }

    @Test
    void negativeAndZeroTotalsAreRefused() {
        CalibrationException neg = refusal(() -> PostStratification.apply(STYPE, PW,
                PopulationMargin.of("stype", "E", 4421, "H", -1, "M", 1018)));
        assertThat(neg.problem()).isEqualTo(Problem.NON_POSITIVE_TOTAL);
        assertThat(neg.category()).isEqualTo("H");
        CalibrationException zero = refusal(() -> Raking.rake(List.of(STYPE), List.of(
                PopulationMargin.of("stype", "E", 4421, "H", 0, "M", 1018)), PW, RakeControl.rDefault()));
        assertThat(zero.problem()).isEqualTo(Problem.NON_POSITIVE_TOTAL);
        assertThat(zero.category()).isEqualTo("H");
        Map<String, Double> totals = new LinkedHashMap<>(CalibrationReferenceTest.populationTotals());
        totals.put("stypeM", -3.0);
        CalibrationException cal = refusal(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW, totals,
                CalibrationOptions.linear()));
        assertThat(cal.problem()).isEqualTo(Problem.NON_POSITIVE_TOTAL);
        assertThat(cal.variable()).isEqualTo("stype");
        assertThat(cal.category()).isEqualTo("M");
    }

    @Test
    void calibrationCategoryAbsentFromSampleIsNamed() {
        // a level "K" that no sampled school has, with a population total
        CodedFactor stype4 = new CodedFactor("stype", STYPE.codes(), new String[] {"E", "H", "M", "K"});
        ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(stype4));
        Map<String, Double> totals = Map.of("(Intercept)", 6204.0, "stypeH", 755.0, "stypeM", 1018.0, "stypeK", 10.0);
        CalibrationException e = refusal(() -> Calibration.calibrate(mm, PW, totals, CalibrationOptions.linear()));
        assertThat(e.problem()).isEqualTo(Problem.CATEGORY_ABSENT_FROM_SAMPLE);
        assertThat(e.variable()).isEqualTo("stype");
        assertThat(e.category()).isEqualTo("K");
        // with a zero population total the empty column is dropped, as R does
        Map<String, Double> zeroK = Map.of("(Intercept)", 6194.0, "stypeH", 755.0, "stypeM", 1018.0, "stypeK", 0.0);
        Calibration.Result r = Calibration.calibrate(mm, PW, zeroK, CalibrationOptions.linear());
        assertThat(r.columns()).containsExactly("(Intercept)", "stypeH", "stypeM");
        assertThat(java.util.Arrays.stream(r.weights()).sum()).isCloseTo(6194.0, org.assertj.core.api.Assertions.within(1e-8));
    }

    @Test
    void populationTotalMissingForAModelCategoryIsNamed() {
        Map<String, Double> totals = new LinkedHashMap<>(CalibrationReferenceTest.populationTotals());
        totals.remove("stypeM");
        CalibrationException e = refusal(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW, totals,
                CalibrationOptions.raking()));
        assertThat(e.problem()).isEqualTo(Problem.CATEGORY_MISSING_FROM_POPULATION);
        assertThat(e.variable()).isEqualTo("stype");
        assertThat(e.category()).isEqualTo("M");
        assertThatThrownBy(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW, new double[] {1, 2, 3},
                CalibrationOptions.linear())).isInstanceOf(CalibrationException.class)
                .hasMessageContaining("4 columns").extracting(x -> ((CalibrationException) x).problem())
                .isEqualTo(Problem.TOTALS_DO_NOT_MATCH_MODEL);
    }

    @Test
    void marginsOfDifferentPopulationSizesAreRefused() {
        PopulationMargin schwide = PopulationMargin.of("sch.wide", "No", 1072, "Yes", 6122);
        CalibrationException e = refusal(() -> Raking.rake(List.of(STYPE, SCHWIDE), List.of(POP_TYPES, schwide), PW,
                RakeControl.rDefault()));
        assertThat(e.problem()).isEqualTo(Problem.TOTALS_DO_NOT_MATCH_MODEL);
        assertThat(e.getMessage()).contains("stype sums to 6194.0 but sch.wide to 7194.0");
    }

    @Test
    void rakingThatCannotMeetItsMarginsReportsTheMisfit() {
        double[] w = {10, 10, 10, 10, 10, 10};
        for (RakeControl rule : List.of(RakeControl.rDefault(), RakeControl.converged(1e-10, 30))) {
            CalibrationNotConvergedException e = catchThrowableOfType(CalibrationNotConvergedException.class,
                    () -> Raking.rake(List.of(CYCLING_A, CYCLING_B), CYCLING_MARGINS, w, rule));
            assertThat(e.problem()).isEqualTo(Problem.NOT_CONVERGED);
            assertThat(e.largestMisfit()).isCloseTo(20, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(e.getMessage()).startsWith("raking did not converge after").contains("largest misfit 20.0000 on margin a=");
            assertThat(e.variable()).isEqualTo("a");
        }
        assertThat(w).containsOnly(10.0);
    }

    @Test
    void unconvergedRakingIsReturnedOnlyWhenAskedForAndThenSaysSo() {
        double[] w = {10, 10, 10, 10, 10, 10};
        Raking.Result r = Raking.rake(List.of(CYCLING_A, CYCLING_B), CYCLING_MARGINS, w,
                RakeControl.rDefault().acceptingUnconverged());
        assertThat(r.converged()).isFalse();
        assertThat(r.largestMisfit()).isCloseTo(20, org.assertj.core.api.Assertions.within(1e-9));
        Raking.Result tight = Raking.rake(List.of(STYPE, SCHWIDE), List.of(POP_TYPES, POP_SCHWIDE), PW,
                RakeControl.converged(1e-12, 2).acceptingUnconverged());
        assertThat(tight.converged()).isFalse();
        assertThat(tight.sweeps()).isEqualTo(2);
        assertThat(tight.largestMisfit()).isPositive();
        Calibration.Result c = Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW,
                CalibrationReferenceTest.populationTotals(),
                CalibrationOptions.raking().withMaxit(1).withEpsilon(1e-14).acceptingUnconverged());
        assertThat(c.converged()).isFalse();
        assertThat(c.misfit()).isPositive();
    }

    @Test
    void rakingThatNeedsMoreSweepsIsRefusedRatherThanReturnedUnconverged() {
        CalibrationNotConvergedException e = (CalibrationNotConvergedException) refusal(() -> Raking.rake(
                List.of(STYPE, SCHWIDE), List.of(POP_TYPES, POP_SCHWIDE), PW, RakeControl.converged(1e-12, 2)));
        assertThat(e.iterations()).isEqualTo(2);
        assertThat(e.largestMisfit()).isPositive();
    }

    @Test
    void calibrationThatDoesNotConvergeIsRefused() {
        CalibrationNotConvergedException e = (CalibrationNotConvergedException) refusal(() -> Calibration.calibrate(
                CalibrationReferenceTest.stypeSchWide(), PW, CalibrationReferenceTest.populationTotals(),
                CalibrationOptions.raking().withMaxit(1).withEpsilon(1e-14)));
        assertThat(e.getMessage()).contains("did not converge after 1 iterations");
        assertThat(e.largestMisfit()).isPositive();
    }

    @Test
    void boundsThatCannotHoldTheTotalsAreRefused() {
        CalibrationException tight = refusal(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW,
                CalibrationReferenceTest.populationTotals(), CalibrationOptions.logit(0.95, 1.05)));
        assertThat(tight.problem()).isIn(Problem.BOUNDS_NOT_SATISFIABLE, Problem.NOT_CONVERGED);
        assertThat(tight.getMessage()).contains("0.95").contains("1.05");
        CalibrationException unbounded = catchThrowableOfType(CalibrationException.class,
                () -> CalibrationOptions.logit(Double.NEGATIVE_INFINITY, 2));
        assertThat(unbounded.problem()).isEqualTo(Problem.BOUNDS_NOT_SATISFIABLE);
        CalibrationException excludesOne = catchThrowableOfType(CalibrationException.class,
                () -> CalibrationOptions.linear().withBounds(1.1, 2));
        assertThat(excludesOne.problem()).isEqualTo(Problem.BOUNDS_NOT_SATISFIABLE);
        // the intercept total 6194 cannot be reached when every g is at most 1.01 times weights summing to 6194 - a bit
        Map<String, Double> big = new LinkedHashMap<>(CalibrationReferenceTest.populationTotals());
        big.put("(Intercept)", 9000.0);
        CalibrationException reach = refusal(() -> Calibration.calibrate(CalibrationReferenceTest.stypeSchWide(), PW, big,
                CalibrationOptions.linear().withBounds(0.5, 1.2)));
        assertThat(reach.problem()).isEqualTo(Problem.BOUNDS_NOT_SATISFIABLE);
        assertThat(reach.variable()).isEqualTo("(Intercept)");
    }

    @Test
    void collinearModelIsRefusedByName() {
        double[] api99 = S.number("api99");
        double[] twice = new double[api99.length];
        for (int i = 0; i < twice.length; i++) {
            twice[i] = 2 * api99[i];
        }
        ModelMatrix mm = ModelMatrix.of(new ModelMatrix.NumericTerm("api99", api99),
                new ModelMatrix.NumericTerm("api99x2", twice));
        CalibrationException e = refusal(() -> Calibration.calibrate(mm, PW,
                Map.of("(Intercept)", 6194.0, "api99", 3914069.0, "api99x2", 7828138.0), CalibrationOptions.linear()));
        assertThat(e.problem()).isEqualTo(Problem.COLLINEAR_MODEL);
        assertThat(e.variable()).isEqualTo("api99x2");
    }

    @Test
    void trimmingLimitsThatCannotHoldTheWeightsAreRefused() {
        CalibrationException order = refusal(() -> WeightTrimming.trim(PW, 40, 30, false));
        assertThat(order.problem()).isEqualTo(Problem.BOUNDS_NOT_SATISFIABLE);
        // 183 weights of about 33.8 cannot all be at most 20 while keeping their sum
        CalibrationException strict = refusal(() -> WeightTrimming.trim(PW, 0, 20, true));
        assertThat(strict.problem()).isEqualTo(Problem.BOUNDS_NOT_SATISFIABLE);
        CalibrationException all = refusal(() -> WeightTrimming.trim(PW, 0, 20, false));
        assertThat(all.getMessage()).contains("every weight is outside");
    }

    @Test
    void badWeightsAndRowCountsAreRefused() {
        double[] w = PW.clone();
        w[4] = Double.NaN;
        assertThatThrownBy(() -> PostStratification.apply(STYPE, w, POP_TYPES)).isInstanceOf(CalibrationException.class)
                .hasMessageContaining("row 5");
        assertThatThrownBy(() -> PostStratification.apply(STYPE, new double[3], POP_TYPES))
                .isInstanceOf(CalibrationException.class).hasMessageContaining("3 values for 183");
        assertThatThrownBy(() -> CodedFactor.of("stype", new String[] {"E", null})).isInstanceOf(CalibrationException.class)
                .hasMessageContaining("stype is missing at row 2");
        assertThatThrownBy(() -> new RakeControl(0, 1)).isInstanceOf(CalibrationException.class);
    }

    @Test
    void replicateWithoutWeightInAPostStratumIsNamed() {
        double[][] reps = ClusterVariance.jk1Replicates(PW, S.number("dnum"));
        // a replicate that drops every middle school
        double[] r = PW.clone();
        for (int i = 0; i < r.length; i++) {
            if (STYPE.levels()[STYPE.codes()[i]].equals("M")) {
                r[i] = 0;
            }
        }
        double[][] bad = {reps[0], r};
        CalibrationException e = refusal(() -> PostStratification.applyReplicates(STYPE, PW, bad, POP_TYPES));
        assertThat(e.getMessage()).contains("replicate 2").contains("stype=M");
        CalibrationException raked = refusal(() -> Raking.rakeReplicates(List.of(STYPE, SCHWIDE),
                List.of(POP_TYPES, POP_SCHWIDE), PW, bad, RakeControl.rDefault()));
        assertThat(raked.getMessage()).contains("replicate 2 has no weight in category stype=M");
        assertThat(raked.problem()).isEqualTo(Problem.CATEGORY_ABSENT_FROM_SAMPLE);
    }
}
