package org.barometer.stats.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the section "postStratify / rake / calibrate (dclus1)" and the calibration rows of
 * "Replicate weights" of {@code reference-survey-4.5.txt} (R survey 4.5), to a relative 1e-9. The designs
 * are those of {@code reference.R}: {@code dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1,
 * fpc=~fpc)} and its JK1 replicate design.
 */
class CalibrationReferenceTest {

    private static final double REL = 1e-9;
    private static final ApiClus1 S = ApiClus1.sample();
    private static final double[] PW = S.number("pw");
    private static final double[] DNUM = S.number("dnum");
    private static final double FPC = 757;
    private static final double[] API00 = S.number("api00");
    private static final double[] ENROLL = S.number("enroll");
    private static final CodedFactor STYPE = S.factor("stype");
    private static final CodedFactor SCHWIDE = S.factor("sch.wide");
    private static final PopulationMargin POP_TYPES = PopulationMargin.of("stype", "E", 4421, "H", 755, "M", 1018);
    private static final PopulationMargin POP_SCHWIDE = PopulationMargin.of("sch.wide", "No", 1072, "Yes", 5122);

    static void assertRel(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * REL));
    }

    /** R's {@code colSums(model.matrix(~stype + sch.wide, apipop))}, computed from the population file. */
    static Map<String, Double> populationTotals() {
        ApiClus1 pop = ApiClus1.populationAuxiliaries();
        ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(pop.factor("stype")),
                new ModelMatrix.FactorTerm(pop.factor("sch.wide")));
        double[] ones = new double[pop.n];
        java.util.Arrays.fill(ones, 1.0);
        Map<String, Double> totals = new LinkedHashMap<>();
        for (int j = 0; j < mm.columnCount(); j++) {
            totals.put(mm.columnNames().get(j), ClusterVariance.total(mm.column(j), ones));
        }
        return totals;
    }

    static ModelMatrix stypeSchWide() {
        return ModelMatrix.of(new ModelMatrix.FactorTerm(STYPE), new ModelMatrix.FactorTerm(SCHWIDE));
    }

    @Test
    void populationTotalsAreThoseOfTheModelMatrix() {
        assertThat(populationTotals()).containsExactly(Map.entry("(Intercept)", 6194.0), Map.entry("stypeH", 755.0),
                Map.entry("stypeM", 1018.0), Map.entry("sch.wideYes", 5122.0));
    }

    @Test
    void postStratify() {
        PostStratification.Result r = PostStratification.apply(STYPE, PW, POP_TYPES);
        assertRel(ClusterVariance.mean(API00, r.weights()), 642.31078821158212);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.920486445090386);
        assertRel(ClusterVariance.total(ENROLL, r.weights()), 3680892.9451190475);
        assertRel(ClusterVariance.totalSe(ENROLL, r.weights(), DNUM, FPC, r.adjustment()), 406292.6362948023);
    }

    @Test
    void rakeConverged() {
        Raking.Result r = Raking.rake(List.of(STYPE, SCHWIDE), List.of(POP_TYPES, POP_SCHWIDE), PW,
                RakeControl.converged(1e-10, 30));
        assertRel(ClusterVariance.mean(API00, r.weights()), 641.2303209268);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.703616887929012);
        assertRel(ClusterVariance.total(ENROLL, r.weights()), 3647280.1480705384);
        assertRel(ClusterVariance.totalSe(ENROLL, r.weights(), DNUM, FPC, r.adjustment()), 400603.25686182576);
        assertThat(r.largestMisfit()).isLessThan(1e-10 * 6194);
    }

    @Test
    void rakeWithRsDefaultRuleStopsEarlyAndRecordsTheMisfit() {
        Raking.Result r = Raking.rake(List.of(STYPE, SCHWIDE), List.of(POP_TYPES, POP_SCHWIDE), PW,
                RakeControl.rDefault());
        assertRel(ClusterVariance.mean(API00, r.weights()), 641.23024686220879);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.70364124023768);
        assertThat(r.lastChange()).isLessThan(1.0);
        assertThat(r.largestMisfit()).isGreaterThan(1e-6).isLessThan(1.0);
        assertThat(r.misfitVariable()).isEqualTo("stype");
    }

    @Test
    void calibrateLinear() {
        Calibration.Result r = Calibration.calibrate(stypeSchWide(), PW, populationTotals(), CalibrationOptions.linear());
        assertRel(ClusterVariance.mean(API00, r.weights()), 640.99587007888124);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.829492992256014);
        assertRel(ClusterVariance.total(ENROLL, r.weights()), 3654414.3480297155);
        assertRel(ClusterVariance.totalSe(ENROLL, r.weights(), DNUM, FPC, r.adjustment()), 403073.56979960267);
        double[] w = r.weights();
        assertRel(java.util.Arrays.stream(w).min().orElseThrow(), 29.743629773184036);
        assertRel(java.util.Arrays.stream(w).max().orElseThrow(), 62.958871662360032);
        assertThat(r.trimIgnored()).isFalse();
    }

    @Test
    void calibrateRaking() {
        Calibration.Result r = Calibration.calibrate(stypeSchWide(), PW, populationTotals(), CalibrationOptions.raking());
        assertRel(ClusterVariance.mean(API00, r.weights()), 641.23032092412427);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.703616888420171);
        assertThat(r.misfit()).isLessThan(1e-7);
    }

    @Test
    void calibrateLogitWithBounds() {
        Calibration.Result r = Calibration.calibrate(stypeSchWide(), PW, populationTotals(),
                CalibrationOptions.logit(0.7, 1.7));
        assertRel(ClusterVariance.mean(API00, r.weights()), 640.69417708899368);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.896431522469609);
        assertRel(java.util.Arrays.stream(r.g()).min().orElseThrow(), 0.87668347050317863);
        assertRel(java.util.Arrays.stream(r.g()).max().orElseThrow(), 1.6738447421669207);
    }

    @Test
    void calibrateLinearWithBounds() {
        Calibration.Result r = Calibration.calibrate(stypeSchWide(), PW, populationTotals(),
                CalibrationOptions.linear().withBounds(0.7, 1.7));
        assertRel(ClusterVariance.mean(API00, r.weights()), 640.72704962919579);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.909242216769844);
        assertThat(java.util.Arrays.stream(r.g()).boxed().toList()).allSatisfy(g -> assertThat(g).isBetween(0.7, 1.7));
    }

    @Test
    void trimIsIgnoredForUnboundedLinearCalibrationAsInRAndSaysSo() {
        Calibration.Result r = Calibration.calibrate(stypeSchWide(), PW, populationTotals(),
                CalibrationOptions.linear().withTrim(0.9, 1.2));
        assertRel(ClusterVariance.mean(API00, r.weights()), 640.99587007888124);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 23.829492992256014);
        assertThat(r.trimIgnored()).isTrue();
        assertThat(r.trimmed()).isZero();
    }

    @Test
    void trimWeightsAfterCalibrationKeepsTheCalibrationVarianceStep() {
        Calibration.Result dg = Calibration.calibrate(stypeSchWide(), PW, populationTotals(), CalibrationOptions.linear());
        double[] w = WeightTrimming.trim(dg.weights(), 30, 40, false);
        assertRel(ClusterVariance.mean(API00, w), 642.12102793975191);
        assertRel(ClusterVariance.meanSe(API00, w, DNUM, FPC, dg.adjustment()), 24.596505788811353);
        assertRel(java.util.Arrays.stream(w).sum(), java.util.Arrays.stream(dg.weights()).sum());
    }

    @Test
    void calibrateGregWithNumericAuxiliary() {
        double api99Total = ClusterVariance.total(ApiClus1.populationAuxiliaries().number("api99"),
                ones(ApiClus1.populationAuxiliaries().n));
        assertThat(api99Total).isEqualTo(3914069.0);
        ModelMatrix mm = ModelMatrix.of(new ModelMatrix.FactorTerm(STYPE),
                new ModelMatrix.NumericTerm("api99", S.number("api99")));
        Map<String, Double> pop2 = new LinkedHashMap<>();
        pop2.put("(Intercept)", 6194.0);
        pop2.put("stypeH", 755.0);
        pop2.put("stypeM", 1018.0);
        pop2.put("api99", api99Total);
        Calibration.Result r = Calibration.calibrate(mm, PW, pop2, CalibrationOptions.linear());
        assertRel(ClusterVariance.mean(API00, r.weights()), 665.30907116577998);
        assertRel(ClusterVariance.meanSe(API00, r.weights(), DNUM, FPC, r.adjustment()), 3.4417531164048079);
        assertRel(ClusterVariance.total(ENROLL, r.weights()), 3638487.2041318798);
        assertRel(ClusterVariance.totalSe(ENROLL, r.weights(), DNUM, FPC, r.adjustment()), 385524.42735247884);
    }

    // ----- replicate weights (JK1 from dclus1) -----

    @Test
    void jk1DesignItselfMatchesR() {
        double[][] reps = ClusterVariance.jk1Replicates(PW, DNUM);
        assertRel(ClusterVariance.jk1MeanSe(API00, reps, FPC), 26.329360589527614);
    }

    @Test
    void jk1PostStratify() {
        PostStratification.ReplicateResult r = PostStratification.applyReplicates(STYPE, PW,
                ClusterVariance.jk1Replicates(PW, DNUM), POP_TYPES);
        assertRel(ClusterVariance.mean(API00, r.fullSample().weights()), 642.31078821158212);
        assertRel(ClusterVariance.jk1MeanSe(API00, r.replicates(), FPC), 26.934535367425983);
    }

    @Test
    void jk1Rake() {
        Raking.ReplicateResult r = Raking.rakeReplicates(List.of(STYPE, SCHWIDE), List.of(POP_TYPES, POP_SCHWIDE), PW,
                ClusterVariance.jk1Replicates(PW, DNUM), RakeControl.converged(1e-10, 30));
        assertRel(ClusterVariance.mean(API00, r.fullSample().weights()), 641.23032092680012);
        assertRel(ClusterVariance.jk1MeanSe(API00, r.replicates(), FPC), 26.873980427362788);
    }

    @Test
    void jk1CalibrateLinear() {
        Calibration.ReplicateResult r = Calibration.calibrateReplicates(stypeSchWide(), PW,
                ClusterVariance.jk1Replicates(PW, DNUM), populationTotals(), CalibrationOptions.linear());
        assertRel(ClusterVariance.mean(API00, r.fullSample().weights()), 640.99587007888124);
        assertRel(ClusterVariance.jk1MeanSe(API00, r.replicates(), FPC), 26.983675002867532);
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }
}
