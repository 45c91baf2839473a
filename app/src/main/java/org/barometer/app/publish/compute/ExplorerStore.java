package org.barometer.app.publish.compute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the explorer has answered, per edition ({@code explorer_position}, {@code explorer_answered}): the
 * respondents' positions and the answered bases as sets of positions. Every check-and-record runs under the
 * edition's advisory lock, so that two nodes never answer two near-identical bases at once.
 */
public final class ExplorerStore {
    /** The first key of the explorer's advisory locks (the second is the edition's id). */
    private static final int LOCK_CLASS = 0x45_58_50; // "EXP"

    private final Jdbi jdbi;

    public ExplorerStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An answered base as stored. */
    public record Answered(long id, Members members) {
    }

    /** Works under the edition's lock, in one transaction. */
    public <T> T locked(long editionId, java.util.function.Function<Handle, T> work) {
        return jdbi.inTransaction(h -> {
            h.createQuery("select pg_advisory_xact_lock(:c, :e)::text").bind("c", LOCK_CLASS)
                    .bind("e", (int) editionId).mapTo(String.class).one();
            return work.apply(h);
        });
    }

    /**
     * The positions of the respondents with these response ids, numbering those the edition has not seen yet
     * after the others (under the edition's lock).
     */
    public int[] positions(long editionId, long[] responseIds) {
        return locked(editionId, h -> {
            Map<Long, Integer> known = new HashMap<>();
            h.createQuery("select response_id, position from explorer_position where edition_id = :e")
                    .bind("e", editionId)
                    .map((rs, c) -> Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> known.put(e.getKey(), e.getValue()));
            int next = known.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            int[] out = new int[responseIds.length];
            var batch = h.prepareBatch("insert into explorer_position (edition_id, response_id, position) values (:e, :r, :p)");
            boolean added = false;
            for (int r = 0; r < responseIds.length; r++) {
                Integer p = known.get(responseIds[r]);
                if (p == null) {
                    p = next++;
                    known.put(responseIds[r], p);
                    batch.bind("e", editionId).bind("r", responseIds[r]).bind("p", p).add();
                    added = true;
                }
                out[r] = p;
            }
            if (added) {
                batch.execute();
            }
            return out;
        });
    }

    /** The response id at every position of the edition (index = position; 0 where none). */
    public long[] responseIds(Handle h, long editionId) {
        List<long[]> rows = h.createQuery("select position, response_id from explorer_position where edition_id = :e")
                .bind("e", editionId).map((rs, c) -> new long[] {rs.getInt(1), rs.getLong(2)}).list();
        int size = rows.stream().mapToInt(r -> (int) r[0] + 1).max().orElse(0);
        long[] out = new long[size];
        for (long[] r : rows) {
            out[(int) r[0]] = r[1];
        }
        return out;
    }

    /** The bases answered for the edition after {@code afterId}, in order. */
    public List<Answered> answeredAfter(Handle h, long editionId, long afterId) {
        return h.createQuery("select id, members from explorer_answered where edition_id = :e and id > :a order by id")
                .bind("e", editionId).bind("a", afterId)
                .map((rs, c) -> new Answered(rs.getLong(1), Members.fromBytes(rs.getBytes(2)))).list();
    }

    /** Records an answered base; {@code published} when it is a published figure's (recorded without a check). */
    public long record(Handle h, long editionId, Members members, boolean published) {
        return h.createUpdate("insert into explorer_answered (edition_id, members, published) values (:e, :m, :p)")
                .bind("e", editionId).bind("m", members.bytes()).bind("p", published)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }
}
