package org.barometer.app.publish.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.barometer.app.publish.chart.ChartCanvas.Anchor;
import org.barometer.app.publish.chart.ChartCanvas.Stroke;
import org.barometer.app.publish.chart.ChartCanvas.TextStyle;

import org.barometer.app.text.Language;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.compute.FigureResult;
/**
 * Lays out a figure on the server, in one consistent look: horizontal bars, value labels as text, 95 % intervals
 * as whiskers, suppressed cells marked with a dash and a note, and a title and description that a screen reader
 * announces; the numbers themselves are in the data table the page shows beside the chart. Texts are measured in
 * characters, so that SVG and PNG break lines alike.
 *
 * <p>A figure is laid out for a width. At {@link #WIDTH} and wider it is the wide layout: labels on the left of
 * the bars (where long Danish labels fit), the legend in two columns, axis ticks every 25 %; it is drawn as SVG
 * (for pages and download) and as PNG (download), so both look the same. Narrower, down to {@link #NARROW_WIDTH},
 * it is the narrow layout for phones: each label above its bars, the legend one entry a line, ticks at 0, 50 and
 * 100 %. Either way no text is smaller than 12 px of the layout, so a page that never draws a layout smaller than
 * its own width never shows chart text below 12 CSS px.
 */
public final class ChartRenderer {

    /** Series colours: each has at least 4.5:1 contrast with white, so white text on them stays readable. */
    static final String[] PALETTE = {"#1d4e89", "#a84300", "#2c6e2f", "#6a1b9a", "#37474f", "#8a1538", "#005f73"};
    /** The width of the wide layout, in px: labels beside the bars. */
    public static final int WIDTH = 760;
    /**
     * The width of the narrow layout that pages show on phones, in px: it fits a 320 px wide screen beside the
     * page's margins (and a scroll bar), so that it is never drawn smaller than its own size.
     */
    public static final int NARROW_WIDTH = 272;
    static final int LABEL_WIDTH = 270;
    static final int PLOT_WIDTH = 400;
    static final int BAR = 18;
    static final int GAP = 10;
    static final int FONT = 13;
    /** Line height of labels. */
    static final int LINE = FONT + 3;

    private ChartRenderer() {
    }

    /** The figure as a standalone SVG document in the wide layout, styled by its own {@code <style>} element. */
    public static String render(FigureResult figure, Locale locale) {
        return draw(figure, locale, WIDTH, new SvgCanvas(true, "chart"));
    }

    /**
     * The figure as an {@code <svg>} element for inlining in a page, laid out for {@code width} px: the wide
     * layout (class {@code chart chart-wide}, {@link #WIDTH} px wide) from {@link #WIDTH}, the narrow one (class
     * {@code chart chart-narrow}, its title and description with ids of their own) below it, but never narrower
     * than {@link #NARROW_WIDTH}. It has no {@code <style>} element (a strict content security policy forbids
     * inline styles); the page's stylesheet styles the same classes and chooses the layout by the screen's width.
     */
    public static String renderForPage(FigureResult figure, Locale locale, int width) {
        boolean narrow = width < WIDTH;
        return draw(figure, locale, narrow ? Math.max(width, NARROW_WIDTH) : width,
                new SvgCanvas(false, narrow ? "chart chart-narrow" : "chart chart-wide"));
    }

    /**
     * The figure as a PNG image of the wide layout, twice the SVG's width and height, with its title and
     * description embedded.
     */
    public static byte[] renderPng(FigureResult figure, Locale locale) {
        return draw(figure, locale, WIDTH, new PngCanvas());
    }

    private static <T> T draw(FigureResult figure, Locale locale, int width, ChartCanvas<T> canvas) {
        Language m = Language.of(locale);
        if (width < WIDTH) {
            NarrowLayout narrow = new NarrowLayout(width);
            return switch (figure.spec().chart()) {
                case BARS, GROUPED_BARS -> narrow.bars(figure, m, canvas);
                case STACKED -> narrow.stacked(figure, m, canvas, false);
                case DIVERGING -> narrow.stacked(figure, m, canvas, true);
            };
        }
        return switch (figure.spec().chart()) {
            case BARS, GROUPED_BARS -> bars(figure, m, canvas);
            case STACKED -> stacked(figure, m, canvas, false);
            case DIVERGING -> stacked(figure, m, canvas, true);
        };
    }

    /** A colour in the legend and what it stands for. */
    record LegendEntry(String colour, String label) {
    }

