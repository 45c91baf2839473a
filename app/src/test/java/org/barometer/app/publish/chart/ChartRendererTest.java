package org.barometer.app.publish.chart;

import org.barometer.app.demo.DemoSimulation;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.barometer.app.text.Language;
import org.barometer.app.demo.DemoFiles;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.compute.FigureComputer;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Publication;
class ChartRendererTest {

    static Publication demo;

    @BeforeAll
    static void publish() throws EditionException {
        demo = DemoSimulation.standard();
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyChartTypeIsWellFormedAccessibleSvg() throws Exception {
        List<FigureSpec.ChartType> seen = new ArrayList<>();
        for (FigureResult f : demo.figures()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.of("da"))) {
                String svg = ChartRenderer.render(f, locale);
                Document doc = parse(svg);
                Element root = doc.getDocumentElement();
                assertThat(root.getTagName()).isEqualTo("svg");
                assertThat(root.getAttribute("role")).isEqualTo("img");
                String[] labelledBy = root.getAttribute("aria-labelledby").split(" ");
                assertThat(labelledBy).hasSize(2);
                assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains(f.spec().title().in(locale));
                assertThat(doc.getElementsByTagName("desc").item(0).getTextContent()).contains("n = ");
                // every drawn, unsuppressed share appears as a text label
                for (FigureResult.Cell c : f.cells()) {
                    if (!c.suppressed() && f.spec().chart() != FigureSpec.ChartType.DIVERGING
                            && c.estimate() * (f.spec().chart() == FigureSpec.ChartType.STACKED ? 400 : 1) >= 30) {
                        assertThat(svg).contains(">" + Language.of(locale).percent(c.estimate(), 0) + "<");
                    }
                }
            }
            seen.add(f.spec().chart());
            java.nio.file.Path out = java.nio.file.Path.of(System.getProperty("chartOutput", "target-charts"));
            java.nio.file.Files.createDirectories(out);
            java.nio.file.Files.writeString(out.resolve(f.spec().id() + ".svg"), ChartRenderer.render(f, Locale.ENGLISH));
        }
        assertThat(seen).contains(FigureSpec.ChartType.values());
    }

    /**
     * The narrow layout a page shows on phones: for every figure in both languages an SVG {@link
     * ChartRenderer#NARROW_WIDTH} px wide, announced like the wide one but with ids of its own (both are in the
     * page), every mark within its width, and every share of a bar chart written out.
     */
    @Test
    void everyFigureHasANarrowLayoutForPhones() throws Exception {
        for (FigureResult f : demo.figures()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.of("da"))) {
                String place = f.spec().id() + " (" + locale.getLanguage() + ")";
                String svg = ChartRenderer.renderForPage(f, locale, ChartRenderer.NARROW_WIDTH);
                Document doc = parse(svg);
                Element root = doc.getDocumentElement();
                Element wide = parse(ChartRenderer.renderForPage(f, locale, ChartRenderer.WIDTH)).getDocumentElement();
                assertThat(root.getAttribute("class")).as(place).isEqualTo("chart chart-narrow");
                assertThat(wide.getAttribute("class")).as(place).isEqualTo("chart chart-wide");
                assertThat(root.getAttribute("width")).as(place).isEqualTo("272");
                assertThat(root.getAttribute("viewBox")).as(place).startsWith("0 0 272 ");
                assertThat(root.getAttribute("role")).as(place).isEqualTo("img");
                String id = "chart-" + f.spec().id() + "-narrow";
                assertThat(root.getAttribute("aria-labelledby")).as(place).isEqualTo(id + "-title " + id + "-desc");
                assertThat(((Element) doc.getElementsByTagName("title").item(0)).getAttribute("id")).as(place)
                        .isEqualTo(id + "-title");
                assertThat(((Element) doc.getElementsByTagName("desc").item(0)).getAttribute("id")).as(place)
                        .isEqualTo(id + "-desc");
                assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).as(place)
                        .isEqualTo(wide.getElementsByTagName("title").item(0).getTextContent());
                assertThat(doc.getElementsByTagName("desc").item(0).getTextContent()).as(place)
                        .isEqualTo(wide.getElementsByTagName("desc").item(0).getTextContent());
                assertThat(svg).as(place).doesNotContain("<style>");
                var rects = doc.getElementsByTagName("rect");
                for (int k = 0; k < rects.getLength(); k++) {
                    Element r = (Element) rects.item(k);
                    assertThat(Double.parseDouble(r.getAttribute("x")) + Double.parseDouble(r.getAttribute("width")))
                            .as("%s: a bar beyond the chart's width", place).isBetween(0.0, 272.0);
                }
                if (f.spec().chart() == FigureSpec.ChartType.BARS || f.spec().chart() == FigureSpec.ChartType.GROUPED_BARS) {
                    for (FigureResult.Cell c : f.cells()) {
                        if (!c.suppressed()) {
                            assertThat(svg).as(place).contains(">" + Language.of(locale).percent(c.estimate(), 0) + "<");
                        }
                    }
                }
            }
        }
        // a suppressed cell is marked and explained in the narrow layout too
        assertThat(ChartRenderer.renderForPage(strictPartners(), Locale.ENGLISH, ChartRenderer.NARROW_WIDTH))
                .contains("– not shown").contains("too few respondents");
    }

    /** No chart text is smaller than 12 px: not in the layout, the standalone SVG's style or the page's stylesheet. */
    @Test
    void noChartTextIsSmallerThan12Px() throws Exception {
        for (ChartCanvas.TextStyle style : ChartCanvas.TextStyle.values()) {
            assertThat(style.size).as(style.name()).isGreaterThanOrEqualTo(12);
        }
        String css;
        try (var in = ChartRendererTest.class.getResourceAsStream("/public/portal.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> styles = List.of(ChartRenderer.render(demo.figureNumber("8"), Locale.ENGLISH),
                css.lines().filter(l -> l.startsWith("svg.chart")).reduce("", String::concat));
        for (String style : styles) {
            var sizes = java.util.regex.Pattern.compile("font-size:\\s*([0-9.]+)px").matcher(style);
            int found = 0;
            while (sizes.find()) {
                found++;
                assertThat(Double.parseDouble(sizes.group(1))).isGreaterThanOrEqualTo(12);
            }
            assertThat(found).isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * The bars of a grouped and of a diverging figure, as x, y, width, height and fill: the layout's geometry,
     * which must not move when the drawing code changes. (Pinned on the demo publication; the widths follow its
     * shares, so they were pinned anew when the in-memory demo became the very demo the database holds.)
     */
    @Test
    void barGeometryStaysWhereItWas() throws Exception {
        assertThat(rects(demo.figureNumber("4"))).containsExactly(
                "150 10 12 12 #1d4e89", "400 10 12 12 #a84300",
                "270 37 245.3 18 #1d4e89", "270 59 289.2 18 #a84300", "270 91 202.3 18 #1d4e89", "270 113 143 18 #a84300",
                "270 145 164.7 18 #1d4e89", "270 167 198 18 #a84300", "270 199 134.5 18 #1d4e89",
                "270 221 115.9 18 #a84300", "270 253 130.8 18 #1d4e89", "270 275 138.9 18 #a84300");
        assertThat(rects(demo.figures().stream().filter(f -> f.spec().id().equals("curious-about-technology"))
                .findFirst().orElseThrow())).containsExactly(
                "150 10 12 12 #8a3300", "400 10 12 12 #c25400", "150 31 12 12 #2d6bb0", "400 31 12 12 #163d6b",
                "446.1 58 6.8 18 #8a3300", "452.9 58 17.1 18 #c25400", "470 58 87.5 18 #2d6bb0", "557.5 58 69.2 18 #163d6b");
    }

    /** Each rectangle of the figure's English SVG as "x y width height fill", numbers without trailing zeros. */
    static List<String> rects(FigureResult f) throws Exception {
        Document doc = parse(ChartRenderer.render(f, Locale.ENGLISH));
        List<String> rects = new ArrayList<>();
        var nodes = doc.getElementsByTagName("rect");
        for (int k = 0; k < nodes.getLength(); k++) {
            Element r = (Element) nodes.item(k);
            rects.add(number(r, "x") + " " + number(r, "y") + " " + number(r, "width") + " " + number(r, "height") + " "
                    + r.getAttribute("fill"));
        }
        return rects;
    }

    private static String number(Element e, String attribute) {
        return new java.math.BigDecimal(e.getAttribute(attribute)).stripTrailingZeros().toPlainString();
    }

    /**
     * The PNG paints the SVG's layout at twice its size: for every figure (and one with suppressed cells) in both
     * languages, each bar and legend swatch of the SVG is filled with its colour at the same place in the PNG,
     * nothing reaches the image's edges (no text is cut off), and the title and description are embedded.
     */
    @Test
    void thePngPaintsTheSvgsLayoutAtTwiceItsSize() throws Exception {
        List<FigureResult> figures = new ArrayList<>(demo.figures());
        figures.add(strictPartners());
        for (FigureResult f : figures) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.of("da"))) {
                String place = f.spec().id() + " (" + locale.getLanguage() + ")";
                Element svg = parse(ChartRenderer.render(f, locale)).getDocumentElement();
                byte[] bytes = ChartRenderer.renderPng(f, locale);
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(png.getWidth()).as(place).isEqualTo(2 * Integer.parseInt(svg.getAttribute("width")));
                assertThat(png.getHeight()).as(place).isEqualTo(2 * Integer.parseInt(svg.getAttribute("height")));
                var rects = svg.getElementsByTagName("rect");
                for (int k = 0; k < rects.getLength(); k++) {
                    Element r = (Element) rects.item(k);
                    double x = Double.parseDouble(r.getAttribute("x"));
                    double y = Double.parseDouble(r.getAttribute("y"));
                    double width = Double.parseDouble(r.getAttribute("width"));
                    if (width >= 2) {
                        // near the top of the bar, above any whisker or text drawn on it
                        int rgb = png.getRGB((int) (2 * (x + width / 2)), (int) (2 * (y + 2)));
                        assertThat(String.format("#%06x", rgb & 0xffffff)).as("%s: bar at %s,%s", place, x, y)
                                .isEqualTo(r.getAttribute("fill"));
                    }
                }
                assertThat(inkAtEdges(png)).as("%s: marks touching the image's edges", place).isEmpty();
                Map<String, String> text = pngText(bytes);
                assertThat(text.get("Title")).as(place).isEqualTo(parse(ChartRenderer.render(f, locale))
                        .getElementsByTagName("title").item(0).getTextContent());
                assertThat(text.get("Description")).as(place).contains("n = ");
            }
        }
        // Danish letters and dashes survive in the embedded text
        assertThat(pngText(ChartRenderer.renderPng(demo.figureNumber("8"), Locale.of("da"))).get("Description"))
                .startsWith("Grupperet søjlediagram");
    }

    /** The pixels that are not white in the two outermost rows and columns of each side. */
    static List<String> inkAtEdges(BufferedImage png) {
        int w = png.getWidth();
        int h = png.getHeight();
        List<String> ink = new ArrayList<>();
        for (int py = 0; py < h; py++) {
            boolean edgeRow = py < 2 || py >= h - 2;
            for (int px : edgeRow ? java.util.stream.IntStream.range(0, w).toArray() : new int[] {0, 1, w - 2, w - 1}) {
                if ((png.getRGB(px, py) & 0xffffff) != 0xffffff) {
                    ink.add(px + "," + py);
                }
            }
        }
        return ink;
    }

    /** Figure 8 in an edition that hides shares of fewer than 30 respondents: some of its cells are suppressed. */
    static FigureResult strictPartners() throws EditionException {
        EditionSpec e = demo.edition();
        EditionSpec strict = new EditionSpec(e.id(), e.title(), e.form(), 30, e.level(), e.weighting(), e.derived(),
                e.themes(), e.headlines(), e.figures(), e.explorer(), e.portal(), e.selfTest(), e.coded());
        return FigureComputer.compute(strict, strict.figure("collaboration-partners"), demo.data(), demo.estimator(),
                demo.keys()).exact();
    }

    /** The PNG's international text chunks, by keyword. */
    static Map<String, String> pngText(byte[] png) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            Map<String, String> text = new HashMap<>();
            for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                if (chunk.getNodeName().equals("iTXt")) {
                    for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                        Element e = (Element) entry;
                        text.put(e.getAttribute("keyword"), e.getAttribute("text"));
                    }
                }
            }
            return text;
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aPngDownloadIsTheChartOfItsLanguageAndEachCallerGetsItsOwnCopy() {
        FigureResult f = demo.figureNumber("4");
        byte[] first = FigureDownloads.png(f, Locale.of("da"));
        assertThat(first).isEqualTo(ChartRenderer.renderPng(f, Locale.of("da")));
        first[100] ^= 1;
        assertThat(FigureDownloads.png(f, Locale.of("da"))).isEqualTo(ChartRenderer.renderPng(f, Locale.of("da")));
        assertThat(FigureDownloads.png(f, Locale.ENGLISH)).isEqualTo(ChartRenderer.renderPng(f, Locale.ENGLISH))
                .isNotEqualTo(FigureDownloads.png(f, Locale.of("da")));
    }

    @Test
    void barsCarryIntervalsAsWhiskers() throws Exception {
        FigureResult fig10 = demo.figureNumber("10");
        Document doc = parse(ChartRenderer.render(fig10, Locale.ENGLISH));
        assertThat(doc.getElementsByTagName("g").getLength()).isGreaterThanOrEqualTo(fig10.series().size());
        assertThat(ChartRenderer.render(fig10, Locale.ENGLISH)).contains("class=\"whisker\"");
    }

    @Test
    void suppressedCellsAreMarkedAndTheirValuesAppearNowhere() throws Exception {
        // figure 8 by technology: foreign actors and social enterprises are rare; a threshold of 30 hides some
        FigureResult f = strictPartners();
        List<FigureResult.Cell> hidden = f.cells().stream().filter(FigureResult.Cell::suppressed).toList();
        assertThat(hidden).isNotEmpty();
        String svg = ChartRenderer.render(f, Locale.ENGLISH);
        assertThat(svg).contains("not shown").contains("too few respondents");
        String csv = FigureDownloads.csv(f, Locale.ENGLISH);
        FigureResult full = demo.figureNumber("8");
        for (FigureResult.Cell c : hidden) {
            FigureResult.Cell unsuppressed = full.cell(c.series(), c.item());
            String value = String.format(Locale.ROOT, "%.1f", unsuppressed.estimate() * 100);
            String line = csv.lines().filter(l -> l.contains(FigureDownloads.item(f, c.item()).label().en())
                    && l.startsWith(FigureDownloads.series(f, c.series()).label().en())).findFirst().orElseThrow();
            assertThat(line).doesNotContain(value).endsWith(",yes");
        }
        byte[] xlsx = FigureDownloads.xlsx(f, Locale.of("da"));
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            long rows = wb.getFirstSheet().openStream().count();
            assertThat(rows).isGreaterThan(f.cells().size());
        }
    }
}
