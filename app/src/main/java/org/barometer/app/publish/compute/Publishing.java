package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.Message;
import org.barometer.forms.model.Question;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishing an edition: its edition files are read, the submitted responses weighted, every figure of the
 * specification computed, and (when asked) the weights version and the publication stored — in one
 * transaction, so that a refused edition leaves nothing behind.
 */
public final class Publishing {

    private Publishing() {
    }

    /** Where a publication run reports its steps: a percentage done and a line for the log. */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = (percent, line) -> { };

        void step(int percent, Message line);
    }

    /** Weights, computes and stores the edition's publication from the edition files {@code source} names. */
    public static Publication publish(Jdbi jdbi, long editionId, String source) throws EditionException {
        return run(jdbi, editionId, source, true, Progress.NONE);
    }

    /** Weights and computes the publication from the edition files {@code source} names, without storing it. */
    public static Publication compute(Jdbi jdbi, long editionId, String source) throws EditionException {
        return run(jdbi, editionId, source, false, Progress.NONE);
    }

    /**
     * Weights and computes the publication from the edition files {@code source} names (an {@link EditionSource}
     * value); stores it (a new weights version and a publication naming the same source) only when asked,
     * otherwise the returned ids are 0. Each step is reported to {@code progress}.
     */
    public static Publication run(Jdbi jdbi, long editionId, String source, boolean store, Progress progress)
            throws EditionException {
        EditionSource files = new EditionSource(source);
        progress.step(2, Message.of("analysis.log.reading", files.describe(jdbi)));
        EditionSpec spec = files.read(jdbi, editionId);
        progress.step(5, Message.of("analysis.log.read", spec.figures().size(), spec.headlines().size()));
        WeightingSettings settings = spec.weighting();
        SurveySample.Parts parts = new SurveyStore(jdbi).parts(editionId, settings);
        SurveySample survey = SurveySample.of(parts, settings);
        progress.step(10, Message.of("analysis.log.sample", survey.input().stratum().length, survey.frameSize()));
        Weights weights = weight(survey, settings, progress);
        Publication publication = publication(spec, survey, weights, new DisclosureStore(jdbi).secret(), progress);
        if (!store) {
            return publication;
        }
        progress.step(95, Message.of("analysis.log.storing"));
        long[] ids = new PublicationStore(jdbi).store(editionId, settings, weights, survey.responseIds(),
                publication.figures(), source, PublicationSnapshot.of(parts, publication));
        progress.step(100, Message.of("analysis.log.stored", ids[0], ids[1]));
        return publication.stored(ids[0], ids[1]);
    }

    /**
     * A stored publication as it was computed, for a node to show: its edition files read again, the survey it was
     * computed from and its figures taken from its snapshot, the survey weighted again (deterministic: the same
     * weights as stored); computed from the database as {@link #compute} does when it was stored without one.
     */
    public static Publication load(Jdbi jdbi, long editionId, String source, long publicationId)
            throws EditionException {
        return load(jdbi, editionId, source, publicationId, null);
    }

    /**
     * As {@link #load(Jdbi, long, String, long)}, with the edition's files already read into {@code read} (by
     * {@link #loadShown}, so they are not read twice), or null to read them.
     */
    public static Publication load(Jdbi jdbi, long editionId, String source, long publicationId, EditionSpec read)
            throws EditionException {
        Optional<PublicationSnapshot> snapshot = new PublicationStore(jdbi).snapshot(publicationId);
        if (snapshot.isEmpty()) {
            return compute(jdbi, editionId, source);
        }
        EditionSpec spec = read != null ? read : new EditionSource(source).read(jdbi, editionId);
        WeightingSettings settings = spec.weighting();
        SurveySample survey = SurveySample.of(snapshot.get().survey(), settings);
        Weights weights = Weighting.run(survey.input(), settings.options());
        return assemble(spec, survey, weights, new DisclosureStore(jdbi).secret(),
                PublicationSnapshot.figures(snapshot.get().exact(), spec),
                PublicationSnapshot.figures(snapshot.get().published(), spec));
    }

    /**
     * What an edition's pages show of a stored publication before its data are loaded: the edition's files read
     * again, its published figures, headlines and sizes from its snapshot; empty when the snapshot did not keep them
     * (then {@link #load} gives everything at once).
     */
    public static Optional<Shown> loadShown(Jdbi jdbi, long editionId, String source, long publicationId)
            throws EditionException {
        Optional<PublicationSnapshot.Shown> shown = new PublicationStore(jdbi).shown(publicationId);
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        EditionSpec spec = new EditionSource(source).read(jdbi, editionId);
        return Optional.of(new Shown(spec, PublicationSnapshot.figures(shown.get().published(), spec),
                shown.get().headlines(spec), shown.get().frameSize(), shown.get().sampleSize()));
    }

    /** A publication as its pages show it without its data (see {@link #loadShown}). */
    public record Shown(EditionSpec spec, List<FigureResult> published, List<Headlines.Result> headlines,
                        int frameSize, int sampleSize) {}

    /** The survey's weights as the edition's settings say, each step reported. */
    private static Weights weight(SurveySample survey, WeightingSettings settings, Progress progress) {
        WeightingOptions options = settings.options();
        Weights weights = Weighting.run(survey.input(), options);
        Weights.Diagnostics wd = weights.diagnostics();
        progress.step(20, Message.of("analysis.log.design", round(wd.designWeightRange()[0]), round(wd.designWeightRange()[1])));
        Message within = settings.nonresponseGroups() == null ? Message.of("analysis.log.withinStrata")
                : settings.nonresponseGroups().isEmpty() ? Message.of("analysis.log.withinOneGroup")
                : Message.of("analysis.log.withinGroups", String.join(", ", settings.nonresponseGroups()));
        progress.step(25, Message.of("analysis.log.nonresponse", within, weights.size(), wd.mergedGroups().size()));
        progress.step(30, options.method() == WeightingOptions.Method.NONE ? Message.of("analysis.log.noCalibration")
                : Message.of("analysis.log.calibration", settings.methodName(), String.join(", ",
                        settings.margins().stream().map(WeightingSettings::marginName).toList()), wd.iterations(),
                        wd.marginChecks().size()));
        progress.step(35, Message.of(options.trimAbove() > 0 ? "analysis.log.trim" : "analysis.log.noTrim",
                options.trimAbove(), round(wd.min()), round(wd.max())));
        progress.step(40, Message.of("analysis.log.diagnostics", round(wd.cv()), round(wd.kishDeff())));
        return weights;
    }

    /**
     * Every figure of the edition computed on a weighted survey (not stored): what publishing computes, for a
     * survey read from the database or simulated. The public numbers' noise is drawn from record keys made with
     * {@code secret} (the database's, {@link DisclosureStore}).
     */
    public static Publication publication(EditionSpec spec, SurveySample survey, Weights weights, byte[] secret,
                                          Progress progress) throws EditionException {
        Publication data = assemble(spec, survey, weights, secret, List.of(), List.of());
        List<EditionProblem> problems = new ArrayList<>();
        List<FigureResult> computed = new ArrayList<>();
        List<FigureResult> published = new ArrayList<>();
        int total = spec.figures().size();
        for (int i = 0; i < total; i++) {
            FigureSpec f = spec.figures().get(i);
            try {
                FigureComputer.Computed figure = FigureComputer.compute(spec, f, data.data(), data.estimator(),
                        data.keys());
                computed.add(figure.exact());
                published.add(figure.published());
                progress.step(40 + 50 * (i + 1) / Math.max(total, 1), Message.of("analysis.log.figure", f.id()));
            } catch (EditionException e) {
                problems.addAll(e.problems());
                progress.step(40 + 50 * (i + 1) / Math.max(total, 1), Message.of("analysis.log.figureRefused", f.id()));
            }
        }
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        return assemble(spec, survey, weights, secret, computed, published);
    }

    /**
     * A publication of figures already computed: the respondents' data (answers, register variables the derived
     * variables read, derived variables), the estimator on the weights and the record keys.
     */
    private static Publication assemble(EditionSpec spec, SurveySample survey, Weights weights, byte[] secret,
                                        List<FigureResult> computed, List<FigureResult> published) {
        List<String> variables = new ArrayList<>();
        for (Question q : spec.form().questions()) {
            variables.add(q.name());
        }
        // the register's variables a derived variable reads, which are no question of the form
        for (DerivedVariable d : spec.derived()) {
            for (String name : d.expression().references()) {
                if (!variables.contains(name) && spec.derived().stream().noneMatch(o -> o.name().equals(name))) {
                    variables.add(name);
                }
            }
        }
        // the final codes of coded open answers, which are no question of the form either
        survey.codedVariables().stream().filter(name -> !variables.contains(name)).forEach(variables::add);
        Dataset data = Dataset.of(spec.form(), survey.respondentAnswers(weights, variables), spec.derived());
        Estimator estimator = new Estimator(weights);
        long[] responseIds = new long[weights.size()];
        for (int r = 0; r < responseIds.length; r++) {
            responseIds[r] = survey.responseIds()[weights.respondent()[r]];
        }
        CellKeys keys = CellKeys.of(secret, responseIds);
        return new Publication(0, 0, spec, data, estimator, weights, computed, published, keys, responseIds,
                survey.frameSize(), survey.input().stratum().length);
    }

    private static String round(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
