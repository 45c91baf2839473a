package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.respond.InvitationStore;
/**
 * The status list and the monitor with hostile answers: formula-like text is neutralised in the CSV, markup stays
 * inert text, and the admin pages show it escaped.
 */
class ExportTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    static final String SCRIPT = "<script>alert('x')</script>";

    @BeforeAll
    static void answer() {
        edition = TestForm.edition(server.jdbi(), "exports");
        List<InvitationStore.IssuedLink> links = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("=cmd|' /C calc'!A0", "<b>Workplace</b> & co", "M", "x@example.invalid", "en", "+stratum"),
                new InvitationStore.Invitee("w2", "Kommentar;=cmd|' /C calc'!A0\t+SUM(1)", "M", "y@example.invalid", "da", "s")), Instant.now().plus(5, ChronoUnit.DAYS));
        WebClient c = server.client();
        String link = "/r/" + links.getFirst().token();
        assertThat(c.postRaw(link + "/p/about", Map.of("_save", UUID.randomUUID().toString(), "innovated", "yes",
                "employees", "-5")).status()).as("a negative number breaks the constraint").isEqualTo(422);
        assertThat(c.postRaw(link + "/p/about", Map.of("_save", UUID.randomUUID().toString(), "innovated", "yes",
                "employees", "12")).status()).isEqualTo(303);
        assertThat(c.postRaw(link + "/p/innovation", Map.of("_save", UUID.randomUUID().toString(), "kinds", "service",
                "tech", "other", "tech_other", "=HYPERLINK(\"http://evil.example\",\"click\")",
                "description", "@SUM(A1:A9)\n" + SCRIPT)).status()).isEqualTo(303);
        assertThat(c.postRaw(link + "/p/culture", Map.of("_save", UUID.randomUUID().toString(), "curious", "4",
                "share", "0.5", "consent", "OK")).status()).isEqualTo(303);
        assertThat(c.postRaw(link + "/submit", Map.of()).status()).isEqualTo(303);
    }

    @Test
    void theStatusListNeutralisesFormulasAndTheAnswersLeaveOnlyAsMicrodata() {
        WebClient admin = server.admin();
        // the monitor points to the microdata of the analysis page; the old response downloads are gone
        assertThat(admin.get("/admin/editions/" + edition + "/fieldwork").body()).contains("href=\"/admin/analysis/" + edition + "\"");
        assertThat(admin.get("/admin/editions/" + edition + "/fieldwork/responses.csv").status()).isEqualTo(404);
        assertThat(admin.get("/admin/editions/" + edition + "/fieldwork/responses.xlsx").status()).isEqualTo(404);
        String status = admin.get("/admin/editions/" + edition + "/fieldwork/status.csv").body();
        assertThat(status).contains("'=cmd|' /C calc'!A0", "<b>Workplace</b> & co", "completed", "not_invited");
        // a formula after a separator inside a value is neutralised too, and the value quoted: split on ';' or a
        // tab (as Danish spreadsheets do), no piece begins with a formula
        assertThat(status).contains("\"Kommentar;'=cmd|' /C calc'!A0\t'+SUM(1)\"");
        for (String line : status.split("\r\n")) {
            for (String piece : line.split("[;\t,]")) {
                assertThat(piece.replace("\"", "")).as(line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("@");
            }
        }
    }

    @Test
    void theMonitorShowsHostileNamesEscaped() {
        WebClient admin = server.admin();
        admin.get("/admin/editions/" + edition + "/fieldwork?lang=en");
        String page = admin.get("/admin/editions/" + edition + "/fieldwork").body();
        assertThat(page).contains("&lt;b&gt;Workplace&lt;/b&gt; &amp; co").doesNotContain("<b>Workplace</b>");
        assertThat(page).contains("<svg").contains("role=\"img\"");
        // Sending invitations needs a date; a malformed one is refused with the field named, and nothing is sent.
        WebClient.Response bad = admin.post("/admin/editions/" + edition + "/fieldwork/invitations", Map.of("deadline", "15/3/2019"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("href=\"#deadline\"");
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox")).isZero();
        // Without a sign-in, the monitor and the status list are not shown.
        assertThat(server.client().get("/admin/editions/" + edition + "/fieldwork/status.csv").status()).isEqualTo(303);
    }

    @Test
    void anAnalystMayLookAndExportButNotSendMailOrReopen() {
        new org.barometer.app.access.UserStore(server.jdbi()).create("analyst1", "Ana Lyst", org.barometer.app.access.Role.ANALYST,
                "analyst password long enough");
        WebClient analyst = server.client();
        analyst.login("analyst1", "analyst password long enough");
        WebClient.Response monitor = analyst.get("/admin/editions/" + edition + "/fieldwork");
        assertThat(monitor.status()).isEqualTo(200);
        assertThat(monitor.body()).doesNotContain("id=\"send-invitations\"");
        assertThat(analyst.get("/admin/editions/" + edition + "/fieldwork/status.csv").status()).isEqualTo(200);
        assertThat(analyst.post("/admin/editions/" + edition + "/fieldwork/invitations", Map.of("deadline", "2030-01-01")).status())
                .isEqualTo(403);
        long responseId = server.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.id FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.edition_id = ? AND r.state = 'submitted'""").bind(0, edition).mapTo(Long.class).one());
        assertThat(analyst.post("/admin/editions/" + edition + "/fieldwork/responses/" + responseId + "/reopen",
                Map.of("reason", "because")).status()).isEqualTo(403);
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox")).isZero();
        assertThat(server.count("SELECT count(*) FROM respond_reopening")).isZero();
    }
}
