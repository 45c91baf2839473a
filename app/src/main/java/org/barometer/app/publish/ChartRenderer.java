package org.barometer.app.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a figure as SVG on the server, in one consistent look: horizontal bars (labels on the left, where
 * long Danish labels fit), value labels as text, 95 % intervals as whiskers, suppressed cells marked with a
 * dash and a note, and {@code role="img"} with a {@code <title>} and {@code <desc>} so that a screen reader
 * announces the figure; the numbers themselves are in the data table the page shows beside the chart.
 */
public final class ChartRenderer {

    /** Series colours: each has at least 4.5:1 contrast with white, so white text on them stays readable. */
    static final String[] PALETTE = {"#1d4e89", "#a84300", "#2c6e2f", "#6a1b9a", "#37474f", "#8a1538", "#005f73"};
    static final int WIDTH = 760;
    static final int LABEL_WIDTH = 270;
    static final int PLOT_WIDTH = 400;
    static final int BAR = 18;
    static final int GAP = 10;
    static final int FONT = 13;

    private ChartRenderer() {
    }

    /** The figure as a standalone SVG document, styled by its own {@code <style>} element. */
    public static String render(FigureResult figure, Locale locale) {
        return render(figure, locale, true);
    }

    /**
     * The figure as an {@code <svg>} element for inlining in a page: without the {@code <style>} element (a
     * strict content security policy forbids inline styles); the page's stylesheet styles the same classes.
     */
    public static String renderForPage(FigureResult figure, Locale locale) {
        return render(figure, locale, false);
    }

    private static String render(FigureResult figure, Locale locale, boolean standalone) {
        String svg = draw(figure, locale);
        return standalone ? svg : svg.replaceFirst("<style>.*?</style>", "");
    }

    private static String draw(FigureResult figure, Locale locale) {
        Messages m = Messages.of(locale);
        return switch (figure.spec().chart()) {
            case BARS, GROUPED_BARS -> bars(figure, m);
            case STACKED -> stacked(figure, m, false);
            case DIVERGING -> stacked(figure, m, true);
        };
    }

    private static String bars(FigureResult f, Messages m) {
        List<FigureResult.Series> series = f.series();
        List<FigureSpec.Item> items = f.spec().items();
        boolean grouped = series.size() > 1 && items.size() > 1;
        StringBuilder body = new StringBuilder();
        int y = 10;
        boolean anySuppressed = false;
        // rows: items (single series), series (single item), or groups of series per item
        List<String[]> legend = new ArrayList<>();
        if (grouped) {
            for (int s = 0; s < series.size(); s++) {
                legend.add(new String[] {PALETTE[s % PALETTE.length], series.get(s).label().in(m.locale())});
            }
            y = legend(body, legend, y);
        }
        int outer = grouped ? items.size() : (series.size() > 1 ? series.size() : items.size());
        for (int o = 0; o < outer; o++) {
            int inner = grouped ? series.size() : 1;
            String label = grouped ? items.get(o).label().in(m.locale())
                    : series.size() > 1 ? series.get(o).label().in(m.locale()) : items.get(o).label().in(m.locale());
            List<String> lines = wrap(label, 36);
            int blockHeight = Math.max(inner * (BAR + 4), lines.size() * (FONT + 3));
            int textY = y + Math.max(FONT, (blockHeight - lines.size() * (FONT + 3)) / 2 + FONT);
            body.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(textY)
                    .append("\" text-anchor=\"end\" class=\"label\">");
            for (int l = 0; l < lines.size(); l++) {
                body.append("<tspan x=\"").append(LABEL_WIDTH - 8).append("\" dy=\"").append(l == 0 ? 0 : FONT + 3)
                        .append("\">").append(escape(lines.get(l))).append("</tspan>");
            }
            body.append("</text>");
            for (int i = 0; i < inner; i++) {
                FigureResult.Series s = grouped ? series.get(i) : series.size() > 1 ? series.get(o) : series.getFirst();
                FigureSpec.Item item = grouped ? items.get(o) : series.size() > 1 ? items.getFirst() : items.get(o);
                FigureResult.Cell cell = f.cell(s.id(), item.id());
                String colour = PALETTE[(grouped ? i : 0) % PALETTE.length];
                int barY = y + i * (BAR + 4);
                if (cell.suppressed()) {
                    anySuppressed = true;
                    body.append("<text x=\"").append(LABEL_WIDTH + 4).append("\" y=\"").append(barY + BAR - 4)
                            .append("\" class=\"value suppressed\">– ").append(escape(m.get("publish.chart.suppressedMark")))
                            .append("</text>");
                    continue;
                }
                double width = cell.estimate() * PLOT_WIDTH;
                body.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(barY).append("\" width=\"")
                        .append(fmt(width)).append("\" height=\"").append(BAR).append("\" fill=\"").append(colour).append("\"/>");
                double lo = LABEL_WIDTH + cell.low() * PLOT_WIDTH;
                double hi = LABEL_WIDTH + cell.high() * PLOT_WIDTH;
                double mid = barY + BAR / 2.0;
                body.append("<g class=\"whisker\"><line x1=\"").append(fmt(lo)).append("\" y1=\"").append(fmt(mid))
                        .append("\" x2=\"").append(fmt(hi)).append("\" y2=\"").append(fmt(mid)).append("\"/>")
                        .append("<line x1=\"").append(fmt(lo)).append("\" y1=\"").append(fmt(mid - 5)).append("\" x2=\"")
                        .append(fmt(lo)).append("\" y2=\"").append(fmt(mid + 5)).append("\"/>")
                        .append("<line x1=\"").append(fmt(hi)).append("\" y1=\"").append(fmt(mid - 5)).append("\" x2=\"")
                        .append(fmt(hi)).append("\" y2=\"").append(fmt(mid + 5)).append("\"/></g>");
                body.append("<text x=\"").append(fmt(Math.max(LABEL_WIDTH + width, hi) + 6)).append("\" y=\"")
                        .append(barY + BAR - 4).append("\" class=\"value\">")
                        .append(escape(m.percent(cell.estimate(), f.spec().decimals()))).append("</text>");
            }
            y += blockHeight + GAP;
        }
        y = axis(body, y, m);
        if (anySuppressed) {
            y = note(body, y, m.get("publish.chart.suppressedNote"));
        }
        return svg(f, m, body, y, m.get(grouped ? "publish.chart.kind.grouped" : "publish.chart.kind.bars"));
    }

