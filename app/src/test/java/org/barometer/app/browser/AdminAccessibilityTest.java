package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** axe-core finds no WCAG 2.1 A/AA violation on any type of admin page, in Danish and in English. */
class AdminAccessibilityTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static Browser browser;
    static long editionId;
    static long messageId;
    static long uploadId;
    /** An edition with a register of its own and no frame yet. */
    static long registerEditionId;
    /** An edition with a questionnaire, whose page offers a test link. */
    static long questionnaireEditionId;
    /** A message that bounced, whose page offers to send it again. */
    static long bouncedId;

    @BeforeAll
    static void data() {
        WebClient admin = server.admin();
        admin.get("/admin/editions/new");
        WebClient.Response r = admin.postMultipart("/admin/editions", Map.of("name", "Accessible edition",
                "year", "2026", "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "",
                new byte[0]);
        editionId = Long.parseLong(r.location().replaceAll(".*/", ""));
        String csv = "workplace_id,name,government_level,area,employees,region,manager_name,manager_email,language\n"
                + "A1,Skolen,municipality,education,20,Nord,Anna,a@example.invalid,da\n"
                + "A2,Sygehuset,region,health,400,Syd,Bo,b@example.invalid,da\n"
                + "A3,Retten,state,judiciary,60,Nord,Carl,c@example.invalid,en\n"
                + "A4,Børnehuset,municipality,childcare,12,Syd,Dorte,d@example.invalid,da\n";
        admin.get("/admin/editions/" + editionId + "/frame");
        String report = admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of(), "file", "frame.csv",
                csv.getBytes(StandardCharsets.UTF_8)).location();
        admin.get(report);
        admin.post(report + "/import", Map.of());
        admin.get("/admin/editions/" + editionId + "/sample");
        assertThat(admin.post("/admin/editions/" + editionId + "/sample", Map.of("method", "take_all",
                "minimum", "0", "seed", "1")).status()).isEqualTo(303);
        // invitations and their queued mail, for the monitor, the outbox and a message
        new org.barometer.app.respond.InvitationStore(server.jdbi()).createForSample(editionId);
        new org.barometer.app.fieldwork.MailingStore(server.jdbi(), server.baseUrl())
                .sendInvitations(editionId, java.time.LocalDate.of(2026, 4, 15));
        messageId = server.count("select max(id) from fieldwork_outbox");
        // a file with problems, for the report page
        admin.get("/admin/editions/" + editionId + "/frame");
        String bad = admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of(), "file", "bad.csv",
                (csv + "A1,Dup,municipality,space,x,Nord,Eve,not-mail,fr\n").getBytes(StandardCharsets.UTF_8)).location();
        uploadId = Long.parseLong(bad.replaceAll(".*/", ""));
        admin.get("/admin/editions/new");
        registerEditionId = Long.parseLong(admin.postMultipart("/admin/editions", Map.of("name", "Own register",
                "year", "2026", "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "",
                new byte[0]).location().replaceAll(".*/", ""));
        admin.get("/admin/editions/" + registerEditionId + "/frame");
        assertThat(admin.post("/admin/editions/" + registerEditionId + "/frame/register", Map.of("register",
                org.barometer.app.frame.RegisterTest.REGISTER)).status()).isEqualTo(303);
        questionnaireEditionId = org.barometer.app.respond.TestForm.edition(server.jdbi(), "With a questionnaire");
        // a bounced message as the sender leaves it, for the page that sends it again
        bouncedId = messageId;
        server.jdbi().useHandle(h -> h.execute("UPDATE fieldwork_outbox SET state = 'bounced', "
                + "last_error = 'malformed address' WHERE id = ?", bouncedId));
        browser = Browser.open(server.baseUrl());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyAdminPageTypePassesAxeInBothLanguages() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "da")) {
            browser.go("/login?lang=" + lang);
            check("login", problems);
            browser.type("username", "nobody").type("password", "wrong").click("main button[type=submit]");
            check("login with error", problems);
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            for (String page : List.of("/admin", "/admin/users", "/admin/users/new", "/admin/users/1",
                    "/admin/audit", "/admin/editions", "/admin/editions/new", "/admin/editions/" + editionId,
                    "/admin/editions/" + editionId + "/edit",
                    "/admin/editions/" + editionId + "/texts",
                    "/admin/editions/" + registerEditionId + "/frame",
                    "/admin/editions/" + questionnaireEditionId,
                    "/admin/editions/" + editionId + "/frame",
                    "/admin/editions/" + editionId + "/frame/uploads/" + uploadId,
                    "/admin/editions/" + editionId + "/sample",
                    "/admin/editions/" + editionId + "/fieldwork",
                    "/admin/editions/" + editionId + "/fieldwork/outbox",
                    "/admin/editions/" + editionId + "/fieldwork/outbox?state=queued",
                    "/admin/editions/" + editionId + "/fieldwork/outbox/" + messageId, "/admin/no-such-page")) {
                browser.go(page);
                assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang"))
                        .isEqualTo(lang);
                check(page, problems);
            }
            // forms shown again with their errors
            browser.go("/admin/users/new").click("main button[type=submit]");
            check("new user with errors", problems);
            browser.go("/admin/editions/new").click("main button[type=submit]");
            check("new edition with errors", problems);
            browser.go("/admin/editions/" + editionId + "/sample");
            browser.type("total", "0").click("#method-proportional").click("main form[method=post] button[type=submit]");
            check("sample with errors", problems);
            browser.go("/admin/editions/" + editionId + "/sample").click("#method-take_all").click("#preview-allocation");
            check("sample allocation previewed", problems);
            browser.go("/admin/editions/" + editionId + "/fieldwork/outbox/" + bouncedId).type("address", "not an address")
                    .click("#resend-message");
            check("resend with errors", problems);
            browser.go("/admin/editions/" + questionnaireEditionId).click("#try-questionnaire");
            check("questionnaire through a test link", problems);
            browser.go("/admin/editions/" + registerEditionId + "/frame").type("register-text", "{\"variables\": 1}")
                    .click("#save-register");
            check("register with errors", problems);
            browser.go("/admin/editions/" + editionId + "/texts").type("invitation_body_da", "Kære {manager_nam}")
                    .click("#save-texts");
            check("texts with errors", problems);
            browser.go("/admin/editions/" + editionId + "/texts").type("test_to", "not an address").click("#send-test-mail");
            check("test mail with errors", problems);
            browser.go("/admin/editions/" + editionId + "/fieldwork").click("#export-links");
            check("link export not confirmed", problems);
            browser.go("/admin/editions/" + editionId + "/fieldwork").type("confirm", "wrong name").click("#discard-fieldwork");
            check("discard not confirmed", problems);
            browser.click("form.logout button");
        }
        assertThat(problems).isEmpty();
    }

    private static void check(String page, List<String> problems) {
        for (String v : browser.axeViolations()) {
            problems.add(page + ": " + v);
        }
    }
}
