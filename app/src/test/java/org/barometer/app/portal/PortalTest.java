package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoFiles;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The public portal over HTTP and in a real browser, with axe-core checking WCAG 2.1 A and AA, on two editions
 * published from the demo's files (an older one with answers drawn from another seed, and the newest one).
 */
class PortalTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static final ObjectMapper JSON = new ObjectMapper();

    static String older;
    static String newest;

    @BeforeAll
    static void publishTwoEditions() throws Exception {
        long first = DemoEdition.load(server.jdbi()).edition().id();
        server.jdbi().useHandle(h -> h.createUpdate("update edition set name = 'Innovation Barometer 2017', year = 2017 where id = :e")
                .bind("e", first).execute());
        assertThat(DemoEdition.answer(server.jdbi(), first, 2017)).isGreaterThan(2_000);
        DemoEdition.publish(server.jdbi(), first);
        long second = DemoEdition.load(server.jdbi()).edition().id();
        assertThat(DemoEdition.answer(server.jdbi(), second)).isGreaterThan(2_000);
        DemoEdition.publish(server.jdbi(), second);
        older = Long.toString(first);
        newest = Long.toString(second);
        JsonNode listed = Poll.until(Duration.ofSeconds(60), () -> editions("en"), e -> e.size() == 2);
        assertThat(listed.findValuesAsText("id")).containsExactly(newest, older);
    }

    static JsonNode editions(String lang) {
        try {
            return JSON.readTree(server.client().get("/api/editions?lang=" + lang).body()).path("editions");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The respondents behind a figure of an edition, as the page writes it ("n = 1,234"). */
    static String n(String edition, String figure) {
        long n = server.publications().find(edition).orElseThrow().edition().figure(figure).n();
        return "n = " + String.format(java.util.Locale.US, "%,d", n);
    }

    @Test
    void eachEditionIsShownWhenChosenAndLinksKeepTheChoice() throws Exception {
        WebClient en = server.client().language("en");
        assertThat(n(older, "technology-part")).isNotEqualTo(n(newest, "technology-part"));
        // by default the newest, chosen by its database id or its own id (the newest with it) the same
        for (String path : List.of("/portal/themes/technology", "/portal/themes/technology?edition=" + newest,
                "/portal/themes/technology?edition=2019")) {
            assertThat(en.get(path).body()).as(path).contains(n(newest, "technology-part"))
                    .doesNotContain(n(older, "technology-part"));
        }
        WebClient.Response theme = en.get("/portal/themes/technology?edition=" + older);
        assertThat(theme.body()).contains(n(older, "technology-part")).doesNotContain(n(newest, "technology-part"))
                .contains("<label for=\"edition-switch\">Edition</label>")
                .contains("<option value=\"" + older + "\" selected>")
                .contains("The Innovation Barometer 2018–2019 (demo) (Innovation Barometer 2017)")
                .contains("href=\"/portal/methods?edition=" + older + "\"")
                .contains("href=\"/portal/figures/technology-part/data.csv?lang=en&amp;edition=" + older + "\"");
        assertThat(en.get("/portal?edition=" + older).body()).contains("href=\"/portal/explorer?edition=" + older + "\"")
                .contains("href=\"/portal/themes/technology?edition=" + older + "\"");
        assertThat(en.get("/portal/explorer?q=tech_role&edition=" + older).body())
                .contains("<input type=\"hidden\" name=\"edition\" value=\"" + older + "\">");
        assertThat(server.client().language("da").get("/portal?edition=" + older).body())
                .contains("<label for=\"edition-switch\">Udgave</label>");
        // the API: each edition's figures, the list's links keeping the edition
        JsonNode figures = JSON.readTree(en.get("/api/figures?edition=" + older).body());
        assertThat(figures.path("editionId").asText()).isEqualTo(older);
        assertThat(figures.path("figures").get(0).path("href").asText()).endsWith("?edition=" + older);
        JsonNode figure = JSON.readTree(en.get(figures.path("figures").get(0).path("href").asText()).body());
        assertThat("n = " + String.format(java.util.Locale.US, "%,d", figure.path("n").asInt()))
                .isEqualTo(n(older, figure.path("id").asText()));
        assertThat(editions("da").get(1).path("figures").asText()).isEqualTo("/api/figures?edition=" + older);
        assertThat(editions("en").get(0).path("newest").asBoolean()).isTrue();
        // an unknown edition: 404, with the error page in either language, or JSON from the API
        WebClient.Response unknown = en.get("/portal/methods?edition=1999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("<html");
        assertThat(server.client().language("da").get("/portal?edition=nonsense").status()).isEqualTo(404);
        WebClient.Response api = en.get("/api/figures/technology-part?edition=nonsense");
        assertThat(api.status()).isEqualTo(404);
        assertThat(JSON.readTree(api.body()).path("status").asInt()).isEqualTo(404);
    }

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
        // a coded open question is explored by its categories; the answers' own words never leave
        WebClient.Response coded = en.get("/portal/explorer?q=coded.tech_description&by=gov_level");
        assertThat(coded.status()).isEqualTo(200);
        assertThat(coded.body()).contains("Artificial intelligence").contains("role=\"img\"");
        WebClient.Response codedApi = en.get("/api/explore?q=coded.tech_description");
        assertThat(codedApi.status()).isEqualTo(200);
        List<String> words = server.jdbi().withHandle(h -> h.createQuery("""
                select answers->>'tech_description' from respond_response
                where state = 'submitted' and length(answers->>'tech_description') > 12 limit 200""")
                .mapTo(String.class).list());
        assertThat(words).isNotEmpty();
        for (String w : words) {
            assertThat(coded.body()).doesNotContain(w);
            assertThat(codedApi.body()).doesNotContain(w);
        }
    }

    @Test
    void theApiServesEveryFigureWithItsCellsAndAnOpenApiDocument() throws Exception {
        WebClient client = server.client();
        JsonNode list = JSON.readTree(client.get("/api/figures?lang=en").body());
        assertThat(list.path("figures").size()).isEqualTo(13);
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
        assertThat(openApi.path("paths").has("/api/editions")).isTrue();
        assertThat(openApi.path("components").path("parameters").path("edition").path("in").asText()).isEqualTo("query");
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
            // the switcher works without scripts: a GET form that keeps the language
            browser.go("/portal/themes/technology?lang=da");
            new Select(browser.find("#edition-switch")).selectByValue(older);
            browser.click(".edition-switch button");
            assertThat(browser.driver().getCurrentUrl()).contains("lang=da").contains("edition=" + older);
            assertThat(browser.path()).isEqualTo("/portal/themes/technology");
            assertThat(browser.text()).contains(n(older, "technology-part").replace(",", "."));
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
