package org.barometer.app.platform;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The append-only record of administrative actions: who did what to what, when and from where. */
public final class AuditStore {
    private final Jdbi jdbi;

    public AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records an action with explicit actor (null for the system itself). */
    public void record(Long userId, String username, String action, String target, String detail, String ip) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into audit_log (user_id, username, action, target, detail, ip)
                        values (:userId, :username, :action, :target, :detail, :ip)""")
                .bind("userId", userId)
                .bind("username", username)
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detail)
                .bind("ip", ip)
                .execute());
    }

    /** The newest entries first, a page at a time. */
    public List<Entry> latest(int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, at, username, action, target, detail, ip from audit_log
                        order by id desc limit :limit offset :offset""")
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, c) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("username"), rs.getString("action"), rs.getString("target"),
                        rs.getString("detail"), rs.getString("ip")))
                .list());
    }

    /** How many entries there are. */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from audit_log").mapTo(Integer.class).one());
    }

    /** One entry of the audit log. */
    public record Entry(long id, OffsetDateTime at, String username, String action, String target, String detail,
                        String ip) {}
}
