package org.barometer.app.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.StoredSurvey;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.forms.model.Question;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Publishing an edition from the database: the submitted responses are weighted (a new weights version is
 * stored with its diagnostics), every figure of the edition's specification is computed, and the
 * publication is written — weights and figures in one transaction, so that a refused edition leaves nothing
 * behind.
 *
 * @param weightsId     the stored weights version
 * @param publicationId the stored publication
 */
public record StoredPublication(long weightsId, long publicationId, EditionSpec edition, Dataset data,
                                Estimator estimator, Weights weights, List<FigureResult> figures, int frameSize,
                                int sampleSize) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Weights, computes and stores the edition's publication from the given edition files. */
    public static StoredPublication publish(Jdbi jdbi, long editionId, String source) throws EditionException {
        return compute(jdbi, editionId, source, true);
    }

    /**
     * Weights and computes the publication from the edition files {@code source} names (an {@link EditionSource}
     * value: a class-path folder or {@code stored:<id>}); stores it (a new weights version and a publication
     * naming the same source) only when asked, otherwise the returned ids are 0.
     */
    public static StoredPublication compute(Jdbi jdbi, long editionId, String source, boolean store)
            throws EditionException {
        return compute(jdbi, editionId, source, store, Progress.NONE);
    }

    /** Where a publication run reports its steps: a percentage done and a line for the log. */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = (percent, line) -> { };

        void step(int percent, String line);
    }

    /** As {@link #compute(Jdbi, long, String, boolean)}, reporting each step to {@code progress}. */
    public static StoredPublication compute(Jdbi jdbi, long editionId, String source, boolean store,
                                            Progress progress) throws EditionException {
        EditionSource files = new EditionSource(source);
        progress.step(2, "Reading the edition files: " + files.describe(jdbi));
        EditionSpec spec = files.read(jdbi, editionId);
        progress.step(5, "Edition read: " + spec.figures().size() + " figures, " + spec.headlines().size() + " headlines");
        WeightingSettings settings = spec.weighting();
        StoredSurvey survey = StoredSurvey.read(jdbi, editionId, settings);
        progress.step(10, "Sample read: " + survey.input().stratum().length + " sampled of " + survey.frameSize()
                + " in the frame");
        WeightingOptions options = settings.options();
        Weights weights = Weighting.run(survey.input(), options);
        Weights.Diagnostics wd = weights.diagnostics();
        progress.step(20, "Design weights: from " + round(wd.designWeightRange()[0]) + " to " + round(wd.designWeightRange()[1]));
        progress.step(25, "Non-response adjustment within " + (settings.nonresponseGroups() == null ? "the strata"
                : "groups by " + (settings.nonresponseGroups().isEmpty() ? "nothing (one group)"
                        : String.join(", ", settings.nonresponseGroups()))) + ": " + weights.size() + " respondents, "
                + wd.mergedGroups().size() + " thin groups merged");
        progress.step(30, options.method() == WeightingOptions.Method.NONE
                ? "Calibration (none): the weights stay as adjusted for non-response"
                : "Calibration (" + settings.methodName() + ") on " + String.join(" and ",
                        settings.margins().stream().map(WeightingSettings::marginName).toList()) + ": "
                        + wd.iterations() + " sweeps, " + wd.marginChecks().size() + " margin totals checked");
        progress.step(35, (options.trimAbove() > 0 ? "Trimming above " + options.trimAbove() + " times the mean weight"
                : "Trimming: none") + "; weights from " + round(wd.min()) + " to " + round(wd.max()));
        progress.step(40, "Diagnostics: CV " + round(wd.cv()) + ", Kish design effect " + round(wd.kishDeff()));
        List<String> variables = new ArrayList<>();
        for (Question q : spec.form().questions()) {
            variables.add(q.name());
        }
        Dataset data = Dataset.of(spec.form(), survey.respondentAnswers(weights, variables), spec.derived());
        Estimator estimator = new Estimator(weights);
        List<EditionProblem> problems = new ArrayList<>();
        List<FigureResult> computed = new ArrayList<>();
        int total = spec.figures().size();
        for (int i = 0; i < total; i++) {
            FigureSpec f = spec.figures().get(i);
            try {
                computed.add(FigureComputer.compute(spec, f, data, estimator));
                progress.step(40 + 50 * (i + 1) / Math.max(total, 1), "Figure " + f.id() + " computed");
            } catch (EditionException e) {
                problems.addAll(e.problems());
                progress.step(40 + 50 * (i + 1) / Math.max(total, 1), "Figure " + f.id() + " refused");
            }
        }
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        List<FigureResult> figures = List.copyOf(computed);
        if (!store) {
            return new StoredPublication(0, 0, spec, data, estimator, weights, figures, survey.frameSize(),
                    survey.input().stratum().length);
        }
        progress.step(95, "Storing the weights and the publication in one transaction");
        long[] ids = jdbi.inTransaction(h -> {
            int version = h.createQuery("select coalesce(max(version), 0) + 1 from analysis_weights where edition_id = :e")
                    .bind("e", editionId).mapTo(Integer.class).one();
            Weights.Diagnostics d = weights.diagnostics();
            Map<String, Object> diagnostics = new LinkedHashMap<>();
            diagnostics.put("respondents", weights.size());
            diagnostics.put("designWeightRange", d.designWeightRange());
            diagnostics.put("min", d.min());
            diagnostics.put("max", d.max());
            diagnostics.put("cv", d.cv());
            diagnostics.put("kishDeff", d.kishDeff());
            diagnostics.put("rakingSweeps", d.iterations());
            diagnostics.put("mergedGroups", d.mergedGroups());
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Weights.MarginCheck c : d.marginChecks()) {
                checks.add(Map.of("margin", c.margin(), "category", c.category(), "frame", c.frameTotal(),
                        "weighted", c.weightedTotal()));
            }
            diagnostics.put("margins", checks);
            diagnostics.put("nonresponseGroups", settings.nonresponseGroups() == null ? "strata" : settings.nonresponseGroups());
            diagnostics.put("trimAbove", options.trimAbove());
            long weightsId = h.createUpdate("""
                    insert into analysis_weights (edition_id, version, method, diagnostics)
                    values (:e, :v, :m, cast(:d as jsonb))""")
                    .bind("e", editionId).bind("v", version).bind("m", settings.methodName())
                    .bind("d", json(diagnostics)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    insert into analysis_weight (weights_id, response_id, weight, before_calibration, variance_stratum)
                    values (:w, :r, :x, :b, :s)""");
            for (int r = 0; r < weights.size(); r++) {
                int unit = weights.respondent()[r];
                batch.bind("w", weightsId).bind("r", survey.responseIds()[unit]).bind("x", weights.weight()[r])
                        .bind("b", weights.beforeCalibration()[r]).bind("s", String.valueOf(weights.varianceStratum()[r])).add();
            }
            batch.execute();
            List<Map<String, Object>> published = new ArrayList<>();
            for (FigureResult f : figures) {
                published.add(FigureJsonWriter.of(f));
            }
            long publicationId = h.createUpdate("""
                    insert into publication (edition_id, weights_id, spec_folder, figures)
                    values (:e, :w, :f, cast(:j as jsonb))""")
                    .bind("e", editionId).bind("w", weightsId).bind("f", source).bind("j", json(published))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new long[] {weightsId, publicationId};
        });
        progress.step(100, "Stored: weights version " + ids[0] + ", publication " + ids[1]);
        return new StoredPublication(ids[0], ids[1], spec, data, estimator, weights, figures, survey.frameSize(),
                survey.input().stratum().length);
    }

    private static String round(double x) {
        return String.format(java.util.Locale.ROOT, "%.3f", x);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
