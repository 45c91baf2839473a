package org.barometer.app.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.DemoAnswers;
import org.barometer.app.analysis.DemoFrame;
import org.barometer.app.analysis.DemoModel;
import org.barometer.app.analysis.DemoSurvey;
import org.barometer.app.analysis.Estimator;

/**
 * The demo edition end to end, in memory: the synthetic frame and population, the sample and its
 * respondents' answers in the questionnaire's own terms, the weights, the edition's specification read from
 * its folder, and every figure computed. The demo loader stores the same answers as submitted responses.
 *
 * @param edition   the edition's specification
 * @param frame     the synthetic register
 * @param survey    sample, response and weights
 * @param answers   per question, the respondents' raw answers (in the order of the weights)
 * @param data      the answers with calculations and derived variables
 * @param estimator the variance engine on the edition's weights
 * @param figures   every figure's result
 */
public record DemoPublication(EditionSpec edition, DemoFrame frame, DemoSurvey survey, Map<String, String[]> answers,
                              Dataset data, Estimator estimator, List<FigureResult> figures) {

    public static final String EDITION_FOLDER = "/org/barometer/app/editions/2019";
    public static final long POPULATION_SEED = 2020;
    public static final long SAMPLE_SEED = 2021;

    /** The demo edition as published. */
    public static DemoPublication standard() throws EditionException {
        return build(POPULATION_SEED, SAMPLE_SEED);
    }

    public static DemoPublication build(long populationSeed, long sampleSeed) throws EditionException {
        EditionSpec edition = EditionReader.readResource(EDITION_FOLDER, EditionForms::byName);
        DemoFrame frame = DemoFrame.standard();
        Map<String, int[]> model = DemoModel.population(frame, populationSeed);
        Map<String, String[]> population = DemoAnswers.of(frame, model, populationSeed);
        DemoSurvey survey = DemoSurvey.draw(frame, model, sampleSeed, edition.weighting().options());
        int n = survey.weights().size();
        Map<String, String[]> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : population.entrySet()) {
            String[] column = new String[n];
            for (int r = 0; r < n; r++) {
                column[r] = e.getValue()[survey.sampled()[survey.weights().respondent()[r]]];
            }
            answers.put(e.getKey(), column);
        }
        Dataset data = Dataset.of(edition.form(), answers, edition.derived());
        Estimator estimator = new Estimator(survey.weights());
        List<FigureResult> figures = FigureComputer.computeAll(edition, data, estimator);
        return new DemoPublication(edition, frame, survey, answers, data, estimator, figures);
    }

    /** The demo edition's files by path, as an analyst would upload them: edition.json and the figure files it lists. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        String edition = resource("edition.json");
        files.put("edition.json", edition);
        try {
            for (JsonNode figure : new ObjectMapper().readTree(edition).path("figures")) {
                files.put(figure.asText(), resource(figure.asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The demo edition's edition.json does not read: " + e.getMessage(), e);
        }
        return files;
    }

    private static String resource(String path) {
        try (InputStream in = DemoPublication.class.getResourceAsStream(EDITION_FOLDER + "/" + path)) {
            if (in == null) {
                throw new IllegalStateException("The demo edition has no file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FigureResult figure(String id) {
        return figures.stream().filter(f -> f.spec().id().equals(id)).findFirst().orElseThrow();
    }

    public FigureResult figureNumber(String number) {
        return figures.stream().filter(f -> number.equals(f.spec().number())).findFirst().orElseThrow();
    }
}
