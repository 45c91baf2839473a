package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Share;

import org.barometer.app.text.Language;
import org.barometer.app.text.LocalizedText;
import org.barometer.app.text.Rounding;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionException;
/**
 * Computes every figure of an edition from the weighted responses: shares with intervals and counts per cell,
 * disclosure control, the figure's test, and its caption. All figures are computed before any is returned; a
 * problem in one (a breakdown group without respondents, say) refuses the whole edition.
 */
public final class FigureComputer {

    private FigureComputer() {
    }

    /**
     * A figure computed twice over: with its exact numbers (staff, tests, the stored publication) and as published
     * (every number protected, see {@link Protection}).
     */
    public record Computed(FigureResult exact, FigureResult published) {
    }

    /** Computes all figures of the edition, or refuses it with every problem found. */
    public static List<Computed> computeAll(EditionSpec edition, Dataset data, Estimator estimator, CellKeys keys)
            throws EditionException {
        List<EditionProblem> problems = new ArrayList<>();
        List<Computed> results = new ArrayList<>();
        for (FigureSpec spec : edition.figures()) {
            try {
                results.add(compute(edition, spec, data, estimator, keys));
            } catch (EditionException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        return List.copyOf(results);
    }

    /** Computes one figure, exact and as published. */
    public static Computed compute(EditionSpec edition, FigureSpec spec, Dataset data, Estimator estimator,
                                   CellKeys keys) throws EditionException {
        return compute(edition, spec, data, estimator, keys, null);
    }

    /**
     * Computes one figure, exact and as published, its base narrowed to the respondents of {@code within} (null for
     * all): the explorer's filter, evaluated apart under the public budget.
     */
    public static Computed compute(EditionSpec edition, FigureSpec spec, Dataset data, Estimator estimator,
                                   CellKeys keys, boolean[] within) throws EditionException {
        int size = data.size();
        boolean[] base = data.condition(spec.base());
        if (within != null) {
            base = and(base, within);
        }
        long n = count(base);
        if (n == 0) {
            throw new EditionException(List.of(EditionProblem.at(spec.file(), "base", "edition.problem.no.respondent.is.in.the", spec.baseSource())));
        }
        // series
        List<String> seriesIds = new ArrayList<>();
        List<LocalizedText> seriesLabels = new ArrayList<>();
        List<boolean[]> seriesMasks = new ArrayList<>();
        List<EditionProblem> problems = new ArrayList<>();
        if (spec.breakdown() == null) {
            seriesIds.add("all");
            seriesLabels.add(new LocalizedText("Alle", "All"));
            seriesMasks.add(base);
        } else {
            for (int g = 0; g < spec.groups().size(); g++) {
                FigureSpec.Item group = spec.groups().get(g);
                boolean[] in = and(base, data.condition(group.condition()));
                if (count(in) == 0 && ExplorerQuery.FILE.equals(spec.file())) {
                    continue; // an ad-hoc query simply has fewer groups; a published figure must have them all
                }
                if (count(in) == 0) {
                    problems.add(EditionProblem.at(spec.file(), "breakdown " + spec.breakdown() + ", group '" + group.id() + "'", "edition.problem.no.respondent.in.the.base"));
                }
                seriesIds.add(group.id());
                seriesLabels.add(group.label());
                seriesMasks.add(in);
            }
        }
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        List<boolean[]> itemMasks = new ArrayList<>();
        for (FigureSpec.Item item : spec.items()) {
            itemMasks.add(data.condition(item.condition()));
        }
        int rows = seriesIds.size();
        int cols = itemMasks.size();
        Share[][] shares = new Share[rows][cols];
        long[][] counts = new long[rows][cols];
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < cols; i++) {
                shares[s][i] = estimator.share(seriesMasks.get(s), and(seriesMasks.get(s), itemMasks.get(i)));
                counts[s][i] = shares[s][i].count();
            }
        }
        // the shares of a single-answer question add up within a series, so its total gives a hidden cell away
        boolean sharesAddUp = spec.variable() != null && !spec.multiple();
        Disclosure.Result disclosure = Disclosure.suppress(counts, edition.minCellCount(), sharesAddUp,
                spec.breakdown() != null);
        int k = edition.minCellCount();
        List<FigureResult.Series> series = new ArrayList<>();
        List<FigureResult.Series> publishedSeries = new ArrayList<>();
        List<FigureResult.Cell> cells = new ArrayList<>();
        List<FigureResult.Cell> publishedCells = new ArrayList<>();
        for (int s = 0; s < rows; s++) {
            boolean[] seriesMask = seriesMasks.get(s);
            long seriesN = count(seriesMask);
            boolean hideTotal = disclosure.rowTotalHidden()[s] || seriesN < k;
            series.add(new FigureResult.Series(seriesIds.get(s), seriesLabels.get(s), hideTotal ? null : seriesN));
            publishedSeries.add(new FigureResult.Series(seriesIds.get(s), seriesLabels.get(s),
                    hideTotal ? null : Protection.count(seriesN, keys.key(seriesMask), k)));
            for (int i = 0; i < cols; i++) {
                String itemId = spec.items().get(i).id();
                if (disclosure.suppressed(s, i)) {
                    FigureResult.Cell hidden = new FigureResult.Cell(seriesIds.get(s), itemId, null, null, null, null, true);
                    cells.add(hidden);
                    publishedCells.add(hidden);
                } else {
                    Share sh = shares[s][i];
                    cells.add(new FigureResult.Cell(seriesIds.get(s), itemId, sh.estimate(), sh.low(), sh.high(), sh.count(), false));
                    Share p = Protection.share(sh, keys.key(and(seriesMask, itemMasks.get(i)), seriesMask), 0);
                    // a cell's own count is not published: its difference between two bases would tell who is in it
                    publishedCells.add(new FigureResult.Cell(seriesIds.get(s), itemId, p.estimate(), p.low(), p.high(),
                            null, false));
                }
            }
        }
        // answers left out of the drawing, as shares of the whole base
        List<FigureResult.ExcludedShare> excluded = new ArrayList<>();
        List<FigureResult.ExcludedShare> publishedExcluded = new ArrayList<>();
        List<CaptionSpec.Excluded> captionExcluded = new ArrayList<>();
        List<CaptionSpec.Excluded> publishedCaptionExcluded = new ArrayList<>();
        for (FigureSpec.Item e : spec.excluded()) {
            boolean[] yes = and(base, data.condition(e.condition()));
            Share sh = estimator.share(base, yes);
            excluded.add(new FigureResult.ExcludedShare(e.id(), e.label(), sh.estimate()));
            captionExcluded.add(new CaptionSpec.Excluded(e.label(), sh.estimate()));
            double published = Protection.share(sh, keys.key(yes, base), 0).estimate();
            publishedExcluded.add(new FigureResult.ExcludedShare(e.id(), e.label(), published));
            publishedCaptionExcluded.add(new CaptionSpec.Excluded(e.label(), published));
        }
        // the test
        List<FigureResult.TestOutcome> tests = new ArrayList<>();
        Significance significance = new Significance.NotTested();
        int[] row = new int[size];
        for (int s = 0; s < rows; s++) {
            boolean[] m = seriesMasks.get(s);
            for (int r = 0; r < size; r++) {
                if (m[r]) {
                    row[r] = s;
                }
            }
        }
        boolean[] inTable = new boolean[size];
        for (boolean[] m : seriesMasks) {
            for (int r = 0; r < size; r++) {
                inTable[r] |= m[r];
            }
        }
        if (spec.test() == FigureSpec.TestKind.OVERALL) {
            int[] col = new int[size];
            int categories;
            if (!sharesAddUp) {
                // the joint pattern of the items: a respondent's whole answer
                for (int r = 0; r < size; r++) {
                    int pattern = 0;
                    for (int i = 0; i < cols; i++) {
                        if (itemMasks.get(i)[r]) {
                            pattern |= 1 << i;
                        }
                    }
                    col[r] = pattern;
                }
                categories = 1 << cols;
            } else {
                List<boolean[]> all = new ArrayList<>(itemMasks);
                for (FigureSpec.Item e : spec.excluded()) {
                    all.add(data.condition(e.condition()));
                }
                for (int r = 0; r < size; r++) {
                    col[r] = all.size(); // any other answer, or none
                    for (int a = 0; a < all.size(); a++) {
                        if (all.get(a)[r]) {
                            col[r] = a;
                            break;
                        }
                    }
                }
                categories = all.size() + 1;
            }
            Estimator.TestResult t = estimator.raoScott(row, col, inTable, rows, categories);
            boolean significant = t.pValue() < edition.level();
            tests.add(new FigureResult.TestOutcome(null, t.statistic(), t.numeratorDf(), t.denominatorDf(), t.pValue(), significant));
            // a table the test cannot judge (no variation, or degrees of freedom that are not positive) is not
            // reported as showing no difference: the caption says nothing of a test
            significance = Double.isNaN(t.pValue()) ? new Significance.NotTested()
                    : new Significance.Overall(significant, edition.level());
        } else if (spec.test() == FigureSpec.TestKind.PER_ITEM) {
            List<LocalizedText> yes = new ArrayList<>();
            List<LocalizedText> no = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                int[] col = new int[size];
                boolean[] m = itemMasks.get(i);
                for (int r = 0; r < size; r++) {
                    col[r] = m[r] ? 1 : 0;
                }
                Estimator.TestResult t = estimator.raoScott(row, col, inTable, rows, 2);
                boolean significant = t.pValue() < edition.level();
                tests.add(new FigureResult.TestOutcome(spec.items().get(i).id(), t.statistic(), t.numeratorDf(),
                        t.denominatorDf(), t.pValue(), significant));
                if (!Double.isNaN(t.pValue())) { // an item the test cannot judge is in neither list
                    (significant ? yes : no).add(spec.items().get(i).label());
                }
            }
            significance = new Significance.PerItem(yes, no, edition.level());
        }
        // rounding: a single-answer distribution without breakdown whose rounded shares miss 100
        boolean roundingNote = false;
        if (sharesAddUp && spec.breakdown() == null) {
            List<Double> all = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < cols; i++) {
                all.add(shares[0][i].estimate());
                sum += shares[0][i].estimate();
            }
            for (FigureResult.ExcludedShare e : excluded) {
                all.add(e.share());
                sum += e.share();
            }
            roundingNote = Math.abs(sum - 1) < 1e-9 && Rounding.roundedSumDiffersFrom100(all, spec.decimals());
        }
        CaptionSpec caption = new CaptionSpec(spec.description(), spec.question(), spec.baseText(), captionExcluded,
                spec.multiple(), roundingNote, significance, edition.portal().population(), n);
        long publishedN = Protection.count(n, keys.key(base), k);
        CaptionSpec publishedCaption = new CaptionSpec(spec.description(), spec.question(), spec.baseText(),
                publishedCaptionExcluded, spec.multiple(), roundingNote, significance, edition.portal().population(), publishedN);
        List<FigureResult.TestOutcome> publishedTests = tests.stream().map(t -> new FigureResult.TestOutcome(t.item(),
                Protection.statistic(t.statistic(), 2), Protection.statistic(t.numeratorDf(), 1),
                Protection.statistic(t.denominatorDf(), 1), Protection.statistic(t.pValue(), 3), t.significant())).toList();
        return new Computed(
                new FigureResult(spec, series, cells, excluded, tests, significance, n, captions(caption)),
                new FigureResult(spec, publishedSeries, publishedCells, publishedExcluded, publishedTests, significance,
                        publishedN, captions(publishedCaption)));
    }

    private static Map<String, String> captions(CaptionSpec caption) {
        Map<String, String> captions = new LinkedHashMap<>();
        captions.put("da", CaptionWriter.write(caption, Language.DANISH));
        captions.put("en", CaptionWriter.write(caption, Language.ENGLISH));
        return captions;
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }

    private static long count(boolean[] m) {
        long c = 0;
        for (boolean b : m) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
