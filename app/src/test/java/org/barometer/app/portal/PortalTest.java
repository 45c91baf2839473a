package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/** The public portal over HTTP and in a real browser, with axe-core checking WCAG 2.1 A and AA. */
class PortalTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void frontThemeExplorerAndMethodsAnswerInBothLanguages() {
        WebClient en = server.client().language("en");
        WebClient da = server.client().language("da");
        WebClient.Response front = en.get("/portal");
        assertThat(front.status()).isEqualTo(200);
        assertThat(front.body()).contains("Innovation in the public sector").contains("95 % confidence interval");
        assertThat(da.get("/portal").body()).contains("Innovation i den offentlige sektor").contains("konfidensinterval");
        WebClient.Response theme = en.get("/portal/themes/technology");
        assertThat(theme.status()).isEqualTo(200);
        assertThat(theme.body()).contains("Figure 1. One in three innovations is technological")
                .contains("role=\"img\"").contains("<table class=\"data-table\">").contains("n = ");
        assertThat(da.get("/portal/themes/employees").body()).contains("Figur 6.").contains("Den samlede forskel er signifikant");
        assertThat(en.get("/portal/methods").body()).contains("Kish").contains("tech_class");
        assertThat(en.get("/portal/themes/nonsense").status()).isEqualTo(404);
        WebClient.Response badFilter = da.get("/portal/explorer?q=tech_role&filter="
                + URLEncoder.encode("${gov_level} = = 'state'", StandardCharsets.UTF_8));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).contains("Filteret er ikke et gyldigt udtryk").contains("tegn ");
        WebClient.Response explored = en.get("/portal/explorer?q=values&by=gov_level");
        assertThat(explored.status()).isEqualTo(200);
        assertThat(explored.body()).contains("Rao–Scott F =").contains("role=\"img\"");
    }

    @Test
    void theApiServesEveryFigureWithItsCellsAndAnOpenApiDocument() throws Exception {
        WebClient client = server.client();
        JsonNode list = JSON.readTree(client.get("/api/figures?lang=en").body());
        assertThat(list.path("figures").size()).isEqualTo(12);
        for (JsonNode item : list.path("figures")) {
            JsonNode figure = JSON.readTree(client.get(item.path("href").asText() + "?lang=da").body());
            assertThat(figure.path("caption").asText()).contains("n = ");
            assertThat(figure.path("cells").size()).isGreaterThan(0);
            for (JsonNode cell : figure.path("cells")) {
                assertThat(cell.has("series") && cell.has("category") && cell.has("estimate") && cell.has("low")
                        && cell.has("high") && cell.has("n") && cell.has("suppressed")).isTrue();
                if (cell.path("suppressed").asBoolean()) {
                    assertThat(cell.path("estimate").isNull()).isTrue();
                } else {
                    assertThat(cell.path("low").asDouble()).isLessThanOrEqualTo(cell.path("estimate").asDouble());
                }
            }
        }
        JsonNode openApi = JSON.readTree(client.get("/api/openapi.json").body());
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.path("paths").has("/api/figures/{id}")).isTrue();
        WebClient.Response bad = client.get("/api/explore?q=tech_role&filter=" + URLEncoder.encode("${gov_level} = = 'state'", StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode errors = JSON.readTree(bad.body()).path("errors");
        assertThat(errors.get(0).path("parameter").asText()).isEqualTo("filter");
        assertThat(errors.get(0).path("position").asInt()).isGreaterThan(10);
        WebClient.Response csv = client.get("/portal/figures/technology-part/data.csv?lang=en");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("Group,Answer,Share (%)");
    }

    @Test
    void pagesPassAxeAndEveryChartTypeIsScreenshot() throws Exception {
        Path shots = Path.of(System.getProperty("screenshotDir", "target-screenshots"));
        Files.createDirectories(shots);
        try (Browser browser = Browser.open(server.baseUrl())) {
            for (String lang : List.of("en", "da")) {
                for (String path : List.of("/portal", "/portal/themes/technology", "/portal/themes/collaboration",
                        "/portal/explorer?q=values&by=gov_level", "/portal/methods")) {
                    browser.go(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                    assertThat(browser.axeViolations()).as("axe on %s (%s)", path, lang).isEmpty();
                }
            }
            browser.go("/portal/explorer?lang=en&q=tech_role&filter=" + URLEncoder.encode("${gov_level} = = 1", StandardCharsets.UTF_8));
            assertThat(browser.text()).contains("There is a problem").contains("character");
            assertThat(browser.axeViolations()).isEmpty();
            // one screenshot per chart type, taken of the figure element as the browser draws it
            browser.go("/portal/themes/technology?lang=en");
            for (String[] shot : List.of(new String[] {"technology-part", "bars"},
                    new String[] {"value-created", "grouped-bars"},
                    new String[] {"technology-part-by-size", "stacked"},
                    new String[] {"curious-about-technology", "diverging"})) {
                WebElement figure = browser.driver().findElement(By.id("figure-" + shot[0]));
                ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", figure);
                byte[] png = figure.findElement(By.cssSelector(".chart-box")).getScreenshotAs(OutputType.BYTES);
                Files.write(shots.resolve("chart-" + shot[1] + ".png"), png);
                assertThat(png.length).isGreaterThan(2_000);
            }
        }
    }
}
