package org.barometer.app.series;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The demo's family on the portal: {@code /api/series} lists the Danish series with its four editions and the
 * three other countries; the indicator and country pages pass axe-core in both languages, on a desk and on a
 * phone, with a screenshot of a trend chart and of a country comparison saved (under {@code target/screenshots});
 * every published number is inside its interval, imported numbers name their source, synthetic ones say so.
 */
class SeriesPortalTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @BeforeAll
    static void family() throws Exception {
        server.publishDemoSeries();
        Files.createDirectories(SHOTS);
    }

    @Test
    void theApiListsEverySeriesWithItsEditionsAndIndicators() throws Exception {
        WebClient.Response r = server.client().get("/api/series?lang=en");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(r.body());
        List<String> countries = new ArrayList<>();
        body.path("series").forEach(s -> countries.add(s.path("country").asText()));
        assertThat(countries).containsExactly("DK", "NO", "SE", "FI");
        JsonNode dk = body.path("series").get(0);
        List<String> editions = new ArrayList<>();
        dk.path("editions").forEach(e -> editions.add(e.path("id").asText()));
        assertThat(editions).containsExactly("dk/2014", "dk/2016", "dk/2019", "dk/2023");
        dk.path("editions").forEach(e -> assertThat(e.path("source").asText()).isEqualTo("microdata"));
        assertThat(dk.path("indicators").size()).isEqualTo(3);
        // a country known by its aggregates has only the family's core indicator
        JsonNode no = body.path("series").get(1);
        assertThat(no.path("editions").get(0).path("source").asText()).isEqualTo("aggregates");
        assertThat(no.path("indicators").size()).isEqualTo(1);
        assertThat(server.client().get("/api/openapi.json").body()).contains("/api/series");
    }

    @Test
    void theTrendShowsEveryEditionWithItsIntervalAndTheChangeWithItsTest() throws Exception {
        WebClient client = server.client();
        String page = client.get("/portal/indicators/technological?series=dk&lang=en").body();
        assertThat(page).contains("2013–14").contains("2015–16").contains("2018–19").contains("2021–23")
                .contains("Break in series:").contains("not comparable").contains("Standard error")
                .contains("significant at the 0.05 level");
        // a chosen pair of editions
        String pair = client.get("/portal/indicators/innovating?series=dk&from=2014&to=2023&lang=da").body();
        assertThat(pair).contains("Ændring fra 2013–14 til 2021–23");
        assertThat(client.get("/portal/indicators/innovating?series=dk&from=2014&to=1999").status()).isEqualTo(404);
        assertThat(client.get("/portal/indicators/nothing").status()).isEqualTo(404);
        assertThat(client.get("/portal/indicators/technological?series=no").status()).isEqualTo(404);
        // downloads
        WebClient.Response csv = client.get("/portal/indicators/innovating/data.csv?series=dk&lang=en");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(5);
        assertThat(client.get("/portal/indicators/innovating/data.px?series=dk").body()).contains("MATRIX=");
        JsonNode stat = new ObjectMapper().readTree(
                client.get("/portal/indicators/innovating/data.json-stat?series=no").body());
        assertThat(stat.path("version").asText()).isEqualTo("2.0");
        assertThat(stat.path("size").toString()).isEqualTo("[2,4]");
        // every published point is inside its interval
        for (String line : csv.body().lines().skip(1).toList()) {
            String[] c = line.split(",");
            double estimate = Double.parseDouble(c[2]);
            assertThat(estimate).isBetween(Double.parseDouble(c[3]), Double.parseDouble(c[4]));
        }
    }

    @Test
    void theEditionSwitcherIsASeriesAndEditionNavigator() {
        String front = server.client().get("/portal?lang=en").body();
        assertThat(front).contains("<optgroup label=\"The Innovation Barometer (demo)\">");
        int group = front.indexOf("<optgroup");
        String options = front.substring(group, front.indexOf("</optgroup>", group));
        assertThat(options.split("<option ").length - 1).isEqualTo(4);
        assertThat(options.indexOf(">2021–23</option>")).isLessThan(options.indexOf(">2013–14</option>"));
    }

    @Test
    void theCountryPageNamesTheSourceOfEveryImportedNumberAndTheDifferencesInMethod() {
        String page = server.client().get("/portal/countries?lang=en").body();
        assertThat(page).contains("Norway").contains("Sweden").contains("Finland").contains("Denmark")
                .contains("Published by KS").contains("unit leaders in health, care and education")
                .contains("one central respondent per municipality").contains("(synthetic)");
    }

    @Test
    void theIndicatorAndCountryPagesPassAxeInBothLanguagesOnADeskAndOnAPhone() throws Exception {
        try (Browser browser = Browser.open(server.baseUrl())) {
            for (boolean phone : List.of(false, true)) {
                if (phone) {
                    browser.screen(390, 844, true);
                }
                for (String lang : List.of("da", "en")) {
                    for (String path : List.of("/portal", "/portal/indicators", "/portal/indicators/innovating?series=dk",
                            "/portal/indicators/technological?series=dk", "/portal/indicators/innovating?series=fi",
                            "/portal/countries", "/admin/series")) {
                        if (path.startsWith("/admin")) {
                            if (phone || !lang.equals("en")) {
                                continue;
                            }
                            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
                        }
                        browser.go(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                        assertThat(browser.axeViolations()).as("axe on %s (%s, phone %s)", path, lang, phone).isEmpty();
                    }
                    browser.go("/portal/indicators/technological?series=dk&lang=" + lang);
                    Files.write(SHOTS.resolve("trend-technological-" + lang + (phone ? "-phone" : "") + ".png"),
                            browser.screenshot(browser.driver().findElement(By.id("trend"))));
                    browser.go("/portal/countries?lang=" + lang);
                    Files.write(SHOTS.resolve("countries-innovating-" + lang + (phone ? "-phone" : "") + ".png"),
                            browser.screenshot(browser.driver().findElement(By.id("comparison"))));
                }
            }
            // the portal's own navigation leads to the series
            browser.unscreen().go("/portal?lang=en");
            assertThat(browser.text()).contains("Indicators over time").contains("Countries");
        }
        assertThat(Files.size(SHOTS.resolve("trend-technological-en.png"))).isGreaterThan(2_000);
        assertThat(Files.size(SHOTS.resolve("countries-innovating-da-phone.png"))).isGreaterThan(2_000);
    }
}
