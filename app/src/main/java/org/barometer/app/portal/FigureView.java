package org.barometer.app.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.barometer.app.publish.chart.ChartRenderer;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.Language;

/**
 * A figure as a page shows it: chart (SVG without inline styles, so the page's content security policy
 * holds) in its wide layout and its narrow layout for phones, of which the page's stylesheet shows one by the
 * screen's width; caption, and the data table beside it, all texts already in the page's language.
 */
public record FigureView(String id, String heading, String svg, String narrowSvg, String caption, List<String> columns,
                         List<Row> rows, String testLine, boolean anySuppressed) {

    /** A row of the data table: the series, then per column the share with its interval, or a dash. */
    public record Row(String series, String n, List<String> values) {
    }

    public static FigureView of(FigureResult f, Locale locale) {
        Language m = Language.of(locale);
        String heading = (f.spec().number() == null ? "" : m.t("publish.figure.number", f.spec().number()) + ". ")
                + f.spec().title().in(m.locale());
        String svg = ChartRenderer.renderForPage(f, locale, ChartRenderer.WIDTH);
        String narrowSvg = ChartRenderer.renderForPage(f, locale, ChartRenderer.NARROW_WIDTH);
        List<String> columns = new ArrayList<>();
        for (FigureSpec.Item item : f.spec().items()) {
            columns.add(item.label().in(m.locale()));
        }
        List<Row> rows = new ArrayList<>();
        boolean anySuppressed = false;
        for (FigureResult.Series s : f.series()) {
            List<String> values = new ArrayList<>();
            for (FigureSpec.Item item : f.spec().items()) {
                FigureResult.Cell c = f.cell(s.id(), item.id());
                if (c.suppressed()) {
                    anySuppressed = true;
                    values.add("–");
                } else {
                    values.add(m.percent(c.estimate(), f.spec().decimals()) + " (" + m.decimal(c.low() * 100, 1) + "–"
                            + m.decimal(c.high() * 100, 1) + ")");
                }
            }
            rows.add(new Row(s.label().in(m.locale()), s.n() == null ? "–" : m.integer(s.n()), values));
        }
        String testLine = null;
        if (!f.tests().isEmpty()) {
            StringBuilder line = new StringBuilder();
            for (FigureResult.TestOutcome t : f.tests()) {
                if (line.length() > 0) {
                    line.append("; ");
                }
                String label = t.item() == null ? m.t("portal.test.overall")
                        : f.spec().items().stream().filter(i -> i.id().equals(t.item())).findFirst().orElseThrow().label().in(m.locale());
                line.append(m.t("portal.test.result", label, m.decimal(t.statistic(), 2), m.decimal(t.numeratorDf(), 2),
                        m.decimal(t.denominatorDf(), 0), t.pValue() < 0.001 ? "p < " + m.decimal(0.001, 3) : "p = " + m.decimal(t.pValue(), 3)));
            }
            testLine = line.toString();
        }
        return new FigureView(f.spec().id(), heading, svg, narrowSvg, f.caption(locale), columns, rows, testLine,
                anySuppressed);
    }
}
