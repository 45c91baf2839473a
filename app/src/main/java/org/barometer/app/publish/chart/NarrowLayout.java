package org.barometer.app.publish.chart;

import static org.barometer.app.publish.chart.ChartRenderer.BAR;
import static org.barometer.app.publish.chart.ChartRenderer.FONT;
import static org.barometer.app.publish.chart.ChartRenderer.GAP;
import static org.barometer.app.publish.chart.ChartRenderer.LINE;
import static org.barometer.app.publish.chart.ChartRenderer.PALETTE;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.publish.chart.ChartCanvas.Anchor;
import org.barometer.app.publish.chart.ChartCanvas.Stroke;
import org.barometer.app.publish.chart.ChartCanvas.TextStyle;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.Language;

/**
 * The narrow layout of a chart, for phones: the same marks as the wide layout, stacked instead of side by side.
 * Each label stands above its bars, which use the whole width; the legend lists one entry a line (its labels
 * wrapped, not shortened); the axis has ticks at 0, 50 and 100 %; a suppressed cell's mark stands below its
 * bar. Texts keep the wide layout's sizes (13 px, legend and notes 12 px, ticks 12 px), and lines break by
 * characters for the width.
 */
final class NarrowLayout {

    /** Room right of a full bar for its whisker and value ("100 %", or with a decimal). */
    private static final int VALUE_ROOM = 60;
    /** Room on each side of a diverging chart for the side's total. */
    private static final int TOTAL_ROOM = 42;
    private static final int LEGEND_LINE = 15;
    private static final int NOTE_LINE = 15;

    private final int width;
    /** Characters a label line holds at 13 px, a legend or note line at 12 px. */
    private final int labelChars;
    private final int legendChars;
    private final int noteChars;

    NarrowLayout(int width) {
        this.width = width;
        this.labelChars = width / 8;
        this.legendChars = (width - 18) / 7;
        this.noteChars = width / 7;
    }

