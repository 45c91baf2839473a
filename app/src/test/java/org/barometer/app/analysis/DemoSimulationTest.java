package org.barometer.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoFrame;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.demo.SeedFigures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo edition as a survey: its sample and weights, whether its intervals contain the values the 2018–19
 * barometer published, and whether 95 % intervals cover the population's own values about 95 % of the time.
 */
class DemoSimulationTest {

    static DemoSimulation.Population population;

    @BeforeAll
    static void population() {
        population = DemoSimulation.Population.standard();
    }

    static boolean[] mask(Map<String, int[]> answers, int n, SeedFigures.Condition c) {
        boolean[] m = new boolean[n];
        for (int r = 0; r < n; r++) {
            m[r] = c.test(answers, r);
        }
        return m;
    }

    static double populationShare(SeedFigures.Cell cell) {
        Map<String, int[]> all = population.models();
        long d = 0;
        long y = 0;
        for (int i = 0; i < population.frame().size(); i++) {
            if (cell.domain().test(all, i)) {
                d++;
                if (cell.yes().test(all, i)) {
                    y++;
                }
            }
        }
        return (double) y / d;
    }

    static DemoSimulation.Survey survey(long sampleSeed, long responseSeed) {
        return population.survey(sampleSeed, responseSeed, WeightingSettings.defaults());
    }

    @Test
    void theFrameAndSampleHaveTheEditionsSize() {
        assertThat(population.frame()).hasSize(DemoFrame.SIZE);
        DemoSimulation.Survey survey = survey(DemoEdition.SEED, DemoEdition.POPULATION_SEED);
        assertThat(survey.sampled()).hasSize(DemoEdition.SAMPLE_SIZE);
        assertThat(survey.weights().size()).isBetween(2_150, 2_400);
        Weights.Diagnostics d = survey.weights().diagnostics();
        System.out.printf("demo edition: %d sampled, %d respondents; weights %.2f–%.2f, CV %.3f, Kish deff %.3f, raking sweeps %d, merged groups %s%n",
                survey.sampled().length, survey.weights().size(), d.min(), d.max(), d.cv(), d.kishDeff(), d.iterations(), d.mergedGroups());
        for (Weights.MarginCheck check : d.marginChecks()) {
            assertThat(check.weightedTotal()).as(check.margin() + " " + check.category()).isCloseTo(check.frameTotal(),
                    org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, check.frameTotal())));
        }
    }

    @Test
    void publishedValuesLieInsideTheDemoEditionsIntervalsAndWeightingIsWhatPutsThemThere() {
        DemoSimulation.Survey survey = survey(DemoEdition.SEED, DemoEdition.POPULATION_SEED);
        Map<String, int[]> answers = survey.models();
        Estimator weighted = new Estimator(survey.weights());
        Estimator unweighted = new Estimator(survey.unweighted());
        int n = survey.weights().size();
        List<SeedFigures.Cell> cells = SeedFigures.all();
        int covered = 0;
        List<String> rescuedByWeighting = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (SeedFigures.Cell cell : cells) {
            boolean[] domain = mask(answers, n, cell.domain());
            boolean[] yes = mask(answers, n, cell.yes());
            Share w = weighted.share(domain, yes);
            Share u = unweighted.share(domain, yes);
            double published = cell.published() / 100;
            if (w.covers(published)) {
                covered++;
                if (!u.covers(published)) {
                    rescuedByWeighting.add(String.format("%s: weighted %.1f [%.1f, %.1f], unweighted %.1f [%.1f, %.1f]",
                            cell.label(), 100 * w.estimate(), 100 * w.low(), 100 * w.high(),
                            100 * u.estimate(), 100 * u.low(), 100 * u.high()));
                }
            } else {
                missed.add(String.format("%s: weighted %.1f [%.1f, %.1f]", cell.label(), 100 * w.estimate(),
                        100 * w.low(), 100 * w.high()));
            }
        }
        double rate = (double) covered / cells.size();
        System.out.printf("published values inside the demo edition's 95 %% intervals: %d of %d cells (%.1f %%)%n",
                covered, cells.size(), 100 * rate);
        missed.forEach(m -> System.out.println("  outside: " + m));
        rescuedByWeighting.forEach(m -> System.out.println("  unweighted misses, weighted covers: " + m));
        assertThat(cells).hasSizeGreaterThan(70);
        assertThat(rate).isGreaterThanOrEqualTo(0.90);
        assertThat(rescuedByWeighting).isNotEmpty();
    }

    @Test
    void intervalsCoverThePopulationValueAboutNinetyFivePercentOfTheTime() {
        List<SeedFigures.Cell> key = SeedFigures.all().stream()
                .filter(c -> List.of("1", "1b", "7", "10").contains(c.figure()) || c.category().equals("innovated"))
                .toList();
        double[] truth = key.stream().mapToDouble(DemoSimulationTest::populationShare).toArray();
        int samples = 200;
        int hits = 0;
        int total = 0;
        for (int s = 0; s < samples; s++) {
            DemoSimulation.Survey survey = survey(10_000 + s, 20_000 + s);
            Map<String, int[]> answers = survey.models();
            Estimator estimator = new Estimator(survey.weights());
            int n = survey.weights().size();
            for (int k = 0; k < key.size(); k++) {
                Share share = estimator.share(mask(answers, n, key.get(k).domain()), mask(answers, n, key.get(k).yes()));
                total++;
                if (share.covers(truth[k])) {
                    hits++;
                }
            }
        }
        double rate = (double) hits / total;
        System.out.printf("coverage of 95 %% intervals over %d samples × %d key shares: %.2f %%%n", samples, key.size(), 100 * rate);
        assertThat(rate).isBetween(0.93, 0.97);
    }
}
