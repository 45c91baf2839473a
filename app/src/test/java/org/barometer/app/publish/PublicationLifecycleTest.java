package org.barometer.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.portal.PublishedEditions;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.barometer.app.web.WebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publication's life over HTTP: previewed by staff before its release (and nothing of it for anyone else), the
 * edition shown first chosen by staff, a published edition withdrawn with a notice in both languages (every figure,
 * API call and download of it gone), every refusal changing nothing, a newer publication released by an explicit
 * action, and axe-core on every page of it in both languages. Two editions published from the demo's files (an
 * older one, 2017, and the newest), a newer publication of the newest under embargo, and an edition never
 * published.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationLifecycleTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NOTICE_DA = "Tallene for 2017 er trukket tilbage, fordi vægtene var forkerte.";
    static final String NOTICE_EN = "The figures for 2017 were withdrawn because their weights were wrong.";

    static long older;
    static long newest;
    static long newestPublication;
    /** A newer publication of the newest edition, under embargo: what staff preview. */
    static long embargoed;
    /** An edition without any publication. */
    static long unpublished;
    static WebClient admin;

    @BeforeAll
    static void publish() throws Exception {
        older = DemoEdition.load(server.jdbi()).edition().id();
        server.jdbi().useHandle(h -> h.createUpdate(
                "update edition set name = 'Innovation Barometer 2017', year = 2017 where id = :e").bind("e", older).execute());
        assertThat(DemoEdition.answer(server.jdbi(), older, 2017)).isGreaterThan(2_000);
        DemoEdition.publish(server.jdbi(), older);
        newest = DemoEdition.load(server.jdbi()).edition().id();
        DemoEdition.publish(server.jdbi(), newest);
        newestPublication = server.count("select max(id) from publication where edition_id = ?", newest);
        embargoed = server.jdbi().withHandle(h -> h.createQuery("""
                insert into publication (edition_id, weights_id, spec_folder, figures, release_at)
                select edition_id, weights_id, spec_folder, figures, now() + interval '1 day' from publication
                where id = :p returning id""").bind("p", newestPublication).mapTo(Long.class).one());
        unpublished = server.jdbi().withHandle(h -> h.createUpdate(
                "insert into edition (name, year) values ('Never published', 2030)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        JsonNode listed = Poll.until(Duration.ofSeconds(60), () -> editions("en").path("editions"), e -> e.size() == 2);
        assertThat(listed.findValuesAsText("id")).containsExactly(Long.toString(newest), Long.toString(older));
        server.awaitEditionsComplete();
        admin = server.admin();
    }

    static JsonNode editions(String lang) {
        return json(server.client().get("/api/editions?lang=" + lang).body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The respondents behind a figure of a publication shown, as the API gives them. */
    static int n(WebClient client, String path) {
        return json(client.get(path).body()).path("n").asInt();
    }

    /**
     * Every GET route of the portal that shows an edition, with its parameters filled in: those that staff can
     * preview too (pages of the portal that belong to no edition — the series, the case library — have no preview).
     */
    static List<String> editionRoutes() {
        List<String> paths = new ArrayList<>();
        java.util.Set<String> previewed = new java.util.HashSet<>();
        String prefix = org.barometer.app.portal.PortalPages.PREVIEW_PREFIX + "/{publication}";
        for (WebServer.DeclaredRoute r : server.routes()) {
            if (r.path().startsWith(prefix)) {
                previewed.add(r.method() + " " + r.path().substring(prefix.length()));
            }
        }
        for (WebServer.DeclaredRoute r : server.routes()) {
            if (r.method().equals("GET") && previewed.contains("GET " + r.path())) {
                paths.add(r.path().replace("{theme}", "technology").replace("{id}", "technology-part"));
            }
        }
        assertThat(paths).hasSizeGreaterThanOrEqualTo(13);
        return paths;
    }

    static String with(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    @Test
    @Order(1)
    void staffPreviewAPublicationUnderEmbargoAndNobodyElseSeesAnythingOfIt() {
        String preview = "/admin/preview/" + embargoed;
        int answeredBefore = server.count("select count(*) from explorer_answered where edition_id = ?", newest);
        WebClient staff = admin.language("en");
        WebClient.Response front = staff.get(preview + "/portal?lang=en");
        assertThat(front.status()).isEqualTo(200);
        assertThat(front.body()).contains("Preview – not published").contains("Publication " + embargoed)
                .contains("href=\"" + preview + "/portal/themes/technology\"")
                .contains("href=\"" + preview + "/portal/methods\"");
        assertThat(server.admin().get(preview + "/portal/themes/technology?lang=da").body())
                .contains("Forhåndsvisning – ikke offentliggjort").contains("Figur 1.")
                .contains("href=\"" + preview + "/portal/figures/technology-part/data.csv?lang=da\"");
        for (String path : editionRoutes()) {
            assertThat(staff.get(preview + path).status()).as(preview + path).isEqualTo(path.equals("/api/explore") ? 409 : 200);
        }
        // exactly as the public will see it: the same numbers as the publication it copies
        assertThat(n(staff, preview + "/api/figures/technology-part"))
                .isEqualTo(n(server.client(), "/api/figures/technology-part?edition=" + newest));
        // the explorer answers nothing in a preview, and leaves no trace in what the public's explorer has answered
        WebClient.Response explorer = staff.get(preview + "/portal/explorer?q=values&by=gov_level");
        assertThat(explorer.body()).contains("In a preview the explorer answers no question")
                .contains("action=\"" + preview + "/portal/explorer\"").doesNotContain("Rao–Scott F =");
        assertThat(server.count("select count(*) from explorer_answered where edition_id = ?", newest)).isEqualTo(answeredBefore);
        // staff: an unknown publication is 404; a released one is sent to the portal itself
        assertThat(staff.get("/admin/preview/999999/portal").status()).isEqualTo(404);
        assertThat(staff.get("/admin/preview/nonsense/portal").status()).isEqualTo(404);
        WebClient.Response released = staff.get("/admin/preview/" + newestPublication + "/portal/methods?lang=en");
        assertThat(released.status()).isEqualTo(303);
        assertThat(released.location()).isEqualTo("/portal/methods?edition=" + newest + "&lang=en");

        // anyone else: sent to sign in, the same for an embargoed, a released and a missing publication
        for (String path : editionRoutes()) {
            List<String> answers = new ArrayList<>();
            for (long id : new long[] {embargoed, newestPublication, 999999}) {
                WebClient.Response r = server.client().get("/admin/preview/" + id + path);
                answers.add(r.status() + " " + String.valueOf(r.location()).replace("preview%2F" + id + "%2F", "preview%2FID%2F") + " " + r.body());
            }
            assertThat(answers.get(0)).as(path).startsWith("303 /login?next=");
            assertThat(answers).as(path).containsOnly(answers.get(0));
        }
        // and the public portal goes on showing the publication before it, however often staff previewed
        JsonNode listed = editions("en").path("editions");
        assertThat(listed.path(0).path("publication").asLong()).isEqualTo(newestPublication);
        for (String path : editionRoutes()) {
            assertThat(server.client().get(path).body()).as(path).doesNotContain("Preview").doesNotContain("Forhåndsvisning");
        }
        assertThat(server.client().get("/portal?lang=en&preview=" + embargoed).body()).doesNotContain("Preview");
    }

    @Test
    @Order(2)
    void staffChooseTheEditionShownFirstAndOnlyAPublishedOne() throws Exception {
        WebClient en = server.client().language("en");
        String olderN = "n = " + String.format(java.util.Locale.US, "%,d",
                n(en, "/api/figures/technology-part?edition=" + older));
        assertThat(json(en.get("/api/figures").body()).path("editionId").asText()).isEqualTo(Long.toString(newest));
        assertThat(editions("en").path("editions").path(0).path("default").asBoolean()).isTrue();

        admin.get("/admin/analysis/" + older);
        assertThat(admin.post("/admin/analysis/" + older + "/shown-first", Map.of("shown_first", "yes")).status())
                .isEqualTo(303);
        String olderKey = Long.toString(older);
        JsonNode api = Poll.until(Duration.ofSeconds(5), () -> json(en.get("/api/figures").body()),
                b -> b.path("editionId").asText().equals(olderKey));
        assertThat(api.path("editionId").asText()).isEqualTo(olderKey);
        assertThat(en.get("/portal/themes/technology").body()).contains(olderN);
        JsonNode listed = editions("en").path("editions");
        assertThat(listed.path(0).path("id").asText()).as("still listed newest first").isEqualTo(Long.toString(newest));
        assertThat(listed.path(0).path("default").asBoolean()).isFalse();
        assertThat(listed.path(1).path("default").asBoolean()).isTrue();
        assertThat(admin.get("/admin/analysis/" + older).body()).contains("The portal shows this edition first");

        // refusals: an edition never published, an unknown one, no choice; nothing changes
        WebClient.Response never = admin.post("/admin/analysis/" + unpublished + "/shown-first", Map.of("shown_first", "yes"));
        assertThat(never.status()).isEqualTo(409);
        assertThat(never.body()).contains("This edition cannot be shown first: none of its publications has been released");
        assertThat(admin.post("/admin/analysis/999999/shown-first", Map.of("shown_first", "yes")).status()).isEqualTo(404);
        WebClient.Response none = admin.post("/admin/analysis/" + newest + "/shown-first", Map.of());
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.body()).contains("Choose whether this edition is shown first");
        assertThat(server.count("select edition_id from publication_default")).isEqualTo((int) older);
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.shownFirst'")).isOne();
    }

    @Test
    @Order(3)
    void aBadWithdrawalIsRefusedNamingItsFieldAndChangesNothing() {
        String path = "/admin/analysis/" + older + "/withdraw";
        admin.get("/admin/analysis/" + older);
        WebClient.Response empty = admin.post(path, Map.of("notice_da", "  ", "notice_en", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("There is a problem")
                .contains("Notice in Danish: write the notice the portal shows Danish visitors")
                .contains("Notice in English: write the notice the portal shows English visitors")
                .contains("href=\"#notice_da\"").contains("aria-invalid=\"true\"");
        WebClient.Response english = admin.post(path, Map.of("notice_da", NOTICE_DA));
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.body()).contains("Notice in English: write").doesNotContain("Notice in Danish: write")
                .contains(NOTICE_DA);
        WebClient.Response tooLong = admin.post(path, Map.of("notice_da", NOTICE_DA, "notice_en", "x".repeat(2_001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Notice in English: write at most 2,000 characters");
        WebClient da = server.admin();
        da.get("/admin/analysis/" + older + "?lang=da");
        WebClient.Response danish = da.post(path, Map.of("notice_en", NOTICE_EN));
        assertThat(danish.body()).contains("Meddelelse på dansk: skriv den meddelelse");
        assertThat(admin.post("/admin/analysis/999999/withdraw", Map.of("notice_da", NOTICE_DA, "notice_en", NOTICE_EN))
                .status()).isEqualTo(404);
        WebClient.Response never = admin.post("/admin/analysis/" + unpublished + "/withdraw",
                Map.of("notice_da", NOTICE_DA, "notice_en", NOTICE_EN));
        assertThat(never.status()).isEqualTo(409);
        assertThat(never.body()).contains("Nothing to withdraw: no publication of this edition has been released");
        assertThat(server.count("select count(*) from publication where withdrawn_at is not null")).isZero();
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.withdraw'")).isZero();
        assertThat(editions("en").path("editions").size()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aWithdrawnEditionShowsItsNoticeInPlaceOfEveryFigureApiCallAndDownload() throws Exception {
        admin.get("/admin/analysis/" + older);
        WebClient.Response done = admin.post("/admin/analysis/" + older + "/withdraw",
                Map.of("notice_da", NOTICE_DA, "notice_en", NOTICE_EN));
        assertThat(done.status()).isEqualTo(303);
        assertThat(admin.get(done.location()).body()).contains("is withdrawn. The portal shows the notice in its place")
                .contains(NOTICE_EN).contains(NOTICE_DA);
        JsonNode listed = Poll.until(Duration.ofSeconds(5), () -> editions("en"), e -> e.path("withdrawn").size() == 1);
        assertThat(listed.path("withdrawn").path(0).path("id").asText()).isEqualTo(Long.toString(older));
        assertThat(listed.path("withdrawn").path(0).path("notice").asText()).isEqualTo(NOTICE_EN);
        assertThat(editions("da").path("withdrawn").path(0).path("notice").asText()).isEqualTo(NOTICE_DA);
        assertThat(listed.path("editions").findValuesAsText("id")).containsExactly(Long.toString(newest));
        assertThat(listed.path("editions").path(0).path("default").asBoolean())
                .as("the newest is shown first again").isTrue();
        assertThat(server.client().get("/api/figures").body()).contains("\"editionId\":\"" + newest + "\"");
        assertThat(server.client().get("/portal?lang=en").body()).doesNotContain("edition-switch")
                .doesNotContain("<option value=\"" + older + "\"");

        for (String path : editionRoutes()) {
            for (String lang : List.of("en", "da")) {
                WebClient.Response r = server.client().get(with(path, "edition=" + older + "&lang=" + lang));
                assertThat(r.status()).as(path + " " + lang).isEqualTo(410);
                assertThat(r.body()).as(path + " " + lang).contains(lang.equals("da") ? NOTICE_DA : NOTICE_EN)
                        .doesNotContain(lang.equals("da") ? NOTICE_EN : NOTICE_DA);
                if (path.startsWith("/api/")) {
                    assertThat(json(r.body()).path("error").asText()).isEqualTo("withdrawn");
                } else {
                    assertThat(r.body()).contains(lang.equals("da") ? "Denne publikation er trukket tilbage"
                            : "This publication has been withdrawn").contains(lang.equals("da") ? "Trukket tilbage " : "Withdrawn on ");
                }
            }
        }
        // refused now: choosing it to be shown first, withdrawing it again
        WebClient.Response first = admin.post("/admin/analysis/" + older + "/shown-first", Map.of("shown_first", "yes"));
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.body()).contains("its publication has been withdrawn");
        WebClient.Response again = admin.post("/admin/analysis/" + older + "/withdraw",
                Map.of("notice_da", NOTICE_DA, "notice_en", NOTICE_EN));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("has been withdrawn already");
        assertThat(server.count("select count(*) from publication_default")).isZero();
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.withdraw' and target = ?",
                "edition:" + older)).isOne();
        assertThat(server.publications().withdrawn()).extracting(PublishedEditions.Withdrawn::editionId).containsExactly(older);
    }

    @Test
    @Order(5)
    void everyPageOfTheLifeCyclePassesAxeInBothLanguages() {
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            for (String lang : List.of("en", "da")) {
                browser.go("/portal?edition=" + older + "&lang=" + lang);
                assertThat(browser.text()).contains(lang.equals("da") ? NOTICE_DA : NOTICE_EN);
                problems.addAll(browser.axeViolations().stream().map(v -> lang + " withdrawn: " + v).toList());
                browser.go("/login?lang=" + lang);
                browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
                String preview = "/admin/preview/" + embargoed;
                for (String page : List.of("/admin/analysis/" + newest, "/admin/analysis/" + older,
                        "/admin/analysis/" + unpublished, preview + "/portal", preview + "/portal/themes/technology",
                        preview + "/portal/explorer?q=values", preview + "/portal/methods")) {
                    browser.go(page);
                    problems.addAll(browser.axeViolations().stream().map(v -> lang + " " + page + ": " + v).toList());
                }
                // the withdrawal form sent empty: its errors
                browser.go("/admin/analysis/" + newest);
                browser.click("#withdraw");
                assertThat(browser.text()).contains(lang.equals("da") ? "Meddelelse på dansk: skriv" : "Notice in Danish: write");
                problems.addAll(browser.axeViolations().stream().map(v -> lang + " withdrawal refused: " + v).toList());
                browser.click("form.logout button");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(6)
    void aWithdrawnPublicationStaysWithdrawnAndOnlyANewerOneReleasedBringsTheEditionBack() throws Exception {
        admin.get("/admin/analysis/" + newest);
        assertThat(admin.post("/admin/analysis/" + newest + "/withdraw", Map.of("notice_da", "Trukket tilbage.",
                "notice_en", "Withdrawn.")).status()).isEqualTo(303);
        // nothing left to show: every page and call without an edition shows the newest withdrawal's notice
        WebClient.Response front = Poll.until(Duration.ofSeconds(5), () -> server.client().get("/portal?lang=en"),
                r -> r.status() == 410);
        assertThat(front.status()).isEqualTo(410);
        assertThat(front.body()).contains("Withdrawn.");
        assertThat(server.client().get("/api/figures").status()).isEqualTo(410);
        assertThat(editions("en").path("editions").size()).isZero();
        assertThat(editions("en").path("withdrawn").findValuesAsText("id"))
                .containsExactly(Long.toString(newest), Long.toString(older));
        // the publication under embargo is released at once by staff: the edition is back with it
        admin.get("/admin/analysis/" + newest);
        assertThat(admin.post("/admin/analysis/" + newest + "/release", Map.of()).status()).isEqualTo(303);
        JsonNode listed = Poll.until(Duration.ofSeconds(60), () -> editions("en"), e -> e.path("editions").size() == 1);
        assertThat(listed.path("editions").path(0).path("publication").asLong()).isEqualTo(embargoed);
        assertThat(server.client().get("/portal/themes/technology?lang=en").status()).isEqualTo(200);
        assertThat(server.client().get("/portal?edition=" + older).status()).isEqualTo(410);
        assertThat(server.count("select count(*) from publication where withdrawn_at is not null")).isEqualTo(2);
    }
}
