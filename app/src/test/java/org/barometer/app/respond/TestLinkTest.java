package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.barometer.app.export.MicrodataStore;
import org.barometer.app.fieldwork.MailingStore;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staff try the questionnaire through a test link of their own: they answer it as a respondent would, under a
 * banner that says the answers do not count, and the answers are kept apart — no invitation to mail, nothing in
 * the status list or the monitor, no submitted response for the analysis or the microdata.
 */
class TestLinkTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void aTestLinkAnswersTheQuestionnaireWithoutCounting() {
        long edition = TestForm.edition(server.jdbi(), "tried out");
        WebClient admin = server.admin().language("en");
        assertThat(admin.get("/admin/editions/" + edition).body()).contains("id=\"try-questionnaire\"");
        WebClient.Response tried = admin.post("/admin/editions/" + edition + "/questionnaire/try", Map.of());
        assertThat(tried.status()).isEqualTo(303);
        String link = tried.location();
        assertThat(link).matches("/r/[A-Za-z0-9_-]{22}");

        WebClient staff = server.client().language("en");
        WebClient.Response start = staff.get(link);
        String first = start.status() == 303 ? staff.get(start.location()).body() : start.body();
        assertThat(first).contains("Test: these answers do not count in the survey.");
        assertThat(staff.postRaw(link + "/p/about", Map.of("_save", UUID.randomUUID().toString(), "innovated", "no",
                "employees", "12")).status()).isEqualTo(303);
        assertThat(staff.postRaw(link + "/p/culture", Map.of("_save", UUID.randomUUID().toString(), "curious", "4",
                "share", "0.5", "consent", "OK")).status()).isEqualTo(303);
        assertThat(staff.postRaw(link + "/submit", Map.of()).status()).isEqualTo(303);
        assertThat(staff.get(link + "/done").body()).contains("Test: these answers do not count in the survey.");

        // the answers are kept, marked test …
        assertThat(server.count("SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id "
                + "WHERE i.edition_id = ? AND i.test AND r.state = 'submitted'", edition)).isOne();
        // … and count nowhere
        assertThat(new MicrodataStore(server.jdbi()).submitted(edition)).isZero();
        assertThat(new InvitationStore(server.jdbi()).ofEdition(edition)).isEmpty();
        assertThat(new MailingStore(server.jdbi(), server.baseUrl()).sendInvitations(edition, LocalDate.now().plusDays(7)))
                .as("nobody to mail").isEqualTo(-1);
        String status = admin.get("/admin/editions/" + edition + "/fieldwork/status.csv").body();
        assertThat(status.strip().split("\r\n")).hasSize(1);
        assertThat(status).doesNotContain("test-");
        assertThat(admin.get("/admin/editions/" + edition + "/fieldwork").body()).doesNotContain("test-");
        assertThat(server.count("SELECT count(*) FROM audit_log WHERE action = 'edition.testLink'")).isOne();

        // only staff make test links
        WebClient anonymous = server.client();
        anonymous.get("/login");
        assertThat(anonymous.post("/admin/editions/" + edition + "/questionnaire/try", Map.of()).status()).isIn(303, 403);
        assertThat(server.count("SELECT count(*) FROM fieldwork_invitation WHERE edition_id = ?", edition)).isOne();
    }
}
