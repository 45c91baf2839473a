package org.barometer.app.publish.compute;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.barometer.app.text.LocalizedText;
import org.barometer.app.publish.spec.FigureSpec;
/**
 * A figure's published numbers: per series (breakdown group, or "all") and item, the share with its 95 %
 * interval and unweighted counts — or, for a suppressed cell, nothing but the fact that it is suppressed —
 * with the test result and the caption in both languages. Suppressed values are not kept here at all, so
 * nothing downstream (chart, table, download, API) can show them by mistake.
 */
public record FigureResult(FigureSpec spec, List<Series> series, List<Cell> cells, List<ExcludedShare> excluded,
                           List<TestOutcome> tests, Significance significance, long n, Map<String, String> captions) {

    public FigureResult {
        series = List.copyOf(series);
        cells = List.copyOf(cells);
        excluded = List.copyOf(excluded);
        tests = List.copyOf(tests);
        captions = Map.copyOf(captions);
    }

    /** One compared group: its id, label and the respondents in it (null when too few to show). */
    public record Series(String id, LocalizedText label, Long n) {
    }

    /**
     * One published number.
     *
     * @param series     the series' id
     * @param item       the item's (category's) id
     * @param estimate   the share (fraction of 1), null when suppressed
     * @param low        lower end of the 95 % interval, null when suppressed
     * @param high       upper end, null when suppressed
     * @param count      respondents in the series with this answer, null when suppressed
     * @param suppressed whether the cell is withheld for disclosure control
     */
    public record Cell(String series, String item, Double estimate, Double low, Double high, Long count,
                       boolean suppressed) {
    }

    /** An answer kept in the denominator but not drawn, with its share of the whole base. */
    public record ExcludedShare(String item, LocalizedText label, double share) {
    }

    /** A Rao–Scott test: of the whole figure (item null) or of one item. */
    public record TestOutcome(String item, double statistic, double numeratorDf, double denominatorDf, double pValue,
                              boolean significant) {
    }

    public String caption(Locale locale) {
        return captions.get("da".equals(locale.getLanguage()) ? "da" : "en");
    }

    public Cell cell(String seriesId, String itemId) {
        return cells.stream().filter(c -> c.series().equals(seriesId) && c.item().equals(itemId)).findFirst().orElse(null);
    }
}
