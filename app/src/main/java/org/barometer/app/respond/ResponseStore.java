package org.barometer.app.respond;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Responses and their page saves in PostgreSQL.
 *
 * <p>A page save is stored in one transaction that locks the response row, so two saves of one response never
 * interleave, and it is stored under the save id the page carried: a retried POST (the browser resent it, or the
 * first answer was lost) finds its save already there and changes nothing. The HTTP answer is sent only after the
 * commit, so an acknowledged save is durable.
 */
public final class ResponseStore {
    /** A pause longer than this starts a new sitting. */
    public static final Duration SITTING_GAP = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() {};

    private final Jdbi jdbi;

    public ResponseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A response as stored. */
    public record Response(long id, long invitationId, String state, Map<String, String> answers, String currentPage,
                           String language, int sittings, String deviceClass, int saves) {
        public Response {
            answers = Map.copyOf(answers);
        }

        public boolean submitted() {
            return "submitted".equals(state);
        }
    }

    /** What the questionnaire made of a page's answers, computed while the response is locked. */
    public record Applied(boolean accepted, Map<String, String> answers, List<String> cleared, String nextPage) {}

    /** How a page save ended. */
    public enum Outcome {
        /** Stored now. */
        SAVED,
        /** This save id was stored before: a retried request. Nothing changed. */
        ALREADY_SAVED,
        /** The answers broke the questionnaire's rules. Nothing changed. */
        REJECTED,
        /** The response is submitted and locked. Nothing changed. */
        LOCKED
    }

    /** The outcome and the response as it is after the save (or unchanged). */
    public record SaveResult(Outcome outcome, Response response) {}

    /** The paradata a page save carries. */
    public record Paradata(Integer secondsOnPage, String deviceClass) {}

    /**
     * The response of an invitation, started now if it has none. A visit after a pause longer than
     * {@link #SITTING_GAP} counts as a new sitting.
     */
    public Response visit(long invitationId, String language, String deviceClass) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO respond_response (invitation_id, language, device_class) VALUES (?, ?, ?)
                    ON CONFLICT (invitation_id) DO NOTHING""")
                    .bind(0, invitationId).bind(1, language).bind(2, deviceClass).execute();
            return h.createQuery("""
                    UPDATE respond_response SET
                        sittings = sittings + CASE WHEN last_seen_at < now() - make_interval(secs => :gap) THEN 1 ELSE 0 END,
                        last_seen_at = now(), device_class = :device, language = :lang
                    WHERE invitation_id = :inv RETURNING *""")
                    .bind("gap", (double) SITTING_GAP.toSeconds()).bind("device", deviceClass).bind("lang", language)
                    .bind("inv", invitationId)
                    .map((rs, ctx) -> read(rs)).one();
        });
    }

    public Optional<Response> find(long invitationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM respond_response WHERE invitation_id = ?")
                .bind(0, invitationId).map((rs, ctx) -> read(rs)).findOne());
    }

    public Optional<Response> byId(long responseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM respond_response WHERE id = ?")
                .bind(0, responseId).map((rs, ctx) -> read(rs)).findOne());
    }

    /**
     * Saves one page of answers, once per save id. {@code apply} gets the answers before this save and returns
     * what the questionnaire makes of them; it runs while the response is locked.
     */
    public SaveResult save(long invitationId, UUID saveId, String page, Paradata paradata,
                           java.util.function.Function<Response, Applied> apply) {
        return jdbi.inTransaction(h -> {
            Optional<Response> locked = lock(h, invitationId);
            if (locked.isEmpty()) {
                // A save with no visit before it (the page was open when the server restarted, say).
                h.createUpdate("INSERT INTO respond_response (invitation_id, device_class) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .bind(0, invitationId).bind(1, paradata.deviceClass()).execute();
                locked = lock(h, invitationId);
            }
            Response current = locked.orElseThrow();
            boolean seen = h.createQuery("SELECT 1 FROM respond_page_save WHERE response_id = ? AND save_id = ?")
                    .bind(0, current.id()).bind(1, saveId).mapTo(Integer.class).findOne().isPresent();
            if (seen) {
                return new SaveResult(Outcome.ALREADY_SAVED, current);
            }
            if (current.submitted()) {
                return new SaveResult(Outcome.LOCKED, current);
            }
            Applied applied = apply.apply(current);
            if (!applied.accepted()) {
                return new SaveResult(Outcome.REJECTED, current);
            }
            h.createUpdate("""
                    INSERT INTO respond_page_save (response_id, save_id, page, answers, cleared, seconds_on_page, device_class)
                    VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)""")
                    .bind(0, current.id()).bind(1, saveId).bind(2, page).bind(3, json(applied.answers()))
                    .bind(4, applied.cleared().toArray(String[]::new)).bind(5, paradata.secondsOnPage())
                    .bind(6, paradata.deviceClass()).execute();
            Response after = h.createQuery("""
                    UPDATE respond_response SET answers = ?::jsonb, current_page = ?, saves = saves + 1,
                        last_seen_at = now(), device_class = coalesce(?, device_class)
                    WHERE id = ? RETURNING *""")
                    .bind(0, json(applied.answers())).bind(1, applied.nextPage()).bind(2, paradata.deviceClass())
                    .bind(3, current.id()).map((rs, ctx) -> read(rs)).one();
            return new SaveResult(Outcome.SAVED, after);
        });
    }

    private static Optional<Response> lock(Handle h, long invitationId) {
        return h.createQuery("SELECT * FROM respond_response WHERE invitation_id = ? FOR UPDATE")
                .bind(0, invitationId).map((rs, ctx) -> read(rs)).findOne();
    }

    /** Locks the response against further changes. Returns false if it was already submitted. */
    public boolean submit(long invitationId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE respond_response SET state = 'submitted', submitted_at = now(), last_seen_at = now()
                WHERE invitation_id = ? AND state = 'started'""").bind(0, invitationId).execute() == 1);
    }

    /** An admin reopens a submitted response; who and why are kept. Returns false if it was not submitted. */
    public boolean reopen(long responseId, String byWhom, String reason) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE respond_response SET state = 'started', submitted_at = NULL WHERE id = ? AND state = 'submitted'")
                    .bind(0, responseId).execute();
            if (n == 1) {
                h.createUpdate("INSERT INTO respond_reopening (response_id, reopened_by, reason) VALUES (?, ?, ?)")
                        .bind(0, responseId).bind(1, byWhom).bind(2, reason == null ? "" : reason).execute();
            }
            return n == 1;
        });
    }

    static Response read(ResultSet rs) throws SQLException {
        return new Response(rs.getLong("id"), rs.getLong("invitation_id"), rs.getString("state"),
                parseAnswers(rs.getString("answers")), rs.getString("current_page"), rs.getString("language"),
                rs.getInt("sittings"), rs.getString("device_class"), rs.getInt("saves"));
    }

    /** Answers as stored (a JSON object of strings). */
    public static Map<String, String> parseAnswers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers are not a JSON object of strings", e);
        }
    }

    static String json(Map<String, String> answers) {
        try {
            return JSON.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests and exports: how many page saves a response has stored. */
    public int pageSaves(Handle h, long responseId) {
        return h.createQuery("SELECT count(*) FROM respond_page_save WHERE response_id = ?").bind(0, responseId)
                .mapTo(Integer.class).one();
    }
}
