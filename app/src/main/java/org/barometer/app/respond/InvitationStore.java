package org.barometer.app.respond;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.barometer.app.db.Rows;
import org.jdbi.v3.core.Jdbi;

/**
 * InvitationStore to the sampled workplaces and their personal-link tokens. The token is the respondent's only
 * credential; a link resolves to its invitation if the token is well formed, known and not expired.
 */
public final class InvitationStore {
    private final Jdbi jdbi;

    public InvitationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A sampled workplace to invite. Language is {@code da} or {@code en}. */
    public record Invitee(String workplaceId, String workplaceName, String managerName, String email, String language,
                          String stratum) {}

    /** An invitation as stored. */
    public record Invitation(long id, long editionId, String workplaceId, String workplaceName, String managerName,
                             String email, String language, String stratum, Instant expiresAt, Instant optedOutAt,
                             Instant bouncedAt, boolean test) {
        public boolean optedOut() {
            return optedOutAt != null;
        }
    }

    /** A freshly issued personal token for an invitation (the only moment the token itself is known). */
    public record IssuedLink(long invitationId, String workplaceId, String email, String token) {}

    /** How a presented token resolved. */
    public enum Status { VALID, MALFORMED, UNKNOWN, EXPIRED }

    /** The outcome of resolving a token; {@code invitation} is present only when the status is VALID. */
    public record Resolution(Status status, Optional<Invitation> invitation) {}

    /**
     * Creates an invitation for every invitee not yet invited to the edition and issues a personal token for each
     * new one. Invitees already invited are left unchanged. Returns the new links.
     */
    public List<IssuedLink> create(long editionId, List<Invitee> invitees, Instant expiresAt) {
        return jdbi.inTransaction(h -> create(h, editionId, invitees, expiresAt));
    }

