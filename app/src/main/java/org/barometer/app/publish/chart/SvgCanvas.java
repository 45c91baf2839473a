package org.barometer.app.publish.chart;

import java.util.List;
import java.util.Locale;

/**
 * Draws a chart as SVG: an {@code <svg role="img">} labelled by its {@code <title>} and {@code <desc>}, its
 * marks styled by class. A standalone document carries its own {@code <style>}; an SVG for inlining in a page
 * does not (a strict content security policy forbids inline styles), and the page's stylesheet styles the same
 * classes.
 */
final class SvgCanvas implements ChartCanvas<String> {

    private static final String STYLE = "<style>text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
            + "sans-serif;font-size:13px;fill:#1b1b1b}.inside{fill:#fff;font-weight:600}.value{font-weight:600}"
            + ".suppressed{font-style:italic;font-weight:400}.note{font-size:12px}.legend{font-size:12px}"
            + ".whisker line{stroke:#1b1b1b;stroke-width:1.5}.axis line{stroke:#505a5f}"
            + ".axis text{font-size:12px;fill:#505a5f}.centre{stroke:#1b1b1b;stroke-width:1.5}</style>";

    private final boolean standalone;
    private final String classes;
    private final StringBuilder body = new StringBuilder();
    private Stroke group;

    /** An SVG with its own style or without, its root element of the given classes (e.g. {@code chart}). */
    SvgCanvas(boolean standalone, String classes) {
        this.standalone = standalone;
        this.classes = classes;
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill) {
        body.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
                .append(number(width)).append("\" height=\"").append(number(height)).append("\" fill=\"").append(fill)
                .append("\"/>");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        body.append("<line ");
        if (stroke != group) {
            body.append("class=\"").append(stroke.svgClass).append("\" ");
        }
        body.append("x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1)).append("\" x2=\"")
                .append(number(x2)).append("\" y2=\"").append(number(y2)).append("\"/>");
    }

    @Override
    public void text(double x, double y, String text, TextStyle style, Anchor anchor) {
        openText(x, y, style, anchor);
        body.append(escape(text)).append("</text>");
    }

    @Override
    public void text(double x, double y, List<String> lines, double lineHeight, TextStyle style, Anchor anchor) {
        openText(x, y, style, anchor);
        for (int l = 0; l < lines.size(); l++) {
            body.append("<tspan x=\"").append(number(x)).append("\" dy=\"").append(number(l == 0 ? 0 : lineHeight))
                    .append("\">").append(escape(lines.get(l))).append("</tspan>");
        }
        body.append("</text>");
    }

    private void openText(double x, double y, TextStyle style, Anchor anchor) {
        body.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append('"');
        }
        if (style.svgClass != null) {
            body.append(" class=\"").append(style.svgClass).append('"');
        }
        body.append('>');
    }

    @Override
    public void beginGroup(Stroke stroke) {
        group = stroke;
        body.append("<g class=\"").append(stroke.svgClass).append("\">");
    }

    @Override
    public void endGroup() {
        group = null;
        body.append("</g>");
    }

    @Override
    public String finish(int width, int height, String id, String title, String description) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + classes + "\" role=\"img\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" aria-labelledby=\"" + id
                + "-title " + id + "-desc\">"
                + "<title id=\"" + id + "-title\">" + escape(title) + "</title>"
                + "<desc id=\"" + id + "-desc\">" + escape(description) + "</desc>"
                + (standalone ? STYLE : "") + body + "</svg>";
    }

    /** A coordinate to a tenth of a pixel, without a trailing ".0". */
    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Escapes text for XML content and attributes. */
    static String escape(String s) {
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
