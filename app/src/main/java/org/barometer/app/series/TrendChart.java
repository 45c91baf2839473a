package org.barometer.app.series;

import java.util.List;
import java.util.Locale;

/**
 * The charts of a series, drawn as SVG: an indicator's trend (a point per edition with its interval, lines
 * between editions, no line across a break in comparability, which is marked) and countries side by side (a row
 * per country and edition, its share as a dot with its interval). Each chart carries its caption as title and
 * description for screen readers; the page beside it has the same numbers as a table.
 */
public final class TrendChart {

    /** Dark enough on white for graphics (WCAG 1.4.11: at least 3:1). */
    private static final String INK = "#1f4e79";
    private static final String MUTED = "#595959";
    private static final int WIDTH = 480;

    private TrendChart() {
    }

    /**
     * A point to draw.
     *
     * @param label      the edition's period (the trend) or the country and period (the comparison)
     * @param shown      whether it has a number
     * @param estimate   the share, a fraction
     * @param low        the interval's lower bound (NaN: none)
     * @param high       its upper bound
     * @param breakBefore whether comparability breaks between it and the point before
     */
    public record Point(String label, boolean shown, double estimate, double low, double high, boolean breakBefore) {
    }

    /** An indicator's trend: editions from left to right, shares from 0 to 100 % upwards. */
    public static String trend(String title, String description, List<Point> points, String breakLabel,
                               String notShownLabel) {
        int height = 300;
        int left = 48;
        int right = 16;
        int top = 24;
        int bottom = 56;
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = open(title, description, height);
        axisY(svg, left, top, plotW, plotH);
        int n = points.size();
        double step = plotW / Math.max(n, 1);
        Double prevX = null;
        Double prevY = null;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double x = left + step * (i + 0.5);
            text(svg, x, top + plotH + 20, "middle", p.label(), 13, "#000");
            if (p.breakBefore() && i > 0) {
                double bx = left + step * i;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                        bx, top, bx, top + plotH, MUTED));
                text(svg, bx, top + plotH + 40, "middle", breakLabel, 12, MUTED);
                prevX = null;
            }
            if (!p.shown()) {
                text(svg, x, top + plotH - 8, "middle", notShownLabel, 12, MUTED);
                prevX = null;
                continue;
            }
            double y = top + plotH * (1 - p.estimate());
            if (!Double.isNaN(p.low())) {
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                        x, top + plotH * (1 - p.high()), x, top + plotH * (1 - p.low()), INK));
            }
            if (prevX != null) {
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                        prevX, prevY, x, y, INK));
            }
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x, y, INK));
            text(svg, x + 8, y - 8, "start", percent(p.estimate()), 13, "#000");
            prevX = x;
            prevY = y;
        }
        return svg.append("</svg>").toString();
    }

    /** Countries side by side: a row per point, shares from 0 to 100 % to the right. */
    public static String comparison(String title, String description, List<Point> points, String notShownLabel) {
        int rowH = 30;
        int top = 16;
        int left = 190;
        int right = 56;
        int height = top + rowH * points.size() + 36;
        double plotW = WIDTH - left - right;
        StringBuilder svg = open(title, description, height);
        double bottomY = top + rowH * points.size();
        for (int t = 0; t <= 100; t += 25) {
            double x = left + plotW * t / 100.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>", x, top, x, bottomY));
            text(svg, x, bottomY + 18, "middle", t + " %", 12, MUTED);
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double y = top + rowH * (i + 0.5);
            text(svg, left - 8, y + 4, "end", p.label(), 13, "#000");
            if (!p.shown()) {
                text(svg, left + 4, y + 4, "start", notShownLabel, 12, MUTED);
                continue;
            }
            if (!Double.isNaN(p.low())) {
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                        left + plotW * p.low(), y, left + plotW * p.high(), y, INK));
            }
            double x = left + plotW * p.estimate();
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x, y, INK));
            text(svg, left + plotW + 6, y + 4, "start", percent(p.estimate()), 13, "#000");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, String description, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\" aria-labelledby=\"trend-title trend-desc\" class=\"trend-chart\">")
                .append("<title id=\"trend-title\">").append(escape(title)).append("</title>")
                .append("<desc id=\"trend-desc\">").append(escape(description)).append("</desc>");
        return svg;
    }

    private static void axisY(StringBuilder svg, int left, int top, double plotW, double plotH) {
        for (int t = 0; t <= 100; t += 25) {
            double y = top + plotH * (1 - t / 100.0);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>", left, y, left + plotW, y));
            text(svg, left - 6, y + 4, "end", t + " %", 12, MUTED);
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text, int size, String fill) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>",
                x, y, anchor, size, fill, escape(text)));
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