    /**
     * A test link for staff: an invitation of the edition marked test, for trying the questionnaire as a
     * respondent would. It is never mailed and never counted (monitor, status list, sample lock, analysis).
     */
    public IssuedLink createTest(long editionId, String language, Instant expiresAt) {
        return jdbi.inTransaction(h -> {
            String workplaceId = "test-" + java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(6));
            long id = h.createQuery("""
                    INSERT INTO fieldwork_invitation
                        (edition_id, workplace_id, workplace_name, manager_name, email, language, stratum, expires_at, test)
                    VALUES (?, ?, ?, '', '', ?, '', ?, true) RETURNING id""")
                    .bind(0, editionId).bind(1, workplaceId).bind(2, workplaceId)
                    .bind(3, "en".equals(language) ? "en" : "da").bind(4, Timestamp.from(expiresAt))
                    .mapTo(Long.class).one();
            return new IssuedLink(id, workplaceId, "", issueToken(h, id));
        });
    }

    private static List<IssuedLink> create(Handle h, long editionId, List<Invitee> invitees, Instant expiresAt) {
        List<IssuedLink> links = new ArrayList<>();
        for (Invitee i : invitees) {
            Optional<Long> id = h.createQuery("""
                    INSERT INTO fieldwork_invitation
                        (edition_id, workplace_id, workplace_name, manager_name, email, language, stratum, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (edition_id, workplace_id) DO NOTHING
                    RETURNING id""")
                    .bind(0, editionId).bind(1, i.workplaceId()).bind(2, i.workplaceName())
                    .bind(3, i.managerName() == null ? "" : i.managerName()).bind(4, i.email())
                    .bind(5, "en".equals(i.language()) ? "en" : "da").bind(6, i.stratum() == null ? "" : i.stratum())
                    .bind(7, Timestamp.from(expiresAt))
                    .mapTo(Long.class).findOne();
            if (id.isPresent()) {
                links.add(new IssuedLink(id.get(), i.workplaceId(), i.email(), issueToken(h, id.get())));
            }
        }
        return links;
    }

    /**
     * Creates an invitation for every unit in the edition's current sample that has none yet, each with a
     * personal token, and returns the new links. Links expire a week after the fieldwork period ends (90 days
     * from now when the edition has no end date). Throws IllegalStateException when the edition has no sample.
     */
    public List<IssuedLink> createForSample(long editionId) {
        return jdbi.inTransaction(h -> {
            // the edition's row locked, as drawing a sample locks it: the sample read here stays its sample
            Long sampleId = h.createQuery("SELECT sample_id FROM edition WHERE id = ? FOR UPDATE").bind(0, editionId)
                    .mapTo(Long.class).findOne().orElse(null);
            if (sampleId == null) {
                throw new IllegalStateException("edition " + editionId + " has no sample to invite");
            }
            List<Invitee> invitees = h.createQuery("""
                            SELECT f.workplace_id, f.name, coalesce(f.manager_name, '') AS manager_name,
                                   coalesce(f.manager_email, '') AS email, f.language, su.stratum
                            FROM sample_unit su JOIN frame_unit f ON f.id = su.frame_unit_id
                            WHERE su.sample_id = ? ORDER BY f.row_number""")
                    .bind(0, sampleId)
                    .map((rs, ctx) -> new Invitee(rs.getString("workplace_id"), rs.getString("name"),
                            rs.getString("manager_name"), rs.getString("email"), rs.getString("language"),
                            rs.getString("stratum")))
                    .list();
            Instant expires = h.createQuery("""
                            SELECT coalesce((fieldwork_end + 8)::timestamptz, now() + interval '90 days') FROM edition WHERE id = ?""")
                    .bind(0, editionId).mapTo(java.time.OffsetDateTime.class).one().toInstant();
            return create(h, editionId, invitees, expires);
        });
    }

    /** Issues a new token for an existing invitation (every mail carries its own); earlier tokens keep working. */
    public static String issueToken(Handle h, long invitationId) {
        Tokens.Token token = Tokens.generate();
        h.createUpdate("INSERT INTO fieldwork_token (token_hash, invitation_id) VALUES (?, ?)")
                .bind(0, token.hash()).bind(1, invitationId).execute();
        return token.value();
    }

    /** Issues a new token for an existing invitation in its own transaction. */
    public String issueToken(long invitationId) {
        return jdbi.inTransaction(h -> issueToken(h, invitationId));
    }

    /** Resolves a presented token. Malformed tokens are refused before the database is asked. */
    public Resolution resolve(String token) {
        if (!Tokens.wellFormed(token)) {
            return new Resolution(Status.MALFORMED, Optional.empty());
        }
        Optional<Invitation> found = jdbi.withHandle(h -> h.createQuery(
                        "SELECT i.* FROM fieldwork_token t JOIN fieldwork_invitation i ON i.id = t.invitation_id WHERE t.token_hash = ?")
                .bind(0, Tokens.hash(token)).map((rs, ctx) -> read(rs)).findOne());
        if (found.isEmpty()) {
            return new Resolution(Status.UNKNOWN, Optional.empty());
        }
        if (!found.get().expiresAt().isAfter(Instant.now())) {
            return new Resolution(Status.EXPIRED, Optional.empty());
        }
        return new Resolution(Status.VALID, found);
    }

    public Optional<Invitation> find(long invitationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM fieldwork_invitation WHERE id = ?")
                .bind(0, invitationId).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Every invitation of an edition, in the order they were made. */
    public List<Invitation> ofEdition(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM fieldwork_invitation WHERE edition_id = ? AND NOT test ORDER BY id")
                .bind(0, editionId).map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Up to {@code limit} invitations of an edition in a language whose invitee has not opted out and has not
     * opened the questionnaire yet, the first made first.
     */
    public List<Long> unanswered(long editionId, String language, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.id FROM fieldwork_invitation i
                        WHERE i.edition_id = ? AND i.language = ? AND i.opted_out_at IS NULL AND NOT i.test
                          AND NOT EXISTS (SELECT 1 FROM respond_response r WHERE r.invitation_id = i.id)
                        ORDER BY i.id LIMIT ?""")
                .bind(0, editionId).bind(1, language).bind(2, limit).mapTo(Long.class).list());
    }

    /** Records that the invitee wants no more mail, and withdraws mail not yet sent. Idempotent. */
    public void optOut(long invitationId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE fieldwork_invitation SET opted_out_at = now() WHERE id = ? AND opted_out_at IS NULL")
                    .bind(0, invitationId).execute();
            h.createUpdate("""
                    UPDATE fieldwork_outbox SET state = 'cancelled', last_error = 'opted out',
                        body = CASE WHEN token IS NULL THEN body ELSE replace(body, token, '…') END, token = NULL
                    WHERE invitation_id = ? AND state = 'queued'""")
                    .bind(0, invitationId).execute();
        });
    }

    static Invitation read(ResultSet rs) throws SQLException {
        return new Invitation(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("workplace_id"),
                rs.getString("workplace_name"), rs.getString("manager_name"), rs.getString("email"),
                rs.getString("language"), rs.getString("stratum"), Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "opted_out_at"), Rows.instant(rs, "bounced_at"), rs.getBoolean("test"));
    }

    /** What discarding an edition's fieldwork removed. */
    public record Discarded(int invitations, int responses, int messages) {}

    /**
     * Discards an edition's whole fieldwork — invitations, their links, mailings, reminders, responses and any
     * weights made from them — so that a test run leaves nothing behind and the sample may be drawn again. Refused
     * (empty) once the edition has a publication: published numbers are never left without their responses.
     */
    public Optional<Discarded> discardFieldwork(long editionId) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM edition WHERE id = ? FOR UPDATE").bind(0, editionId).mapTo(Long.class).one();
            if (h.createQuery("SELECT count(*) FROM publication WHERE edition_id = ?").bind(0, editionId)
                    .mapTo(Integer.class).one() > 0) {
                return Optional.<Discarded>empty();
            }
            String ofEdition = "(SELECT id FROM fieldwork_invitation WHERE edition_id = ?)";
            String responses = "(SELECT id FROM respond_response WHERE invitation_id IN " + ofEdition + ")";
            h.execute("DELETE FROM analysis_weights WHERE edition_id = ?", editionId);
            h.execute("DELETE FROM respond_page_save WHERE response_id IN " + responses, editionId);
            h.execute("DELETE FROM respond_reopening WHERE response_id IN " + responses, editionId);
            int answered = h.execute("DELETE FROM respond_response WHERE invitation_id IN " + ofEdition, editionId);
            int messages = h.execute("DELETE FROM fieldwork_outbox WHERE invitation_id IN " + ofEdition, editionId);
            h.execute("DELETE FROM fieldwork_reminder WHERE edition_id = ?", editionId);
            h.execute("DELETE FROM fieldwork_mailing WHERE edition_id = ?", editionId);
            h.execute("DELETE FROM fieldwork_token WHERE invitation_id IN " + ofEdition, editionId);
            int invitations = h.execute("DELETE FROM fieldwork_invitation WHERE edition_id = ?", editionId);
            return Optional.of(new Discarded(invitations, answered, messages));
        });
    }

    /** A personal link as exported for delivery through an office's own channel. */
    public record ExportedLink(String workplaceId, String workplaceName, String managerName, String email,
                               String language, String token) {}

    /**
     * New personal links for every invitation of the edition that has neither submitted nor opted out. Tokens are
     * stored only as hashes, so the earlier ones cannot be given out again: they are deleted, and the links that
     * carried them stop working (what a respondent saved stays, and opens with the new link).
     */
    public List<ExportedLink> reissueLinks(long editionId) {
        return jdbi.inTransaction(h -> {
            List<ExportedLink> links = new ArrayList<>();
            List<Map<String, Object>> rows = h.createQuery("""
                    SELECT i.id, i.workplace_id, i.workplace_name, i.manager_name, i.email, i.language
                    FROM fieldwork_invitation i
                    WHERE i.edition_id = ? AND i.opted_out_at IS NULL AND NOT i.test
                      AND NOT EXISTS (SELECT 1 FROM respond_response r WHERE r.invitation_id = i.id AND r.state = 'submitted')
                    ORDER BY i.workplace_id""").bind(0, editionId).mapToMap().list();
            for (Map<String, Object> row : rows) {
                long id = ((Number) row.get("id")).longValue();
                h.execute("DELETE FROM fieldwork_token WHERE invitation_id = ?", id);
                links.add(new ExportedLink((String) row.get("workplace_id"), (String) row.get("workplace_name"),
                        (String) row.get("manager_name"), (String) row.get("email"), (String) row.get("language"),
                        issueToken(h, id)));
            }
            return links;
        });
    }

    /** The language a respondent chose for their own pages and mail. */
    public void setLanguage(long invitationId, String language) {
        jdbi.useHandle(h -> h.execute("UPDATE fieldwork_invitation SET language = ? WHERE id = ?", language, invitationId));
    }
}
