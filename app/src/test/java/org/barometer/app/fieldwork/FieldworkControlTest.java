package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fieldwork that cannot be corrupted and mail that can be seen, over HTTP as an admin uses them: the sample locked
 * once invitations exist, the outbox with its messages (personal tokens masked), the personal links exported anew
 * (the earlier ones disabled), and a test run's fieldwork discarded — never a published edition's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldworkControlTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    static String base;
    static WebClient admin;

    @BeforeAll
    static void loadTheDemoEdition() throws Exception {
        edition = DemoEdition.load(server.jdbi()).edition().id();
        base = "/admin/editions/" + edition;
        admin = server.admin();
    }

    private static Map<String, String> drawForm() {
        return Map.of("by", "government_level", "method", "proportional", "total", "100", "minimum", "0",
                "seed", "5", "stratum.0", "municipality", "stratum.1", "region", "stratum.2", "state");
    }

    private static int invitations() {
        return server.count("select count(*) from fieldwork_invitation where edition_id = ?", edition);
    }

    @Test
    @Order(1)
    void theSampleIsLockedOnceInvitationsExist() {
        int sampleBefore = server.count("select sample_id from edition where id = ?", edition);
        int samples = server.count("select count(*) from sample");
        admin.get(base + "/sample");
        WebClient.Response refused = admin.post(base + "/sample", drawForm());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("The sample is locked: the edition has " + String.format(java.util.Locale.ENGLISH, "%,d", invitations()));
        assertThat(server.count("select sample_id from edition where id = ?", edition)).isEqualTo(sampleBefore);
        assertThat(server.count("select count(*) from sample")).isEqualTo(samples);
    }

    @Test
    @Order(2)
    void theOutboxShowsEveryMessageWithItsTokenMasked() {
        admin.get(base + "/fieldwork");
        WebClient.Response sent = admin.post(base + "/fieldwork/invitations", Map.of("deadline", "2027-01-31"));
        assertThat(sent.status()).isEqualTo(303);
        int queued = server.count("""
                select count(*) from fieldwork_outbox o join fieldwork_invitation i on i.id = o.invitation_id
                where i.edition_id = ? and o.state = 'queued'""", edition);
        assertThat(queued).isEqualTo(invitations());

        WebClient.Response outbox = admin.get(base + "/fieldwork/outbox?state=queued");
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.body()).contains("Queued (" + queued + ")").contains("No mail server is configured");
        long newest = server.count("""
                select max(o.id) from fieldwork_outbox o join fieldwork_invitation i on i.id = o.invitation_id
                where i.edition_id = ?""", edition);
        String token = server.jdbi().withHandle(h -> h.createQuery("select token from fieldwork_outbox where id = ?")
                .bind(0, newest).mapTo(String.class).one());
        assertThat(outbox.body()).contains(base + "/fieldwork/outbox/" + newest).doesNotContain(token);

        WebClient.Response message = admin.get(base + "/fieldwork/outbox/" + newest);
        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body()).contains("/r/" + OutboxStore.MASK).doesNotContain(token);
        // the token is still there to be sent: masking is in what staff see, not in the message
        assertThat(server.count("select count(*) from fieldwork_outbox where id = ? and strpos(body, token) > 0", newest))
                .isOne();
        // a message of another edition, or none, is not found
        assertThat(admin.get("/admin/editions/999999/fieldwork/outbox/" + newest).status()).isEqualTo(404);
        assertThat(admin.get(base + "/fieldwork/outbox/99999999").status()).isEqualTo(404);
        // analysts may look, anonymous visitors not
        assertThat(server.client().get(base + "/fieldwork/outbox").status()).isIn(302, 303, 401, 403);
    }

    @Test
    @Order(3)
    void exportedLinksAreFreshAndTheEarlierOnesStopWorking() {
        InvitationStore invitations = new InvitationStore(server.jdbi());
        long invitation = server.count("""
                select min(i.id) from fieldwork_invitation i where i.edition_id = ? and not exists
                  (select 1 from respond_response r where r.invitation_id = i.id and r.state = 'submitted')""", edition);
        String earlier = invitations.issueToken(invitation);
        assertThat(server.client().get("/r/" + earlier).status()).isEqualTo(303);

        admin.get(base + "/fieldwork");
        WebClient.Response unconfirmed = admin.post(base + "/fieldwork/links.csv", Map.of());
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("Confirm that the earlier links may stop working");
        assertThat(invitations.resolve(earlier).status()).isEqualTo(InvitationStore.Status.VALID);

        admin.get(base + "/fieldwork");
        WebClient.Response csv = admin.post(base + "/fieldwork/links.csv", Map.of("understood", "yes"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).contains("workplace_id,workplace_name,manager_name,manager_email,language,link");
        int open = server.count("""
                select count(*) from fieldwork_invitation i where i.edition_id = ? and i.opted_out_at is null and not exists
                  (select 1 from respond_response r where r.invitation_id = i.id and r.state = 'submitted')""", edition);
        assertThat(lines).hasSize(open + 1);
        String workplace = server.jdbi().withHandle(h -> h.createQuery(
                "select workplace_id from fieldwork_invitation where id = ?").bind(0, invitation).mapTo(String.class).one());
        String row = lines.stream().filter(l -> l.startsWith(workplace + ",")).findFirst().orElseThrow();
        String fresh = row.replaceAll(".*/r/([A-Za-z0-9_-]{22}),.*", "$1");

        assertThat(invitations.resolve(earlier).status()).isEqualTo(InvitationStore.Status.UNKNOWN);
        assertThat(server.client().get("/r/" + earlier).status()).isNotEqualTo(303);
        assertThat(invitations.resolve(fresh).invitation().orElseThrow().id()).isEqualTo(invitation);
        assertThat(server.client().get("/r/" + fresh).status()).isEqualTo(303);
        assertThat(server.count("select count(*) from audit_log where action = 'fieldwork.links.export'")).isOne();
    }

    @Test
    @Order(4)
    void aTestRunsFieldworkIsDiscardedOnlyWhenConfirmedAndThenTheSampleMayBeDrawnAgain() {
        int before = invitations();
        admin.get(base + "/fieldwork");
        WebClient.Response wrong = admin.post(base + "/fieldwork/discard", Map.of("confirm", "something else"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(invitations()).isEqualTo(before);

        String name = server.jdbi().withHandle(h -> h.createQuery("select name from edition where id = ?")
                .bind(0, edition).mapTo(String.class).one());
        admin.get(base + "/fieldwork");
        WebClient.Response discarded = admin.post(base + "/fieldwork/discard", Map.of("confirm", name));
        assertThat(discarded.status()).isEqualTo(303);
        assertThat(invitations()).isZero();
        assertThat(server.count("""
                select count(*) from fieldwork_outbox o where not exists
                  (select 1 from fieldwork_invitation i where i.id = o.invitation_id)""")).isZero();
        assertThat(server.count("select count(*) from fieldwork_mailing where edition_id = ?", edition)).isZero();
        assertThat(server.count("select count(*) from audit_log where action = 'fieldwork.discard'")).isOne();

        admin.get(base + "/sample");
        assertThat(admin.post(base + "/sample", drawForm()).status()).isEqualTo(303);
    }

    @Test
    @Order(5)
    void aPublishedEditionsFieldworkIsNeverDiscarded() {
        admin.get(base + "/fieldwork");
        admin.post(base + "/fieldwork/invitations", Map.of("deadline", "2027-01-31"));
        int before = invitations();
        assertThat(before).isEqualTo(100);
        server.jdbi().useHandle(h -> {
            long weights = h.createQuery("""
                    insert into analysis_weights (edition_id, version, method, diagnostics)
                    values (?, 1, 'raking', '{}'::jsonb) returning id""").bind(0, edition).mapTo(Long.class).one();
            h.execute("insert into publication (edition_id, weights_id, spec_folder, figures) values (?, ?, 'x', '[]'::jsonb)",
                    edition, weights);
        });
        String name = server.jdbi().withHandle(h -> h.createQuery("select name from edition where id = ?")
                .bind(0, edition).mapTo(String.class).one());
        admin.get(base + "/fieldwork");
        WebClient.Response refused = admin.post(base + "/fieldwork/discard", Map.of("confirm", name));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("The edition is published");
        assertThat(invitations()).isEqualTo(before);
    }
}
