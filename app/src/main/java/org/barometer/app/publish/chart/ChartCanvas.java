package org.barometer.app.publish.chart;

import java.util.List;

/**
 * What a chart is drawn on: the few marks {@link ChartRenderer}'s layout uses, in the layout's coordinates
 * (pixels of the SVG, y downwards, text placed by its baseline). One implementation writes SVG, another paints a
 * PNG, so that both show the very same layout.
 *
 * @param <T> what the finished drawing is: SVG text or PNG bytes
 */
interface ChartCanvas<T> {

    /** Ink of most text and lines; has 16:1 contrast with white. */
    String INK = "#1b1b1b";

    /**
     * How a text looks: {@code svgClass} names the look in the SVG's (and the portal page's) stylesheet, and the
     * other fields spell out the same look for painting.
     */
    enum TextStyle {
        LABEL("label", 13, false, false, INK),
        VALUE("value", 13, true, false, INK),
        /** A share written inside its (dark) bar segment. */
        INSIDE("inside", 13, true, false, "#ffffff"),
        /** The mark where a suppressed cell would be. */
        SUPPRESSED("value suppressed", 13, false, true, INK),
        LEGEND("legend", 12, false, false, INK),
        NOTE("note", 12, false, false, INK),
        /**
         * A percentage under the axis; styled in SVG by the axis group, so it has no class of its own. 12 px, as
         * every chart text is at least.
         */
        TICK(null, 12, false, false, "#505a5f");

        final String svgClass;
        final int size;
        final boolean bold;
        final boolean italic;
        final String colour;

        TextStyle(String svgClass, int size, boolean bold, boolean italic, String colour) {
            this.svgClass = svgClass;
            this.size = size;
            this.bold = bold;
            this.italic = italic;
            this.colour = colour;
        }
    }

    /** How a line looks: its class in the SVG's stylesheet, and the same look spelled out for painting. */
    enum Stroke {
        WHISKER("whisker", INK, 1.5f),
        AXIS("axis", "#505a5f", 1f),
        CENTRE("centre", INK, 1.5f);

        final String svgClass;
        final String colour;
        final float width;

        Stroke(String svgClass, String colour, float width) {
            this.svgClass = svgClass;
            this.colour = colour;
            this.width = width;
        }
    }

    /** Which point of a text its x coordinate gives, as SVG's {@code text-anchor}. */
    enum Anchor {
        START, MIDDLE, END
    }

    void rect(double x, double y, double width, double height, String fill);

    void line(double x1, double y1, double x2, double y2, Stroke stroke);

    void text(double x, double y, String text, TextStyle style, Anchor anchor);

    /** Lines of one text block, the first with its baseline at y, each next one lineHeight lower. */
    void text(double x, double y, List<String> lines, double lineHeight, TextStyle style, Anchor anchor);

    /**
     * Starts a group of marks that share the look of {@code stroke} (the lines of a whisker, the axis with its
     * ticks); the SVG keeps the group, so that a stylesheet can style it as one.
     */
    void beginGroup(Stroke stroke);

    void endGroup();

    /**
     * The finished drawing of the given size, with the title and description that a screen reader announces
     * (the SVG refers to them by ids derived from {@code id}).
     */
    T finish(int width, int height, String id, String title, String description);
}
