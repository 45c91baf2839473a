package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.access.UserStore;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suggestions in the coding workspace, over HTTP as coders and senior coders use it: a frame's keywords found in the
 * answer, each rule's precision over the answers already coded, the suggestions ticked in advance from the
 * question's threshold and nothing stored until the coder saves, none for an answer of the double-coded sample, and
 * the threshold refused where it is not a confidence or not a senior coder's to set; the page in a real browser
 * with axe-core, in both languages and on a phone.
 */
class CodingSuggestionsTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String Q = "description";
    static final String FRAME = """
            code,parent,label_da,label_en,keywords_da,keywords_en
            tech,,Teknologi,Technology,,
            drones,tech,Droner,Drones,drone; dronner,drone
            robots,tech,Robotter,Robots,robot; robbot,
            people,,Mennesker,People,,
            """;
    static final String PASSWORD = "a long password for suggestions";
    static final Pattern CHECKED = Pattern.compile("<input type=\"checkbox\" id=\"codes-(\\w+)\" name=\"code\" value=\"\\w+\" checked");

    @Test
    void keywordsAndCodedAnswersSuggestCodesThatOnlyACoderStores() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "Suggestions");
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 11; k++) {
            texts.add("Droner til inspektion af broer nummer " + k);
        }
        texts.add("Ingen dronekøb, flere hænder i stedet"); // the keyword, and yet coded people
        for (int k = 0; k < 6; k++) {
            texts.add("En robotarm i køkken " + k);
            texts.add("Flere kolleger i team " + k);
        }
        texts.add("Vi har fået en drone til eftersøgning"); // the answer to be suggested codes, the last one
        List<Long> responses = answers(edition, texts);
        UserStore users = new UserStore(server.jdbi());
        User coder = users.create("koder", "Kim Koder", Role.CODER, PASSWORD);
        users.create("senior", "Sara Senior", Role.SENIOR_CODER, PASSWORD);
        CodingStore store = new CodingStore(server.jdbi());
        FrameFile.Result read = FrameFile.read("frame.csv", FRAME.getBytes(StandardCharsets.UTF_8));
        assertThat(read.problems()).isEmpty();
        store.saveFrame(edition, Q, true, "frame.csv", read.categories(), null);
        for (int k = 0; k < responses.size() - 1; k++) {
            String t = texts.get(k);
            List<String> codes = t.startsWith("Droner") ? List.of("drones") : t.contains("robot") ? List.of("robots")
                    : List.of("people");
            assertThat(store.code(edition, Q, responses.get(k), coder.id(), codes)).as("final: " + t).isTrue();
        }
        String base = "/admin/coding/" + edition + "/" + Q;

        WebClient koder = server.client();
        koder.login("koder", PASSWORD);
        int codings = server.count("select count(*) from coding_code");
        String page = koder.get(base + "/code?lang=en").body();
        assertThat(page).contains("Vi har fået en drone til eftersøgning").contains("id=\"suggestions\"");
        // the rule fired in 12 coded answers and was right in 11 of them: 92 % at least, ticked from 90 %
        assertThat(row(page, "drones")).contains("the keyword “drone”, right in 11 of the 12 coded answers it is in");
        assertThat(checked(page)).contains("drones");
        assertThat(server.count("select count(*) from coding_code")).as("showing stores nothing").isEqualTo(codings);

        // a threshold of 0: every suggestion of known confidence is ticked
        WebClient senior = server.client();
        senior.login("senior", PASSWORD);
        senior.get(base);
        // a coder may see the question, not set its threshold (the token is the coder's own)
        assertThat(koder.get(base).status()).isEqualTo(200);
        assertThat(koder.post(base + "/threshold", Map.of("threshold", "0")).status()).isEqualTo(403);
        WebClient.Response bad = senior.post(base + "/threshold", Map.of("threshold", "ninety"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("'ninety' is not a confidence from 0 to 100 per cent");
        assertThat(store.suggestThreshold(edition, Q)).isEqualTo(0.9);
        senior.get(base);
        assertThat(senior.post(base + "/threshold", Map.of("threshold", "0")).status()).isEqualTo(303);
        assertThat(store.suggestThreshold(edition, Q)).isZero();
        page = koder.get(base + "/code?lang=en").body();
        List<String> suggested = new ArrayList<>();
        Matcher rows = Pattern.compile("<tr data-code=\"(\\w+)\"><td>[^<]*</td><td>(\\d+) %").matcher(page);
        while (rows.find()) {
            suggested.add(rows.group(1));
        }
        assertThat(suggested).contains("drones");
        assertThat(checked(page)).containsExactlyInAnyOrderElementsOf(suggested);

        // the page with its suggestions passes axe-core in both languages, and fits a phone
        try (org.barometer.app.testing.Browser browser = org.barometer.app.testing.Browser.open(server.baseUrl())) {
            browser.login("koder", PASSWORD);
            List<String> problems = new ArrayList<>();
            for (String lang : List.of("da", "en")) {
                browser.go(base + "/code?lang=" + lang);
                assertThat(browser.find("#suggestions").isDisplayed()).isTrue();
                browser.axeViolations().forEach(v -> problems.add(lang + ": " + v));
            }
            browser.screen(375, 812, true);
            browser.go(base + "/code?lang=da");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(375L);
            browser.axeViolations().forEach(v -> problems.add("phone: " + v));
            assertThat(problems).isEmpty();
        }
        // the coder saves, and only then are the codes stored
        koder.get(base + "/code?lang=en");
        assertThat(koder.post(base + "/code/" + responses.getLast(), Map.of("code", "drones")).status()).isEqualTo(303);
        assertThat(server.count("select count(*) from coding_final where response_id = ? and codes = array['drones']",
                responses.getLast())).isOne();
    }

    @Test
    void anAnswerOfTheDoubleCodedSampleIsOfferedNoSuggestion() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "Suggestions, double-coded");
        List<Long> responses = answers(edition, List.of("Droner til inspektion", "Droner til broer",
                "En drone til eftersøgning"));
        User coder = new UserStore(server.jdbi()).create("koder2", "Lo Koder", Role.CODER, PASSWORD);
        CodingStore store = new CodingStore(server.jdbi());
        store.saveFrame(edition, Q, true, "frame.csv",
                FrameFile.read("frame.csv", FRAME.getBytes(StandardCharsets.UTF_8)).categories(), null);
        store.code(edition, Q, responses.get(0), coder.id(), List.of("drones"));
        store.code(edition, Q, responses.get(1), coder.id(), List.of("drones"));
        // the one answer left drawn to be coded twice
        assertThat(store.setDoubleShare(edition, Q, 1.0, 7L)).isOne();
        WebClient koder = server.client();
        koder.login("koder2", PASSWORD);
        String page = koder.get("/admin/coding/" + edition + "/" + Q + "/code?lang=da").body();
        assertThat(page).contains("En drone til eftersøgning").contains("id=\"no-suggestions\"")
                .contains("stikprøven, der kodes to gange").doesNotContain("id=\"suggestions\"");
        assertThat(checked(page)).isEmpty();
    }

    /** The suggestions table's row of a code. */
    private static String row(String page, String code) {
        int at = page.indexOf("<tr data-code=\"" + code + "\">");
        assertThat(at).as("a suggestion of " + code).isNotNegative();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    private static List<String> checked(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = CHECKED.matcher(page);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Long> answers(long edition, List<String> texts) {
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            invitees.add(new InvitationStore.Invitee("W" + edition + "-" + k, "Workplace " + k, "Manager " + k,
                    "m" + edition + "-" + k + "@example.org", "da", "s1"));
        }
        List<InvitationStore.IssuedLink> links = new InvitationStore(server.jdbi()).create(edition, invitees,
                Instant.now().plus(Duration.ofDays(30)));
        List<ResponseStore.Imported> imported = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            imported.add(new ResponseStore.Imported(links.get(k).invitationId(),
                    Map.of("innovated", "yes", Q, texts.get(k)), "da"));
        }
        new ResponseStore(server.jdbi()).importSubmitted(imported);
        return server.jdbi().withHandle(h -> h.createQuery("""
                        select r.id from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                        where i.edition_id = :e order by r.id""").bind("e", edition).mapTo(Long.class).list());
    }
}
