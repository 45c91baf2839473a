package org.barometer.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.testing.Crawl;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.barometer.app.text.DanishTextsTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page a Danish visitor reaches reads in Danish: the test walks every link from the portal, the
 * administration (signed in as an admin) and a respondent's questionnaire, and finds no missing-text marker and
 * no English sentence on any of them.
 */
class DanishPagesTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;

    @BeforeAll
    static void publish() throws Exception {
        edition = server.publishDemo();
    }

    static final Pattern MISSING = Pattern.compile("\\?\\?[a-zA-Z][\\w.]*\\?\\?");

    /** The text a reader sees or hears: the page without markup, with its alternative and accessible texts. */
    static String visibleText(String html) {
        // code (expressions of the questionnaire's language) reads the same in every language
        String body = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("(?s)<code>.*?</code>", " ")
                // a part the page declares to be in English (WCAG 3.1.2), such as an edition's English texts
                .replaceAll("(?s)<(p|pre|span|textarea)\\b[^>]*\\blang=\"en\"[^>]*>.*?</\\1>", " ");
        StringBuilder attributes = new StringBuilder();
        Matcher a = Pattern.compile("(?:alt|title|aria-label|placeholder)=\"([^\"]*)\"").matcher(body);
        while (a.find()) {
            attributes.append(' ').append(a.group(1));
        }
        String text = body.replaceAll("(?s)<[^>]+>", " ") + attributes;
        return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replaceAll("\\s+", " ");
    }

    static boolean followed(String path) {
        return Crawl.isPage(path) && !path.contains("lang=en");
    }

    /** Walks the links of a client's pages from {@code start}, at most {@code limit} pages; returns the problems. */
    static List<String> walk(WebClient client, List<String> start, int limit, Set<String> seen) {
        List<String> problems = new ArrayList<>();
        Crawl.walk(client, start, limit, seen, DanishPagesTest::followed, (path, r) -> problems.addAll(check(path, r)));
        return problems;
    }

    /** Checks one page: no missing text, no English; the page's own problems are named by {@code place}. */
    static List<String> check(String place, WebClient.Response r) {
        List<String> problems = new ArrayList<>();
        Matcher missing = MISSING.matcher(r.body());
        if (missing.find()) {
            problems.add(place + ": missing text " + missing.group());
        }
        List<String> english = DanishTextsTestSupport.englishWords(visibleText(r.body()));
        if (!english.isEmpty()) {
            problems.add(place + ": English " + english + " in: " + context(visibleText(r.body()), english.getFirst()));
        }
        return problems;
    }

    /**
     * The pages that refuse something, each with its problems listed: a questionnaire page sent without its
     * answers, the check page of an unfinished questionnaire, a frame file, a questionnaire file and edition
     * files with problems, an explorer filter that does not read, a publication job's page, and the error pages.
     */
    static List<String> refusals(WebClient admin, String token) throws Exception {
        List<String> problems = new ArrayList<>();
        WebClient respondent = server.client().language("da");
        String first = respondent.get("/r/" + token).location();
        String page = respondent.get(first).body();
        Matcher save = Pattern.compile("name=\"_save\" value=\"([^\"]+)\"").matcher(page);
        assertThat(save.find()).isTrue();
        WebClient.Response unanswered = respondent.postRaw(first, java.util.Map.of("_save", save.group(1)));
        assertThat(unanswered.status()).isEqualTo(422);
        problems.addAll(check("a questionnaire page without answers", unanswered));
        problems.addAll(check("the check page", respondent.get("/r/" + token + "/check")));

        admin.get("/admin/editions/" + edition + "/frame");
        WebClient.Response frame = admin.postMultipart("/admin/editions/" + edition + "/frame", java.util.Map.of(),
                "file", "bad.csv", ("workplace_id,name,government_level,area,employees,manager_email,language\n"
                        + "A1,,kongerige,maane,to,ingen-adresse,fr\nA1,Twice,state,health,5,a@example.invalid,da\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String report = frame.location() == null ? null : frame.location();
        problems.addAll(check("a frame file with problems", report == null ? frame : admin.get(report)));

        admin.get("/admin/editions/" + edition);
        problems.addAll(check("a questionnaire with problems", admin.postMultipart("/admin/editions/" + edition
                + "/questionnaire", java.util.Map.of(), "questionnaire", "bad.xlsx", "not a workbook".getBytes())));

        admin.get("/admin/analysis/" + edition);
        problems.addAll(check("edition files with problems", admin.postMultipart("/admin/analysis/" + edition + "/files",
                java.util.Map.of(), "files", "bad.zip", "not a zip".getBytes())));

        problems.addAll(check("an explorer filter that does not read",
                server.client().language("da").get("/portal/explorer?q=tech_role&filter=%24%7Bnope%7D%20%3D%20")));
        problems.addAll(check("a page that does not exist", server.client().language("da").get("/portal/nowhere")));
        problems.addAll(check("a page the user may not see", server.client().language("da").get("/r/not-a-token")));

        WebClient.Response job = admin.post("/admin/analysis/" + edition + "/jobs", java.util.Map.of());
        assertThat(job.status()).isEqualTo(303);
        String jobPage = job.location();
        org.barometer.app.testing.JobWait.awaitEnd(server.jdbi(), Long.parseLong(jobPage.replaceAll(".*/", "")));
        problems.addAll(check("a publication job's page", admin.get(jobPage)));
        return problems;
    }

    static String context(String text, String word) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text);
        int i = m.find() ? m.start() : 0;
        return text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 60));
    }

    @Test
    void everyPageReadsInDanish() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        problems.addAll(walk(server.client().language("da"), List.of("/portal"), 120, seen));
        WebClient admin = server.admin().language("da");
        problems.addAll(walk(admin, List.of("/admin"), 260, seen));
        InvitationStore invitations = new InvitationStore(server.jdbi());
        String token = invitations.issueToken(invitations.unanswered(edition, "da", 1).getFirst());
        problems.addAll(walk(server.client().language("da"), List.of("/r/" + token), 300, seen));
        problems.addAll(refusals(admin, token));
        System.out.println("pages read in Danish: " + seen.size());
        seen.forEach(p -> System.out.println("  " + p));
        assertThat(problems).isEmpty();
        assertThat(seen).hasSizeGreaterThan(20);
    }
}
