package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.barometer.app.fieldwork.FieldworkPages;
import org.barometer.app.fieldwork.FreeSmtp;
import org.barometer.app.publish.job.JobStore;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.Crawl;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A second survey, "Digital tools in municipalities", run end to end by an office whose survey has nothing to do
 * with innovation, step by step as docs/walkthrough.md tells a statistician: an edition with its own questionnaire,
 * its own register and texts, a stratified sample, invitations caught by an in-process SMTP server, respondents
 * answering through their personal links (routed, leaving and coming back, submitting), the monitor's counts against
 * the database, edition files with a figure broken down by a register variable, published under embargo, previewed
 * by staff, released and read on the portal. Then every page, mail, download and API answer of the survey, in Danish
 * and English, is read for the words of the survey the product was first built for: there must be none.
 */
class SecondSurveyTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static final GreenMailExtension mail = FreeSmtp.catcher(SMTP);

    /** A server with this survey only: no demo is loaded. */
    @RegisterExtension
    static final TestServer server = FreeSmtp.serverMailingTo(SMTP);

    /** The words of the survey the product was first built for, which no other survey's pages may speak. */
    static final List<String> FOREIGN = List.of("innovat", "teknologi", "innovationsbarometer");

    static final String REGISTER = """
            {"variables": [
              {"name": "municipality_type", "type": "category", "stratify": true,
               "label": {"da": "Kommunetype", "en": "Type of municipality"},
               "categories": [{"code": "city", "label": {"da": "By", "en": "City"}},
                              {"code": "rural", "label": {"da": "Land", "en": "Rural"}}]},
              {"name": "it_staff", "type": "integer", "min": 0, "required": false,
               "label": {"da": "Ansatte i it", "en": "IT staff"}}]}""";

    static final int WORKPLACES = 40;
    static final int SAMPLED = 24;

    @TempDir
    Path dir;

    private final List<String> violations = new ArrayList<>();
    /** Every page the browser showed a respondent, by its path, as the browser read it. */
    private final Map<String, String> respondentPages = new LinkedHashMap<>();

    @Test
    void anOfficeRunsItsOwnSurveyEndToEndAndNothingSpeaksOfAnotherSurvey() throws Exception {
        Path form = Files.write(dir.resolve("digital-tools.xlsx"), DigitalToolsForm.xlsx());
        Path frame = Files.writeString(dir.resolve("municipal-workplaces.csv"), frameCsv(), StandardCharsets.UTF_8);
        Path files = Files.write(dir.resolve("edition-files.zip"), zip(editionFiles()));

        try (Browser browser = Browser.open(server.baseUrl())) {
            // 1. the edition, with its questionnaire
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            waitForPath(browser, "/admin");
            browser.go("/admin/editions/new?lang=en");
            axe(browser, "new edition");
            browser.type("name", "Digital tools in municipalities").type("year", "2026");
            browser.find("#questionnaire").sendKeys(form.toAbsolutePath().toString());
            browser.click("main button[type=submit]");
            waitForText(browser, "Digital tools in municipalities");
            String editionPath = browser.path();
            assertThat(editionPath).matches("/admin/editions/\\d+");
            long edition = Long.parseLong(editionPath.replaceAll(".*/", ""));

            // 2. its register, declared on the frame page, then its frame, checked and imported
            browser.go(editionPath + "/frame");
            browser.type("register-text", REGISTER);
            browser.click("#save-register");
            waitForText(browser, "Type of municipality");
            axe(browser, "frame page with a declared register");
            browser.find("#file").sendKeys(frame.toAbsolutePath().toString());
            browser.click("main form[enctype] button[type=submit]");
            waitForText(browser, WORKPLACES + " workplaces are ready to import");
            axe(browser, "frame report");
            browser.driver().findElement(By.xpath("//main//button[contains(., 'Import')]")).click();
            waitForText(browser, "The frame was imported: " + WORKPLACES + " workplaces");
            assertThat(server.count("SELECT count(*) FROM frame_unit fu JOIN edition e ON e.frame_id = fu.frame_id "
                    + "WHERE e.id = ? AND fu.variables ->> 'municipality_type' = 'rural'", edition)).isEqualTo(WORKPLACES / 2);

            // 3. the sample, stratified by the register's own stratifier
            browser.go(editionPath + "/sample");
            axe(browser, "sample page with the register's stratifier");
            WebElement by = browser.find("#by-municipality_type");
            if (!by.isSelected()) {
                by.click();
            }
            browser.click("#method-proportional").type("total", String.valueOf(SAMPLED)).type("minimum", "2").type("seed", "2026");
            browser.click("#draw-sample");
            waitForText(browser, "The sample was drawn: " + SAMPLED + " workplaces in 2 strata");
            assertThat(server.count("SELECT count(*) FROM sample_stratum ss JOIN edition e ON e.sample_id = ss.sample_id "
                    + "WHERE e.id = ? AND ss.stratum IN ('city', 'rural')", edition)).isEqualTo(2);

            // 4. its texts, in both languages
            browser.go(editionPath + "/texts");
            for (Map.Entry<String, String> t : texts().entrySet()) {
                browser.type(t.getKey(), t.getValue());
            }
            browser.click("#save-texts");
            waitForText(browser, "The texts are saved.");
            axe(browser, "texts page");
            assertThat(server.count("SELECT count(*) FROM edition_text WHERE edition_id = ?", edition)).isEqualTo(texts().size());

            // 5. the invitations, sent from the fieldwork page, caught by the mail server and listed in the outbox
            browser.go(editionPath + "/fieldwork");
            browser.script("document.getElementById('deadline').value = arguments[0]", LocalDate.now().plusWeeks(3).toString());
            browser.click("#send-invitations");
            waitForText(browser, "Invitations #");
            MimeMessage[] received = Poll.until(Duration.ofSeconds(30), mail::getReceivedMessages, m -> m.length >= SAMPLED);
            assertThat(received).hasSize(SAMPLED);
            Poll.until(Duration.ofSeconds(20), () -> server.count("SELECT count(*) FROM fieldwork_outbox WHERE state = 'sent'"),
                    n -> n == SAMPLED);
            Map<String, String> linkOf = new LinkedHashMap<>();
            for (MimeMessage m : received) {
                String text = text(m);
                assertThat(m.getSubject()).startsWith(m.getSubject().contains("deltager")
                        ? "Digitale værktøjer i kommunerne:" : "Digital tools in municipalities:");
                Matcher link = Pattern.compile("http://localhost:\\d+(/r/[A-Za-z0-9_-]{22})").matcher(text);
                assertThat(link.find()).as(text).isTrue();
                linkOf.put(m.getAllRecipients()[0].toString(), link.group(1));
            }
            browser.go(editionPath + "/fieldwork/outbox");
            axe(browser, "outbox");
            String outbox = browser.text();
            for (String address : linkOf.keySet()) {
                assertThat(outbox).contains(address);
            }

            // 6. the respondents, through the links of their mails
            List<String> cityDa = recipients(linkOf, "city", "da");
            List<String> rural = recipients(linkOf, "rural", null);
            List<String> english = recipients(linkOf, null, "en");
            String routed = linkOf.get(cityDa.getFirst());
            String resumed = linkOf.get(english.stream().filter(a -> !rural.contains(a)).findFirst().orElseThrow());
            String submitted = linkOf.get(rural.stream().filter(english::contains).findFirst().orElseThrow());
            browser.driver().manage().deleteAllCookies();

            // the routed one: "no" hides the page about the shared platform
            browser.go(routed);
            waitForPath(browser, routed + "/p/tools");
            assertThat(browser.find(".service-name").getText()).isEqualTo("Digitale værktøjer i kommunerne");
            respondentPage(browser, "questionnaire page (da)");
            browser.click("#f-uses_platform-1").type("f-tools_count", "3").click("#continue");
            waitForPath(browser, routed + "/p/skills");
            respondentPage(browser, "questionnaire page after routing (da)");
            browser.click("#f-training").click("#continue");
            waitForPath(browser, routed + "/check");
            assertThat(browser.text()).doesNotContain("Hvordan vurderer I platformen?");
            respondentPage(browser, "check page (da)");
            browser.click("#submit");
            waitForPath(browser, routed + "/done");
            assertThat(browser.text()).contains("Tak fordi I hjalp os med at kortlægge kommunernes digitale værktøjer.");
            respondentPage(browser, "thank-you page (da)");

            // the one who saves a page, leaves and comes back later through the same link, at the page it reached
            browser.driver().manage().deleteAllCookies();
            browser.go(resumed);
            waitForPath(browser, resumed + "/p/tools");
            respondentPage(browser, "questionnaire page (en)");
            browser.click("#f-uses_platform").type("f-tools_count", "12").click("#continue");
            waitForPath(browser, resumed + "/p/platform");
            assertThat(browser.text()).contains("How do you rate the platform?");
            respondentPage(browser, "routed page (en)");
            browser.driver().manage().deleteAllCookies();
            browser.go("/health");
            browser.go(resumed);
            waitForPath(browser, resumed + "/p/platform");
            browser.click("#back");
            waitForPath(browser, resumed + "/p/tools");
            assertThat(browser.find("#f-tools_count").getAttribute("value")).isEqualTo("12");

            // the one who answers every page and submits
            browser.driver().manage().deleteAllCookies();
            browser.go(submitted);
            waitForPath(browser, submitted + "/p/tools");
            browser.click("#f-uses_platform").type("f-tools_count", "7").click("#continue");
            waitForPath(browser, submitted + "/p/platform");
            browser.click("#f-platform_rating-1").click("#continue");
            waitForPath(browser, submitted + "/p/skills");
            browser.click("#f-training-2").click("#continue");
            waitForPath(browser, submitted + "/check");
            respondentPage(browser, "check page (en)");
            browser.click("#submit");
            waitForPath(browser, submitted + "/done");
            assertThat(browser.text()).contains("Thank you for helping us map the digital tools of municipalities.");
            respondentPage(browser, "thank-you page (en)");
            browser.go(submitted + "/opt-out");
            respondentPage(browser, "opt-out page (en)");

            // enough others answer over HTTP for the figure's every cell, and one opts out
            Set<String> used = Set.of(routed, resumed, submitted);
            List<String> others = linkOf.entrySet().stream().filter(e -> !used.contains(e.getValue()))
                    .map(Map.Entry::getKey).toList();
            List<String> answeredByPost = new ArrayList<>();
            for (String type : List.of("city", "rural")) {
                List<String> ofType = others.stream().filter(a -> typeOf(a).equals(type)).limit(5).toList();
                for (int i = 0; i < ofType.size(); i++) {
                    answer(linkOf.get(ofType.get(i)), i);
                    answeredByPost.add(ofType.get(i));
                }
            }
            int answered = answeredByPost.size();
            String optingOut = others.stream().filter(a -> !answeredByPost.contains(a)).findFirst().orElseThrow();
            WebClient leaver = server.client();
            assertThat(leaver.get(linkOf.get(optingOut) + "/opt-out").status()).isEqualTo(200);
            assertThat(leaver.postRaw(linkOf.get(optingOut) + "/opt-out", Map.of()).status()).isEqualTo(200);

            // 7. the monitor: every count as the database has it
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            waitForPath(browser, "/admin");
            browser.go(editionPath + "/fieldwork?lang=en");
            axe(browser, "fieldwork monitor");
            List<String> shown = browser.driver().findElements(By.cssSelector("#total-row td")).stream()
                    .map(WebElement::getText).limit(FieldworkPages.DISPOSITIONS.size()).toList();
            Map<String, Integer> counted = monitorCounts(edition);
            assertThat(shown).as("the monitor's " + FieldworkPages.DISPOSITIONS)
                    .containsExactlyElementsOf(FieldworkPages.DISPOSITIONS.stream().map(d -> String.valueOf(counted.get(d))).toList());
            assertThat(counted).containsEntry("sampled", SAMPLED).containsEntry("invited", SAMPLED)
                    .containsEntry("delivered", SAMPLED).containsEntry("completed", answered + 2)
                    .containsEntry("partial", 1).containsEntry("optedOut", 1).containsEntry("bounced", 0);

            // 8. the edition files, with a figure broken down by the register's type of municipality
            browser.go("/admin/analysis/" + edition);
            browser.find("#files").sendKeys(files.toAbsolutePath().toString());
            browser.click("form[action$='/files'] button[type=submit]");
            waitForText(browser, "The edition files are checked and stored as version 1.");
            assertThat(server.count("SELECT count(*) FROM edition_files WHERE edition_id = ?", edition)).isOne();

            // 9. published with a release time to come (embargo)
            browser.script("document.getElementById('release_date').value = arguments[0];"
                    + "document.getElementById('release_time').value = '09:30';", LocalDate.now().plusDays(30).toString());
            browser.click("#set-release");
            waitForPath(browser, "/admin/analysis/" + edition);
            browser.click("form[action$='/jobs'] button[type=submit]");
            waitForText(browser, "Publication job");
            JobStore.Job job = JobWait.awaitEnd(server.jdbi(), Long.parseLong(browser.path().replaceAll(".*/", "")));
            assertThat(job.state()).as(job.log()).isEqualTo("succeeded");
            assertThat(server.client().get("/portal").body()).doesNotContain("Digital tools in municipalities");
            assertThat(server.client().get("/api/figures/training-by-municipality").status()).isEqualTo(404);

            // 10. previewed by staff before release
            browser.go("/admin/analysis/" + edition);
            axe(browser, "analysis page with an embargoed publication");
            browser.click("a[href^='/admin/preview/']");
            assertThat(browser.text()).contains("Preview – not published", "Official statistics on the digital tools municipal workplaces use.");
            axe(browser, "preview front page");
            browser.go(browser.path().replace("/portal", "/portal/themes/skills"));
            assertThat(browser.text()).contains("Training in digital tools by type of municipality", "City", "Rural");
            axe(browser, "preview theme page");
            String previewTheme = browser.path();
            browser.go(previewTheme + "?lang=da");
            assertThat(browser.text()).contains("Forhåndsvisning – ikke offentliggjort", "Kursus i digitale værktøjer efter kommunetype",
                    "By", "Land");
            axe(browser, "preview theme page (da)");

            // 11. released, and read on the public portal
            browser.go("/admin/analysis/" + edition + "?lang=en");
            browser.script("document.getElementById('release_date').value = '';document.getElementById('release_time').value = '';");
            browser.click("#set-release");
            waitForPath(browser, "/admin/analysis/" + edition);
            WebClient visitor = server.client();
            Poll.until(Duration.ofSeconds(30), () -> visitor.get("/api/figures/training-by-municipality").status(), s -> s == 200);
            browser.driver().manage().deleteAllCookies();
            browser.go("/portal?lang=en");
            assertThat(browser.text()).contains("Official statistics on the digital tools municipal workplaces use.").doesNotContain("Preview");
            axe(browser, "portal front page (en)");
            browser.go("/portal/themes/skills");
            assertThat(browser.text()).contains("Training in digital tools by type of municipality", "City", "Rural");
            axe(browser, "portal theme page (en)");
            browser.go("/portal/themes/skills?lang=da");
            assertThat(browser.text()).contains("Kursus i digitale værktøjer efter kommunetype", "By", "Land");
            axe(browser, "portal theme page (da)");
            browser.go("/portal?lang=da");
            axe(browser, "portal front page (da)");

            // the admin pages above once more in Danish
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            waitForPath(browser, "/admin");
            for (String path : List.of(editionPath + "/frame", editionPath + "/sample", editionPath + "/texts",
                    editionPath + "/fieldwork", editionPath + "/fieldwork/outbox", "/admin/analysis/" + edition)) {
                browser.go(path + "?lang=da");
                axe(browser, "admin page (da)");
            }
            browser.go("/admin/editions/new?lang=da");
            axe(browser, "new edition (da)");
            browser.go("/admin?lang=en");

            // 12. everything the survey's public and staff see, in both languages, speaks of this survey only
            List<String> hits = new ArrayList<>(crawl(edition));
            for (MimeMessage m : mail.getReceivedMessages()) {
                hits.addAll(foreign("mail to " + m.getAllRecipients()[0] + ": " + m.getSubject(), m.getSubject() + "\n" + text(m)));
            }
            respondentPages.forEach((path, html) -> hits.addAll(foreign(path, html)));
            assertThat(hits).as("the words of another survey").isEmpty();
        }
        assertThat(violations).as("axe-core WCAG 2.1 A/AA violations").isEmpty();
    }

    // ------------------------------------------------------------------------------------------ the crawl

    /** Reads every page, download and API answer of the portal and the administration, in both languages. */
    private List<String> crawl(long edition) {
        List<String> hits = new ArrayList<>();
        Set<String> downloads = new LinkedHashSet<>();
        int pages = 0;
        for (String lang : List.of("da", "en")) {
            String other = lang.equals("da") ? "lang=en" : "lang=da";
            java.util.function.Predicate<String> follow = p -> Crawl.isPage(p) && !p.contains(other)
                    && !p.startsWith("/r/");
            java.util.function.BiConsumer<String, WebClient.Response> read = (path, r) -> {
                assertThat(r.status()).as(path).isLessThan(500);
                hits.addAll(foreign(lang + " " + path, r.body()));
                Crawl.links(r.body()).stream().filter(Crawl::isDownload).forEach(d -> downloads.add(lang + " " + d));
            };
            Set<String> seen = new LinkedHashSet<>();
            Crawl.walk(server.client().language(lang), List.of("/portal?lang=" + lang), 200, seen, follow, read);
            WebClient admin = server.admin().language(lang);
            Crawl.walk(admin, List.of("/admin?lang=" + lang), 600, seen, follow, read);
            pages += seen.size();
            WebClient api = server.client().language(lang);
            for (String path : List.of("/api/editions", "/api/figures", "/api/figures/training-by-municipality",
                    "/api/openapi.json")) {
                WebClient.Response r = api.get(path + "?lang=" + lang);
                assertThat(r.status()).as(path).isEqualTo(200);
                hits.addAll(foreign(lang + " " + path, r.body()));
                // the downloads the API names
                Matcher named = Pattern.compile("\"(?:https?://[^/\"]+)?(/portal/figures/[^\"{}]+)\"").matcher(r.body());
                while (named.find()) {
                    downloads.add(lang + " " + named.group(1));
                }
            }
            // PX and JSON-stat, which the figure pages do not link (open data, described in the API)
            downloads.add(lang + " /portal/figures/training-by-municipality/data.px?lang=" + lang);
            downloads.add(lang + " /portal/figures/training-by-municipality/data.json-stat?lang=" + lang);
        }
        WebClient[] clients = {server.admin().language("da"), server.admin().language("en")};
        for (String download : downloads) {
            WebClient client = clients[download.startsWith("da ") ? 0 : 1];
            String path = download.substring(3);
            if (path.matches(".*\\.(xlsx|png)(\\?.*)?$") || path.contains("/microdata/")) {
                // binary: fetched, not read
                assertThat(client.download(path).status()).as(path).isEqualTo(200);
            } else {
                WebClient.Response r = client.get(path);
                assertThat(r.status()).as(path).isEqualTo(200);
                hits.addAll(foreign(download, r.body()));
            }
        }
        System.out.println("read " + pages + " pages and " + downloads.size() + " downloads");
        assertThat(pages).isGreaterThan(40);
        assertThat(downloads).anyMatch(d -> d.contains(".csv?")).anyMatch(d -> d.contains(".px?"))
                .anyMatch(d -> d.contains(".json-stat?")).anyMatch(d -> d.contains(".svg?")).anyMatch(d -> d.contains(".png?"));
        return hits;
    }

    /** Each place in {@code text} where one of the foreign words stands, with its context. */
    static List<String> foreign(String place, String text) {
        List<String> hits = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : FOREIGN) {
            for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + word.length())) {
                hits.add(place + ": «" + text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 60))
                        .replaceAll("\\s+", " ") + "»");
            }
        }
        return hits;
    }

    // ------------------------------------------------------------------------------------------ the survey

    static String frameCsv() {
        StringBuilder csv = new StringBuilder("workplace_id,name,manager_name,manager_email,language,municipality_type,it_staff\n");
        for (int i = 1; i <= WORKPLACES; i++) {
            csv.append("M").append(i).append(",Forvaltning ").append(i).append(",Leder ").append(i).append(',')
                    .append(address(i)).append(',').append(i % 2 == 0 ? "da" : "en").append(',')
                    .append(i <= WORKPLACES / 2 ? "city" : "rural").append(',').append(i % 5 == 0 ? "" : String.valueOf(i % 7))
                    .append('\n');
        }
        return csv.toString();
    }

    static String address(int i) {
        return "leder" + i + "@kommune.example";
    }

    static int number(String address) {
        return Integer.parseInt(address.replaceAll("\\D", ""));
    }

    static String typeOf(String address) {
        return number(address) <= WORKPLACES / 2 ? "city" : "rural";
    }

    static String languageOf(String address) {
        return number(address) % 2 == 0 ? "da" : "en";
    }

    /** The sampled addresses of a type of municipality and a language (null: any). */
    static List<String> recipients(Map<String, String> linkOf, String type, String language) {
        return linkOf.keySet().stream().filter(a -> type == null || typeOf(a).equals(type))
                .filter(a -> language == null || languageOf(a).equals(language)).toList();
    }

    static Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("title_da", "Digitale værktøjer i kommunerne");
        t.put("title_en", "Digital tools in municipalities");
        t.put("description_da", "Et kort spørgeskema om de digitale værktøjer, kommunens arbejdspladser bruger.");
        t.put("description_en", "A short questionnaire about the digital tools the municipality's workplaces use.");
        t.put("sender_da", "Kontoret for digitalisering");
        t.put("sender_en", "The Digitalisation Office");
        t.put("contact_da", "digital@kontor.example");
        t.put("contact_en", "digital@office.example");
        t.put("invitation_subject_da", "{survey_title}: {workplace_name} deltager");
        t.put("invitation_subject_en", "{survey_title}: {workplace_name} is taking part");
        t.put("thanks_da", "Tak fordi I hjalp os med at kortlægge kommunernes digitale værktøjer.");
        t.put("thanks_en", "Thank you for helping us map the digital tools of municipalities.");
        return t;
    }

    /** Answers every page over HTTP, as a browser posts them, and submits; {@code i} varies the answers. */
    static void answer(String link, int i) {
        WebClient c = server.client();
        assertThat(c.get(link).status()).isEqualTo(303);
        boolean platform = i % 2 == 0;
        post(c, link + "/p/tools", Map.of("uses_platform", platform ? "yes" : "no", "tools_count", String.valueOf(2 + i)));
        if (platform) {
            post(c, link + "/p/platform", Map.of("platform_rating", List.of("good", "fair", "poor").get(i % 3)));
        }
        post(c, link + "/p/skills", Map.of("training", List.of("often", "sometimes", "never").get(i % 3)));
        assertThat(c.postRaw(link + "/submit", Map.of()).status()).as(link).isEqualTo(303);
    }

    static void post(WebClient c, String path, Map<String, String> answers) {
        Map<String, String> form = new LinkedHashMap<>(answers);
        form.put("_save", UUID.randomUUID().toString());
        WebClient.Response r = c.postRaw(path, form);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(303);
    }

    /** The monitor's dispositions counted straight from the tables, each with its own query. */
    static Map<String, Integer> monitorCounts(long edition) {
        String invitations = "FROM fieldwork_invitation i WHERE i.edition_id = ?";
        String responses = "FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id WHERE i.edition_id = ?";
        String mailed = "EXISTS (SELECT 1 FROM fieldwork_outbox o JOIN fieldwork_mailing m ON m.id = o.mailing_id "
                + "WHERE o.invitation_id = i.id AND m.kind = 'invitation' AND o.state IN ('sent', 'bounced'))";
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("sampled", server.count("SELECT count(*) " + invitations, edition));
        c.put("invited", server.count("SELECT count(*) " + invitations + " AND " + mailed, edition));
        c.put("delivered", server.count("SELECT count(*) " + invitations + " AND i.bounced_at IS NULL AND " + mailed, edition));
        c.put("opened", server.count("SELECT count(*) " + responses, edition));
        c.put("started", server.count("SELECT count(*) " + responses + " AND (r.saves > 0 OR r.state = 'submitted')", edition));
        c.put("partial", server.count("SELECT count(*) " + responses + " AND r.saves > 0 AND r.state <> 'submitted'", edition));
        c.put("completed", server.count("SELECT count(*) " + responses + " AND r.state = 'submitted'", edition));
        c.put("optedOut", server.count("SELECT count(*) " + invitations + " AND i.opted_out_at IS NOT NULL", edition));
        c.put("bounced", server.count("SELECT count(*) " + invitations + " AND i.bounced_at IS NOT NULL", edition));
        return c;
    }

    /** edition.json and its one figure: the training question broken down by the register's type of municipality. */
    static Map<String, String> editionFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("edition.json", """
                {"id": "digital-2026",
                 "title": {"da": "Digitale værktøjer i kommunerne 2026", "en": "Digital tools in municipalities 2026"},
                 "portal": {"title": {"da": "Digitale værktøjer i kommunerne", "en": "Digital tools in municipalities"},
                            "lead": {"da": "Officiel statistik om de digitale værktøjer, kommunernes arbejdspladser bruger.",
                                     "en": "Official statistics on the digital tools municipal workplaces use."}},
                 "form": "digital_tools_2026",
                 "minCellCount": 1,
                 "weighting": {"method": "raking", "margins": [["municipality_type"]]},
                 "derived": [{"name": "municipality", "expression": "${municipality_type}",
                              "label": {"da": "Kommunetype", "en": "Type of municipality"},
                              "categories": [{"value": "city", "label": {"da": "By", "en": "City"}},
                                             {"value": "rural", "label": {"da": "Land", "en": "Rural"}}]}],
                 "themes": [{"id": "skills", "title": {"da": "Kompetencer", "en": "Skills"},
                             "intro": {"da": "Hvor ofte medarbejderne får kursus i digitale værktøjer.",
                                       "en": "How often employees are trained in digital tools."}}],
                 "headlines": [{"condition": "${uses_platform} = 'yes'",
                                "text": {"da": "af arbejdspladserne bruger en fælles digital platform",
                                         "en": "of workplaces use a shared digital platform"}}],
                 "figures": ["figures/training.json"]}""");
        files.put("figures/training.json", """
                {"id": "training-by-municipality", "number": "1", "theme": "skills",
                 "title": {"da": "Kursus i digitale værktøjer efter kommunetype",
                           "en": "Training in digital tools by type of municipality"},
                 "description": {"da": "Figuren viser, hvor ofte medarbejderne får kursus i digitale værktøjer, i by- og landkommuner",
                                 "en": "The figure shows how often employees are trained in digital tools, in city and rural municipalities"},
                 "variable": "training", "categories": ["often", "sometimes", "never"],
                 "breakdown": "municipality", "chart": "stacked", "decimals": 0, "interval": "logit", "test": "overall"}""");
        return files;
    }

    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The survey's questionnaire as an XLSForm: three pages about digital tools, the second asked only of users of a shared platform. */
    static final class DigitalToolsForm {
        private DigitalToolsForm() {}

        static final String[] SURVEY_HEADER = {"type", "name", "label::Dansk (da)", "label::English (en)", "required", "relevant",
                "constraint"};
        static final List<String[]> SURVEY = List.of(
                new String[] {"begin group", "tools", "Værktøjer", "Tools", "", "", ""},
                new String[] {"select_one yn", "uses_platform", "Bruger arbejdspladsen en fælles digital platform?",
                        "Does the workplace use a shared digital platform?", "yes", "", ""},
                new String[] {"integer", "tools_count", "Hvor mange digitale værktøjer bruger I dagligt?",
                        "How many digital tools do you use every day?", "yes", "", ". >= 0 and . <= 1000"},
                new String[] {"end group", "", "", "", "", "", ""},
                new String[] {"begin group", "platform", "Platformen", "The platform", "", "${uses_platform} = 'yes'", ""},
                new String[] {"select_one rating", "platform_rating", "Hvordan vurderer I platformen?", "How do you rate the platform?",
                        "yes", "", ""},
                new String[] {"end group", "", "", "", "", "", ""},
                new String[] {"begin group", "skills", "Kompetencer", "Skills", "", "", ""},
                new String[] {"select_one training", "training", "Hvor ofte får medarbejderne kursus i digitale værktøjer?",
                        "How often are employees trained in digital tools?", "yes", "", ""},
                new String[] {"end group", "", "", "", "", "", ""});
        static final List<String[]> CHOICES = List.of(
                new String[] {"yn", "yes", "Ja", "Yes"}, new String[] {"yn", "no", "Nej", "No"},
                new String[] {"rating", "good", "God", "Good"}, new String[] {"rating", "fair", "Middel", "Fair"},
                new String[] {"rating", "poor", "Dårlig", "Poor"},
                new String[] {"training", "often", "Ofte", "Often"}, new String[] {"training", "sometimes", "Nogle gange", "Sometimes"},
                new String[] {"training", "never", "Aldrig", "Never"});

        static byte[] xlsx() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                Workbook wb = new Workbook(out, "barometer-test", "1.0");
                write(wb.newWorksheet("survey"), SURVEY_HEADER, SURVEY);
                write(wb.newWorksheet("choices"), new String[] {"list_name", "name", "label::Dansk (da)", "label::English (en)"}, CHOICES);
                write(wb.newWorksheet("settings"), new String[] {"form_title", "form_id", "version", "default_language"},
                        List.<String[]>of(new String[] {"Digitale værktøjer i kommunerne", "digital_tools_2026", "1", "Dansk (da)"}));
                wb.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static void write(Worksheet ws, String[] header, List<String[]> rows) {
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).length; c++) {
                    if (!rows.get(r)[c].isEmpty()) {
                        ws.value(r + 1, c, rows.get(r)[c]);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the browser

    private void axe(Browser browser, String pageType) {
        for (String v : browser.axeViolations()) {
            violations.add(pageType + " " + browser.path() + ": " + v);
        }
    }

    /** Keeps a respondent's page for the crawl's reading and checks it with axe. */
    private void respondentPage(Browser browser, String pageType) {
        respondentPages.put(pageType + " " + browser.path(), browser.driver().getPageSource());
        axe(browser, pageType);
    }

    static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof Multipart parts) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < parts.getCount(); i++) {
                    sb.append(parts.getBodyPart(i).getContent()).append('\n');
                }
                return sb.toString();
            }
            return (String) content;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitForText(Browser browser, String text) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> browser.text().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertion below shows the page
        }
        assertThat(browser.text()).contains(text);
    }

    private static void waitForPath(Browser browser, String path) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.path().equals(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertion below names both paths
        }
        assertThat(browser.path()).isEqualTo(path);
    }
}
