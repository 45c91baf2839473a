package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.frame.FrameUnit;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.sample.AllocationException;
import org.barometer.app.sample.Sampling;

/**
 * The demo edition in memory, for tests and benchmarks that need many surveys or no database: the synthetic
 * population, samples drawn from it by the production sampling ({@link Sampling}), the demo's respondents, and the
 * production weighting, estimation and figures on them. With the demo's own seeds it gives exactly the numbers of
 * the demo edition loaded into a database and published ({@link DemoEdition}).
 */
public final class DemoSimulation {
    /**
     * The record keys' secret of simulated publications: fixed, since a simulation is never published (a stored
     * publication uses its database's own secret).
     */
    private static final byte[] SIMULATION_SECRET = "barometer demo simulation".getBytes(java.nio.charset.StandardCharsets.UTF_8);


    private DemoSimulation() {
    }

    /** The demo's own publication, computed in memory. */
    public static Publication standard() throws EditionException {
        return Population.standard().survey(DemoEdition.SEED, DemoEdition.POPULATION_SEED, DemoFiles.edition().weighting())
                .publish(DemoFiles.edition());
    }

    /**
     * The synthetic population: the demo frame, the population model's coded answers of every workplace (codes of
     * {@link DemoModel}: 1 yes, 0 no, 9 don't know, 8 not applicable, −1 not asked) and the same answers as the
     * questionnaire records them.
     */
    public static final class Population {
        private final List<FrameUnit> frame;
        private final Workplaces workplaces;
        private final Map<String, int[]> model;
        private final Map<String, String[]> answers;

        private Population(List<FrameUnit> frame, long seed) {
            this.frame = List.copyOf(frame);
            this.workplaces = Workplaces.of(frame);
            this.model = DemoModel.population(workplaces, seed);
            this.answers = DemoAnswers.of(workplaces, model, seed);
        }

        /** The demo's population: its frame and answers. */
        public static Population standard() {
            return of(DemoEdition.POPULATION_SEED);
        }

        /** The demo frame with answers drawn from another seed. */
        public static Population of(long answerSeed) {
            return new Population(DemoFrame.generate(DemoEdition.SEED), answerSeed);
        }

        public List<FrameUnit> frame() {
            return frame;
        }

        /** A coded answer column of every workplace (e.g. {@code "innovated"}). */
        public int[] model(String variable) {
            return model.get(variable);
        }

        /** Every coded answer column of every workplace, by variable. */
        public Map<String, int[]> models() {
            return java.util.Collections.unmodifiableMap(model);
        }

        /**
         * A survey of this population: the demo's sample design with {@code sampleSeed}, the demo's respondents with
         * {@code responseSeed}, weighted as {@code settings} say.
         */
        public Survey survey(long sampleSeed, long responseSeed, WeightingSettings settings) {
            Sampling.Spec spec = DemoEdition.sampleSpec(sampleSeed);
            Sampling.Draw<Integer> draw;
            try {
                List<Integer> positions = new ArrayList<>();
                for (int i = 0; i < frame.size(); i++) {
                    positions.add(i);
                }
                draw = Sampling.draw(positions, frame::get, spec);
            } catch (AllocationException e) {
                throw new IllegalStateException("The demo's sample design does not allocate: " + e.getMessage(), e);
            }
            // Invitations go out in frame order, as they do for a stored sample.
            Map<Integer, String> stratumOf = new TreeMap<>();
            draw.selected().forEach((stratum, units) -> units.forEach(u -> stratumOf.put(u, stratum)));
            int[] sampled = stratumOf.keySet().stream().mapToInt(Integer::intValue).toArray();
            boolean[] answering = DemoResponses.answering(sampled, workplaces, responseSeed);
            List<SurveySample.Unit> units = new ArrayList<>();
            for (int k = 0; k < sampled.length; k++) {
                int i = sampled[k];
                units.add(new SurveySample.Unit(stratumOf.get(i), frameValues(frame.get(i)), answering[k] ? (long) k : null,
                        answering[k] ? withCodes(DemoResponses.answersOf(answers, frame, workplaces, i)) : null));
            }
            List<SurveySample.Stratum> strata = draw.strata().stream()
                    .map(s -> new SurveySample.Stratum(s.name(), s.population())).toList();
            Map<Map<String, String>, Long> cells = new LinkedHashMap<>();
            for (FrameUnit u : frame) {
                cells.merge(frameValues(u), 1L, Long::sum);
            }
            SurveySample sample = SurveySample.of(spec.strataBy(), strata, units,
                    cells.entrySet().stream().map(e -> new SurveySample.FrameCell(e.getKey(), e.getValue())).toList(),
                    settings);
            return new Survey(this, sample, sampled, Weighting.run(sample.input(), settings.options()));
        }
    }

    /**
     * A respondent's answers with the final codes of its description of technology beside them, as the stored demo
     * reads them: the demo's coding makes every final code the rules' suggestion ({@link DemoCoding}).
     */
    private static Map<String, String> withCodes(Map<String, String> answers) {
        String text = answers.get(DemoCoding.QUESTION);
        if (text == null || text.isEmpty()) {
            return answers;
        }
        Map<String, String> out = new LinkedHashMap<>(answers);
        out.put(DemoCoding.variable().name(), DemoCoding.codedValue(text));
        return out;
    }

    private static Map<String, String> frameValues(FrameUnit u) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String v : WeightingSettings.FRAME_VARIABLES) {
            values.put(v, u.value(v));
        }
        return values;
    }

    /**
     * One survey of the population.
     *
     * @param sampled per sampled unit (in frame order), its position in the frame
     */
    public record Survey(Population population, SurveySample sample, int[] sampled, Weights weights) {

        /** Per respondent (in the order of the weights), its position in the frame. */
        public int[] respondents() {
            int[] out = new int[weights.size()];
            for (int r = 0; r < out.length; r++) {
                out[r] = sampled[weights.respondent()[r]];
            }
            return out;
        }

        /** A coded answer column of the respondents, in the order of the weights. */
        public int[] model(String variable) {
            int[] all = population.model(variable);
            int[] positions = respondents();
            int[] out = new int[positions.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = all[positions[r]];
            }
            return out;
        }

        /** Every coded answer column of the respondents (in the order of the weights), by variable. */
        public Map<String, int[]> models() {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (String variable : population.models().keySet()) {
                out.put(variable, model(variable));
            }
            return out;
        }

        /** Every respondent counts once: for comparing with the weighted estimates. */
        public Weights unweighted() {
            int n = weights.size();
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            int[] single = new int[n];
            double[] population = {Double.POSITIVE_INFINITY};
            return new Weights(weights.respondent(), ones, ones, single, population,
                    Weights.design(ones, single, population), weights.diagnostics());
        }

        /** The edition's figures computed on this survey, as publishing computes them. */
        public Publication publish(EditionSpec edition) throws EditionException {
            return Publishing.publication(edition, sample, weights, SIMULATION_SECRET, Publishing.Progress.NONE);
        }
    }
}
