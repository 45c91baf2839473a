package org.barometer.app.fieldwork;

import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.SurveyTexts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import org.barometer.app.respond.InvitationStore;
/**
 * Puts invitations and reminders into the outbox. Each message is rendered when it is queued, with a fresh
 * personal token (see {@link InvitationStore#issueToken}); the token is cut out of the stored body once the
 * message has left the outbox.
 */
public final class MailingStore {
    private final Jdbi jdbi;
    private final String baseUrl;

    /** @param baseUrl the public address of the server, e.g. {@code https://barometer.example}, used in links */
    public MailingStore(Jdbi jdbi, String baseUrl) {
        this.jdbi = jdbi;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The progress of one mailing: how many of its messages are in each state. */
    public record Progress(long mailingId, String kind, int queued, int sending, int sent, int failed, int bounced,
                           int cancelled) {
        public int total() {
            return queued + sending + sent + failed + bounced + cancelled;
        }

        public boolean underWay() {
            return queued + sending > 0;
        }
    }

    public String link(String token) {
        return baseUrl + "/r/" + token;
    }

    public String optOutLink(String token) {
        return baseUrl + "/r/" + token + "/opt-out";
    }

    /**
     * Queues an invitation for every invitation of the edition that has not had one, has not opted out and has not
     * submitted (an invitation is never sent to someone who has answered already).
     * Returns the mailing id, or -1 if there was nobody to invite.
     */
    public long sendInvitations(long editionId, LocalDate deadline) {
        return jdbi.inTransaction(h -> queue(h, editionId, MailTemplates.Kind.INVITATION, deadline, """
                SELECT i.id, i.workplace_name, i.manager_name, i.email, i.language FROM fieldwork_invitation i
                WHERE i.edition_id = ? AND NOT i.test AND i.opted_out_at IS NULL AND i.bounced_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM fieldwork_outbox o JOIN fieldwork_mailing m ON m.id = o.mailing_id
                                  WHERE o.invitation_id = i.id AND m.kind = 'invitation')
                  AND NOT EXISTS (SELECT 1 FROM respond_response r WHERE r.invitation_id = i.id AND r.state = 'submitted')
                ORDER BY i.id"""));
    }

    /**
     * Queues a reminder for every invitation of the edition that was invited, has not submitted, has not opted out
     * and has not bounced. Returns the mailing id, or -1 if nobody needed a reminder.
     */
    public long sendReminders(Handle h, long editionId, LocalDate deadline) {
        return queue(h, editionId, MailTemplates.Kind.REMINDER, deadline, """
                SELECT i.id, i.workplace_name, i.manager_name, i.email, i.language FROM fieldwork_invitation i
                WHERE i.edition_id = ? AND NOT i.test AND i.opted_out_at IS NULL AND i.bounced_at IS NULL
                  AND i.expires_at > now()
                  AND EXISTS (SELECT 1 FROM fieldwork_outbox o JOIN fieldwork_mailing m ON m.id = o.mailing_id
                              WHERE o.invitation_id = i.id AND m.kind = 'invitation' AND o.state = 'sent')
                  AND NOT EXISTS (SELECT 1 FROM respond_response r WHERE r.invitation_id = i.id AND r.state = 'submitted')
                ORDER BY i.id""");
    }

    public long sendReminders(long editionId, LocalDate deadline) {
        return jdbi.inTransaction(h -> sendReminders(h, editionId, deadline));
    }

    private long queue(Handle h, long editionId, MailTemplates.Kind kind, LocalDate deadline, String select) {
        List<Map<String, Object>> rows = h.createQuery(select).bind(0, editionId).mapToMap().list();
        if (rows.isEmpty()) {
            return -1;
        }
        long mailingId = h.createQuery("INSERT INTO fieldwork_mailing (edition_id, kind) VALUES (?, ?) RETURNING id")
                .bind(0, editionId).bind(1, kind.name().toLowerCase(Locale.ROOT)).mapTo(Long.class).one();
        SurveyTexts texts = SurveyTextStore.of(h, editionId);
        var insert = h.prepareBatch("""
                INSERT INTO fieldwork_outbox (mailing_id, invitation_id, recipient, subject, body, token)
                VALUES (?, ?, ?, ?, ?, ?)""");
        for (Map<String, Object> row : rows) {
            long invitationId = ((Number) row.get("id")).longValue();
            String language = (String) row.get("language");
            String token = InvitationStore.issueToken(h, invitationId);
            MailTemplates.Mail mail = MailTemplates.render(kind, language, Map.of(
                    "workplace_name", (String) row.get("workplace_name"),
                    "manager_name", (String) row.get("manager_name"),
                    "link", link(token),
                    "optout_link", optOutLink(token),
                    "deadline", formatDate(deadline, language)), texts);
            insert.bind(0, mailingId).bind(1, invitationId).bind(2, (String) row.get("email"))
                    .bind(3, mail.subject()).bind(4, mail.body()).bind(5, token).add();
        }
        insert.execute();
        return mailingId;
    }

    static String formatDate(LocalDate date, String language) {
        return "en".equals(language)
                ? date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
                : date.format(DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.of("da")));
    }

    /** The progress of a mailing. */
    public Progress progress(long mailingId) {
        return jdbi.withHandle(h -> progress(h, mailingId));
    }

    /** The mailings of an edition, newest first, with their progress. */
    public List<Progress> mailings(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM fieldwork_mailing WHERE edition_id = ? ORDER BY id DESC")
                .bind(0, editionId).mapTo(Long.class).list().stream().map(id -> progress(h, id)).toList());
    }

    private static Progress progress(Handle h, long mailingId) {
        return h.createQuery("""
                SELECT m.id, m.kind,
                       count(*) FILTER (WHERE o.state = 'queued') AS queued,
                       count(*) FILTER (WHERE o.state = 'sending') AS sending,
                       count(*) FILTER (WHERE o.state = 'sent') AS sent,
                       count(*) FILTER (WHERE o.state = 'failed') AS failed,
                       count(*) FILTER (WHERE o.state = 'bounced') AS bounced,
                       count(*) FILTER (WHERE o.state = 'cancelled') AS cancelled
                FROM fieldwork_mailing m LEFT JOIN fieldwork_outbox o ON o.mailing_id = m.id
                WHERE m.id = ? GROUP BY m.id, m.kind""")
                .bind(0, mailingId)
                .map((rs, ctx) -> new Progress(rs.getLong("id"), rs.getString("kind"), rs.getInt("queued"),
                        rs.getInt("sending"), rs.getInt("sent"), rs.getInt("failed"), rs.getInt("bounced"),
                        rs.getInt("cancelled")))
                .one();
    }
}
