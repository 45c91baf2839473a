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
import org.barometer.app.publish.compute.CellKeys;
import org.barometer.app.publish.compute.DisclosureStore;
import org.barometer.app.publish.compute.Explorer;
import org.barometer.app.publish.compute.ExplorerLedger;
import org.barometer.app.publish.compute.ExplorerStore;
import org.barometer.app.publish.compute.Publication;
import org.jdbi.v3.core.Jdbi;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Headlines;

/**
 * One published edition as the portal serves it: the edition's specification and computed figures as published
 * (protected, computed once and then only read), with the weighted responses and their record keys kept for the
 * explorer, whose answers are cached by query. A node keeps the editions it shows in {@link PublishedEditions}.
 *
 * @param figures       the figures as published (never the exact ones: the portal shows only protected numbers)
 * @param keys          the respondents' record keys, for the explorer's protection
 * @param frameSize     workplaces in the frame
 * @param sampleSize    workplaces sampled
 * @param explorer      the explorer of this publication (null in a preview)
 * @param figureViews   the published figures as pages show them, by figure and language (see {@link #view})
 * @param headlines     the front page's headline numbers, computed with the edition (each is a variance pass)
 */
public record PublishedEdition(EditionSpec spec, List<FigureResult> figures, Dataset data, Estimator estimator,
                               Weights weights, CellKeys keys, int frameSize, int sampleSize,
                               Explorer explorer, Map<String, FigureView> figureViews,
                               List<Headlines.Result> headlines) {

    /** A publication of the edition {@code editionId} as the portal serves it, its explorer's ledger in {@code jdbi}. */
    public static PublishedEdition of(Publication p, Jdbi jdbi, long editionId) {
        ExplorerLedger ledger = new ExplorerLedger(new ExplorerStore(jdbi), editionId, p.responseIds(),
                new DisclosureStore(jdbi).secret(), p.edition().explorer().minBase(), p.edition().minCellCount());
        return new PublishedEdition(p.edition(), p.published(), p.data(), p.estimator(), p.weights(), p.keys(),
                p.frameSize(), p.sampleSize(), new Explorer(p, ledger), new ConcurrentHashMap<>(),
                Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys()));
    }

    /**
     * A publication not yet released as staff preview it: the same figures and headlines, but no explorer (the
     * explorer records every base it answers for the edition's public, and a preview must leave no trace there).
     */
    public static PublishedEdition preview(Publication p) {
        return new PublishedEdition(p.edition(), p.published(), p.data(), p.estimator(), p.weights(), p.keys(),
                p.frameSize(), p.sampleSize(), null, new ConcurrentHashMap<>(),
                Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys()));
    }

    /** Whether this is a preview for staff (it has no explorer). */
    public boolean preview() {
        return explorer == null;
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
