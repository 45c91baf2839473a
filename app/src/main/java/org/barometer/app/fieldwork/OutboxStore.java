package org.barometer.app.fieldwork;

import java.time.Duration;
import java.util.List;
import org.barometer.app.respond.InvitationStore;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail outbox in PostgreSQL, shared by every app node.
 *
 * <p>A node claims a batch in one short transaction ({@code FOR UPDATE SKIP LOCKED}, so two nodes never claim the
 * same row) and marks it 'sending' with a lease. It then talks SMTP outside any transaction and marks each message
 * sent (or schedules a retry, or gives it up). A claim whose lease ran out — its node died — is claimed again.
 *
 * <p>The one window: a node that dies after the SMTP server accepted a message but before it marked the message
 * sent leaves it 'sending'; after the lease it is sent again. We chose at-least-once over at-most-once because a
 * lost invitation costs a response, while a rare duplicate costs a second mail that carries the same
 * {@code Message-ID} (derived from the outbox id), which lets mail clients recognise it.
 */
public final class OutboxStore {
    private final Jdbi jdbi;

    public OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A claimed message. {@code attempts} counts this attempt. */
    public record Message(long id, long invitationId, String recipient, String subject, String body, int attempts) {}

    /** Claims up to {@code max} due messages for {@code node}, holding them for {@code lease}. */
    public List<Message> claim(String node, int max, Duration lease) {
        return jdbi.inTransaction(h -> h.createQuery("""
                        UPDATE fieldwork_outbox o
                        SET state = 'sending', claimed_by = :node, attempts = o.attempts + 1,
                            lease_until = now() + make_interval(secs => :lease)
                        WHERE o.id IN (
                            SELECT id FROM fieldwork_outbox
                            WHERE (state = 'queued' AND next_attempt_at <= now())
                               OR (state = 'sending' AND lease_until < now())
                            ORDER BY id
                            LIMIT :max
                            FOR UPDATE SKIP LOCKED)
                        RETURNING o.id, o.invitation_id, o.recipient, o.subject, o.body, o.attempts""")
                .bind("node", node).bind("lease", lease.toMillis() / 1000.0).bind("max", max)
                .map((rs, ctx) -> new Message(rs.getLong("id"), rs.getLong("invitation_id"), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .list()).stream().sorted(java.util.Comparator.comparingLong(Message::id)).toList();
    }

    /** Marks a message sent, and cuts its token out of the stored body. Only the claiming node may do so. */
    public boolean markSent(long id, String node) {
        return finish(id, node, "sent", null) == 1;
    }

    /** Gives a message up as undeliverable to its address (a permanent SMTP refusal) and marks its invitation bounced. */
    public void markBounced(long id, String node, String error) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("""
                    UPDATE fieldwork_outbox SET state = 'bounced', last_error = ?, lease_until = NULL,
                        body = CASE WHEN token IS NULL THEN body ELSE replace(body, token, '…') END, token = NULL
                    WHERE id = ? AND state = 'sending' AND claimed_by = ?""")
                    .bind(0, error).bind(1, id).bind(2, node).execute();
            if (n == 1) {
                h.createUpdate("""
                        UPDATE fieldwork_invitation SET bounced_at = now()
                        WHERE id = (SELECT invitation_id FROM fieldwork_outbox WHERE id = ?) AND bounced_at IS NULL""")
                        .bind(0, id).execute();
            }
        });
    }

    /** After a temporary failure: retry after a back-off that doubles with each attempt, or give up as failed. */
    public void markAttemptFailed(long id, String node, int attempts, MailConfig config, String error) {
        if (attempts >= config.maxAttempts()) {
            finish(id, node, "failed", error);
            return;
        }
        long waitMillis = config.firstBackoff().toMillis() << Math.min(attempts - 1, 20);
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE fieldwork_outbox SET state = 'queued', last_error = ?, lease_until = NULL, claimed_by = NULL,
                    next_attempt_at = now() + make_interval(secs => ?)
                WHERE id = ? AND state = 'sending' AND claimed_by = ?""")
                .bind(0, error).bind(1, waitMillis / 1000.0).bind(2, id).bind(3, node).execute());
    }

    private int finish(long id, String node, String state, String error) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE fieldwork_outbox SET state = ?, last_error = ?, lease_until = NULL,
                    sent_at = CASE WHEN ? = 'sent' THEN now() ELSE sent_at END,
                    body = CASE WHEN token IS NULL THEN body ELSE replace(body, token, '…') END, token = NULL
                WHERE id = ? AND state = 'sending' AND claimed_by = ?""")
                .bind(0, state).bind(1, error).bind(2, state).bind(3, id).bind(4, node).execute());
    }

    /** A message that could not be delivered, for the admin's list of bounced and failed addresses. */
    public record Undelivered(long id, long invitationId, String workplaceId, String workplaceName, String recipient,
                              String state, int attempts, String lastError) {}

    /** Bounced and failed messages of an edition, newest first. */
    public List<Undelivered> undelivered(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.id, o.invitation_id, i.workplace_id, i.workplace_name, o.recipient, o.state, o.attempts,
                               coalesce(o.last_error, '') AS last_error
                        FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
                        WHERE i.edition_id = ? AND o.state IN ('bounced', 'failed') ORDER BY o.id DESC""")
                .bind(0, editionId)
                .map((rs, ctx) -> new Undelivered(rs.getLong("id"), rs.getLong("invitation_id"),
                        rs.getString("workplace_id"), rs.getString("workplace_name"), rs.getString("recipient"),
                        rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error")))
                .list());
    }

    /** A message as the outbox page lists it. */
    public record Listed(long id, String kind, String workplaceId, String workplaceName, String recipient,
                         String subject, String state, int attempts, java.time.OffsetDateTime createdAt,
                         java.time.OffsetDateTime sentAt, String lastError) {}

    /** A message as its page shows it: the body with any personal token still in it masked. */
    public record Shown(Listed message, String body) {}

    /** The text that stands for a personal token wherever staff see a message. */
    public static final String MASK = "••••••";

    private static final String LISTED = """
            SELECT o.id, m.kind, i.workplace_id, i.workplace_name, o.recipient, o.subject, o.state, o.attempts,
                   o.created_at, o.sent_at, coalesce(o.last_error, '') AS last_error, o.body, o.token
            FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
            LEFT JOIN fieldwork_mailing m ON m.id = o.mailing_id
            """;

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Listed(rs.getLong("id"), rs.getString("kind") == null ? "" : rs.getString("kind"),
                rs.getString("workplace_id"), rs.getString("workplace_name"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("state"), rs.getInt("attempts"),
                rs.getObject("created_at", java.time.OffsetDateTime.class),
                rs.getObject("sent_at", java.time.OffsetDateTime.class), rs.getString("last_error"));
    }

    /** An edition's messages in one state (null: all), newest first, a page at a time. */
    public List<Listed> list(long editionId, String state, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery(LISTED + """
                        WHERE i.edition_id = :e AND (cast(:state as text) IS NULL OR o.state = :state)
                        ORDER BY o.id DESC LIMIT :limit OFFSET :offset""")
                .bind("e", editionId).bind("state", state).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> listed(rs)).list());
    }

    /** How many of an edition's messages are in each state. */
    public java.util.Map<String, Integer> counts(long editionId) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String state : List.of("queued", "sending", "sent", "failed", "bounced", "cancelled")) {
            counts.put(state, 0);
        }
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT o.state, count(*) FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
                        WHERE i.edition_id = ? GROUP BY o.state""")
                .bind(0, editionId).map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Why a message was not sent again. */
    public enum ResendRefusal { NOT_FOUND, NOT_UNDELIVERED }

    /**
     * Sends an undelivered (failed or bounced) message of an edition again, to {@code address} (its own, or a
     * corrected one): the same text with a fresh personal link, queued as a new message of the same mailing; the
     * old message is marked cancelled. A corrected address becomes the invitation's, which is no longer bounced.
     * Returns the new message's id, or why nothing changed.
     */
    public sealed interface Resent permits Resent.Queued, Resent.Refused {
        record Queued(long messageId) implements Resent {}
        record Refused(ResendRefusal reason) implements Resent {}
    }

    public Resent resend(long editionId, long messageId, String address) {
        return jdbi.inTransaction(h -> {
            var row = h.createQuery("""
                    SELECT o.id, o.mailing_id, o.invitation_id, o.recipient, o.subject, o.body, o.state
                    FROM fieldwork_outbox o JOIN fieldwork_invitation i ON i.id = o.invitation_id
                    WHERE i.edition_id = ? AND o.id = ? FOR UPDATE OF o""")
                    .bind(0, editionId).bind(1, messageId).mapToMap().findOne();
            if (row.isEmpty()) {
                return new Resent.Refused(ResendRefusal.NOT_FOUND);
            }
            Map<String, Object> m = row.get();
            String state = (String) m.get("state");
            if (!state.equals("failed") && !state.equals("bounced")) {
                return new Resent.Refused(ResendRefusal.NOT_UNDELIVERED);
            }
            long invitationId = ((Number) m.get("invitation_id")).longValue();
            String token = InvitationStore.issueToken(h, invitationId);
            // an undelivered message's links lost their token ("…"); the new one carries a fresh one
            String body = ((String) m.get("body")).replace("/r/…", "/r/" + token);
            long id = h.createQuery("""
                    INSERT INTO fieldwork_outbox (mailing_id, invitation_id, recipient, subject, body, token)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                    .bind(0, (Long) (m.get("mailing_id") == null ? null : ((Number) m.get("mailing_id")).longValue()))
                    .bind(1, invitationId).bind(2, address).bind(3, (String) m.get("subject")).bind(4, body)
                    .bind(5, token).mapTo(Long.class).one();
            h.createUpdate("UPDATE fieldwork_outbox SET state = 'cancelled' WHERE id = ?").bind(0, messageId).execute();
            if (!address.equals(m.get("recipient"))) {
                h.createUpdate("UPDATE fieldwork_invitation SET email = ?, bounced_at = NULL WHERE id = ?")
                        .bind(0, address).bind(1, invitationId).execute();
            }
            return new Resent.Queued(id);
        });
    }

    /** One message of an edition, its token masked; empty when the edition has no such message. */
    public java.util.Optional<Shown> shown(long editionId, long messageId) {
        return jdbi.withHandle(h -> h.createQuery(LISTED + " WHERE i.edition_id = ? AND o.id = ?")
                .bind(0, editionId).bind(1, messageId)
                .map((rs, ctx) -> {
                    String token = rs.getString("token");
                    String body = rs.getString("body");
                    return new Shown(listed(rs), token == null ? body : body.replace(token, MASK));
                }).findOne());
    }
}
