package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.access.UserStore;
import org.barometer.app.coding.CodingStore;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoFiles;
import org.barometer.app.publish.job.JobStore;
import org.barometer.app.publish.spec.EditionZip;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The coding of open answers in a real browser, on the demo edition's answers to its technology question: a senior
 * coder's frame refused for a duplicate code and then stored, a fifth of the answers drawn to be coded twice, two
 * coders coding blind (the second never sees the first's codes), a disagreement decided by the senior coder, the
 * agreement page; then the edition files published through the analysis page, and the figure of the coded variable
 * checked against counts of the final codes in the database. axe-core on every page of the workspace in both
 * languages, and the coding page on a phone.
 */
class CodingBrowserTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String Q = "tech_description";
    static final String SENIOR = "seniorkoder";
    static final String FIRST = "koder1";
    static final String SECOND = "koder2";
    static final String PASSWORD = "a long password for coding";
    /** The figure's groups, in the figure file's order, each with the codes that put an answer in it. */
    static final List<List<String>> GROUPS = List.of(List.of("ai", "ai_learning", "ai_language"), List.of("vr_ar"),
            List.of("sensors_iot"), List.of("drones"), List.of("printing_3d"), List.of("rpa"), List.of("apps"),
            List.of("tablets"), List.of("social_media"), List.of("robots"), List.of("self_service"), List.of("computers"),
            List.of("websites"), List.of("mail_planning"), List.of("programmes"));

    @Test
    void twoCodersAnAdjudicatorAndAPublishedFigureOfTheCodedVariable() throws Exception {
        long edition = DemoEdition.load(server.jdbi()).edition().id();
        DemoEdition.answer(server.jdbi(), edition);
        UserStore users = new UserStore(server.jdbi());
        User senior = users.create(SENIOR, "Sara Seniorkoder", Role.SENIOR_CODER, PASSWORD);
        User first = users.create(FIRST, "Kim Koder", Role.CODER, PASSWORD);
        User second = users.create(SECOND, "Lo Koder", Role.CODER, PASSWORD);
        String base = "/admin/coding/" + edition + "/" + Q;
        List<String> problems = new ArrayList<>();
        Path bad = Files.createTempFile("frame-with-duplicate", ".csv");
        Files.writeString(bad, "code,parent,label_da,label_en\nai,,Kunstig intelligens,Artificial intelligence\n"
                + "apps,,Apps,Apps\nai,,KI,AI\nchat,bots,Chatbots,Chatbots\n");
        Path frameFile = Files.createTempFile("tech_description", ".csv");
        try (InputStream in = DemoFiles.class.getResourceAsStream("/org/barometer/app/demo/2019/coding/tech_description.csv")) {
            Files.write(frameFile, in.readAllBytes());
        }
        CodingStore store = new CodingStore(server.jdbi());
        long d1;
        long d2;
        try (Browser browser = Browser.open(server.baseUrl())) {
            // the senior coder: the open questions, a frame refused at its places, then stored; the share coded twice
            browser.login(SENIOR, PASSWORD);
            browser.go("/admin/coding?lang=da");
            check(browser, "open questions (da)", problems);
            browser.click("a[href='" + base + "']");
            assertThat(browser.text()).contains("Spørgsmålet har endnu ingen kodeplan");
            check(browser, "question without a frame (da)", problems);
            browser.find("#file").sendKeys(bad.toString());
            browser.click("#upload-frame");
            String refused = browser.text();
            assertThat(refused).contains(bad.getFileName() + ", række 4, kolonne code: koden 'ai' står allerede i række 2")
                    .contains(bad.getFileName() + ", række 5, kolonne parent: 'bots' er ikke koden på en kategori i en tidligere række");
            assertThat(server.count("select count(*) from coding_frame")).isZero();
            check(browser, "frame refused (da)", problems);
            browser.find("#file").sendKeys(frameFile.toString());
            browser.click("#upload-frame");
            assertThat(browser.text()).contains("Version 1 af kodeplanen er gemt med 18 kategorier");
            browser.type("share", "tyve").click("#set-share");
            assertThat(browser.text()).contains("'tyve' er ikke en andel fra 0 til 100 procent");
            check(browser, "share refused (da)", problems);
            browser.type("share", "20").click("#set-share");
            int answers = server.count("select count(*) from respond_response where coalesce(answers->>'tech_description', '') <> ''");
            int doubled = server.count("select count(*) from coding_double");
            assertThat(doubled).isEqualTo(Math.round(0.2f * answers)).isPositive();
            check(browser, "question with a frame (da)", problems);
            browser.go(base + "?lang=en");
            check(browser, "question with a frame (en)", problems);
            browser.click("form.logout button");

            // every answer but two of the sample coded through the store the pages use; the first coder's codes of
            // the sample agree with the second's
            List<Long> sample = server.jdbi().withHandle(h -> h.createQuery(
                    "select response_id from coding_double order by response_id").mapTo(Long.class).list());
            d1 = sample.get(0);
            d2 = sample.get(1);
            for (CodingStore.Answer a : store.answers(edition, Q)) {
                if (a.responseId() == d1 || a.responseId() == d2) {
                    continue;
                }
                List<String> codes = GROUPS.get((int) (a.responseId() % GROUPS.size()));
                List<String> code = List.of(codes.getLast());
                store.code(edition, Q, a.responseId(), first.id(), code);
                if (sample.contains(a.responseId())) {
                    store.code(edition, Q, a.responseId(), second.id(), code);
                }
            }

            // the first coder codes the two answers left, in Danish
            browser.login(FIRST, PASSWORD);
            browser.go(base + "/code?lang=da");
            assertThat(browser.find("#answer-text").getText()).isEqualTo(store.answer(edition, Q, d1).orElseThrow().text());
            check(browser, "an answer to code (da)", problems);
            browser.click("#save-codes");
            assertThat(browser.text()).contains("Vælg mindst én kategori");
            check(browser, "an answer coded with nothing (da)", problems);
            browser.click("#codes-ai_learning").click("#codes-rpa").click("#save-codes");
            assertThat(browser.text()).contains("Koderne er gemt");
            assertThat(browser.find("#answer-text").getText()).isEqualTo(store.answer(edition, Q, d2).orElseThrow().text());
            browser.click("#codes-apps").click("#save-codes");
            assertThat(browser.find("#nothing-to-code").getText()).isEqualTo("Der er ikke flere svar, du skal kode.");
            check(browser, "nothing left to code (da)", problems);
            browser.click("form.logout button");

            // the second coder, in English, is offered the same two answers with nothing of the first coder's codes
            browser.login(SECOND, PASSWORD);
            browser.go(base + "/code?lang=en");
            assertThat(browser.find("#answer-text").getText()).isEqualTo(store.answer(edition, Q, d1).orElseThrow().text());
            assertThat(browser.driver().findElements(By.cssSelector("input[name=code]:checked"))).isEmpty();
            assertThat(browser.text()).doesNotContain(FIRST).doesNotContain("Kim Koder");
            check(browser, "an answer to code twice (en)", problems);
            // on a phone: the answer and its categories fit the screen
            browser.screen(375, 812, true);
            browser.go(base + "/code?lang=da");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(375L);
            check(browser, "an answer to code on a phone (da)", problems);
            browser.go(base + "/agreement?lang=da");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(375L);
            browser.unscreen();
            browser.go(base + "/code?lang=en");
            browser.click("#codes-ai_learning").click("#save-codes");
            browser.click("#codes-apps").click("#save-codes");
            assertThat(browser.text()).contains("There is no answer left for you to code.");
            browser.go(base + "/agreement?lang=en");
            WebElement pair = browser.find("#pairs tbody tr");
            assertThat(pair.findElement(By.tagName("th")).getText()).isEqualTo(FIRST + " – " + SECOND);
            List<WebElement> cells = pair.findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(doubled));
            assertThat(cells.get(1).getText()).isEqualTo(String.valueOf(doubled - 1));
            check(browser, "agreement (en)", problems);
            browser.go(base + "/agreement?lang=da");
            check(browser, "agreement (da)", problems);
            // a coder neither sees the disagreements nor decides one, nor keeps the frame
            org.barometer.app.testing.WebClient coder = server.client();
            coder.login(SECOND, PASSWORD);
            assertThat(coder.get(base + "/disagreements").status()).isEqualTo(403);
            coder.get(base);
            assertThat(coder.post(base + "/disagreements/" + d1, java.util.Map.of("code", "apps")).status()).isEqualTo(403);
            assertThat(coder.post(base + "/double", java.util.Map.of("share", "100")).status()).isEqualTo(403);
            browser.click("form.logout button");

            // the senior coder decides the one disagreement
            browser.login(SENIOR, PASSWORD);
            browser.go(base + "/disagreements?lang=da");
            assertThat(browser.driver().findElements(By.cssSelector("section.disagreement"))).hasSize(1);
            assertThat(browser.text()).contains(FIRST).contains(SECOND).contains("Maskinlæring; Softwarerobotter (RPA)");
            check(browser, "a disagreement (da)", problems);
            browser.click("#decide-" + d1);
            assertThat(browser.text()).contains("Vælg mindst én kategori");
            check(browser, "a decision with nothing (da)", problems);
            browser.go(base + "/disagreements?lang=en");
            check(browser, "a disagreement (en)", problems);
            browser.click("#codes-" + d1 + "-ai_learning").click("#decide-" + d1);
            assertThat(browser.find("#no-disagreements").getText()).isEqualTo("No disagreement awaits a decision.");
            check(browser, "no disagreement left (en)", problems);
            assertThat(server.count("select count(*) from coding_final")).isEqualTo(answers);
            assertThat(server.count("select count(*) from coding_final where adjudicated_by = ? and response_id = ? and codes = array['ai_learning']",
                    senior.id(), d1)).isOne();
            assertThat(server.count("select count(*) from audit_log where action like 'coding.%'")).isGreaterThanOrEqualTo(8);
            browser.go("/admin/coding?lang=en");
            check(browser, "open questions (en)", problems);
            browser.go(base + "/code?lang=en");
            check(browser, "nothing left to code (en)", problems);
            browser.click("form.logout button");

            // the edition files, whose Figure 2 reads the coded variable, published through the analysis page
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            Path files = Files.createTempFile("edition", ".zip");
            Files.write(files, EditionZip.write(DemoFiles.editionFiles()));
            browser.go("/admin/analysis/" + edition + "?lang=en");
            browser.find("#files").sendKeys(files.toString());
            browser.click("form[action$='/files'] button[type=submit]");
            assertThat(browser.text()).contains("The edition files are checked and stored as version 1.");
            browser.click("form[action$='/jobs'] button[type=submit]");
            JobStore.Job job = JobWait.awaitEnd(server.jdbi(), Long.parseLong(browser.path().replaceAll(".*/", "")));
            assertThat(job.state()).as(job.log()).isEqualTo("succeeded");
        }
        assertThat(problems).isEmpty();

        // each cell of the published figure counts the respondents whose final codes put them in its technology and
        // who said the technology was new (or known): the publication keeps the exact counts, the portal shows them
        // protected
        String stored = server.jdbi().withHandle(h -> h.createQuery("""
                select f::text from publication p cross join jsonb_array_elements(p.figures) f
                where p.edition_id = :e and f->>'id' = 'technologies-new-or-known'""").bind("e", edition).mapTo(String.class).one());
        JsonNode published = new ObjectMapper().readTree(stored);
        int compared = 0;
        for (List<String> group : GROUPS) {
            for (String answer : List.of("new", "known")) {
                int counted = server.count("""
                        select count(*) from coding_final f join respond_response r on r.id = f.response_id
                        where f.question = 'tech_description' and f.codes && ?::text[]
                          and r.answers->>'tech_role' in ('solution', 'important') and r.answers->>'tech_new' = ?""",
                        "{" + String.join(",", group) + "}", answer);
                JsonNode cell = null;
                for (JsonNode c : published.path("cells")) {
                    if (c.path("series").asText().equals(group.getFirst()) && c.path("category").asText().equals(answer)) {
                        cell = c;
                    }
                }
                assertThat(cell).as(group + " " + answer).isNotNull();
                if (cell.path("suppressed").asBoolean()) {
                    continue; // too few respondents, or hidden so that a small one cannot be worked out
                }
                assertThat(cell.path("count").asInt()).as(group + " " + answer).isEqualTo(counted).isPositive();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(GROUPS.size());
        // every node's portal finds the publication by itself, within about a second
        String api = org.barometer.app.testing.Poll.until(java.time.Duration.ofSeconds(30),
                () -> server.client().get("/api/figures/technologies-new-or-known?lang=en"), r -> r.status() == 200).body();
        JsonNode portal = new ObjectMapper().readTree(api);
        assertThat(portal.path("title").asText()).isEqualTo("Technologies from new to known");
        assertThat(portal.path("cells")).hasSize(2 * GROUPS.size());
    }

    private static void check(Browser browser, String page, List<String> problems) {
        for (String v : browser.axeViolations()) {
            problems.add(page + ": " + v);
        }
    }
}
