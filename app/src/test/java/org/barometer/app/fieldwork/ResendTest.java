package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message that bounced is sent again from its page, to a corrected address: the mail arrives there with a
 * working personal link, the invitation takes the new address and is no longer bounced, the old message is
 * cancelled. Only undelivered messages are sent again, only by an admin, only to an address.
 */
class ResendTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static final GreenMailExtension mail = FreeSmtp.catcher(SMTP);

    @RegisterExtension
    static final TestServer server = FreeSmtp.serverMailingTo(SMTP);

    @Test
    void aBouncedMessageGoesAgainToACorrectedAddressWithAWorkingLink() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "resend");
        long invitation = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("w1", "Egedal Skole", "Mette", "mette at skole", "en", "s")),
                Instant.now().plus(10, ChronoUnit.DAYS)).getFirst().invitationId();
        new MailingStore(server.jdbi(), server.baseUrl()).sendInvitations(edition, LocalDate.now().plusDays(9));
        Poll.until(Duration.ofSeconds(20), () -> server.count(
                "SELECT count(*) FROM fieldwork_outbox WHERE invitation_id = ? AND state = 'bounced'", invitation), n -> n == 1);
        int bounced = server.count("SELECT id FROM fieldwork_outbox WHERE invitation_id = ?", invitation);
        String page = "/admin/editions/" + edition + "/fieldwork/outbox/" + bounced;

        WebClient admin = server.admin().language("en");
        assertThat(admin.get(page).body()).contains("id=\"resend-message\"", "malformed address");
        WebClient.Response wrong = admin.post(page + "/resend", Map.of("address", "still not an address"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("href=\"#address\"");
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox WHERE invitation_id = ?", invitation)).isOne();

        WebClient.Response resent = admin.post(page + "/resend", Map.of("address", "mette@skole.example"));
        assertThat(resent.status()).isEqualTo(303);
        MimeMessage[] received = Poll.until(Duration.ofSeconds(20), mail::getReceivedMessages, m -> m.length >= 1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("mette@skole.example");
        Matcher link = Pattern.compile("(/r/[A-Za-z0-9_-]{22})").matcher(OutboxTest.text(received[0]));
        assertThat(link.find()).isTrue();
        assertThat(server.client().get(link.group(1)).status()).isIn(200, 303);
        assertThat(server.count("SELECT count(*) FROM fieldwork_invitation WHERE id = ? AND email = 'mette@skole.example' "
                + "AND bounced_at IS NULL", invitation)).isOne();
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox WHERE id = ? AND state = 'cancelled'", bounced)).isOne();
        assertThat(server.count("SELECT count(*) FROM audit_log WHERE action = 'fieldwork.resend'")).isOne();

        // a cancelled (or sent) message is not sent again; an analyst may not send mail
        assertThat(admin.post(page + "/resend", Map.of("address", "mette@skole.example")).status()).isEqualTo(422);
        new org.barometer.app.access.UserStore(server.jdbi()).create("resend-analyst", "Ana Lyst",
                org.barometer.app.access.Role.ANALYST, "analyst password long enough");
        WebClient analyst = server.client();
        analyst.login("resend-analyst", "analyst password long enough");
        analyst.get(page);
        assertThat(analyst.post(page + "/resend", Map.of("address", "x@example.invalid")).status()).isEqualTo(403);
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox WHERE invitation_id = ?", invitation)).isEqualTo(2);
    }
}
