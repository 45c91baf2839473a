package org.barometer.app.http;

import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The state of admission control ({@code http_rate}, {@code http_compute_slot}), shared by every node. */
public final class AdmissionStore {
    private final Jdbi jdbi;

    public AdmissionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Counts one request of a client in the current minute; returns the minute's count and its seconds left. */
    public int[] countRequest(String bucket, String client) {
        return jdbi.withHandle(h -> h.createQuery("""
                        insert into http_rate (bucket, client, minute, count)
                        values (:b, :c, date_trunc('minute', now()), 1)
                        on conflict (bucket, client, minute) do update set count = http_rate.count + 1
                        returning count, ceil(extract(epoch from (minute + interval '1 minute' - now())))::int""")
                .bind("b", bucket).bind("c", client)
                .map((rs, c) -> new int[] {rs.getInt(1), Math.max(1, rs.getInt(2))}).one());
    }

    /** Forgets the counts of minutes gone by. */
    public void forgetOldCounts() {
        jdbi.useHandle(h -> h.execute("delete from http_rate where minute < now() - interval '2 minutes'"));
    }

    /** Makes a pool have exactly {@code size} slots. */
    public void ensureSlots(String pool, int size) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    insert into http_compute_slot (pool, slot) select :p, s from generate_series(0, :n - 1) s
                    on conflict do nothing""").bind("p", pool).bind("n", size).execute();
            h.createUpdate("delete from http_compute_slot where pool = :p and slot >= :n")
                    .bind("p", pool).bind("n", size).execute();
        });
    }

    /** Takes a free slot of the pool for {@code holder} under a lease, or nothing when every slot is held. */
    public Optional<Integer> claim(String pool, String holder, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("""
                        update http_compute_slot set holder = :h, lease_until = now() + make_interval(secs => :l)
                        where (pool, slot) = (select pool, slot from http_compute_slot
                                              where pool = :p and lease_until < now()
                                              order by slot limit 1 for update skip locked)
                        returning slot""")
                .bind("p", pool).bind("h", holder).bind("l", (double) lease.toSeconds())
                .mapTo(Integer.class).findOne());
    }

    /** Gives a slot back (only if its lease is still the holder's). */
    public void release(String pool, int slot, String holder) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update http_compute_slot set holder = null, lease_until = '-infinity'
                        where pool = :p and slot = :s and holder = :h""")
                .bind("p", pool).bind("s", slot).bind("h", holder).execute());
    }
}
