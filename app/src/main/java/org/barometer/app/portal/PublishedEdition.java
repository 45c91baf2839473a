package org.barometer.app.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.compute.CellKeys;
import org.barometer.app.publish.compute.DisclosureStore;
import org.barometer.app.publish.compute.Explorer;
import org.barometer.app.publish.compute.ExplorerLedger;
import org.barometer.app.publish.compute.ExplorerStore;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Headlines;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.spec.EditionSpec;
import org.jdbi.v3.core.Jdbi;

/**
 * One published edition as the portal serves it: the edition's specification and computed figures as published
 * (protected, computed once and then only read), the front page's headlines, and the weighted responses with their
 * record keys for the explorer, whose answers are cached by query. A node keeps the editions it shows in
 * {@link PublishedEditions}.
 *
 * <p>A node starting shows an edition as soon as what its pages show is read from the publication's snapshot
 * ({@link #shown}); the weighted responses come a moment later ({@link #analysed}), and what needs them (the
 * explorer, trends, the self-test) waits for them.
 */
public final class PublishedEdition {
    /** The weighted responses of a publication: what the explorer and the series' changes compute on. */
    private record Analysis(Dataset data, Estimator estimator, Weights weights, CellKeys keys, Explorer explorer) {}

    private final EditionSpec spec;
    private final List<FigureResult> figures;
    private final int frameSize;
    private final int sampleSize;
    private final boolean preview;
    private final List<Headlines.Result> headlines;
    private final Map<String, FigureView> figureViews = new ConcurrentHashMap<>();
    private final CompletableFuture<Analysis> analysis = new CompletableFuture<>();

    private PublishedEdition(EditionSpec spec, List<FigureResult> figures, int frameSize, int sampleSize,
                             boolean preview, List<Headlines.Result> headlines) {
        this.spec = spec;
        this.figures = List.copyOf(figures);
        this.frameSize = frameSize;
        this.sampleSize = sampleSize;
        this.preview = preview;
        this.headlines = List.copyOf(headlines);
    }

    /** A publication of the edition {@code editionId} as the portal serves it, its explorer's ledger in {@code jdbi}. */
    public static PublishedEdition of(Publication p, Jdbi jdbi, long editionId) {
        PublishedEdition e = new PublishedEdition(p.edition(), p.published(), p.frameSize(), p.sampleSize(), false,
                Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys()));
        e.analysed(p, jdbi, editionId);
        return e;
    }

    /**
     * An edition shown from what its snapshot kept, before its data are loaded: {@link #analysed} completes it, and
     * until then what needs the data waits.
     */
    public static PublishedEdition shown(Publishing.Shown s) {
        return new PublishedEdition(s.spec(), s.published(), s.frameSize(), s.sampleSize(), false, s.headlines());
    }

    /** Gives an edition shown from its snapshot the publication's weighted responses and its explorer. */
    public void analysed(Publication p, Jdbi jdbi, long editionId) {
        ExplorerLedger ledger = new ExplorerLedger(new ExplorerStore(jdbi), editionId, p.responseIds(),
                new DisclosureStore(jdbi).secret(), p.edition().explorer().minBase(), p.edition().minCellCount());
        analysis.complete(new Analysis(p.data(), p.estimator(), p.weights(), p.keys(), new Explorer(p, ledger)));
    }

    /** Says that the data of an edition shown from its snapshot could not be loaded: what needs them fails. */
    public void notAnalysed(RuntimeException cause) {
        analysis.completeExceptionally(cause);
    }

    /**
     * A publication not yet released as staff preview it: the same figures and headlines, but no explorer (the
     * explorer records every base it answers for the edition's public, and a preview must leave no trace there).
     */
    public static PublishedEdition preview(Publication p) {
        PublishedEdition e = new PublishedEdition(p.edition(), p.published(), p.frameSize(), p.sampleSize(), true,
                Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys()));
        e.analysis.complete(new Analysis(p.data(), p.estimator(), p.weights(), p.keys(), null));
        return e;
    }

    /** Whether its data are loaded (or failed to load): nothing that needs them waits any more. */
    public boolean complete() {
        return analysis.isDone();
    }

    /** Whether this is a preview for staff (it has no explorer). */
    public boolean preview() {
        return preview;
    }

    public EditionSpec spec() {
        return spec;
    }

    /** The figures as published (never the exact ones: the portal shows only protected numbers). */
    public List<FigureResult> figures() {
        return figures;
    }

    /** Workplaces in the frame. */
    public int frameSize() {
        return frameSize;
    }

    /** Workplaces sampled. */
    public int sampleSize() {
        return sampleSize;
    }

    /** The front page's headline numbers, computed with the edition (each is a variance pass). */
    public List<Headlines.Result> headlines() {
        return headlines;
    }

    public Dataset data() {
        return analysis().data();
    }

    public Estimator estimator() {
        return analysis().estimator();
    }

    public Weights weights() {
        return analysis().weights();
    }

    /** The respondents' record keys, for the explorer's protection. */
    public CellKeys keys() {
        return analysis().keys();
    }

    /** The explorer of this publication (null in a preview). */
    public Explorer explorer() {
        return preview ? null : analysis().explorer();
    }

    /** The weighted responses, waiting for them while they are loaded. */
    private Analysis analysis() {
        try {
            return analysis.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
