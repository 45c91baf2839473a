package org.barometer.app.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;

/** A figure as the JSON API serves it: per cell series, category, estimate, interval, n and suppression. */
final class FigureJson {

    private FigureJson() {
    }

    static Map<String, Object> of(FigureResult f, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.spec().id());
        body.put("number", f.spec().number());
        body.put("theme", f.spec().theme());
        body.put("title", f.spec().title().in(locale));
        body.put("caption", f.caption(locale));
        body.put("n", f.n());
        body.put("chart", f.spec().chart().name().toLowerCase(Locale.ROOT));
        body.put("multipleAnswers", f.spec().multiple());
        body.put("intervalMethod", "logit");
        body.put("confidenceLevel", 0.95);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (FigureResult.TestOutcome t : f.tests()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("category", t.item());
            test.put("method", "Rao-Scott second-order corrected Pearson test");
            test.put("statistic", t.statistic());
            test.put("numeratorDf", t.numeratorDf());
            test.put("denominatorDf", t.denominatorDf());
            test.put("pValue", t.pValue());
            test.put("significant", t.significant());
            tests.add(test);
        }
        body.put("tests", tests);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (FigureResult.Cell c : f.cells()) {
            FigureResult.Series s = f.series().stream().filter(x -> x.id().equals(c.series())).findFirst().orElseThrow();
            FigureSpec.Item item = f.spec().items().stream().filter(x -> x.id().equals(c.item())).findFirst().orElseThrow();
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("series", c.series());
            cell.put("seriesLabel", s.label().in(locale));
            cell.put("category", c.item());
            cell.put("categoryLabel", item.label().in(locale));
            cell.put("estimate", c.estimate());
            cell.put("low", c.low());
            cell.put("high", c.high());
            cell.put("n", s.n());
            cell.put("suppressed", c.suppressed());
            cells.add(cell);
        }
        body.put("cells", cells);
        List<Map<String, Object>> excluded = new ArrayList<>();
        for (FigureResult.ExcludedShare e : f.excluded()) {
            excluded.add(Map.of("category", e.item(), "label", e.label().in(locale), "share", e.share()));
        }
        body.put("notShown", excluded);
        return body;
    }
}