    private static <T> T bars(FigureResult f, Language m, ChartCanvas<T> canvas) {
        List<FigureResult.Series> series = f.series();
        List<FigureSpec.Item> items = f.spec().items();
        boolean grouped = series.size() > 1 && items.size() > 1;
        int y = 10;
        boolean anySuppressed = false;
        // rows: items (single series), series (single item), or groups of series per item
        if (grouped) {
            List<LegendEntry> legend = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                legend.add(new LegendEntry(PALETTE[s % PALETTE.length], series.get(s).label().in(m.locale())));
            }
            y = legend(canvas, legend, y);
        }
        int outer = grouped ? items.size() : (series.size() > 1 ? series.size() : items.size());
        for (int o = 0; o < outer; o++) {
            int inner = grouped ? series.size() : 1;
            String label = grouped ? items.get(o).label().in(m.locale())
                    : series.size() > 1 ? series.get(o).label().in(m.locale()) : items.get(o).label().in(m.locale());
            List<String> lines = wrap(label, 36);
            int blockHeight = Math.max(inner * (BAR + 4), lines.size() * (FONT + 3));
            int textY = y + Math.max(FONT, (blockHeight - lines.size() * (FONT + 3)) / 2 + FONT);
            canvas.text(LABEL_WIDTH - 8, textY, lines, FONT + 3, TextStyle.LABEL, Anchor.END);
            for (int i = 0; i < inner; i++) {
                FigureResult.Series s = grouped ? series.get(i) : series.size() > 1 ? series.get(o) : series.getFirst();
                FigureSpec.Item item = grouped ? items.get(o) : series.size() > 1 ? items.getFirst() : items.get(o);
                FigureResult.Cell cell = f.cell(s.id(), item.id());
                String colour = PALETTE[(grouped ? i : 0) % PALETTE.length];
                int barY = y + i * (BAR + 4);
                if (cell.suppressed()) {
                    anySuppressed = true;
                    canvas.text(LABEL_WIDTH + 4, barY + BAR - 4, "– " + m.t("publish.chart.suppressedMark"),
                            TextStyle.SUPPRESSED, Anchor.START);
                    continue;
                }
                barWithInterval(canvas, LABEL_WIDTH, PLOT_WIDTH, barY, colour, cell,
                        m.percent(cell.estimate(), f.spec().decimals()), 6);
            }
            y += blockHeight + GAP;
        }
        y = axis(canvas, y);
        if (anySuppressed) {
            y = note(canvas, y, m.t("publish.chart.suppressedNote"));
        }
        return finish(f, m, canvas, y, m.t(grouped ? "publish.chart.kind.grouped" : "publish.chart.kind.bars"));
    }

    private static <T> T stacked(FigureResult f, Language m, ChartCanvas<T> canvas, boolean diverging) {
        List<FigureSpec.Item> items = f.spec().items();
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            legend.add(new LegendEntry(colourOf(i, items.size(), diverging, f.spec()), items.get(i).label().in(m.locale())));
        }
        int y = legend(canvas, legend, 10);
        boolean anySuppressed = false;
        double centre = LABEL_WIDTH + PLOT_WIDTH / 2.0;
        for (FigureResult.Series s : f.series()) {
            String label = f.series().size() == 1 ? "" : s.label().in(m.locale());
            List<String> lines = wrap(label, 36);
            int height = Math.max(BAR + 8, lines.size() * (FONT + 3));
            canvas.text(LABEL_WIDTH - 8, y + FONT, lines, FONT + 3, TextStyle.LABEL, Anchor.END);
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
            // diverging: the negative items run leftwards from the centre, nearest-to-neutral first
            double scale = diverging ? PLOT_WIDTH / 2.0 : PLOT_WIDTH;
            double x = diverging ? centre - negativeTotal * scale : LABEL_WIDTH;
            for (int i = 0; i < items.size(); i++) {
                FigureResult.Cell c = f.cell(s.id(), items.get(i).id());
                if (c.suppressed()) {
                    continue;
                }
                double w = c.estimate() * scale;
                canvas.rect(x, y, w, BAR, colourOf(i, items.size(), diverging, f.spec()));
                if (w >= 30) {
                    canvas.text(x + w / 2, y + BAR - 5, m.percent(c.estimate(), f.spec().decimals()), TextStyle.INSIDE,
                            Anchor.MIDDLE);
                }
                x += w;
            }
            if (diverging) {
                canvas.text(centre - negativeTotal * scale - 6, y + BAR - 5, m.percent(negativeTotal, f.spec().decimals()),
                        TextStyle.VALUE, Anchor.END);
                canvas.text(centre + positiveTotal * scale + 6, y + BAR - 5, m.percent(positiveTotal, f.spec().decimals()),
                        TextStyle.VALUE, Anchor.START);
            }
            if (rowSuppressed) {
                anySuppressed = true;
                canvas.text(LABEL_WIDTH + PLOT_WIDTH + 8, y + BAR - 5, "– " + m.t("publish.chart.suppressedMark"),
                        TextStyle.SUPPRESSED, Anchor.START);
            }
            y += height + GAP;
        }
        if (diverging) {
            canvas.line(centre, legendBottom(legend), centre, y - GAP / 2, Stroke.CENTRE);
        } else {
            y = axis(canvas, y);
        }
        if (anySuppressed) {
            y = note(canvas, y, m.t("publish.chart.suppressedNote"));
        }
        return finish(f, m, canvas, y, m.t(diverging ? "publish.chart.kind.diverging" : "publish.chart.kind.stacked"));
    }

    private static int legendBottom(List<LegendEntry> legend) {
        return 10 + ((legend.size() + 1) / 2) * (FONT + 8);
    }

    /** Diverging charts use orange for the negative side and blue for the positive side; others the palette. */
    static String colourOf(int index, int count, boolean diverging, FigureSpec spec) {
        if (!diverging) {
            return PALETTE[index % PALETTE.length];
        }
        boolean negative = spec.negative().contains(spec.items().get(index).id());
        boolean outer = index == 0 || index == count - 1;
        return negative ? (outer ? "#8a3300" : "#c25400") : (outer ? "#163d6b" : "#2d6bb0");
    }

    private static int legend(ChartCanvas<?> canvas, List<LegendEntry> legend, int y) {
        int column = 0;
        for (LegendEntry entry : legend) {
            int lx = LABEL_WIDTH - 120 + column * 250;
            canvas.rect(lx, y, 12, 12, entry.colour());
            canvas.text(lx + 17, y + 11, shorten(entry.label(), 36), TextStyle.LEGEND, Anchor.START);
            column++;
            if (column == 2) {
                column = 0;
                y += FONT + 8;
            }
        }
        return (column == 0 ? y : y + FONT + 8) + 6;
    }

    /**
     * One share as a bar from {@code left} with its confidence interval as a whisker and its value after both:
     * the same mark in the wide and the narrow layout.
     */
    static void barWithInterval(ChartCanvas<?> canvas, double left, double plot, double barY, String colour,
                                FigureResult.Cell cell, String value, double valueGap) {
        double width = cell.estimate() * plot;
        canvas.rect(left, barY, width, BAR, colour);
        double lo = left + cell.low() * plot;
        double hi = left + cell.high() * plot;
        double mid = barY + BAR / 2.0;
        canvas.beginGroup(Stroke.WHISKER);
        canvas.line(lo, mid, hi, mid, Stroke.WHISKER);
        canvas.line(lo, mid - 5, lo, mid + 5, Stroke.WHISKER);
        canvas.line(hi, mid - 5, hi, mid + 5, Stroke.WHISKER);
        canvas.endGroup();
        canvas.text(Math.max(left + width, hi) + valueGap, barY + BAR - 4, value, TextStyle.VALUE, Anchor.START);
    }

    private static int axis(ChartCanvas<?> canvas, int y) {
        canvas.beginGroup(Stroke.AXIS);
        canvas.line(LABEL_WIDTH, y, LABEL_WIDTH + PLOT_WIDTH, y, Stroke.AXIS);
        for (int p = 0; p <= 100; p += 25) {
            double x = LABEL_WIDTH + p / 100.0 * PLOT_WIDTH;
            canvas.line(x, y, x, y + 4, Stroke.AXIS);
            canvas.text(x, y + 17, p + " %", TextStyle.TICK, Anchor.MIDDLE);
        }
        canvas.endGroup();
        return y + 26;
    }

    private static int note(ChartCanvas<?> canvas, int y, String text) {
        canvas.text(LABEL_WIDTH, y + FONT, text, TextStyle.NOTE, Anchor.START);
        return y + FONT + 8;
    }

    private static <T> T finish(FigureResult f, Language m, ChartCanvas<T> canvas, int height, String kind) {
        return finish(f, m, canvas, WIDTH, height, kind, "chart-" + f.spec().id());
    }

    static <T> T finish(FigureResult f, Language m, ChartCanvas<T> canvas, int width, int height, String kind,
                        String id) {
        String title = (f.spec().number() == null ? "" : m.t("publish.figure.number", f.spec().number()) + ": ")
                + f.spec().title().in(m.locale());
        String desc = m.t("publish.chart.desc", kind, m.integer(f.n()));
        return canvas.finish(width, height + 10, id, title, desc);
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
