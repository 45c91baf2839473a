package org.barometer.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartRendererTest {

    static DemoPublication demo;

    @BeforeAll
    static void publish() throws EditionException {
        demo = DemoPublication.standard();
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
                        assertThat(svg).contains(">" + Messages.of(locale).percent(c.estimate(), 0) + "<");
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
        EditionSpec e = demo.edition();
        EditionSpec strict = new EditionSpec(e.id(), e.title(), e.form(), 30, e.level(), e.weighting(), e.derived(),
                e.themes(), e.headlines(), e.figures());
        FigureResult f = FigureComputer.compute(strict, strict.figure("collaboration-partners"), demo.data(), demo.estimator());
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
