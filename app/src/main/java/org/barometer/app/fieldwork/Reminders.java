package org.barometer.app.fieldwork;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Reminder rounds on a schedule. A due round is taken by one node ({@code FOR UPDATE SKIP LOCKED}) which queues the
 * reminders and marks the round done in the same transaction, so a round is queued exactly once however many nodes run.
 */
public final class Reminders {
    private final Jdbi jdbi;
    private final Mailings mailings;

    public Reminders(Jdbi jdbi, Mailings mailings) {
        this.jdbi = jdbi;
        this.mailings = mailings;
    }

    /** A scheduled round. */
    public record Round(long id, long editionId, Instant sendAt, Instant doneAt, Long mailingId) {}

    public long schedule(long editionId, Instant sendAt) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO fieldwork_reminder (edition_id, send_at) VALUES (?, ?) RETURNING id")
                .bind(0, editionId).bind(1, Timestamp.from(sendAt)).mapTo(Long.class).one());
    }

    public List<Round> rounds(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM fieldwork_reminder WHERE edition_id = ? ORDER BY send_at")
                .bind(0, editionId)
                .map((rs, ctx) -> new Round(rs.getLong("id"), rs.getLong("edition_id"), Invitations.instant(rs, "send_at"),
                        Invitations.instant(rs, "done_at"), rs.getObject("mailing_id") == null ? null : rs.getLong("mailing_id")))
                .list());
    }

    /**
     * Queues every due round. {@code deadline} gives the answer-by date for a round's edition.
     * Returns the number of rounds queued.
     */
    public int runDue(java.util.function.LongFunction<LocalDate> deadline) {
        int done = 0;
        while (true) {
            boolean took = jdbi.inTransaction(h -> {
                var due = h.createQuery("""
                        SELECT id, edition_id FROM fieldwork_reminder WHERE done_at IS NULL AND send_at <= now()
                        ORDER BY send_at LIMIT 1 FOR UPDATE SKIP LOCKED""").mapToMap().findOne();
                if (due.isEmpty()) {
                    return false;
                }
                long id = ((Number) due.get().get("id")).longValue();
                long editionId = ((Number) due.get().get("edition_id")).longValue();
                long mailing = mailings.sendReminders(h, editionId, deadline.apply(editionId));
                h.createUpdate("UPDATE fieldwork_reminder SET done_at = now(), mailing_id = ? WHERE id = ?")
                        .bind(0, mailing < 0 ? null : mailing).bind(1, id).execute();
                return true;
            });
            if (!took) {
                return done;
            }
            done++;
        }
    }
}
