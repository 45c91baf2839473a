package org.barometer.stats.calibrate;

import static org.barometer.stats.calibrate.CalibrationReferenceTest.assertRel;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/**
 * Calibration of the stratified sample {@code dstrat <- svydesign(id=~1, strata=~stype, weights=~pw,
 * data=apistrat, fpc=~fpc)} and of its JKn replicate design {@code as.svrepdesign(dstrat)}, against values
 * made with R survey 4.1-1 on this machine:
 * <pre>
 * pop &lt;- c(`(Intercept)` = 6194, api99 = sum(apipop$api99), sch.wideYes = 5122)
 * calibrate(dstrat, ~api99 + sch.wide, pop);  calibrate(as.svrepdesign(dstrat), ~api99 + sch.wide, pop)
 * rake(dstrat, list(~sch.wide, ~awards), list(pop.schwide, pop.awards), control = list(epsilon = 1e-10, maxit = 50))
 * </pre>
 * with {@code pop.awards = data.frame(awards = c("No", "Yes"), Freq = c(2236, 3958))}.
 */
class StratifiedCalibrationTest {

    private static final DataTable TABLE = read();
    private static final Design DSTRAT = Design.builder(TABLE).strata("stype").weights("pw").fpc("fpc").build();
    private static final PopulationMargin POP_SCHWIDE = PopulationMargin.of("sch.wide", "No", 1072, "Yes", 5122);
    private static final PopulationMargin POP_AWARDS = PopulationMargin.of("awards", "No", 2236, "Yes", 3958);

    private static DataTable read() {
        try (var in = StratifiedCalibrationTest.class.getResourceAsStream("/calibrate/apistrat.csv")) {
            return DataTable.readCsv(new InputStreamReader(in, StandardCharsets.UTF_8), "apistrat.csv");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Double> pop() {
        Map<String, Double> pop = new LinkedHashMap<>();
        pop.put("(Intercept)", 6194.0);
        pop.put("api99", 3914069.0);
        pop.put("sch.wideYes", 5122.0);
        return pop;
    }

    private static double[] mean(SampleDesign d) {
        var e = Survey.estimate(d, Estimators.mean(TABLE, "api00"));
        return new double[] {e.value(0), e.standardError(0)};
    }

    @Test
    void gregWithNumericAndCategoricalAuxiliaries() {
        Design g = DesignCalibration.calibrate(DSTRAT, List.of("api99", "sch.wide"), pop(), CalibrationOptions.linear())
                .design();
        assertRel(mean(g)[0], 664.55611604718888);
        assertRel(mean(g)[1], 1.5566949732089908);
        var t = Survey.estimate(g, Estimators.total(TABLE, "enroll"), true);
        assertRel(t.value(0), 3682624.8087409311);
        assertRel(t.standardError(0), 121987.07758608097);
        DomainEstimates b = Survey.by(g, Estimators.mean(TABLE, "api00"), false, "stype");
        assertRel(b.domain("E").value(0), 676.92665455974634);
        assertRel(b.domain("E").standardError(0), 4.9933128353004541);
        assertRel(b.domain("H").value(0), 627.46711800037258);
        assertRel(b.domain("H").standardError(0), 15.234004075685627);
        assertRel(b.domain("M").value(0), 638.36896054448528);
        assertRel(b.domain("M").standardError(0), 15.808622983243454);
    }

    @Test
    void rakingAcrossStrata() {
        Design r = DesignCalibration.rake(DSTRAT, List.of(POP_SCHWIDE, POP_AWARDS), RakeControl.converged(1e-10, 50))
                .design();
        assertRel(mean(r)[0], 662.21012016513339);
        assertRel(mean(r)[1], 9.2791275948867042);
    }

    @Test
    void jknReplicatesCalibratedAndRaked() {
        ReplicateDesign rs = ReplicateDesign.jackknife(DSTRAT, false);
        ReplicateDesign g = DesignCalibration.calibrate(rs, List.of("api99", "sch.wide"), pop(),
                CalibrationOptions.linear()).design();
        assertRel(mean(g)[0], 664.55611604718888);
        assertRel(mean(g)[1], 1.569552046903715);
        ReplicateDesign r = DesignCalibration.rake(rs, List.of(POP_SCHWIDE, POP_AWARDS), RakeControl.converged(1e-10, 50))
                .design();
        assertRel(mean(r)[0], 662.21012016513339);
        assertRel(mean(r)[1], 9.3865376488445769);
    }
}
