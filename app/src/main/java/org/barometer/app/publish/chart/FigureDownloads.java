package org.barometer.app.publish.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.barometer.formats.sheet.SpreadsheetText;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.barometer.app.text.Language;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.compute.FigureResult;
/**
 * A figure's numbers as CSV and XLSX downloads: one row per cell with series, answer, share, interval,
 * count, the series' n and whether the cell is suppressed. A suppressed cell's numbers are absent, because
 * the figure result does not hold them. And the figure's chart as a PNG image.
 */
public final class FigureDownloads {

    /**
     * PNGs drawn so far, per figure and language. Encoding a PNG takes tens of milliseconds, and a published
     * figure never changes; an entry goes when its figure is no longer held (a newer edition replaced it).
     */
    private static final Map<FigureResult, Map<String, byte[]>> PNGS = Collections.synchronizedMap(new WeakHashMap<>());

    private FigureDownloads() {
    }

    private static String[] header(Language m) {
        return new String[] {m.t("publish.table.series"), m.t("publish.table.answer"), m.t("publish.table.share"),
                m.t("publish.table.low"), m.t("publish.table.high"), m.t("publish.table.seriesN"),
                m.t("publish.table.suppressed")};
    }

    /**
     * CSV (RFC 4180, UTF-8, shares in percent with a dot for decimals), safe for spreadsheets
     * ({@link SpreadsheetText}). Cells carry no counts of their own: the published figure has none.
     */
    public static String csv(FigureResult f, Locale locale) {
        Language m = Language.of(locale);
        StringBuilder out = new StringBuilder();
        out.append(SpreadsheetText.csvLine(List.of(header(m))));
        for (FigureResult.Cell c : f.cells()) {
            FigureResult.Series s = series(f, c.series());
            out.append(SpreadsheetText.csvLine(List.of(
                    s.label().in(m.locale()), item(f, c.item()).label().in(m.locale()),
                    pct(c.estimate()), pct(c.low()), pct(c.high()),
                    s.n() == null ? "" : s.n().toString(),
                    c.suppressed() ? m.t("publish.table.yes") : m.t("publish.table.no"))));
        }
        return out.toString();
    }

    /** XLSX with the same rows as the CSV, and the caption under the table. */
    public static byte[] xlsx(FigureResult f, Locale locale) throws IOException {
        Language m = Language.of(locale);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "Barometer", "1.0");
        Worksheet ws = wb.newWorksheet(m.t("publish.table.sheet"));
        String[] header = header(m);
        for (int k = 0; k < header.length; k++) {
            ws.value(0, k, header[k]);
            ws.style(0, k).bold().set();
        }
        int row = 1;
        for (FigureResult.Cell c : f.cells()) {
            FigureResult.Series s = series(f, c.series());
            ws.value(row, 0, SpreadsheetText.neutralise(s.label().in(m.locale())));
            ws.value(row, 1, SpreadsheetText.neutralise(item(f, c.item()).label().in(m.locale())));
            if (!c.suppressed()) {
                ws.value(row, 2, round(c.estimate()));
                ws.value(row, 3, round(c.low()));
                ws.value(row, 4, round(c.high()));
            }
            if (s.n() != null) {
                ws.value(row, 5, s.n());
            }
            ws.value(row, 6, c.suppressed() ? m.t("publish.table.yes") : m.t("publish.table.no"));
            row++;
        }
        ws.value(row + 1, 0, SpreadsheetText.neutralise(f.caption(m.locale())));
        wb.finish();
        return bytes.toByteArray();
    }

    /** The chart as a PNG image (see {@link ChartRenderer#renderPng}), drawn once per figure and language. */
    public static byte[] png(FigureResult f, Locale locale) {
        Locale language = Language.of(locale).locale();
        byte[] png = PNGS.computeIfAbsent(f, figure -> new ConcurrentHashMap<>())
                .computeIfAbsent(language.getLanguage(), l -> ChartRenderer.renderPng(f, language));
        return png.clone();
    }

    static FigureResult.Series series(FigureResult f, String id) {
        return f.series().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    static FigureSpec.Item item(FigureResult f, String id) {
        return f.spec().items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private static double round(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static String pct(Double fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, "%.1f", fraction * 100);
    }

}
