package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A figure's published numbers as a JSON-ready map, both languages' captions included (for the archive). */
final class FigureJsonWriter {

    private FigureJsonWriter() {
    }

    static Map<String, Object> of(FigureResult f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.spec().id());
        out.put("number", f.spec().number());
        out.put("file", f.spec().file());
        out.put("n", f.n());
        out.put("captions", f.captions());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (FigureResult.Cell c : f.cells()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("series", c.series());
            cell.put("category", c.item());
            cell.put("estimate", c.estimate());
            cell.put("low", c.low());
            cell.put("high", c.high());
            cell.put("count", c.count());
            cell.put("suppressed", c.suppressed());
            cells.add(cell);
        }
        out.put("cells", cells);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (FigureResult.TestOutcome t : f.tests()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("category", t.item());
            test.put("statistic", t.statistic());
            test.put("numeratorDf", t.numeratorDf());
            test.put("denominatorDf", t.denominatorDf());
            test.put("pValue", t.pValue());
            tests.add(test);
        }
        out.put("tests", tests);
        return out;
    }
}
