package org.barometer.app.fieldwork;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

import org.barometer.app.db.Rows;
/**
 * Reminder rounds on a schedule. A due round is taken by one node ({@code FOR UPDATE SKIP LOCKED}) which queues the
 * reminders and marks the round done in the same transaction, so a round is queued exactly once however many nodes run.
 */
public final class ReminderStore {
    private final Jdbi jdbi;

    public ReminderStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A scheduled round. */
    public record Round(long id, long editionId, Instant sendAt, Instant doneAt, Long mailingId, LocalDate deadline) {}

    /**
     * Schedules a reminder round for {@code sendAt}, whose mails give {@code deadline} as the answer-by date and
     * make their links from {@code baseUrl} (the round is queued in the background, where no request tells the
     * server's public address).
     */
    public long schedule(long editionId, Instant sendAt, LocalDate deadline, String baseUrl) {
        return jdbi.withHandle(h -> h.createQuery(
                        "INSERT INTO fieldwork_reminder (edition_id, send_at, deadline, base_url) VALUES (?, ?, ?, ?) RETURNING id")
                .bind(0, editionId).bind(1, Timestamp.from(sendAt)).bind(2, deadline).bind(3, baseUrl)
                .mapTo(Long.class).one());
    }

    public List<Round> rounds(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM fieldwork_reminder WHERE edition_id = ? ORDER BY send_at")
                .bind(0, editionId)
                .map((rs, ctx) -> new Round(rs.getLong("id"), rs.getLong("edition_id"), Rows.instant(rs, "send_at"),
                        Rows.instant(rs, "done_at"), rs.getObject("mailing_id") == null ? null : rs.getLong("mailing_id"),
                        rs.getObject("deadline", LocalDate.class)))
                .list());
    }

    /** Queues every due round. Returns the number of rounds taken. */
    public int runDue() {
        int done = 0;
        while (true) {
            boolean took = jdbi.inTransaction(h -> {
                var due = h.createQuery("""
                        SELECT r.id, r.edition_id, r.base_url,
                               coalesce(r.deadline, e.fieldwork_end, (now() + interval '14 days')::date) AS deadline
                        FROM fieldwork_reminder r JOIN edition e ON e.id = r.edition_id
                        WHERE r.done_at IS NULL AND r.send_at <= now()
                        ORDER BY r.send_at LIMIT 1 FOR UPDATE OF r SKIP LOCKED""").mapToMap().findOne();
                if (due.isEmpty()) {
                    return false;
                }
                long id = ((Number) due.get().get("id")).longValue();
                long editionId = ((Number) due.get().get("edition_id")).longValue();
                LocalDate deadline = ((java.sql.Date) due.get().get("deadline")).toLocalDate();
                MailingStore mailings = new MailingStore(jdbi, (String) due.get().get("base_url"));
                long mailing = mailings.sendReminders(h, editionId, deadline);
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
