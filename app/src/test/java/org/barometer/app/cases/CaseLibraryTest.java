package org.barometer.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.demo.DemoCases;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The case library over HTTP on a real database: facet counts against counts taken from the tables, search with
 * Danish stemming, every refusal of a bad submission (naming its field, storing nothing), the honeypot, the rate
 * limit of a burst from one client, and the editor's publishing.
 */
class CaseLibraryTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_TRUSTED_PROXIES", "127.0.0.1,::1");

    /** Each test's visitors come from their own addresses, so one test's submissions never count in another's. */
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);
    private static final Pattern FACET = Pattern.compile(
            "data-facet=\"(\\w+)\" data-code=\"([^\"]+)\".*?data-count=\"(\\d+)\"", Pattern.DOTALL);
    /** A PNG of one pixel. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @BeforeAll
    static void seed() {
        assertThat(DemoCases.seed(server.platform())).isEqualTo(2 + DemoCases.SYNTHETIC);
    }

    static WebClient visitor() {
        return server.client().forwardedFor("10.1.0." + ADDRESS.getAndIncrement());
    }

    static int cases() {
        return server.count("select count(*) from cases_case");
    }

    @Test
    void everyFacetCountIsTheDatabasesCount() {
        for (String query : List.of("", "sector=health", "q=" + enc("robotter"), "level=municipality&value=efficiency")) {
            WebClient.Response r = visitor().get("/portal/cases?lang=en&" + query);
            assertThat(r.status()).isEqualTo(200);
            Map<String, Integer> shown = new HashMap<>();
            Matcher m = FACET.matcher(r.body());
            while (m.find()) {
                shown.put(m.group(1) + "=" + m.group(2), Integer.parseInt(m.group(3)));
            }
            String where = switch (query) {
                case "" -> "true";
                case "sector=health" -> "sector = 'health'";
                case "level=municipality&value=efficiency" -> "level = 'municipality' and value = 'efficiency'";
                default -> "exists (select 1 from cases_version v where v.case_id = c.id and v.search @@ "
                        + "case v.lang when 'da' then plainto_tsquery('danish', 'robotter') else plainto_tsquery('english', 'robotter') end)";
            };
            Map<String, Integer> counted = new HashMap<>();
            for (String kind : List.of("level", "sector", "technology", "value")) {
                server.jdbi().useHandle(h -> h.createQuery("select " + kind + ", count(*) from cases_case c "
                                + "where status = 'published' and " + where + " group by 1")
                        .map((rs, c) -> Map.entry(kind + "=" + rs.getString(1), rs.getInt(2)))
                        .forEach(e -> counted.put(e.getKey(), e.getValue())));
            }
            assertThat(counted).as(query).isNotEmpty();
            assertThat(shown).as(query).isEqualTo(counted);
            int total = server.count("select count(*) from cases_case c where status = 'published' and " + where);
            assertThat(r.body()).as(query).contains(total == 1 ? "1 case found" : total + " cases found");
        }
    }

    @Test
    void danishSearchFindsInflectedWords() {
        // "robotter" (plural) finds the case that speaks of "en lille robot"; "innovationer" finds "innovationen"
        WebClient.Response robots = visitor().get("/portal/cases?lang=da&q=" + enc("robotter"));
        assertThat(robots.body()).contains("Robotvennen Wheel holder børn med selskab på hospitalet");
        WebClient.Response innovations = visitor().get("/portal/cases?lang=da&q=" + enc("innovationer"));
        int danish = server.count("select count(*) from cases_version where lang = 'da' and search @@ to_tsquery('danish', 'innovation')");
        assertThat(danish).isGreaterThan(5);
        assertThat(innovations.body()).contains("Digital booking af lokaler");
        // an English word is stemmed as English in English versions
        assertThat(visitor().get("/portal/cases?lang=en&q=" + enc("sensors measuring")).body())
                .contains("Sensors measure the indoor climate at school");
        assertThat(visitor().get("/portal/cases?lang=da&q=" + enc("zzzxqy")).body()).contains("Ingen cases fundet");
    }

    @Test
    void aValidSubmissionIsStoredAsSubmittedAndNotShown() {
        int before = cases();
        WebClient v = visitor();
        WebClient.Response r = v.submit("/portal/cases/submit?lang=da", "/portal/cases/submit",
                CaseFixtures.validForm("Bestilling af frokost mindsker madspild"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).startsWith("/portal/cases/submitted");
        assertThat(cases()).isEqualTo(before + 1);
        long id = server.count("select max(id) from cases_case");
        assertThat(server.count("select count(*) from cases_case where id = ? and status = 'submitted' and source = 'public'", id)).isEqualTo(1);
        assertThat(visitor().get("/portal/cases/" + id).status()).isEqualTo(404);
    }

    @Test
    void badSubmissionsAreRefusedNamingTheFieldAndStoreNothing() {
        Map<String, Map.Entry<String, String>> cases = new LinkedHashMap<>();
        cases.put("title is too long: at most 200", Map.entry("title", "x".repeat(201)));
        cases.put("summary is too long: at most 1,000", Map.entry("summary", "y".repeat(1_001)));
        cases.put("the problem is too long: at most 5,000", Map.entry("problem", "z ".repeat(2_501)));
        cases.put("the solution contains markup", Map.entry("solution", "We used <script>alert(1)</script> well"));
        cases.put("title contains markup", Map.entry("title", "A <b>bold</b> title"));
        cases.put("organisation is missing", Map.entry("organisation", ""));
        cases.put("government level: choose one of the listed values", Map.entry("level", "galaxy"));
        cases.put("contact person's e-mail is not an e-mail address", Map.entry("contact_email", "not-an-address"));
        cases.put("links: at most 5 addresses", Map.entry("links", "javascript:alert(1)"));
        cases.put("the field 'leave this field empty' must be left empty", Map.entry("website", "http://spam.example"));
        for (Map.Entry<String, Map.Entry<String, String>> c : cases.entrySet()) {
            int before = cases();
            Map<String, String> form = CaseFixtures.validForm("A case with one bad field");
            form.put("lang", "en");
            form.put(c.getValue().getKey(), c.getValue().getValue());
            WebClient v = visitor();
            WebClient.Response r = v.submit("/portal/cases/submit?lang=en", "/portal/cases/submit", form);
            assertThat(r.status()).as(c.getKey()).isEqualTo(422);
            assertThat(r.body().toLowerCase(java.util.Locale.ROOT).replace("&#39;", "'")).as(c.getKey()).contains(c.getKey());
            assertThat(r.body()).as(c.getKey()).contains("href=\"#" + c.getValue().getKey() + "\"");
            assertThat(r.body()).doesNotContain("<script>alert(1)</script>").doesNotContain("<b>bold</b>");
            assertThat(cases()).as(c.getKey()).isEqualTo(before);
        }
    }

    @Test
    void anImageNeedsItsAltTextAndMustBeAnImage() {
        int before = cases();
        Map<String, String> form = CaseFixtures.validForm("A case with an image");
        WebClient v = visitor();
        v.get("/portal/cases/submit?lang=en");
        WebClient.Response noAlt = v.postMultipart("/portal/cases/submit", form, "image", "photo.png", PNG);
        assertThat(noAlt.status()).isEqualTo(422);
        assertThat(noAlt.body()).contains("Alt text of the image is missing").contains("href=\"#image_alt\"");
        form.put("image_alt", "A canteen with a tablet for ordering lunch");
        WebClient.Response notImage = v.postMultipart("/portal/cases/submit", form, "image", "photo.png",
                "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertThat(notImage.status()).isEqualTo(422);
        assertThat(notImage.body()).contains("only PNG and JPEG images");
        WebClient.Response tooLarge = v.postMultipart("/portal/cases/submit", form, "image", "big.png",
                java.util.Arrays.copyOf(PNG, CaseDraft.IMAGE_MAX_BYTES + 10));
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.body()).contains("larger than 2 MB");
        assertThat(cases()).isEqualTo(before);
        assertThat(server.count("select count(*) from cases_image")).isZero();
        WebClient.Response ok = v.postMultipart("/portal/cases/submit", form, "image", "photo.png", PNG);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(server.count("select count(*) from cases_image where alt = 'A canteen with a tablet for ordering lunch'"))
                .isEqualTo(1);
    }

    @Test
    void aBurstFromOneClientIsRefusedWith429() {
        WebClient v = visitor();
        v.get("/portal/cases/submit?lang=en");
        int before = cases();
        int accepted = org.barometer.app.testing.Burst.until429(CasePages.DEFAULT_PER_MINUTE, 303,
                i -> v.post("/portal/cases/submit", CaseFixtures.validForm("Burst case " + i))).accepted();
        assertThat(cases()).isEqualTo(before + accepted);
        // the refusal is the client's: another visitor may still submit
        assertThat(visitor().submit("/portal/cases/submit?lang=en", "/portal/cases/submit",
                CaseFixtures.validForm("Another visitor's case")).status()).isEqualTo(303);
    }

    @Test
    void anEditorPublishesAndRetiresAndOthersMayNot() {
        new UserStore(server.jdbi()).create("edna", "Edna Editor", Role.EDITOR, "a long password for edna");
        new UserStore(server.jdbi()).create("anal", "Ana Lyst", Role.ANALYST, "a long password for anal");
        WebClient submitter = visitor();
        submitter.submit("/portal/cases/submit?lang=da", "/portal/cases/submit", CaseFixtures.validForm("Frokost på bestilling"));
        long id = server.count("select max(id) from cases_case");
        WebClient analyst = server.client();
        analyst.login("anal", "a long password for anal");
        assertThat(analyst.get("/admin/cases").status()).isEqualTo(403);
        analyst.get("/admin");
        assertThat(analyst.post("/admin/cases/" + id + "/publish", Map.of()).status()).isEqualTo(403);
        WebClient editor = server.client();
        editor.login("edna", "a long password for edna");
        assertThat(editor.get("/admin/cases?status=submitted").body()).contains("Frokost på bestilling");
        assertThat(editor.get("/admin/editions").status()).isEqualTo(403);
        WebClient.Response review = editor.get("/admin/cases/" + id);
        assertThat(review.status()).isEqualTo(200);
        // an edit with a bad field is refused and changes nothing
        Map<String, String> bad = CaseFixtures.validForm("<i>Frokost</i>");
        WebClient.Response refused = editor.post("/admin/cases/" + id, bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(server.count("select count(*) from cases_version where case_id = ? and title = 'Frokost på bestilling'", id)).isEqualTo(1);
        // an English version added by the editor
        Map<String, String> en = CaseFixtures.validForm("Lunch to order cuts food waste");
        en.put("lang", "en");
        editor.get("/admin/cases/" + id + "?version=en");
        assertThat(editor.post("/admin/cases/" + id, en).status()).isEqualTo(303);
        assertThat(server.count("select count(*) from cases_version where case_id = ?", id)).isEqualTo(2);
        editor.get("/admin/cases/" + id);
        assertThat(editor.post("/admin/cases/" + id + "/publish", Map.of()).status()).isEqualTo(303);
        assertThat(server.count("select count(*) from cases_case where id = ? and status = 'published' and published_at is not null", id)).isEqualTo(1);
        WebClient.Response page = visitor().get("/portal/cases/" + id + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Lunch to order cuts food waste").contains("Karin Eksempel").contains("CC BY 4.0");
        assertThat(visitor().get("/portal/cases/" + id + "?lang=da").body()).contains("Frokost på bestilling");
        editor.get("/admin/cases/" + id);
        assertThat(editor.post("/admin/cases/" + id + "/retire", Map.of()).status()).isEqualTo(303);
        assertThat(visitor().get("/portal/cases/" + id).status()).isEqualTo(404);
        assertThat(server.count("select count(*) from audit_log where action in ('cases.published', 'cases.retired', 'cases.edit')")).isEqualTo(3);
    }

    @Test
    void aContactIsShownOnlyWithConsent() {
        Map<String, String> form = CaseFixtures.validForm("Samtykke til visning");
        form.put("contact_consent", "");
        form.put("contact_name", "Hemmelig Kontakt");
        visitor().submit("/portal/cases/submit?lang=da", "/portal/cases/submit", form);
        long id = server.count("select max(id) from cases_case");
        new CaseStore(server.jdbi()).setStatus(id, "published");
        String page = visitor().get("/portal/cases/" + id + "?lang=da").body();
        assertThat(page).contains("Samtykke til visning").doesNotContain("Hemmelig Kontakt").doesNotContain("karin@example.org");
    }

    @Test
    void aPersonalLinkFilesOneCaseAndTheConsentStaysWithTheResponse() {
        String token = CaseFixtures.offeredRespondent(server.jdbi(), "Rådhuset i Testby");
        WebClient respondent = visitor();
        assertThat(respondent.get("/r/" + token + "/done").body()).contains("Må vi kontakte dig om jeres seneste innovation");
        WebClient.Response yes = respondent.postRaw("/r/" + token + "/case", Map.of());
        assertThat(yes.status()).isEqualTo(303);
        String link = yes.location().replaceAll("\\?.*", "");
        assertThat(link).matches("/portal/cases/submit/[A-Za-z0-9_-]{22}");
        assertThat(server.count("select count(*) from respond_response where case_contact_consent_at is not null")).isGreaterThanOrEqualTo(1);
        assertThat(respondent.get(link).body()).contains("value=\"Rådhuset i Testby\"");
        int before = cases();
        assertThat(respondent.post(link, CaseFixtures.validForm("En case via et personligt link")).status()).isEqualTo(303);
        assertThat(cases()).isEqualTo(before + 1);
        assertThat(server.count("select count(*) from cases_case c join cases_invite i on i.case_id = c.id "
                + "where c.source = 'personal' and i.used_at is not null")).isEqualTo(1);
        // used once: the link says so and stores nothing more
        WebClient.Response again = respondent.post(link, CaseFixtures.validForm("A second case"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(cases()).isEqualTo(before + 1);
        // an unknown link and a respondent of an edition without the offer are refused
        assertThat(visitor().get("/portal/cases/submit/AAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
