package org.barometer.app.http;

import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The sessions table ({@code web_session}): each session by the SHA-256 of its token (see {@link Sessions}). */
final class SessionStore {
    private final Jdbi jdbi;

    SessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The live session of a token hash, its expiry extended by {@code idle} when the last extension is over a
     * minute old (one write per minute, not one per request).
     */
    Optional<Sessions.WebSession> findLive(String hash, Duration idle) {
        return jdbi.withHandle(h -> {
            Optional<Object[]> row = h.createQuery("""
                            select token_hash, user_id, csrf_token, last_seen_at < now() - interval '1 minute'
                            from web_session where token_hash = :hash and expires_at > now()""")
                    .bind("hash", hash)
                    .map((rs, c) -> new Object[] {new Sessions.WebSession(rs.getString(1), (Long) rs.getObject(2),
                            rs.getString(3)), rs.getBoolean(4)})
                    .findOne();
            row.filter(r -> (Boolean) r[1]).ifPresent(r -> h.createUpdate("""
                            update web_session set last_seen_at = now(), expires_at = now() + make_interval(secs => :idle)
                            where token_hash = :hash""")
                    .bind("hash", hash).bind("idle", (double) idle.toSeconds()).execute());
            return row.map(r -> (Sessions.WebSession) r[0]);
        });
    }

    /** Stores a new session (and removes expired ones). */
    void insert(String hash, Long userId, String csrf, Duration idle) {
        jdbi.useHandle(h -> {
            h.execute("delete from web_session where expires_at < now()");
            h.createUpdate("""
                            insert into web_session (token_hash, user_id, csrf_token, expires_at)
                            values (:hash, :user, :csrf, now() + make_interval(secs => :idle))""")
                    .bind("hash", hash)
                    .bind("user", userId)
                    .bind("csrf", csrf)
                    .bind("idle", (double) idle.toSeconds())
                    .execute();
        });
    }

    void delete(String tokenHash) {
        jdbi.useHandle(h -> h.execute("delete from web_session where token_hash = ?", tokenHash));
    }

    void deleteAllOf(long userId) {
        jdbi.useHandle(h -> h.execute("delete from web_session where user_id = ?", userId));
    }
}
