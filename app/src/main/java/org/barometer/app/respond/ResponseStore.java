package org.barometer.app.respond;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Responses and their page saves in PostgreSQL.
 *
 * <p>A page save is one statement that updates the response and stores the save together, under the save id the
 * page carried: a retried POST (the browser resent it, or the first answer was lost) finds its save already there
 * and changes nothing. The HTTP answer is sent only after the commit (synchronous commit), so an acknowledged save
 * is durable.
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
     * {@link #SITTING_GAP} counts as a new sitting. One statement.
     */
    public Response visit(long invitationId, String language, String deviceClass) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO respond_response AS r (invitation_id, language, device_class) VALUES (:inv, :lang, :device)
                        ON CONFLICT (invitation_id) DO UPDATE SET
                            sittings = r.sittings + CASE WHEN r.last_seen_at < now() - make_interval(secs => :gap) THEN 1 ELSE 0 END,
                            last_seen_at = now(), device_class = excluded.device_class, language = excluded.language
                        RETURNING *""")
                .bind("gap", (double) SITTING_GAP.toSeconds()).bind("device", deviceClass).bind("lang", language)
                .bind("inv", invitationId)
                .map((rs, ctx) -> read(rs)).one());
    }

    public Optional<Response> find(long invitationId) {
        // Plain JDBC on the handle's connection: this read is on every page save, and Jdbi's statement machinery
        // (argument factories, mappers) cost more CPU than the query itself.
        try {
            return jdbi.withHandle(h -> {
                try (PreparedStatement st = h.getConnection().prepareStatement("SELECT * FROM respond_response WHERE invitation_id = ?")) {
                    st.setLong(1, invitationId);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? Optional.of(read(rs)) : Optional.<Response>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    public Optional<Response> byId(long responseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM respond_response WHERE id = ?")
                .bind(0, responseId).map((rs, ctx) -> read(rs)).findOne());
    }

    /**
     * Saves one page of answers, once per save id. {@code apply} gets the response before this save and returns
     * what the questionnaire makes of its answers.
     *
     * <p>The save is one statement (optimistic concurrency on the response's save counter): it updates the response
     * only if nobody saved in between, the response is not submitted and the save id is new, and stores the page save
     * in the same statement. If another save of the same response came first, the answers are read again and the
     * save is tried again; so two saves of one response never overwrite each other.
     */
    public SaveResult save(long invitationId, UUID saveId, String page, Paradata paradata,
                           java.util.function.Function<Response, Applied> apply) {
        for (int attempt = 0; ; attempt++) {
            Response current = find(invitationId).orElse(null);
            if (current == null) {
                // A save with no visit before it (the page was open when the server restarted, say).
                jdbi.useHandle(h -> h.createUpdate(
                                "INSERT INTO respond_response (invitation_id, device_class) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .bind(0, invitationId).bind(1, paradata.deviceClass()).execute());
                continue;
            }
            if (current.submitted()) {
                return new SaveResult(savedBefore(current.id(), saveId) ? Outcome.ALREADY_SAVED : Outcome.LOCKED, current);
            }
            Applied applied = apply.apply(current);
            if (!applied.accepted()) {
                return new SaveResult(savedBefore(current.id(), saveId) ? Outcome.ALREADY_SAVED : Outcome.REJECTED, current);
            }
            String answers = json(applied.answers());
            // Plain JDBC for the same reason as find: the statement is on every page save.
            Optional<Response> after;
            try {
                after = jdbi.withHandle(h -> {
                    Connection c = h.getConnection();
                    try (PreparedStatement st = c.prepareStatement("""
                            WITH updated AS (
                                UPDATE respond_response SET answers = ?::jsonb, current_page = ?, saves = saves + 1,
                                    last_seen_at = now(), device_class = coalesce(?, device_class),
                                    questionnaire_id = (SELECT e.questionnaire_id FROM edition e
                                        JOIN fieldwork_invitation i ON i.edition_id = e.id
                                        WHERE i.id = respond_response.invitation_id)
                                WHERE id = ? AND saves = ? AND state = 'started'
                                  AND NOT EXISTS (SELECT 1 FROM respond_page_save WHERE response_id = ? AND save_id = ?)
                                RETURNING *),
                            stored AS (
                                INSERT INTO respond_page_save (response_id, save_id, page, answers, cleared, seconds_on_page, device_class)
                                SELECT id, ?, ?, ?::jsonb, ?, ?, ? FROM updated)
                            SELECT * FROM updated""")) {
                        st.setString(1, answers);
                        st.setString(2, applied.nextPage());
                        st.setString(3, paradata.deviceClass());
                        st.setLong(4, current.id());
                        st.setInt(5, current.saves());
                        st.setLong(6, current.id());
                        st.setObject(7, saveId);
                        st.setObject(8, saveId);
                        st.setString(9, page);
                        st.setString(10, answers);
                        st.setArray(11, c.createArrayOf("text", applied.cleared().toArray(String[]::new)));
                        st.setObject(12, paradata.secondsOnPage(), Types.INTEGER);
                        st.setString(13, paradata.deviceClass());
                        try (ResultSet rs = st.executeQuery()) {
                            return rs.next() ? Optional.of(read(rs)) : Optional.<Response>empty();
                        }
                    }
                });
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            if (after.isPresent()) {
                return new SaveResult(Outcome.SAVED, after.get());
            }
            if (savedBefore(current.id(), saveId)) {
                return new SaveResult(Outcome.ALREADY_SAVED, find(invitationId).orElseThrow());
            }
            if (attempt > 100) {
                throw new IllegalStateException("page save of invitation " + invitationId + " kept colliding with other saves");
            }
            // Another save of this response (or its submission) came first: read it again and try again.
        }
    }

    private boolean savedBefore(long responseId, UUID saveId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM respond_page_save WHERE response_id = ? AND save_id = ?")
                .bind(0, responseId).bind(1, saveId).mapTo(Integer.class).findOne().isPresent());
    }

    /** Locks the response against further changes. Returns false if it was already submitted. */
    public boolean submit(long invitationId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE respond_response SET state = 'submitted', submitted_at = now(), last_seen_at = now(),
                    questionnaire_id = (SELECT e.questionnaire_id FROM edition e
                        JOIN fieldwork_invitation i ON i.edition_id = e.id WHERE i.id = respond_response.invitation_id)
                WHERE invitation_id = ? AND state = 'started'""").bind(0, invitationId).execute() == 1);
    }

    /**
     * Records that the respondent of a submitted response said yes to the offer on the last page: the office may
     * contact them about a case. Kept with the response (its first time), never in the answers, so it is never part
     * of the responses as data. Answers the response's id, or empty when it is not submitted.
     */
    public java.util.Optional<Long> consentToCaseContact(long invitationId) {
        return jdbi.withHandle(h -> h.createQuery("""
                UPDATE respond_response SET case_contact_consent_at = coalesce(case_contact_consent_at, now())
                WHERE invitation_id = ? AND state = 'submitted' RETURNING id""").bind(0, invitationId)
                .mapTo(Long.class).findOne());
    }

    /** Whether the respondent of a response said yes to being contacted about a case. */
    public boolean consentedToCaseContact(long invitationId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response WHERE invitation_id = ? AND case_contact_consent_at IS NOT NULL""")
                .bind(0, invitationId).mapTo(Integer.class).one()) > 0;
    }

    /** A response given outside the web questionnaire (on paper, by telephone), to be stored as submitted. */
    public record Imported(long invitationId, Map<String, String> answers, String language) {}

    /**
     * Stores responses given outside the web questionnaire as submitted, in one transaction; an invitation that
     * already has a response is refused and nothing is stored. Returns how many were stored.
     */
    public int importSubmitted(List<Imported> responses) {
        if (responses.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO respond_response (invitation_id, state, answers, language, submitted_at)
                    VALUES (:i, 'submitted', cast(:a as jsonb), :l, now())""");
            for (Imported r : responses) {
                batch.bind("i", r.invitationId()).bind("a", json(r.answers())).bind("l", r.language()).add();
            }
            return batch.execute().length;
        });
    }

    /** How many responses (started or submitted) the invitations of an edition have. */
    public int countForEdition(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.edition_id = ?""").bind(0, editionId).mapTo(Integer.class).one());
    }

    /** A response of an edition as exported for staff: its invitation's workplace and stratum, its paradata and answers. */
    public record Exported(String workplaceId, String stratum, String state, String submittedAt, int sittings, int saves,
                           String deviceClass, Map<String, String> answers, long secondsOnPages) {}

    /** Every response of an edition, by workplace id, with the time of submission as ISO 8601 UTC ("" when not). */
    public List<Exported> exported(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.workplace_id, i.stratum, r.state,
                               coalesce(to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '') AS submitted_at,
                               r.sittings, r.saves, coalesce(r.device_class, '') AS device_class, r.answers::text AS answers,
                               (SELECT coalesce(sum(s.seconds_on_page), 0) FROM respond_page_save s WHERE s.response_id = r.id) AS seconds
                        FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                        WHERE i.edition_id = ? ORDER BY i.workplace_id""")
                .bind(0, editionId)
                .map((rs, ctx) -> new Exported(rs.getString("workplace_id"), rs.getString("stratum"), rs.getString("state"),
                        rs.getString("submitted_at"), rs.getInt("sittings"), rs.getInt("saves"), rs.getString("device_class"),
                        parseAnswers(rs.getString("answers")), rs.getLong("seconds")))
                .list());
    }

    /** Whether a response belongs to an edition. */
    public boolean ofEdition(long responseId, long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE r.id = ? AND i.edition_id = ?""").bind(0, responseId).bind(1, editionId).mapTo(Integer.class).one() == 1);
    }

    /** How many submitted responses an edition has. */
    public int submittedCount(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE i.edition_id = ? AND r.state = 'submitted'""").bind(0, editionId).mapTo(Integer.class).one());
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

    /** How many of an edition's responses have an answer to {@code question}. */
    public int answeredCount(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                        WHERE i.edition_id = ? AND coalesce(r.answers ->> ?, '') <> ''""")
                .bind(0, editionId).bind(1, question).mapTo(Integer.class).one());
    }

    /** How many of an edition's responses chose {@code value} for {@code question} (alone or among several). */
    public int choiceCount(long editionId, String question, String value) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                        WHERE i.edition_id = ? AND ? = ANY (string_to_array(coalesce(r.answers ->> ?, ''), ' '))""")
                .bind(0, editionId).bind(1, value).bind(2, question).mapTo(Integer.class).one());
    }

    /**
     * Makes a questionnaire the edition's, in one transaction with moving stored answers to their questions' new
     * names ({@code renames}: name in the earlier version → name in the new one; an answer already stored under
     * the new name is kept). Returns how many responses had answers moved.
     */
    public int replaceQuestionnaire(long editionId, long questionnaireId, Map<String, String> renames) {
        return jdbi.inTransaction(h -> {
            int moved = 0;
            for (Map.Entry<String, String> r : renames.entrySet()) {
                moved += h.createUpdate("""
                        UPDATE respond_response SET answers = (answers - cast(:old as text)) || CASE WHEN jsonb_exists(answers, cast(:new as text)) THEN '{}'::jsonb
                            ELSE jsonb_build_object(cast(:new as text), answers -> cast(:old as text)) END
                        WHERE jsonb_exists(answers, cast(:old as text)) AND invitation_id IN (SELECT id FROM fieldwork_invitation WHERE edition_id = :e)""")
                        .bind("old", r.getKey()).bind("new", r.getValue()).bind("e", editionId).execute();
            }
            h.execute("UPDATE edition SET questionnaire_id = ? WHERE id = ?", questionnaireId, editionId);
            return moved;
        });
    }

    /** Whether any response of the edition has an answer stored. */
    public boolean anyAnswers(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                                       WHERE i.edition_id = ? AND r.answers <> '{}'::jsonb)""")
                .bind(0, editionId).mapTo(Boolean.class).one());
    }
}