    <T> T bars(FigureResult f, Language m, ChartCanvas<T> canvas) {
        List<FigureResult.Series> series = f.series();
        List<FigureSpec.Item> items = f.spec().items();
        boolean grouped = series.size() > 1 && items.size() > 1;
        double left = 2;
        double plot = width - left - VALUE_ROOM;
        int y = 4;
        boolean anySuppressed = false;
        if (grouped) {
            List<ChartRenderer.LegendEntry> legend = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                legend.add(new ChartRenderer.LegendEntry(PALETTE[s % PALETTE.length], series.get(s).label().in(m.locale())));
            }
            y = legend(canvas, legend, y);
        }
        int outer = grouped ? items.size() : (series.size() > 1 ? series.size() : items.size());
        for (int o = 0; o < outer; o++) {
            int inner = grouped ? series.size() : 1;
            String label = grouped ? items.get(o).label().in(m.locale())
                    : series.size() > 1 ? series.get(o).label().in(m.locale()) : items.get(o).label().in(m.locale());
            y = label(canvas, label, y);
            for (int i = 0; i < inner; i++) {
                FigureResult.Series s = grouped ? series.get(i) : series.size() > 1 ? series.get(o) : series.getFirst();
                FigureSpec.Item item = grouped ? items.get(o) : series.size() > 1 ? items.getFirst() : items.get(o);
                FigureResult.Cell cell = f.cell(s.id(), item.id());
                String colour = PALETTE[(grouped ? i : 0) % PALETTE.length];
                int barY = y + i * (BAR + 4);
                if (cell.suppressed()) {
                    anySuppressed = true;
                    canvas.text(left, barY + BAR - 4, "– " + m.t("publish.chart.suppressedMark"), TextStyle.SUPPRESSED,
                            Anchor.START);
                    continue;
                }
                double barWidth = cell.estimate() * plot;
                canvas.rect(left, barY, barWidth, BAR, colour);
                double lo = left + cell.low() * plot;
                double hi = left + cell.high() * plot;
                double mid = barY + BAR / 2.0;
                canvas.beginGroup(Stroke.WHISKER);
                canvas.line(lo, mid, hi, mid, Stroke.WHISKER);
                canvas.line(lo, mid - 5, lo, mid + 5, Stroke.WHISKER);
                canvas.line(hi, mid - 5, hi, mid + 5, Stroke.WHISKER);
                canvas.endGroup();
                canvas.text(Math.max(left + barWidth, hi) + 5, barY + BAR - 4,
                        m.percent(cell.estimate(), f.spec().decimals()), TextStyle.VALUE, Anchor.START);
            }
            y += inner * (BAR + 4) - 4 + GAP + (grouped ? 4 : 0);
        }
        y = axis(canvas, y, left, plot);
        if (anySuppressed) {
            y = note(canvas, y, m.t("publish.chart.suppressedNote"));
        }
        return finish(f, m, canvas, y, grouped ? "publish.chart.kind.grouped" : "publish.chart.kind.bars");
    }

    <T> T stacked(FigureResult f, Language m, ChartCanvas<T> canvas, boolean diverging) {
        List<FigureSpec.Item> items = f.spec().items();
        List<ChartRenderer.LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            legend.add(new ChartRenderer.LegendEntry(ChartRenderer.colourOf(i, items.size(), diverging, f.spec()),
                    items.get(i).label().in(m.locale())));
        }
        int top = legend(canvas, legend, 4);
        int y = top;
        boolean anySuppressed = false;
        double left = diverging ? TOTAL_ROOM : 1;
        double plot = width - 2 * left;
        double centre = left + plot / 2;
        // diverging: the negative items run leftwards from the centre, nearest-to-neutral first
        double scale = diverging ? plot / 2 : plot;
        for (FigureResult.Series s : f.series()) {
            if (f.series().size() > 1) {
                y = label(canvas, s.label().in(m.locale()), y);
            }
            double negativeTotal = 0;
            double positiveTotal = 0;
            boolean rowSuppressed = false;
            for (FigureSpec.Item item : items) {
                FigureResult.Cell c = f.cell(s.id(), item.id());
                if (c.suppressed()) {
                    rowSuppressed = true;
                } else if (f.spec().negative().contains(item.id())) {
                    negativeTotal += c.estimate();
                } else {
                    positiveTotal += c.estimate();
                }
            }
            double x = diverging ? centre - negativeTotal * scale : left;
            for (int i = 0; i < items.size(); i++) {
                FigureResult.Cell c = f.cell(s.id(), items.get(i).id());
                if (c.suppressed()) {
                    continue;
                }
                double w = c.estimate() * scale;
                canvas.rect(x, y, w, BAR, ChartRenderer.colourOf(i, items.size(), diverging, f.spec()));
                String share = m.percent(c.estimate(), f.spec().decimals());
                if (w >= textWidth(share) + 6) {
                    canvas.text(x + w / 2, y + BAR - 5, share, TextStyle.INSIDE, Anchor.MIDDLE);
                }
                x += w;
            }
            if (diverging) {
                canvas.text(centre - negativeTotal * scale - 5, y + BAR - 5, m.percent(negativeTotal, f.spec().decimals()),
                        TextStyle.VALUE, Anchor.END);
                canvas.text(centre + positiveTotal * scale + 5, y + BAR - 5, m.percent(positiveTotal, f.spec().decimals()),
                        TextStyle.VALUE, Anchor.START);
            }
            y += BAR;
            if (rowSuppressed) {
                anySuppressed = true;
                canvas.text(left, y + FONT + 2, "– " + m.t("publish.chart.suppressedMark"), TextStyle.SUPPRESSED,
                        Anchor.START);
                y += FONT + 5;
            }
            y += GAP + 4;
        }
        if (diverging) {
            canvas.line(centre, top - 4, centre, y - GAP / 2, Stroke.CENTRE);
        } else {
            y = axis(canvas, y, left, plot);
        }
        if (anySuppressed) {
            y = note(canvas, y, m.t("publish.chart.suppressedNote"));
        }
        return finish(f, m, canvas, y, diverging ? "publish.chart.kind.diverging" : "publish.chart.kind.stacked");
    }

    /** A label's lines from y, left-aligned; returns where its bars start. */
    private int label(ChartCanvas<?> canvas, String label, int y) {
        if (label.isBlank()) {
            return y;
        }
        List<String> lines = ChartRenderer.wrap(label, labelChars);
        canvas.text(1, y + FONT, lines, LINE, TextStyle.LABEL, Anchor.START);
        return y + lines.size() * LINE + 3;
    }

    /** One entry a line: the swatch, then the label, wrapped. */
    private int legend(ChartCanvas<?> canvas, List<ChartRenderer.LegendEntry> legend, int y) {
        for (ChartRenderer.LegendEntry entry : legend) {
            List<String> lines = ChartRenderer.wrap(entry.label(), legendChars);
            canvas.rect(1, y, 12, 12, entry.colour());
            canvas.text(18, y + 11, lines, LEGEND_LINE, TextStyle.LEGEND, Anchor.START);
            y += lines.size() * LEGEND_LINE + 4;
        }
        return y + 8;
    }

    /** The axis with ticks at 0, 50 and 100 %; the end ticks' texts stay inside the chart. */
    private int axis(ChartCanvas<?> canvas, int y, double left, double plot) {
        canvas.beginGroup(Stroke.AXIS);
        canvas.line(left, y, left + plot, y, Stroke.AXIS);
        for (int p = 0; p <= 100; p += 50) {
            double x = left + p / 100.0 * plot;
            canvas.line(x, y, x, y + 4, Stroke.AXIS);
            String tick = p + " %";
            Anchor anchor = Anchor.MIDDLE;
            if (x - textWidth(tick) / 2 < 0) {
                anchor = Anchor.START;
                x = Math.max(x, 1);
            } else if (x + textWidth(tick) / 2 > width) {
                anchor = Anchor.END;
                x = Math.min(x, width - 1);
            }
            canvas.text(x, y + 17, tick, TextStyle.TICK, anchor);
        }
        canvas.endGroup();
        return y + 26;
    }

    private int note(ChartCanvas<?> canvas, int y, String text) {
        List<String> lines = ChartRenderer.wrap(text, noteChars);
        canvas.text(1, y + FONT, lines, NOTE_LINE, TextStyle.NOTE, Anchor.START);
        return y + lines.size() * NOTE_LINE + 4;
    }

    private <T> T finish(FigureResult f, Language m, ChartCanvas<T> canvas, int height, String kind) {
        return ChartRenderer.finish(f, m, canvas, width, height, m.t(kind), "chart-" + f.spec().id() + "-narrow");
    }

    /** A generous guess of a short text's width at 13 px in bold, in px. */
    private static double textWidth(String text) {
        return text.length() * FONT * 0.62;
    }
}
