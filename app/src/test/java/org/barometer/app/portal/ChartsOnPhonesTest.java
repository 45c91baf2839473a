package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.WebElement;

/**
 * The portal's charts in a real browser on phones (320 and 390 CSS px wide, by Chromium's device emulation: a
 * headless window is at least 500 px wide) and on a desk (1280), in both languages, on every page with figures:
 * every chart text renders at 12 CSS px or more, no text is cut off by the chart's edges or overlaps another,
 * neither the page nor a chart scrolls sideways, and axe-core finds no WCAG 2.1 A/AA violation. A screenshot of
 * one figure of each chart type at each width goes to {@code target/screenshots/<figure>-<width>.png} (English;
 * Danish with {@code -da}). And the figure pages print on A4 portrait: no navigation, the wide chart, every figure
 * within the page's width, and its heading, chart, caption and table within one page's height.
 */
class ChartsOnPhonesTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** Screen widths in CSS px: two phones and a desk. */
    static final List<Integer> WIDTHS = List.of(320, 390, 1280);

    /** A4 portrait less the print stylesheet's 15 mm margins, in CSS px (96 per inch). */
    static final double PRINT_WIDTH = (210 - 30) / 25.4 * 96;
    static final double PRINT_HEIGHT = (297 - 30) / 25.4 * 96;

    /** The first figure of each chart type, by type. */
    static final Map<FigureSpec.ChartType, FigureResult> FIGURE_OF_TYPE = new TreeMap<>();
    /** The pages with figures: every theme, and an explorer answer. */
    static final List<String> PAGES = new ArrayList<>();

    static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
        Set<String> themes = new LinkedHashSet<>();
        for (FigureResult f : server.publications().editions().getFirst().edition().figures()) {
            FIGURE_OF_TYPE.putIfAbsent(f.spec().chart(), f);
            themes.add(f.spec().theme());
        }
        // the demo publication has a figure of every chart type
        assertThat(FIGURE_OF_TYPE).containsOnlyKeys(FigureSpec.ChartType.values());
        themes.forEach(theme -> PAGES.add("/portal/themes/" + theme));
        PAGES.add("/portal/explorer?q=values&by=gov_level");
        Files.createDirectories(SHOTS);
    }

    /**
     * Per visible chart of the page: its figure, layout, screen scale, smallest rendered font size and problems.
     * A text's rendered size is its computed font size times the SVG's screen scale (the svg element's rendered
     * width over its viewBox width, the smaller with the heights): that is what the CSS px of the text become on
     * the screen, whatever the glyphs, whereas a glyph box's height depends on the font's ascent and descent.
     */
    static final String MEASURE = """
            const out = [];
            const viewport = document.documentElement.clientWidth;
            for (const box of document.querySelectorAll('.chart-box')) {
              for (const svg of box.querySelectorAll('svg')) {
                if (!svg.checkVisibility()) continue;
                const vb = svg.viewBox.baseVal;
                const r = svg.getBoundingClientRect();
                const scale = Math.min(r.width / vb.width, r.height / vb.height);
                const problems = [];
                let min = Infinity;
                for (const t of svg.querySelectorAll('text, tspan')) {
                  if (!t.textContent.trim() || !t.checkVisibility()) continue;
                  const px = parseFloat(getComputedStyle(t).fontSize) * scale;
                  min = Math.min(min, px);
                  if (px < 12) problems.push('"' + t.textContent + '" at ' + px.toFixed(2) + ' px');
                }
                const boxes = [];
                for (const t of svg.querySelectorAll('text')) {
                  const b = t.getBBox();
                  if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) {
                    problems.push('"' + t.textContent + '" cut off by the chart\\'s edge: ' + [b.x, b.y, b.width, b.height]
                        .map(v => v.toFixed(1)) + ' in ' + vb.width + '×' + vb.height);
                  }
                  for (const [o, text] of boxes) {
                    const dx = Math.min(b.x + b.width, o.x + o.width) - Math.max(b.x, o.x);
                    const dy = Math.min(b.y + b.height, o.y + o.height) - Math.max(b.y, o.y);
                    if (dx > 0.5 && dy > 0.5) problems.push('"' + t.textContent + '" overlaps "' + text + '"');
                  }
                  boxes.push([b, t.textContent]);
                }
                if (r.left < -0.5 || r.right > viewport + 0.5) problems.push('beyond the viewport: ' + r.left + '–' + r.right);
                if (box.scrollWidth > box.clientWidth) problems.push('the chart box scrolls');
                out.push({figure: box.closest('figure').id, layout: svg.getAttribute('class'), scale: scale, min: min,
                          problems: problems});
              }
            }
            return out;""";

    @Test
    void everyChartIsReadableOnPhonesAndOnADesk() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Double> smallest = new LinkedHashMap<>();
        Set<Path> shots = new LinkedHashSet<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            for (int width : WIDTHS) {
                boolean phone = width < 800;
                browser.screen(width, phone ? 800 : 1000, phone);
                for (String lang : List.of("en", "da")) {
                    for (String page : PAGES) {
                        String path = page + (page.contains("?") ? "&" : "?") + "lang=" + lang;
                        String place = path + " at " + width + " px";
                        browser.go(path);
                        assertThat(browser.driver().findElements(By.cssSelector(".chart-box"))).as(place).isNotEmpty();
                        assertThat(number(browser.script("return window.innerWidth"))).as(place).isEqualTo(width);
                        List<Map<String, Object>> charts = charts(browser);
                        assertThat(charts).as("%s: one chart shown per figure", place)
                                .hasSize(browser.driver().findElements(By.cssSelector(".chart-box")).size());
                        for (Map<String, Object> chart : charts) {
                            String layout = (String) chart.get("layout");
                            assertThat(layout).as(place).isEqualTo(phone ? "chart chart-narrow" : "chart chart-wide");
                            smallest.merge(chart.get("figure") + " " + layout + " " + width + " " + lang,
                                    number(chart.get("min")), Math::min);
                            for (Object problem : (List<?>) chart.get("problems")) {
                                problems.add(place + ", " + chart.get("figure") + ": " + problem);
                            }
                        }
                        assertThat(number(browser.script("return document.documentElement.scrollWidth")))
                                .as("%s: the page scrolls sideways", place)
                                .isLessThanOrEqualTo(number(browser.script("return document.documentElement.clientWidth")));
                        List<String> axe = browser.axeViolations();
                        assertThat(axe).as("axe on %s", place).isEmpty();
                        if (page.startsWith("/portal/themes/")) {
                            shots.addAll(screenshots(browser, width, lang));
                        }
                    }
                }
            }
        }
        System.out.println("smallest rendered chart text, CSS px:");
        smallest.forEach((chart, px) -> System.out.printf(java.util.Locale.ROOT, "  %s: %.2f%n", chart, px));
        assertThat(problems).isEmpty();
        for (FigureResult f : FIGURE_OF_TYPE.values()) {
            for (int width : WIDTHS) {
                assertThat(shots).contains(SHOTS.resolve(f.spec().id() + "-" + width + ".png"));
            }
        }
    }

    /** A screenshot of each chart type's figure on this page, whole; returns the files written. */
    static List<Path> screenshots(Browser browser, int width, String lang) throws Exception {
        List<Path> written = new ArrayList<>();
        for (FigureResult f : FIGURE_OF_TYPE.values()) {
            List<WebElement> figure = browser.driver().findElements(By.id("figure-" + f.spec().id()));
            if (figure.isEmpty()) {
                continue;
            }
            byte[] png = browser.screenshot(figure.getFirst());
            assertThat(png.length).isGreaterThan(2_000);
            Path file = SHOTS.resolve(f.spec().id() + "-" + width + (lang.equals("en") ? "" : "-" + lang) + ".png");
            Files.write(file, png);
            written.add(file);
        }
        return written;
    }

    @Test
    void figurePagesPrintOnA4Portrait() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.screen((int) Math.floor(PRINT_WIDTH), (int) Math.floor(PRINT_HEIGHT), false).media("print");
            for (String lang : List.of("en", "da")) {
                for (String page : PAGES) {
                    String path = page + (page.contains("?") ? "&" : "?") + "lang=" + lang;
                    browser.go(path);
                    assertThat(browser.script("""
                            return ['.site-header', '.portal-nav', '.explorer-form', '.site-footer']
                                .map(s => document.querySelector(s)).filter(e => e && e.checkVisibility())
                                .map(e => e.className);""")).as("navigation printed on %s", path).isEqualTo(List.of());
                    Object printed = browser.script("""
                            const problems = [];
                            const width = arguments[0], height = arguments[1];
                            for (const figure of document.querySelectorAll('figure.portal-figure')) {
                              const r = figure.getBoundingClientRect();
                              const shown = [...figure.querySelectorAll('.chart-box svg')].filter(s => s.checkVisibility());
                              if (shown.length !== 1 || !shown[0].classList.contains('chart-wide')) {
                                problems.push(figure.id + ': prints ' + shown.map(s => s.getAttribute('class')));
                              }
                              for (const e of [figure, ...figure.querySelectorAll('svg, table')]) {
                                const b = e.getBoundingClientRect();
                                if (b.right > width + 0.5 || e.scrollWidth > Math.ceil(b.width) + 1) {
                                  problems.push(figure.id + ': ' + e.tagName + ' wider than the page (' + b.right + ')');
                                }
                              }
                              // heading, chart, caption and table on one page; the notes and downloads may follow
                              const table = figure.querySelector('.table-scroll').getBoundingClientRect();
                              if (table.bottom - r.top > height) {
                                problems.push(figure.id + ': chart and table ' + (table.bottom - r.top) + ' px high');
                              }
                              for (const a of figure.querySelectorAll('.downloads a')) {
                                if (!getComputedStyle(a, '::after').content.includes(a.getAttribute('href'))) {
                                  problems.push(figure.id + ': a link without its address');
                                }
                              }
                            }
                            if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
                              problems.push('the page is wider than A4');
                            }
                            return problems;""", PRINT_WIDTH, PRINT_HEIGHT);
                    problems.addAll(((List<?>) printed).stream().map(p -> path + ": " + p).toList());
                }
            }
            // the theme pages as Chromium prints them on A4, to look at
            browser.media("").unscreen();
            PrintOptions a4 = new PrintOptions();
            a4.setPageSize(new PageSize(29.7, 21.0));
            a4.setPageMargin(new PageMargin(1.5, 1.5, 1.5, 1.5));
            for (String page : PAGES.stream().filter(p -> p.startsWith("/portal/themes/")).toList()) {
                browser.go(page + "?lang=en");
                Pdf pdf = ((PrintsPage) browser.driver()).print(a4);
                Files.write(SHOTS.resolve("print-" + page.substring(page.lastIndexOf('/') + 1) + ".pdf"),
                        java.util.Base64.getDecoder().decode(pdf.getContent()));
            }
        }
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> charts(Browser browser) {
        return (List<Map<String, Object>>) browser.script(MEASURE);
    }

    static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
