package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.barometer.app.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.Tokens;
class OutboxTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    /** The test database, and editions to work in. */
    static final class Db {
        Jdbi jdbi;

        long newEdition(String name) {
            return jdbi.withHandle(h -> h.createQuery("INSERT INTO edition (name) VALUES (?) RETURNING id")
                    .bind(0, name).mapTo(Long.class).one());
        }
    }

    static final Db db = new Db();

    @BeforeAll
    static void start() {
        db.jdbi = database.jdbi();
    }

    MailConfig smtp() {
        return MailConfig.of("127.0.0.1", mail.getSmtp().getPort(), "survey@barometer.example").withRate(1000);
    }

    List<InvitationStore.Invitee> invitees(String prefix, int n) {
        List<InvitationStore.Invitee> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new InvitationStore.Invitee(prefix + i, "Workplace <b>" + i + "</b>", "Manager " + i,
                    prefix + i + "@example.invalid", i % 2 == 0 ? "da" : "en", "stratum-" + (i % 3)));
        }
        return list;
    }

    @Test
    void invitationsArriveOnceWithAWorkingPersonalLinkAndTheTokenIsNotKept() throws Exception {
        long edition = db.newEdition("e-links");
        InvitationStore invitations = new InvitationStore(db.jdbi);
        invitations.create(edition, invitees("a", 4), Instant.now().plus(30, ChronoUnit.DAYS));
        MailingStore mailings = new MailingStore(db.jdbi, "https://barometer.example/");
        long mailing = mailings.sendInvitations(edition, LocalDate.of(2019, 3, 15));
        assertThat(mailings.sendInvitations(edition, LocalDate.of(2019, 3, 15))).as("nobody is invited twice").isEqualTo(-1);

        int sent = new OutboxSender(new OutboxStore(db.jdbi), smtp()).drain();
        assertThat(sent).isEqualTo(4);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(4);
        MimeMessage first = received[0];
        String body = text(first);
        assertThat(first.getSubject()).isEqualTo("Spørgeskemaundersøgelse: Workplace <b>0</b> er udtrukket");
        assertThat(body).contains("Kære Manager 0").contains("15. marts 2019");
        String token = body.replaceAll("(?s).*https://barometer.example/r/([A-Za-z0-9_-]{22}).*", "$1");
        assertThat(Tokens.wellFormed(token)).isTrue();
        assertThat(body).contains("https://barometer.example/r/" + token + "/opt-out");
        assertThat(invitations.resolve(token).status()).isEqualTo(InvitationStore.Status.VALID);
        assertThat(invitations.resolve(token).invitation().orElseThrow().workplaceId()).isEqualTo("a0");
        assertThat(text(received[1])).contains("Dear Manager 1").contains("15 March 2019");

        // The stored mail no longer holds the token; only its hash remains.
        List<String> stored = db.jdbi.withHandle(h -> h.createQuery("SELECT body FROM fieldwork_outbox WHERE mailing_id = ?")
                .bind(0, mailing).mapTo(String.class).list());
        assertThat(stored).hasSize(4).noneMatch(b -> b.contains(token));
        int withToken = db.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM fieldwork_outbox WHERE token IS NOT NULL")
                .mapTo(Integer.class).one());
        assertThat(withToken).isZero();
        assertThat(mailings.progress(mailing)).extracting(MailingStore.Progress::sent, MailingStore.Progress::total).containsExactly(4, 4);
    }

    @Test
    void forgedUnknownAndExpiredTokensAreRefused() {
        long edition = db.newEdition("e-expired");
        InvitationStore invitations = new InvitationStore(db.jdbi);
        List<InvitationStore.IssuedLink> expired = invitations.create(edition, invitees("x", 1), Instant.now().minusSeconds(1));
        assertThat(invitations.resolve(expired.getFirst().token()).status()).isEqualTo(InvitationStore.Status.EXPIRED);
        assertThat(invitations.resolve(Tokens.generate().value()).status()).isEqualTo(InvitationStore.Status.UNKNOWN);
        assertThat(invitations.resolve("' OR 1=1 --").status()).isEqualTo(InvitationStore.Status.MALFORMED);
        assertThat(invitations.resolve(null).status()).isEqualTo(InvitationStore.Status.MALFORMED);
        assertThat(invitations.resolve(expired.getFirst().token() + "A").status()).isEqualTo(InvitationStore.Status.MALFORMED);
    }

    @Test
    void twoSendersOnOneDatabaseSendEachMessageExactlyOnce() throws Exception {
        long edition = db.newEdition("e-two-nodes");
        new InvitationStore(db.jdbi).create(edition, invitees("b", 60), Instant.now().plus(30, ChronoUnit.DAYS));
        new MailingStore(db.jdbi, "http://localhost").sendInvitations(edition, LocalDate.of(2019, 3, 15));
        mail.reset();
        OutboxStore outbox = new OutboxStore(db.jdbi);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sends = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                String name = "node-" + node;
                sends.add(pool.submit(() -> new OutboxSender(outbox, smtp(), name).drain()));
            }
            int total = 0;
            for (Future<Integer> f : sends) {
                total += f.get();
            }
            assertThat(total).isEqualTo(60);
        }
        Map<String, Long> perRecipient = java.util.Arrays.stream(mail.getReceivedMessages())
                .collect(Collectors.groupingBy(m -> GreenMailUtil.getAddressList(unchecked(m)), Collectors.counting()));
        assertThat(perRecipient).hasSize(60).allSatisfy((to, count) -> assertThat(count).as(to).isEqualTo(1));
    }

    private static jakarta.mail.Address[] unchecked(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClaimWhoseNodeDiedIsSentAfterTheLease() throws Exception {
        long edition = db.newEdition("e-lease");
        new InvitationStore(db.jdbi).create(edition, invitees("c", 2), Instant.now().plus(30, ChronoUnit.DAYS));
        new MailingStore(db.jdbi, "http://localhost").sendInvitations(edition, LocalDate.of(2019, 3, 15));
        mail.reset();
        OutboxStore outbox = new OutboxStore(db.jdbi);
        // A node claims both messages and dies before sending.
        List<OutboxStore.Message> claimed = outbox.claim("dead-node", 10, Duration.ofMillis(300));
        assertThat(claimed).hasSize(2);
        assertThat(outbox.claim("other", 10, Duration.ofMinutes(5))).as("a live claim is not taken over").isEmpty();
        Thread.sleep(400);
        int sent = new OutboxSender(outbox, smtp(), "survivor").drain();
        assertThat(sent).isEqualTo(2);
        assertThat(mail.getReceivedMessages()).hasSize(2);
        // The dead node's late mark is refused: the claim has passed on.
        assertThat(outbox.markSent(claimed.getFirst().id(), "dead-node")).isFalse();
        List<Integer> attempts = db.jdbi.withHandle(h -> h.createQuery(
                "SELECT attempts FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id WHERE i.edition_id = ?")
                .bind(0, edition).mapTo(Integer.class).list());
        assertThat(attempts).containsOnly(2);
    }

    @Test
    void anUnreachableServerIsRetriedWithBackOffThenFailed() {
        long edition = db.newEdition("e-retry");
        new InvitationStore(db.jdbi).create(edition, invitees("d", 1), Instant.now().plus(30, ChronoUnit.DAYS));
        new MailingStore(db.jdbi, "http://localhost").sendInvitations(edition, LocalDate.of(2019, 3, 15));
        OutboxStore outbox = new OutboxStore(db.jdbi);
        MailConfig down = MailConfig.of("127.0.0.1", 1, "survey@barometer.example")
                .withRetries(2, Duration.ofMillis(200));
        assertThat(new OutboxSender(outbox, down, "n").drain()).isZero();
        Map<String, Object> row = db.jdbi.withHandle(h -> h.createQuery("""
                SELECT o.state, o.attempts, o.next_attempt_at > now() AS later FROM fieldwork_outbox o
                JOIN fieldwork_invitation i ON i.id = o.invitation_id WHERE i.edition_id = ?""").bind(0, edition).mapToMap().one());
        assertThat(row).containsEntry("state", "queued").containsEntry("attempts", 1).containsEntry("later", true);
        assertThat(new OutboxSender(outbox, down, "n").drain()).as("not due before the back-off").isZero();
        await(() -> { new OutboxSender(outbox, down, "n").drain(); return state(edition).equals("failed"); });
        assertThat(outbox.undelivered(edition)).singleElement()
                .satisfies(u -> assertThat(u.state()).isEqualTo("failed"))
                .satisfies(u -> assertThat(u.attempts()).isEqualTo(2));
    }

    @Test
    void aMalformedAddressBouncesAndMarksTheInvitation() {
        long edition = db.newEdition("e-bounce");
        InvitationStore invitations = new InvitationStore(db.jdbi);
        var links = invitations.create(edition, List.of(new InvitationStore.Invitee("z", "Z", "M", "not an address@@", "da", "")),
                Instant.now().plus(30, ChronoUnit.DAYS));
        new MailingStore(db.jdbi, "http://localhost").sendInvitations(edition, LocalDate.of(2019, 3, 15));
        new OutboxSender(new OutboxStore(db.jdbi), smtp(), "n").drain();
        assertThat(state(edition)).isEqualTo("bounced");
        assertThat(invitations.find(links.getFirst().invitationId()).orElseThrow().bouncedAt()).isNotNull();
    }

    @Test
    void optedOutInviteesGetNoMoreMail() throws Exception {
        long edition = db.newEdition("e-optout");
        InvitationStore invitations = new InvitationStore(db.jdbi);
        var links = invitations.create(edition, invitees("o", 2), Instant.now().plus(30, ChronoUnit.DAYS));
        MailingStore mailings = new MailingStore(db.jdbi, "http://localhost");
        mailings.sendInvitations(edition, LocalDate.of(2019, 3, 15));
        invitations.optOut(links.getFirst().invitationId());
        mail.reset();
        new OutboxSender(new OutboxStore(db.jdbi), smtp(), "n").drain();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("o1@example.invalid");

        // A reminder round goes to the one who neither opted out nor answered, once, however many nodes run it.
        ReminderStore reminders = new ReminderStore(db.jdbi);
        reminders.schedule(edition, Instant.now().minusSeconds(1), LocalDate.of(2019, 3, 22), "http://localhost");
        mail.reset();
        assertThat(reminders.runDue() + reminders.runDue()).isEqualTo(1);
        new OutboxSender(new OutboxStore(db.jdbi), smtp(), "n").drain();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getSubject()).startsWith("Reminder:");
        assertThat(text(mail.getReceivedMessages()[0])).contains("22 March 2019");
    }

    @Test
    void mailTextsRefuseUnknownFieldsAndSubjectsStayOnOneLine() {
        assertThat(org.barometer.app.edition.SurveyText.MERGE_FIELDS)
                .contains("workplace_name", "manager_name", "link", "deadline", "optout_link", "survey_title");
        assertThat(org.barometer.app.edition.SurveyText.INVITATION_BODY.problems("Dear {manager_nam}"))
                .extracting(org.barometer.app.edition.SurveyText.Problem::key).containsExactly("texts.error.field");
        assertThat(org.barometer.app.edition.SurveyText.TITLE.problems("A title with {link}"))
                .extracting(org.barometer.app.edition.SurveyText.Problem::key).containsExactly("texts.error.noFields");
        var texts = org.barometer.app.edition.SurveyTexts.defaults();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailTemplates.render(MailTemplates.Kind.INVITATION, "da",
                Map.of(), texts)).hasMessageContaining("no value for merge field");
        var m = MailTemplates.render(MailTemplates.Kind.INVITATION, "en", Map.of("workplace_name", "A\r\nBcc: evil@example.invalid",
                "manager_name", "M", "link", "L", "deadline", "D", "optout_link", "O"), texts);
        assertThat(m.subject()).doesNotContain("\n").doesNotContain("\r");
        assertThat(m.body()).contains("Dear M", "L", "D", "O", "The survey team").doesNotContain("{");
    }

    /** The decoded text of a received mail. */
    static String text(MimeMessage m) {
        try {
            return (String) m.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String state(long edition) {
        return db.jdbi.withHandle(h -> h.createQuery("""
                SELECT o.state FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
                WHERE i.edition_id = ?""").bind(0, edition).mapTo(String.class).one());
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
