package org.barometer.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.RakeControl;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.demo.SeedFigures;
import org.barometer.app.frame.FrameUnit;
import org.junit.jupiter.api.Test;

/**
 * The portal's estimator and the project's statistics engine give the same shares and standard errors for
 * the demo edition's raked design (both are checked against R separately; this keeps them from drifting apart).
 */
class StatsEngineAgreementTest {

    @Test
    void sharesAndStandardErrorsAgreeWithTheStatsEngine() {
        DemoSimulation.Population population = DemoSimulation.Population.of(11);
        DemoSimulation.Survey survey = population.survey(12, 13, WeightingSettings.defaults());
        List<FrameUnit> frame = population.frame();
        Map<String, int[]> answers = survey.models();
        Weights weights = survey.weights();
        int n = weights.size();
        String[] vs = new String[n];
        double[] fpc = new double[n];
        double[] w0 = new double[n];
        String[] ga = new String[n];
        String[] sz = new String[n];
        double[] tech = new double[n];
        boolean[] innovator = new boolean[n];
        boolean[] techFlag = new boolean[n];
        for (int r = 0; r < n; r++) {
            FrameUnit unit = frame.get(survey.sampled()[weights.respondent()[r]]);
            vs[r] = "s" + weights.varianceStratum()[r];
            fpc[r] = weights.stratumPopulation()[weights.varianceStratum()[r]];
            w0[r] = weights.beforeCalibration()[r];
            ga[r] = unit.governmentLevel() + "/" + unit.area();
            sz[r] = unit.sizeGroup();
            innovator[r] = SeedFigures.innovator(answers, r);
            techFlag[r] = SeedFigures.tech(answers, r);
            tech[r] = techFlag[r] ? 1 : 0;
        }
        DataTable table = DataTable.of(List.of(FactorColumn.ofText("vs", vs), new NumericColumn("N", fpc),
                new NumericColumn("w0", w0), FactorColumn.ofText("ga", ga), FactorColumn.ofText("sz", sz),
                new NumericColumn("tech", tech)));
        Design design = Design.builder(table).strata("vs").fpc("N").weights("w0").build();
        Map<String, Double> gaTotals = new LinkedHashMap<>();
        Map<String, Double> szTotals = new LinkedHashMap<>();
        for (FrameUnit u : frame) {
            gaTotals.merge(u.governmentLevel() + "/" + u.area(), 1.0, Double::sum);
            szTotals.merge(u.sizeGroup(), 1.0, Double::sum);
        }
        Design raked = DesignCalibration.rake(design, List.of(new PopulationMargin("ga", gaTotals),
                new PopulationMargin("sz", szTotals)), RakeControl.converged(1e-12, 100)).design();
        for (int r = 0; r < n; r++) {
            assertThat(raked.weights()[r]).isCloseTo(weights.weight()[r], within(1e-6 * weights.weight()[r]));
        }
        Estimate engine = Survey.estimate(raked, Estimators.mean(raked.table(), "tech"), false, innovator);
        Share ours = new Estimator(weights).share(innovator, techFlag);
        System.out.printf("tech share: ours %.10f (SE %.10f), stats engine %.10f (SE %.10f)%n", ours.estimate(), ours.se(),
                engine.value(0), engine.standardError(0));
        assertThat(ours.estimate()).isCloseTo(engine.value(0), within(1e-9));
        assertThat(ours.se()).isCloseTo(engine.standardError(0), within(1e-9));
    }
}