    private static String stacked(FigureResult f, Messages m, boolean diverging) {
        List<FigureSpec.Item> items = f.spec().items();
        StringBuilder body = new StringBuilder();
        List<String[]> legend = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            legend.add(new String[] {colourOf(i, items.size(), diverging, f.spec()), items.get(i).label().in(m.locale())});
        }
        int y = legend(body, legend, 10);
        boolean anySuppressed = false;
        double centre = LABEL_WIDTH + PLOT_WIDTH / 2.0;
        for (FigureResult.Series s : f.series()) {
            String label = f.series().size() == 1 ? "" : s.label().in(m.locale());
            List<String> lines = wrap(label, 36);
            int height = Math.max(BAR + 8, lines.size() * (FONT + 3));
            body.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + FONT)
                    .append("\" text-anchor=\"end\" class=\"label\">");
            for (int l = 0; l < lines.size(); l++) {
                body.append("<tspan x=\"").append(LABEL_WIDTH - 8).append("\" dy=\"").append(l == 0 ? 0 : FONT + 3)
                        .append("\">").append(escape(lines.get(l))).append("</tspan>");
            }
            body.append("</text>");
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
                String colour = colourOf(i, items.size(), diverging, f.spec());
                body.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(BAR).append("\" fill=\"").append(colour).append("\"/>");
                if (w >= 30) {
                    body.append("<text x=\"").append(fmt(x + w / 2)).append("\" y=\"").append(y + BAR - 5)
                            .append("\" text-anchor=\"middle\" class=\"inside\">")
                            .append(escape(m.percent(c.estimate(), f.spec().decimals()))).append("</text>");
                }
                x += w;
            }
            if (diverging) {
                body.append("<text x=\"").append(fmt(centre - negativeTotal * scale - 6)).append("\" y=\"").append(y + BAR - 5)
                        .append("\" text-anchor=\"end\" class=\"value\">").append(escape(m.percent(negativeTotal, f.spec().decimals())))
                        .append("</text>");
                body.append("<text x=\"").append(fmt(centre + positiveTotal * scale + 6)).append("\" y=\"").append(y + BAR - 5)
                        .append("\" class=\"value\">").append(escape(m.percent(positiveTotal, f.spec().decimals()))).append("</text>");
            }
            if (rowSuppressed) {
                anySuppressed = true;
                body.append("<text x=\"").append(LABEL_WIDTH + PLOT_WIDTH + 8).append("\" y=\"").append(y + BAR - 5)
                        .append("\" class=\"value suppressed\">– ").append(escape(m.get("publish.chart.suppressedMark"))).append("</text>");
            }
            y += height + GAP;
        }
        if (diverging) {
            body.append("<line class=\"centre\" x1=\"").append(fmt(centre)).append("\" y1=\"").append(legendBottom(legend))
                    .append("\" x2=\"").append(fmt(centre)).append("\" y2=\"").append(y - GAP / 2).append("\"/>");
        } else {
            y = axis(body, y, m);
        }
        if (anySuppressed) {
            y = note(body, y, m.get("publish.chart.suppressedNote"));
        }
        return svg(f, m, body, y, m.get(diverging ? "publish.chart.kind.diverging" : "publish.chart.kind.stacked"));
    }

    private static int legendBottom(List<String[]> legend) {
        return 10 + ((legend.size() + 1) / 2) * (FONT + 8);
    }

    /** Diverging charts use orange for the negative side and blue for the positive side; others the palette. */
    private static String colourOf(int index, int count, boolean diverging, FigureSpec spec) {
        if (!diverging) {
            return PALETTE[index % PALETTE.length];
        }
        boolean negative = spec.negative().contains(spec.items().get(index).id());
        boolean outer = index == 0 || index == count - 1;
        return negative ? (outer ? "#8a3300" : "#c25400") : (outer ? "#163d6b" : "#2d6bb0");
    }

    private static int legend(StringBuilder body, List<String[]> legend, int y) {
        int column = 0;
        for (String[] entry : legend) {
            int lx = LABEL_WIDTH - 120 + column * 250;
            body.append("<rect x=\"").append(lx).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(entry[0]).append("\"/>");
            body.append("<text x=\"").append(lx + 17).append("\" y=\"").append(y + 11).append("\" class=\"legend\">")
                    .append(escape(shorten(entry[1], 36))).append("</text>");
            column++;
            if (column == 2) {
                column = 0;
                y += FONT + 8;
            }
        }
        return (column == 0 ? y : y + FONT + 8) + 6;
    }

    private static int axis(StringBuilder body, int y, Messages m) {
        body.append("<g class=\"axis\"><line x1=\"").append(LABEL_WIDTH).append("\" y1=\"").append(y).append("\" x2=\"")
                .append(LABEL_WIDTH + PLOT_WIDTH).append("\" y2=\"").append(y).append("\"/>");
        for (int p = 0; p <= 100; p += 25) {
            double x = LABEL_WIDTH + p / 100.0 * PLOT_WIDTH;
            body.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(y + 4).append("\"/>");
            body.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y + 17).append("\" text-anchor=\"middle\">")
                    .append(p).append(" %</text>");
        }
        body.append("</g>");
        return y + 26;
    }

    private static int note(StringBuilder body, int y, String text) {
        body.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + FONT).append("\" class=\"note\">")
                .append(escape(text)).append("</text>");
        return y + FONT + 8;
    }

    private static String svg(FigureResult f, Messages m, StringBuilder body, int height, String kind) {
        String id = "chart-" + f.spec().id();
        String title = (f.spec().number() == null ? "" : m.get("publish.figure.number", f.spec().number()) + ": ")
                + f.spec().title().in(m.locale());
        String desc = m.get("publish.chart.desc", kind, m.integer(f.n()));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" + WIDTH + "\" height=\""
                + (height + 10) + "\" viewBox=\"0 0 " + WIDTH + " " + (height + 10) + "\" aria-labelledby=\"" + id
                + "-title " + id + "-desc\">"
                + "<title id=\"" + id + "-title\">" + escape(title) + "</title>"
                + "<desc id=\"" + id + "-desc\">" + escape(desc) + "</desc>"
                + "<style>text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:" + FONT
                + "px;fill:#1b1b1b}.inside{fill:#fff;font-weight:600}.value{font-weight:600}.suppressed{font-style:italic;"
                + "font-weight:400}.note{font-size:12px}.legend{font-size:12px}.whisker line{stroke:#1b1b1b;stroke-width:1.5}"
                + ".axis line{stroke:#505a5f}.axis text{font-size:11px;fill:#505a5f}.centre{stroke:#1b1b1b;stroke-width:1.5}</style>"
                + body + "</svg>";
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

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for XML content and attributes. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
