package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.Server;
import org.barometer.app.db.Database;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.respond.InvitationStore;
/**
 * Two app nodes (two servers with their own pools, on different ports) on one PostgreSQL database: each
 * invitation is mailed exactly once, and a respondent can move between the nodes mid-questionnaire.
 */
class TwoNodesTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    static final List<Database> pools = new ArrayList<>();
    static Server nodeA;
    static Server nodeB;

    static Server node(Map<String, String> env) {
        Database database = Database.connect(db.url());
        pools.add(database);
        return Server.start(Platform.create(AppConfig.fromEnvironment(env), database), 0);
    }

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of("BAROMETER_PORT", "0", "BAROMETER_SMTP_HOST", "127.0.0.1",
                "BAROMETER_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()), "BAROMETER_SMTP_RATE", "500",
                "BAROMETER_FIELDWORK_POLL_MS", "100");
        nodeA = node(env);
        nodeB = node(env);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        pools.forEach(Database::close);
    }

    @Test
    void everyInvitationIsSentExactlyOnceAndARespondentContinuesOnTheOtherNode() throws Exception {
        long edition = TestForm.edition(db.jdbi(), "two-nodes");
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            invitees.add(new InvitationStore.Invitee("n" + i, "Workplace " + i, "Manager " + i, "n" + i + "@example.invalid",
                    i % 2 == 0 ? "da" : "en", "s" + (i % 4)));
        }
        new InvitationStore(db.jdbi()).create(edition, invitees, Instant.now().plus(30, ChronoUnit.DAYS));
        // Queued through node A's address; both nodes' senders work the one outbox.
        new MailingStore(db.jdbi(), "http://localhost:" + nodeA.port()).sendInvitations(edition, LocalDate.of(2019, 3, 15));

        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sentCount(edition) < 150 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(sentCount(edition)).isEqualTo(150);
        Thread.sleep(500); // let any second (wrong) delivery arrive before counting
        Map<String, Long> perRecipient = java.util.Arrays.stream(mail.getReceivedMessages())
                .collect(Collectors.groupingBy(TwoNodesTest::recipient, Collectors.counting()));
        assertThat(perRecipient).hasSize(150).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        Map<String, Integer> byNode = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT claimed_by, count(*) AS n FROM fieldwork_outbox GROUP BY claimed_by")
                .map((rs, ctx) -> Map.entry(String.valueOf(rs.getString(1)), rs.getInt(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        System.out.println("two nodes: " + mail.getReceivedMessages().length + " messages for 150 recipients; sent by node: " + byNode);

        // A respondent opens the link from the mail on node A, saves the first page, and goes on at node B.
        MimeMessage first = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals("n0@example.invalid")).findFirst().orElseThrow();
        String body = (String) first.getContent();
        String path = body.replaceAll("(?s).*http://localhost:\\d+(/r/[A-Za-z0-9_-]{22}).*", "$1");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodeA.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(303);
        HttpResponse<String> saveA = post(http, nodeA, path + "/p/about", "innovated=yes&employees=40");
        assertThat(saveA.statusCode()).isEqualTo(303);
        assertThat(saveA.headers().firstValue("Location")).contains(path + "/p/innovation");
        HttpResponse<String> resumeB = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodeB.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resumeB.headers().firstValue("Location")).contains(path + "/p/innovation");
        HttpResponse<String> pageB = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodeB.port() + path + "/p/innovation"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pageB.statusCode()).isEqualTo(200);
        assertThat(pageB.body()).contains("Side 2 af 3");
        HttpResponse<String> saveB = post(http, nodeB, path + "/p/innovation", "kinds=service&tech=solution");
        assertThat(saveB.headers().firstValue("Location")).contains(path + "/p/culture");
        String answers = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.answers::text FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.workplace_id = 'n0' AND i.edition_id = ?""").bind(0, edition).mapTo(String.class).one());
        assertThat(answers).contains("\"employees\": \"40\"", "\"tech\": \"solution\"");
    }

    private static HttpResponse<String> post(HttpClient http, Server node, String path, String form) throws Exception {
        String body = "_save=" + UUID.randomUUID() + "&" + form;
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int sentCount(long edition) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
                WHERE i.edition_id = ? AND o.state = 'sent'""").bind(0, edition).mapTo(Integer.class).one());
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
