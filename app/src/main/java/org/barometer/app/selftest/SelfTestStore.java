package org.barometer.app.selftest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The self-test's tables ({@code selftest_usage}, {@code selftest_answer}, {@code selftest_group},
 * {@code selftest_group_answer}): counters only. A completed self-test adds one to its comparison group's count and
 * one to each answer's, and, in a group, to the group's pending counts, which become visible to the organiser only
 * as a whole batch.
 */
public final class SelfTestStore {
    /** Group codes avoid letters and digits that are easily mistaken for each other (O and 0, I and 1). */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public SelfTestStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A group: its code, its label, its batch size k, when it expires, how many have taken part and how many of
     * them the organiser's page shows (a multiple of k).
     */
    public record Group(long id, long editionId, String code, String label, int batch, OffsetDateTime createdAt,
                        OffsetDateTime expiresAt, int participants, int shownParticipants) {
        public boolean expired(Instant now) {
            return !expiresAt.toInstant().isAfter(now);
        }
    }

    /** A group just made, with the organiser's secret (kept nowhere but in the link given to the organiser). */
    public record NewGroup(Group group, String organiserSecret) {}

    /** What recording a completed self-test came to. */
    public enum Recorded { RECORDED, GROUP_EXPIRED }

    /**
     * Counts a completed self-test: its comparison group and each answer, and in a group its pending answers, which
     * are moved to the shown ones, all at once, when the group's participants reach a multiple of its batch. The
     * group's row is locked, so two participants finishing together are counted one after the other. Nothing is
     * counted for a group that has expired meanwhile.
     */
    public Recorded record(long editionId, String comparison, Map<String, String> answers, Long groupId) {
        return jdbi.inTransaction(h -> {
            if (groupId != null) {
                Optional<Group> group = h.createQuery(GROUP_SELECT + " where id = :id for update")
                        .bind("id", groupId).map((rs, c) -> group(rs)).findOne();
                if (group.isEmpty() || group.get().expired(Instant.now())) {
                    return Recorded.GROUP_EXPIRED;
                }
                countInGroup(h, group.get(), answers);
            }
            h.createUpdate("""
                    insert into selftest_usage (edition_id, comparison, completed) values (:e, :c, 1)
                    on conflict (edition_id, comparison) do update set completed = selftest_usage.completed + 1""")
                    .bind("e", editionId).bind("c", comparison).execute();
            for (Map.Entry<String, String> a : answers.entrySet()) {
                h.createUpdate("""
                        insert into selftest_answer (edition_id, question, answer, count) values (:e, :q, :a, 1)
                        on conflict (edition_id, question, answer) do update set count = selftest_answer.count + 1""")
                        .bind("e", editionId).bind("q", a.getKey()).bind("a", a.getValue()).execute();
            }
            return Recorded.RECORDED;
        });
    }

    private static void countInGroup(Handle h, Group group, Map<String, String> answers) {
        for (Map.Entry<String, String> a : answers.entrySet()) {
            h.createUpdate("""
                    insert into selftest_group_answer (group_id, question, answer, pending) values (:g, :q, :a, 1)
                    on conflict (group_id, question, answer) do update set pending = selftest_group_answer.pending + 1""")
                    .bind("g", group.id()).bind("q", a.getKey()).bind("a", a.getValue()).execute();
        }
        int participants = group.participants() + 1;
        h.createUpdate("update selftest_group set participants = :n where id = :g")
                .bind("n", participants).bind("g", group.id()).execute();
        if (participants % group.batch() == 0) {
            // a whole batch: its answers become visible together, so no one participant's can be told apart
            h.createUpdate("update selftest_group_answer set shown = shown + pending, pending = 0 where group_id = :g")
                    .bind("g", group.id()).execute();
            h.createUpdate("update selftest_group set shown_participants = participants where id = :g")
                    .bind("g", group.id()).execute();
        }
    }

    /** Makes a group of an edition, with a fresh code and organiser secret. */
    public NewGroup createGroup(long editionId, String label, int batch, Instant expiresAt) {
        String secret = org.barometer.app.http.Sessions.randomToken();
        String hash = org.barometer.app.http.Sessions.hash(secret);
        return jdbi.inTransaction(h -> {
            String code;
            do {
                code = newCode();
            } while (h.createQuery("select count(*) from selftest_group where code = :c").bind("c", code)
                    .mapTo(Integer.class).one() > 0);
            long id = h.createUpdate("""
                            insert into selftest_group (edition_id, code, organiser_hash, label, batch, expires_at)
                            values (:e, :c, :h, :l, :b, :x)""")
                    .bind("e", editionId).bind("c", code).bind("h", hash).bind("l", label).bind("b", batch)
                    .bind("x", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Group group = h.createQuery(GROUP_SELECT + " where id = :id").bind("id", id).map((rs, c) -> group(rs)).one();
            return new NewGroup(group, secret);
        });
    }

    /** Groups that have not yet expired. */
    public int activeGroups() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from selftest_group where expires_at > now()")
                .mapTo(Integer.class).one());
    }

    /** Deletes the groups that expired more than {@code days} days ago, with their counts. */
    public int forgetExpired(int days) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "delete from selftest_group where expires_at < now() - make_interval(days => :d)")
                .bind("d", days).execute());
    }

    public Optional<Group> byCode(String code) {
        return jdbi.withHandle(h -> h.createQuery(GROUP_SELECT + " where code = :c").bind("c", code)
                .map((rs, c) -> group(rs)).findOne());
    }

    public Optional<Group> byOrganiserSecret(String secret) {
        return jdbi.withHandle(h -> h.createQuery(GROUP_SELECT + " where organiser_hash = :h")
                .bind("h", org.barometer.app.http.Sessions.hash(secret)).map((rs, c) -> group(rs)).findOne());
    }

    /** The groups, newest first. */
    public List<Group> groups() {
        return jdbi.withHandle(h -> h.createQuery(GROUP_SELECT + " order by id desc limit 200")
                .map((rs, c) -> group(rs)).list());
    }

    /** A group's shown answer counts: by question, by answer. Pending counts are never read. */
    public Map<String, Map<String, Integer>> shownCounts(long groupId) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        select question, answer, shown from selftest_group_answer
                        where group_id = :g and shown > 0 order by question, answer""")
                .bind("g", groupId)
                .map((rs, c) -> {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
                    return null;
                }).list());
        return out;
    }

    /** Completed self-tests of an edition by comparison group. */
    public Map<String, Long> usage(long editionId) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(
                        "select comparison, completed from selftest_usage where edition_id = :e order by comparison")
                .bind("e", editionId)
                .map((rs, c) -> out.put(rs.getString(1), rs.getLong(2))).list());
        return out;
    }

    private static final String GROUP_SELECT = """
            select id, edition_id, code, label, batch, created_at, expires_at, participants, shown_participants
            from selftest_group""";

    private static Group group(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Group(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("code"), rs.getString("label"),
                rs.getInt("batch"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class), rs.getInt("participants"),
                rs.getInt("shown_participants"));
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            b.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return b.toString();
    }
}
