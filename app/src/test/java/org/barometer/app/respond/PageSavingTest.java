package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * How a page save treats what the respondent gave, over HTTP: a follow-up that the answers bring onto the same
 * page is shown without any error and the answers are kept; errors name their question once and the valid
 * answers are kept; Back keeps what was typed; optional questions are marked; a change from the answers check
 * returns to it.
 */
class PageSavingTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    static final Pattern SAVE_ID = Pattern.compile("name=\"_save\" value=\"([^\"]+)\"");
    static final Pattern SEEN = Pattern.compile("name=\"_seen\" value=\"([^\"]*)\"");

    @BeforeAll
    static void setUp() {
        edition = TestForm.edition(server.jdbi(), "saving", TestForm.xlsxWithFollowUp());
    }

    static String newLink(String workplace) {
        return newLink(workplace, "da");
    }

    /** A link of a workplace whose register language is {@code language}: its pages are in that language. */
    static String newLink(String workplace, String language) {
        List<InvitationStore.IssuedLink> links = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee(workplace, "Workplace " + workplace, "Manager", workplace + "@example.invalid", language, "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS));
        return "/r/" + links.getFirst().token();
    }

    static String field(Pattern pattern, WebClient.Response page) {
        Matcher m = pattern.matcher(page.body());
        assertThat(m.find()).as("page has the field " + pattern + ": " + page.body()).isTrue();
        return m.group(1);
    }

    /** The form a page sends: its hidden fields as drawn, and the answers given. */
    static Map<String, String> form(WebClient.Response page, String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("_save", field(SAVE_ID, page));
        out.put("_shown", Long.toString(System.currentTimeMillis() - 5000));
        out.put("_seen", field(SEEN, page));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    String answers(String link) {
        return server.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.answers::text FROM respond_response r
                JOIN fieldwork_token t ON t.invitation_id = r.invitation_id WHERE t.token_hash = ?""")
                .bind(0, Tokens.hash(link.substring(3))).mapTo(String.class).one());
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aFollowUpOnTheSamePageAppearsWithoutErrorAndTheAnswerIsKept() {
        String link = newLink("follow-da");
        WebClient c = server.client().language("da");
        WebClient.Response about = c.get(link + "/p/about");
        assertThat(about.body()).doesNotContain("Hvad var det nye?").contains("name=\"_seen\" value=\"innovated employees\"");

        WebClient.Response more = c.postRaw(link + "/p/about", form(about, "innovated", "yes", "employees", "12"));
        assertThat(more.status()).isEqualTo(200);
        assertThat(more.body()).contains("<label for=\"f-what_new\">Hvad var det nye?</label>",
                "<p>Flere spørgsmål er kommet til på denne side ud fra dit svar.</p>", "value=\"12\"");
        assertThat(more.body()).doesNotContain("class=\"error-summary\"", "Der er et problem", "Spørgsmålet skal besvares",
                "field-error", "error-message", "<title>Fejl:");
        assertThat(answers(link)).as("the triggering answer is stored")
                .contains("\"innovated\": \"yes\"", "\"employees\": \"12\"");
        assertThat(field(SEEN, more)).isEqualTo("innovated what_new employees");

        // Sent again with the follow-up, now seen, still empty: that is an error, naming the question once.
        WebClient.Response empty = c.postRaw(link + "/p/about", form(more, "innovated", "yes", "employees", "12"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("class=\"error-summary\"",
                "<a href=\"#f-what_new\">Hvad var det nye?: Spørgsmålet skal besvares.</a>");
        assertThat(occurrences(empty.body(), "href=\"#f-")).isEqualTo(1);
        assertThat(empty.body()).as("the note is gone").doesNotContain("<p>Flere spørgsmål er kommet til");

        WebClient.Response done = c.postRaw(link + "/p/about", form(empty, "innovated", "yes", "what_new", "Robotter",
                "employees", "12"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo(link + "/p/innovation");
        assertThat(answers(link)).contains("\"what_new\": \"Robotter\"");
    }

    @Test
    void inEnglishTooAndWithoutTheListOfShownQuestions() {
        String link = newLink("follow-en", "en");
        WebClient c = server.client().language("en");
        WebClient.Response about = c.get(link + "/p/about");
        Map<String, String> fields = form(about, "innovated", "yes", "employees", "3");
        // A page drawn before the list of shown questions existed: the server takes what it showed then.
        fields.remove("_seen");
        WebClient.Response more = c.postRaw(link + "/p/about", fields);
        assertThat(more.status()).isEqualTo(200);
        assertThat(more.body()).contains("What was new?", "<p>More questions have appeared on this page based on your answer.</p>");
        assertThat(more.body()).doesNotContain("class=\"error-summary\"", "There is a problem",
                "This question must be answered", "field-error", "<title>Error:");
        assertThat(answers(link)).contains("\"innovated\": \"yes\"");

        WebClient.Response empty = c.postRaw(link + "/p/about", form(more, "innovated", "yes", "employees", "3"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("What was new?: This question must be answered.");
    }

    @Test
    void errorsKeepTheValidAnswersAndNameEachQuestionOnce() {
        String link = newLink("errors");
        WebClient c = server.client().language("da");
        WebClient.Response about = c.get(link + "/p/about");
        WebClient.Response wrong = c.postRaw(link + "/p/about", form(about, "employees", "many"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains(
                "<a href=\"#f-innovated\">Har arbejdspladsen indført en innovation?: Spørgsmålet skal besvares.</a>",
                "<a href=\"#f-employees\">Hvor mange ansatte?:", "value=\"many\"");
        assertThat(occurrences(wrong.body(), "href=\"#f-innovated\"")).isEqualTo(1);
        assertThat(occurrences(wrong.body(), "href=\"#f-employees\"")).isEqualTo(1);

        WebClient.Response half = c.postRaw(link + "/p/about", form(wrong, "innovated", "no", "employees", "0"));
        assertThat(half.status()).isEqualTo(422);
        assertThat(half.body()).contains("Hvor mange ansatte?: Mellem 1 og 100.000");
        assertThat(answers(link)).as("the valid answer is stored, the refused one is not")
                .contains("\"innovated\": \"no\"").doesNotContain("employees");
    }

    @Test
    void backKeepsWhatWasTypedWithoutAskingForWhatIsMissing() {
        String link = newLink("back");
        WebClient c = server.client().language("da");
        WebClient.Response about = c.get(link + "/p/about");
        assertThat(about.body()).as("nothing to go back to on the first page").doesNotContain("name=\"action\"");
        assertThat(c.postRaw(link + "/p/about", form(about, "innovated", "no", "employees", "5")).location())
                .isEqualTo(link + "/p/culture");

        WebClient.Response culture = c.get(link + "/p/culture");
        assertThat(culture.body()).contains("<button type=\"submit\" class=\"secondary\" id=\"back\" name=\"action\" value=\"back\">Tilbage</button>");
        // The required consent is left out and the share is no number: Back still goes back, keeping the rest.
        WebClient.Response back = c.postRaw(link + "/p/culture", form(culture, "action", "back", "curious", "4",
                "share", "lots", "since", "2020-02-01"));
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.location()).isEqualTo(link + "/p/about");
        assertThat(answers(link)).contains("\"curious\": \"4\"", "\"since\": \"2020-02-01\"").doesNotContain("share");
        assertThat(c.get(link + "/p/culture").body()).contains("value=\"2020-02-01\"", "value=\"4\" checked");
    }

    @Test
    void optionalQuestionsAreMarkedInBothLanguages() {
        String link = newLink("optional");
        WebClient c = server.client().language("da");
        c.postRaw(link + "/p/about", form(c.get(link + "/p/about"), "innovated", "no", "employees", "5"));
        String da = c.get(link + "/p/culture").body();
        assertThat(da).contains("<legend>Vi er nysgerrige på ny teknologi</legend>",
                "<label for=\"f-evaluated\">Er den evalueret? <span class=\"optional\">(valgfrit)</span></label>",
                "<label for=\"f-share\">Andel <span class=\"optional\">(valgfrit)</span></label>");
        assertThat(da).doesNotContain("Jeg bekræfter svarene <span");
        String en = server.client().get(link + "/p/culture?lang=en").body();
        assertThat(en).contains("Since when? <span class=\"optional\">(optional)</span>")
                .doesNotContain("We are curious about new technology <span");
    }

    @Test
    void aChangeFromTheAnswersCheckReturnsToIt() {
        String link = newLink("change");
        WebClient c = server.client().language("da");
        c.postRaw(link + "/p/about", form(c.get(link + "/p/about"), "innovated", "no", "employees", "5"));
        c.postRaw(link + "/p/culture", form(c.get(link + "/p/culture"), "curious", "4", "consent", "OK"));
        WebClient.Response check = c.get(link + "/check");
        assertThat(check.body()).contains("href=\"" + link + "/p/about?return=check#f-employees\"");

        WebClient.Response about = c.get(link + "/p/about?return=check");
        assertThat(about.body()).contains("action=\"" + link + "/p/about?return=check\"")
                .as("Back leads to the answers check").contains("id=\"back\"");
        WebClient.Response changed = c.postRaw(link + "/p/about?return=check",
                form(about, "innovated", "no", "employees", "50"));
        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.location()).isEqualTo(link + "/check");
        assertThat(answers(link)).contains("\"employees\": \"50\"");

        // Only exactly "check" returns there; anything else is the ordinary way on.
        WebClient.Response elsewhere = c.postRaw(link + "/p/about?return=https://evil.example",
                form(c.get(link + "/p/about"), "innovated", "no", "employees", "51"));
        assertThat(elsewhere.location()).isEqualTo(link + "/p/culture");
    }

    @Test
    void thePageAsksWhichQuestionsTheAnswersMakeRelevantWithoutStoringThem() {
        String link = newLink("questions");
        WebClient c = server.client().language("da");
        WebClient.Response yes = c.postRaw(link + "/p/about/questions", Map.of("innovated", "yes"));
        assertThat(yes.status()).isEqualTo(200);
        assertThat(yes.body()).contains("data-question=\"innovated\"", "data-question=\"what_new\"",
                "data-question=\"employees\"", "value=\"yes\" checked").doesNotContain("error");
        WebClient.Response no = c.postRaw(link + "/p/about/questions", Map.of("innovated", "no"));
        assertThat(no.body()).contains("data-question=\"employees\"").doesNotContain("what_new");
        assertThat(server.count("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.workplace_id = 'questions'""")).isZero();
    }
}
