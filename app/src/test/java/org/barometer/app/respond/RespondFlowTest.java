package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The respondent's way through the questionnaire over HTTP, and every refusal on the way. */
class RespondFlowTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    static final Pattern SAVE_ID = Pattern.compile("name=\"_save\" value=\"([^\"]+)\"");

    @BeforeAll
    static void setUp() {
        edition = TestForm.edition(server.jdbi(), "flow");
    }

    static String newLink(String workplace, Instant expires) {
        List<InvitationStore.IssuedLink> links = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee(workplace, "Workplace " + workplace, "Manager", workplace + "@example.invalid", "da", "s1")),
                expires);
        return "/r/" + links.getFirst().token();
    }

    static String newLink(String workplace) {
        return newLink(workplace, Instant.now().plus(30, ChronoUnit.DAYS));
    }

    static String saveId(WebClient.Response page) {
        Matcher m = SAVE_ID.matcher(page.body());
        assertThat(m.find()).as("page has a save id: " + page.body()).isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String saveId, String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("_save", saveId);
        out.put("_shown", Long.toString(System.currentTimeMillis() - 5000));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    int saves(String link) {
        return server.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_page_save s JOIN respond_response r ON r.id = s.response_id
                JOIN fieldwork_token t ON t.invitation_id = r.invitation_id WHERE t.token_hash = ?""")
                .bind(0, Tokens.hash(link.substring(3))).mapTo(Integer.class).one());
    }

    Map<String, Object> response(String link) {
        return server.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.state, r.answers::text AS answers, r.sittings, r.device_class, r.saves FROM respond_response r
                JOIN fieldwork_token t ON t.invitation_id = r.invitation_id WHERE t.token_hash = ?""")
                .bind(0, Tokens.hash(link.substring(3))).mapToMap().one());
    }

    @Test
    void thePagesAreInTheLanguageTheRegisterGivesUntilTheRespondentSwitches() {
        String link = "/r/" + new InvitationStore(server.jdbi()).create(edition, List.of(new InvitationStore.Invitee(
                "w-en", "Workplace en", "Manager", "w-en@example.invalid", "en", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst().token();
        // a browser that prefers Danish, and has chosen Danish on the portal before
        WebClient browser = server.client();
        browser.send(HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/portal?lang=da")).GET());
        String page = browser.get(link).location();
        assertThat(browser.get(page).body()).contains("<html lang=\"en\"");
        // the respondent switches to Danish: the choice stays with the invitation, on any device
        assertThat(browser.get(page + "?lang=da").body()).contains("<html lang=\"da\"");
        assertThat(server.client().get(page).body()).contains("<html lang=\"da\"");
        assertThat(server.count("select count(*) from fieldwork_invitation where workplace_id = 'w-en' and language = 'da'"))
                .isOne();
    }

    @Test
    void aRespondentAnswersWithRoutingChecksAndSubmits() {
        String link = newLink("w1");
        WebClient c = server.client().language("da");
        WebClient.Response resume = c.get(link);
        assertThat(resume.status()).isEqualTo(303);
        assertThat(resume.location()).isEqualTo(link + "/p/about");

        WebClient.Response about = c.get(link + "/p/about");
        assertThat(about.status()).isEqualTo(200);
        assertThat(about.body()).contains("<fieldset", "<legend>Har arbejdspladsen indført en innovation?</legend>",
                "Side 1 af 2", "name=\"_save\"");
        String aboutSave = saveId(about);

        // No innovation: the innovation page is skipped.
        WebClient.Response saved = c.postRaw(link + "/p/about", form(aboutSave, "innovated", "no", "employees", "12"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo(link + "/p/culture");
        // The same POST again (a resend) is stored once and goes to the same place.
        WebClient.Response again = c.postRaw(link + "/p/about", form(aboutSave, "innovated", "no", "employees", "12"));
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.location()).isEqualTo(link + "/p/culture");
        assertThat(saves(link)).isEqualTo(1);

        // Broken answers: an error summary naming and linking to each field; the valid answers are kept.
        WebClient.Response culture = c.get(link + "/p/culture");
        assertThat(culture.body()).contains("Tak, 12 ansatte").contains("class=\"radios likert\"").contains("<select");
        WebClient.Response wrong = c.postRaw(link + "/p/culture", form(saveId(culture), "share", "2", "consent", "OK"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("class=\"error-summary\"", "href=\"#f-curious\"", "href=\"#f-share\"",
                "Mellem 0 og 1", "<title>Fejl:");
        assertThat(wrong.body()).contains("value=\"2\"");
        assertThat(wrong.body()).contains(">Andel: Mellem 0 og 1<");
        assertThat(saves(link)).isEqualTo(2);
        assertThat((String) response(link).get("answers")).contains("\"consent\": \"OK\"").doesNotContain("share");

        WebClient.Response ok = c.postRaw(link + "/p/culture", form(saveId(wrong), "curious", "4", "share", "0.5",
                "since", "2018-01-01", "consent", "OK"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.location()).isEqualTo(link + "/check");
        WebClient.Response check = c.get(link + "/check");
        assertThat(check.body()).contains("Tjek dine svar", "Nej", "Enig", "0.5", "Send svar");
        assertThat(check.body()).doesNotContain("Teknologiens rolle");

        // Back to the first page: now an innovation, so its page is asked and required.
        WebClient.Response yes = c.postRaw(link + "/p/about", form(saveId(c.get(link + "/p/about")), "innovated", "yes", "employees", "12"));
        assertThat(yes.location()).isEqualTo(link + "/p/innovation");
        WebClient.Response checkIncomplete = c.get(link + "/check");
        assertThat(checkIncomplete.body()).contains("Nogle spørgsmål mangler stadig svar").doesNotContain("id=\"submit\"");
        assertThat(c.postRaw(link + "/submit", Map.of()).location()).as("an incomplete response is not sent").isEqualTo(link + "/check");

        String script = "<script>alert('x')</script><b>bold</b>";
        String sql = "'; DROP TABLE respond_response; --";
        WebClient.Response innovation = c.get(link + "/p/innovation");
        Map<String, String> fields = form(saveId(innovation), "tech", "other", "tech_other", sql, "description", script);
        String body = "kinds=service&kinds=org&" + encode(fields);
        WebClient.Response savedInnovation = c.send(HttpRequest.newBuilder(c.uri(link + "/p/innovation"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(savedInnovation.status()).isEqualTo(303);
        assertThat(savedInnovation.location()).isEqualTo(link + "/p/culture");
        String stored = (String) response(link).get("answers");
        assertThat(stored).contains("\"kinds\": \"service org\"").contains("DROP TABLE respond_response");

        WebClient.Response checkAll = c.get(link + "/check");
        assertThat(checkAll.body()).doesNotContain(script).doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(").contains("Andet: '; DROP TABLE respond_response; --");
        assertThat(c.get(link + "/p/innovation").body()).doesNotContain("<script>alert").contains("&lt;script&gt;");

        WebClient.Response submitted = c.postRaw(link + "/submit", Map.of());
        assertThat(submitted.location()).isEqualTo(link + "/done");
        assertThat(c.get(link + "/done").body()).contains("Tak – dine svar er sendt", "Workplace w1");
        assertThat(response(link).get("state")).isEqualTo("submitted");

        // A submitted response is locked: a new save is refused and changes nothing.
        int before = saves(link);
        WebClient.Response late = c.postRaw(link + "/p/about", form(java.util.UUID.randomUUID().toString(), "innovated", "no", "employees", "1"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("Dine svar er allerede sendt");
        assertThat(saves(link)).isEqualTo(before);
        assertThat((String) response(link).get("answers")).contains("\"employees\": \"12\"");
        assertThat(c.get(link + "/p/about").location()).isEqualTo(link + "/done");
        assertThat(c.get(link).location()).isEqualTo(link + "/done");
        assertThat(c.get(link + "/check").location()).isEqualTo(link + "/done");

        // An admin reopens it (kept with who and why); the link then works again.
        long responseId = server.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.id FROM respond_response r JOIN fieldwork_token t ON t.invitation_id = r.invitation_id
                WHERE t.token_hash = ?""").bind(0, Tokens.hash(link.substring(3))).mapTo(Long.class).one());
        assertThat(new ResponseStore(server.jdbi()).reopen(responseId, "admin", "asked by phone")).isTrue();
        assertThat(c.get(link + "/p/about").status()).isEqualTo(200);
    }

    static String encode(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return b.toString();
    }

    @Test
    void forgedUnknownAndExpiredLinksAreRefusedAndChangeNothing() {
        WebClient c = server.client().language("da");
        assertThat(c.get("/r/not-a-token").status()).isEqualTo(404);
        assertThat(c.get("/r/%27%20OR%20%271%27=%271").status()).isEqualTo(404);
        String unknown = "/r/" + Tokens.generate().value();
        WebClient.Response r = c.get(unknown + "/p/about");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("Linket virker ikke").doesNotContain("<fieldset");
        assertThat(c.postRaw(unknown + "/p/about", form(java.util.UUID.randomUUID().toString(), "innovated", "no")).status()).isEqualTo(404);
        String expired = newLink("w-expired", Instant.now().minusSeconds(60));
        assertThat(c.get(expired).status()).isEqualTo(410);
        assertThat(c.postRaw(expired + "/p/about", form(java.util.UUID.randomUUID().toString(), "innovated", "no", "employees", "3")).status())
                .isEqualTo(410);
        int responses = server.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.workplace_id = 'w-expired'""").mapTo(Integer.class).one());
        assertThat(responses).isZero();
        // A save without its save id is refused.
        String link = newLink("w-nosave");
        assertThat(c.postRaw(link + "/p/about", Map.of("innovated", "no", "employees", "3")).status()).isEqualTo(400);
        assertThat(c.get(link + "/p/nosuchpage").status()).isEqualTo(404);
    }

    @Test
    void oversizedBodiesAreRefusedUnread() {
        String link = newLink("w-big");
        WebClient c = server.client().language("da");
        String save = saveId(c.get(link + "/p/about"));
        WebClient.Response big = c.postRaw(link + "/p/about", form(save, "innovated", "no", "employees", "3",
                "padding", "x".repeat(2 * 1024 * 1024)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(saves(link)).isZero();
        // An answer longer than a field takes is refused beside the field.
        WebClient.Response longAnswer = c.postRaw(link + "/p/about", form(save, "innovated", "no", "employees", "1".repeat(10_001)));
        assertThat(longAnswer.status()).isEqualTo(422);
        assertThat(longAnswer.body()).contains("Svaret er for langt: højst 10000 tegn");
        // The other answers of the page are kept; the one too long is not stored.
        assertThat(saves(link)).isEqualTo(1);
        assertThat((String) response(link).get("answers")).contains("\"innovated\": \"no\"").doesNotContain("employees");
    }

    @Test
    void controlCharactersAreDroppedAndTheLanguageSwitches() {
        String link = newLink("w-lang");
        WebClient c = server.client().language("da");
        WebClient.Response en = c.send(HttpRequest.newBuilder(c.uri(link + "/p/about?lang=en"))
                .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148").GET());
        assertThat(en.body()).contains("Has the workplace introduced an innovation?", "Page 1 of 2", "lang=\"en\"");
        WebClient.Response saved = c.postRaw(link + "/p/about", form(saveId(en), "innovated", "yes", "employees", "7\u0000"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat((String) response(link).get("answers")).contains("\"employees\": \"7\"");
        assertThat(response(link).get("device_class")).isEqualTo("desktop");
        c.send(HttpRequest.newBuilder(c.uri(link)).header("User-Agent", "Mozilla/5.0 (iPhone) Mobile Safari").GET());
        assertThat(response(link).get("device_class")).isEqualTo("phone");
        assertThat(response(link).get("sittings")).isEqualTo(1);
    }

    @Test
    void optingOutIsConfirmedAndKept() {
        String link = newLink("w-optout");
        WebClient c = server.client().language("da");
        assertThat(c.get(link + "/opt-out").body()).contains("Stop e-mails om undersøgelsen", "<form method=\"post\"");
        WebClient.Response done = c.postRaw(link + "/opt-out", Map.of());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Du er frameldt");
        boolean optedOut = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT opted_out_at IS NOT NULL FROM fieldwork_invitation WHERE workplace_id = 'w-optout'").mapTo(Boolean.class).one());
        assertThat(optedOut).isTrue();
    }
}
