package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new questionnaire version during fieldwork: shown as a change against the current one, refused while it would
 * leave stored answers without a question or a choice, applied with the answers moved to their new names, and
 * every response saved afterwards records the version it was answered in.
 */
class QuestionnaireVersionTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static String answers(long edition) {
        return server.jdbi().withHandle(h -> h.createQuery("""
                select r.answers::text from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                where i.edition_id = ? and i.workplace_id = 'answered'""").bind(0, edition).mapTo(String.class).one());
    }

    static int questionnaireOf(long edition) {
        return server.count("select questionnaire_id from edition where id = ?", edition);
    }

    static String upload(WebClient admin, long edition, byte[] xlsx) {
        admin.get("/admin/editions/" + edition);
        WebClient.Response r = admin.postMultipart("/admin/editions/" + edition + "/questionnaire", Map.of(),
                "questionnaire", "next.xlsx", xlsx);
        assertThat(r.status()).isEqualTo(303);
        return r.location();
    }

    @Test
    void aVersionThatWouldOrphanAnswersIsRefusedUntilTheyAreMappedAndThenTheAnswersMove() {
        long edition = TestForm.edition(server.jdbi(), "versions");
        new InvitationStore(server.jdbi()).create(edition, List.of(new InvitationStore.Invitee("answered", "W", "M",
                "w@example.invalid", "en", "s")), Instant.now().plus(30, ChronoUnit.DAYS));
        server.jdbi().useHandle(h -> h.execute("""
                insert into respond_response (invitation_id, answers) select id, '{"innovated": "dk", "description": "Robotter"}'::jsonb
                from fieldwork_invitation where edition_id = ?""", edition));
        int first = questionnaireOf(edition);
        WebClient admin = server.admin();

        // "description" renamed "details", and the choice "dk" (don't know) removed, which the stored answer uses
        byte[] renamedAndCut = TestForm.xlsxVariant(r -> {
            if (r[1].equals("description")) {
                r[1] = "details";
            }
            return r;
        }, c -> !c[1].equals("dk"), "2");
        String review = upload(admin, edition, renamedAndCut);
        assertThat(review).matches("/admin/editions/" + edition + "/questionnaire/\\d+");
        assertThat(questionnaireOf(edition)).as("nothing changes before the review").isEqualTo(first);
        String page = admin.get(review + "?lang=en").body();
        assertThat(page).contains("description", "probably renamed to", "details", "choices removed", "dk",
                "Answers to description (1 responses) move to", "<option value=\"details\" selected>");
        WebClient.Response refused = admin.post(review, Map.of("map.description", "details"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("innovated: the new version removes the choices dk, which 1 stored answers use");
        assertThat(questionnaireOf(edition)).isEqualTo(first);
        assertThat(answers(edition)).isEqualTo("{\"innovated\": \"dk\", \"description\": \"Robotter\"}");

        // the choices kept: the answers to "description" must still be mapped before the version is applied
        byte[] renamed = TestForm.xlsxVariant(r -> {
            if (r[1].equals("description")) {
                r[1] = "details";
            }
            return r;
        }, c -> true, "3");
        review = upload(admin, edition, renamed);
        admin.get(review);
        WebClient.Response unmapped = admin.post(review, Map.of("map.description", ""));
        assertThat(unmapped.status()).isEqualTo(422);
        assertThat(unmapped.body()).contains("Choose where the answers to description (1 responses) go");
        assertThat(questionnaireOf(edition)).isEqualTo(first);

        admin.get(review);
        WebClient.Response applied = admin.post(review, Map.of("map.description", "details"));
        assertThat(applied.status()).isEqualTo(303);
        int next = Integer.parseInt(review.replaceAll(".*/", ""));
        assertThat(questionnaireOf(edition)).isEqualTo(next);
        assertThat(answers(edition)).isEqualTo("{\"details\": \"Robotter\", \"innovated\": \"dk\"}");
        assertThat(server.count("select count(*) from audit_log where action = 'questionnaire.replace'")).isOne();

        // a response saved from now on records the version it was answered in
        String link = "/r/" + new InvitationStore(server.jdbi()).create(edition, List.of(new InvitationStore.Invitee(
                "later", "W2", "M", "w2@example.invalid", "en", "s")), Instant.now().plus(30, ChronoUnit.DAYS))
                .getFirst().token();
        WebClient respondent = server.client();
        WebClient.Response about = respondent.get(link + "/p/about");
        assertThat(respondent.postRaw(link + "/p/about", RespondFlowTest.form(RespondFlowTest.saveId(about),
                "innovated", "no", "employees", "5")).status()).isEqualTo(303);
        assertThat(server.count("""
                select r.questionnaire_id from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                where i.workplace_id = 'later'""")).isEqualTo(next);
    }
}
