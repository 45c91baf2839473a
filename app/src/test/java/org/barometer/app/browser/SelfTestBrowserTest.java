package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.barometer.app.selftest.SelfTestFixtures;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The self-test in a real browser on a phone's screen: a visitor chooses a comparison group, answers, and the result
 * page's numbers — every share and both ends of its interval — are the cells the portal's explorer API gives for
 * that group and question and for everyone; the PDF opens, is tagged, and holds the same numbers; afterwards only
 * the self-test's counters have changed in the database. Group mode: with fewer than k participants the organiser
 * sees nothing, with k the group's answers, with one more nothing new. axe-core passes on every page of the
 * self-test in both languages; screenshots of the result are saved under {@code target/screenshots}.
 */
class SelfTestBrowserTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    /** A share as the page prints it: "61,3 % (57,0–65,4 %)" (Danish) or "61.3 % (57.0–65.4 %)". */
    static final Pattern SHARE = Pattern.compile("(\\d+[.,]\\d) % \\((\\d+[.,]\\d)\u2013(\\d+[.,]\\d) %\\)");

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
        Files.createDirectories(SHOTS);
    }

    @Test
    void theResultShowsTheExplorersCellsAndThePdfHoldsThem() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, SelfTestFixtures.Table> before = SelfTestFixtures.tables(server.jdbi());
        Map<String, Long> countsBefore = counts();
        String group = "health";
        Map<String, String> answers = SelfTestFixtures.ANSWERS;
        List<String> resultShares = new ArrayList<>();
        List<String> readings = new ArrayList<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.screen(375, 812, true);
            browser.go("/portal?lang=da").click(".portal-nav a[href^='/portal/self-test']");
            assertThat(browser.path()).isEqualTo("/portal/self-test");
            check(browser, "start (da)", problems);
            browser.click("#start-test");
            assertThat(browser.text()).contains("Vælg, hvem du vil sammenlignes med");
            check(browser, "start without a group (da)", problems);
            browser.click("label[for='group-" + group + "']").click("#start-test");
            assertThat(browser.path()).isEqualTo("/portal/self-test/questions");
            assertThat(browser.text()).contains("Du sammenlignes med: Sundhed.");
            check(browser, "questions (da)", problems);
            browser.click("#see-result");
            assertThat(browser.find(".error-summary").getText()).contains("Der er et problem");
            check(browser, "questions with errors (da)", problems);
            answer(browser, answers);
            browser.click("#see-result");
            assertThat(browser.path()).isEqualTo("/portal/self-test/result");
            assertThat(browser.find("h1").getText()).isEqualTo("Dit resultat");
            check(browser, "result (da)", problems);
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(375L);
            Files.write(SHOTS.resolve("self-test-result-phone-da.png"), browser.screenshot(browser.find("main")));

            // every number on the page is the explorer's cell, for the group and for everyone
            int compared = 0;
            int shown = 0;
            for (String q : answers.keySet()) {
                JsonNode byGroup = api("/api/explore?q=" + q + "&by=area&lang=da");
                JsonNode all = api("/api/explore?q=" + q + "&lang=da");
                WebElement section = browser.find("section[data-question='" + q + "']");
                List<WebElement> rows = section.findElements(By.cssSelector("tbody tr"));
                assertThat(rows).hasSize(all.path("cells").size());
                for (WebElement row : rows) {
                    String category = row.getAttribute("data-answer");
                    String groupText = row.findElement(By.cssSelector("td[data-share='group']")).getText();
                    String allText = row.findElement(By.cssSelector("td[data-share='everyone']")).getText();
                    shown += sameNumbers(groupText, cell(byGroup, group, category)) ? 1 : 0;
                    sameNumbers(allText, cell(all, "all", category));
                    compared += 2;
                    if (category.equals(answers.get(q))) {
                        assertThat(row.getText()).contains("Dit svar");
                        Matcher m = SHARE.matcher(groupText);
                        String reading = section.findElement(By.cssSelector(".reading")).getText();
                        readings.add(reading);
                        if (m.find()) {
                            assertThat(reading).contains(m.group(1) + " %").contains("Sundhed");
                        }
                    }
                    resultShares.add(groupText);
                    resultShares.add(allText);
                }
            }
            assertThat(compared).isGreaterThanOrEqualTo(2 * 3 * answers.size());
            assertThat(shown).as("group cells shown").isGreaterThan(answers.size());

            // the PDF of the same result, fetched by the page's own form
            byte[] pdf = SelfTestFixtures.postFormInBrowser(browser, "form[action$='result.pdf']");
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc).replace('\u00a0', ' ');
                for (String share : resultShares) {
                    assertThat(text.replaceAll("\\s+", " ")).contains(share.replaceAll("\\s+", " "));
                }
                assertThat(text).contains("Selvtest: Innovation i den offentlige sektor");
                String flowing = text.replaceAll("\\s+", " ");
                assertThat(readings).hasSize(answers.size());
                readings.forEach(reading -> assertThat(flowing).contains(reading));
                assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
                assertThat(structureTypes(doc.getDocumentCatalog().getStructureTreeRoot().getKids()))
                        .contains("Document", "H1", "H2", "P", "Table", "TR", "TH", "TD");
                assertThat(doc.getDocumentCatalog().getStructureTreeRoot().getParentTree()).isNotNull();
                doc.getPages().forEach(p -> assertThat(p.getStructParents()).isGreaterThanOrEqualTo(0));
                assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("da-DK");
                assertThat(doc.getDocumentInformation().getTitle()).startsWith("Selvtest");
                assertThat(new String(doc.getDocumentCatalog().getMetadata().toByteArray(),
                        java.nio.charset.StandardCharsets.UTF_8)).contains("<pdfuaid:part>1</pdfuaid:part>");
            }

            // the same in English, on a desk
            browser.unscreen();
            for (String lang : List.of("en")) {
                browser.go("/portal/self-test?lang=" + lang);
                check(browser, "start (" + lang + ")", problems);
                browser.click("#start-test");
                check(browser, "start without a group (" + lang + ")", problems);
                browser.click("label[for='group-" + group + "']").click("#start-test");
                check(browser, "questions (" + lang + ")", problems);
                browser.click("#see-result");
                check(browser, "questions with errors (" + lang + ")", problems);
                answer(browser, answers);
                browser.click("#see-result");
                assertThat(browser.find("h1").getText()).isEqualTo("Your result");
                assertThat(browser.text()).contains("answered \u201c").contains("Your answer");
                check(browser, "result (" + lang + ")", problems);
                Files.write(SHOTS.resolve("self-test-result-" + lang + ".png"), browser.screenshot(browser.find("main")));
            }
        }
        assertThat(problems).isEmpty();

        // only the counters changed: one self-test compared with health, counted twice (Danish and English)
        Map<String, SelfTestFixtures.Table> after = SelfTestFixtures.tables(server.jdbi());
        Map<String, String> changed = SelfTestFixtures.changed(before, after);
        assertThat(changed.keySet()).as(changed.toString())
                .isSubsetOf(SelfTestFixtures.COUNTER_TABLES_AND_INFRASTRUCTURE)
                .contains("selftest_usage", "selftest_answer");
        Map<String, Long> added = new LinkedHashMap<>(counts());
        added.replaceAll((k, n) -> n - countsBefore.getOrDefault(k, 0L));
        added.values().removeIf(n -> n == 0);
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("usage health", 2L);
        answers.forEach((q, a) -> expected.put("answer " + q + " " + a, 2L));
        assertThat(added).isEqualTo(expected);
        assertThat(server.count("select count(*) from web_session where user_id is not null")).isZero();
    }

    @Test
    void aGroupIsShownToItsOrganiserOnlyInWholeBatches() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            browser.go("/admin/self-test?lang=en");
            check(browser, "staff's page (en)", problems);
            browser.type("label", "<b>Workshop</b>").click("#make-group");
            assertThat(browser.text()).contains("The name contains markup");
            check(browser, "staff's page with errors (en)", problems);
            browser.type("label", "Workshop in Vejle").click("#make-group");
            String code = browser.find("#group-code").getText();
            String organiser = java.net.URI.create(browser.find("#organiser-link").getAttribute("href")).getPath();
            check(browser, "staff's page with a new group (en)", problems);
            browser.go("/admin/self-test?lang=da");
            assertThat(browser.text()).contains("Workshop in Vejle").contains(code);
            check(browser, "staff's page (da)", problems);
            browser.click("form.logout button");
            int k = server.publications().editions().getFirst().edition().spec().selfTest().batch();

            // fewer than k: the organiser sees that people take part, and nothing of their answers
            List<Map<String, String>> given = new ArrayList<>();
            for (int i = 0; i < k - 1; i++) {
                Map<String, String> a = SelfTestFixtures.participant(i);
                given.add(a);
                assertThat(SelfTestFixtures.take(server.client(), "care", code, a).status()).isEqualTo(200);
            }
            for (String lang : List.of("da", "en")) {
                browser.go(organiser + "?lang=" + lang);
                assertThat(browser.driver().findElements(By.id("group-waiting"))).hasSize(1);
                assertThat(browser.driver().findElements(By.id("group-answers"))).isEmpty();
                assertThat(browser.text()).doesNotContain(" %");
                check(browser, "organiser's page, waiting (" + lang + ")", problems);
            }

            // the k-th, through the browser with the code: now the group's answers are shown
            Map<String, String> kth = SelfTestFixtures.participant(k - 1);
            given.add(kth);
            browser.go("/portal/self-test?lang=da");
            browser.click("label[for='group-care']").type("code", code.toLowerCase()).click("#start-test");
            assertThat(browser.text()).contains("Du deltager i gruppen »Workshop in Vejle«.");
            answer(browser, kth);
            browser.click("#see-result");
            assertThat(browser.find("h1").getText()).isEqualTo("Dit resultat");
            browser.go(organiser + "?lang=da");
            String shown = browser.find("#group-answers").getText();
            String pageAtK = withoutFacts(browser);
            check(browser, "organiser's page, shown (da)", problems);
            for (String q : SelfTestFixtures.ANSWERS.keySet()) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                given.forEach(a -> counts.merge(a.get(q), 1, Integer::sum));
                counts.forEach((answer, n) -> assertThat(server.count(
                        "select shown from selftest_group_answer where question = ? and answer = ?", q, answer))
                        .isEqualTo(n));
            }
            String share = org.barometer.app.text.Language.of("da").decimal(100.0 * 3 / k, 1) + " % (3)";
            assertThat(shown).contains(share); // three of the k answered inno_service "yes"
            // beside everyone's published shares, the explorer's cells
            for (String q : SelfTestFixtures.ANSWERS.keySet()) {
                JsonNode all = api("/api/explore?q=" + q + "&lang=da");
                for (WebElement row : browser.driver().findElements(
                        By.cssSelector("section[data-question='" + q + "'] tbody tr"))) {
                    sameNumbers(row.findElement(By.cssSelector("td[data-share='everyone']")).getText(),
                            cell(all, "all", row.getAttribute("data-answer")));
                }
            }
            browser.go(organiser + "?lang=en");
            check(browser, "organiser's page, shown (en)", problems);

            // one more: the page shows the same answers as before
            assertThat(SelfTestFixtures.take(server.client(), "care", code, SelfTestFixtures.participant(k)).status())
                    .isEqualTo(200);
            browser.go(organiser + "?lang=da");
            assertThat(browser.find("#group-answers").getText()).isEqualTo(shown);
            assertThat(browser.find("#group-facts").getText()).contains((k + 1) + " har deltaget");
            // all else on the page is as it was: only the number who took part tells that someone more did
            assertThat(withoutFacts(browser)).isEqualTo(pageAtK);
        }
        assertThat(problems).isEmpty();
    }

    /** The self-test's counters: completed self-tests by comparison group, and answers by question and answer. */
    static Map<String, Long> counts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        server.jdbi().useHandle(h -> {
            h.createQuery("select comparison, completed from selftest_usage")
                    .map((rs, c) -> out.put("usage " + rs.getString(1), rs.getLong(2))).list();
            h.createQuery("select question, answer, count from selftest_answer")
                    .map((rs, c) -> out.put("answer " + rs.getString(1) + " " + rs.getString(2), rs.getLong(3))).list();
        });
        return out;
    }

    /** The types of a structure tree's elements, all the way down. */
    static java.util.Set<String> structureTypes(List<Object> kids) {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (Object kid : kids) {
            if (kid instanceof org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement e) {
                types.add(e.getStructureType());
                types.addAll(structureTypes(e.getKids()));
            }
        }
        return types;
    }

    /** The main part of the organiser's page without the line that counts who took part. */
    static String withoutFacts(Browser browser) {
        return browser.find("main").getText().replace(browser.find("#group-facts").getText(), "");
    }

    /**
     * Chooses each answer by clicking its label, or the radio button itself where the label is only for screen
     * readers (a grid on a wide screen labels its columns once, above the rows).
     */
    static void answer(Browser browser, Map<String, String> answers) {
        answers.forEach((q, a) -> {
            String id = browser.find("input[name='" + q + "'][value='" + a + "']").getAttribute("id");
            WebElement label = browser.find("label[for='" + id + "']");
            browser.click(label.getSize().getWidth() > 1 && label.getSize().getHeight() > 1
                    ? "label[for='" + id + "']" : "#" + id);
            assertThat(browser.find("#" + id).isSelected()).as(q + " = " + a).isTrue();
        });
    }

    private static JsonNode api(String path) throws Exception {
        WebClient.Response r = server.client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    /** The API's cell of a series and category, or null when the explorer gives none. */
    private static JsonNode cell(JsonNode figure, String series, String category) {
        for (JsonNode c : figure.path("cells")) {
            if (c.path("series").asText().equals(series) && c.path("category").asText().equals(category)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether the page's text shows the cell's share and interval (each in percent with one decimal); a cell that
     * is suppressed or absent must be shown as not shown. Answers whether numbers were shown.
     */
    private static boolean sameNumbers(String text, JsonNode cell) {
        if (cell == null || cell.path("suppressed").asBoolean() || cell.path("estimate").isNull()) {
            assertThat(text).isEqualTo("vises ikke (for få svar)");
            return false;
        }
        Matcher m = SHARE.matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        assertThat(parse(m.group(1))).isEqualTo(percent(cell.path("estimate").asDouble()));
        assertThat(parse(m.group(2))).isEqualTo(percent(cell.path("low").asDouble()));
        assertThat(parse(m.group(3))).isEqualTo(percent(cell.path("high").asDouble()));
        return true;
    }

    private static double parse(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }

    /** A fraction in percent rounded half up to one decimal. */
    private static double percent(double fraction) {
        return new java.math.BigDecimal(Double.toString(fraction * 100)).setScale(1, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static void check(Browser browser, String page, List<String> problems) {
        for (String v : browser.axeViolations()) {
            problems.add(page + ": " + v);
        }
    }
}
