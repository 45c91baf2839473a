package org.barometer.app.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Headlines;

/**
 * One published edition as the portal serves it: the edition's specification and computed figures (the
 * published aggregates, computed once and then only read), with the weighted responses kept for the explorer,
 * whose answers are cached by query. A node keeps the editions it shows in {@link PublishedEditions}.
 *
 * @param frameSize     workplaces in the frame
 * @param sampleSize    workplaces sampled
 * @param explorerCache the explorer's answers by query
 * @param figureViews   the published figures as pages show them, by figure and language (see {@link #view})
 * @param headlines     the front page's headline numbers, computed with the edition (each is a variance pass)
 */
public record PublishedEdition(EditionSpec spec, List<FigureResult> figures, Dataset data, Estimator estimator,
                               Weights weights, int frameSize, int sampleSize,
                               Map<String, FigureResult> explorerCache, Map<String, FigureView> figureViews,
                               List<Headlines.Result> headlines) {

    public static PublishedEdition of(org.barometer.app.publish.compute.Publication p) {
        return new PublishedEdition(p.edition(), p.figures(), p.data(), p.estimator(), p.weights(), p.frameSize(),
                p.sampleSize(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                Headlines.compute(p.edition(), p.data(), p.estimator()));
    }

    /**
     * A published figure as pages show it in a language, made once: the chart's SVG and the formatted table cost
     * milliseconds, and a published figure never changes.
     */
    public FigureView view(FigureResult figure, Locale locale) {
        return figureViews.computeIfAbsent(figure.spec().id() + "\u0000" + locale.getLanguage(),
                k -> FigureView.of(figure, locale));
    }

    public FigureResult figure(String id) {
        return figures.stream().filter(f -> f.spec().id().equals(id)).findFirst().orElse(null);
    }

    public List<FigureResult> theme(String themeId) {
        return figures.stream().filter(f -> themeId.equals(f.spec().theme())).toList();
    }

    public EditionSpec.Theme themeInfo(String themeId) {
        return spec.themes().stream().filter(t -> t.id().equals(themeId)).findFirst().orElse(null);
    }
}
