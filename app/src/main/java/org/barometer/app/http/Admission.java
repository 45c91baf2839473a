package org.barometer.app.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;

/**
 * Admission control for what anonymous visitors make the server compute (the explorer; public submissions): at
 * most {@link #perMinute()} requests per client and minute in each bucket, and at most {@link #concurrent()}
 * computations at once across every node, both counted in PostgreSQL so that adding nodes does not multiply
 * them. A request past either limit is refused with {@link TooManyRequests} (429 with {@code Retry-After}), at
 * once: waiting would only hold a thread and a connection while the queue grows.
 *
 * <p>Settings: {@code BAROMETER_PUBLIC_RATE_PER_MINUTE} (default 60), {@code BAROMETER_PUBLIC_CONCURRENT}
 * (default 1: one computation at a time leaves the other cores of a small node to every other page) and, for
 * the client's address behind a proxy, {@link ClientAddress#SETTING}.
 */
public final class Admission {
    /** The slot pool of public computations. */
    static final String POOL = "public";
    /** How long a slot is held at most if its node dies while computing. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Old counts are deleted after this many admissions on a node. */
    private static final int FORGET_EVERY = 1_000;

    private final AdmissionStore store;
    private final int perMinute;
    private final int concurrent;
    private final String node = UUID.randomUUID().toString();
    private final AtomicInteger sinceForget = new AtomicInteger();
    /**
     * Clients this node knows to be over their rate until the given time (epoch milliseconds): the database said so
     * for the current minute, and no request of that minute can be admitted any more, so a flood is refused here
     * without a database round trip per request.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> overUntil = new java.util.concurrent.ConcurrentHashMap<>();

    public Admission(Platform platform) {
        AppConfig config = platform.config();
        this.store = new AdmissionStore(platform.jdbi());
        this.perMinute = config.integer("BAROMETER_PUBLIC_RATE_PER_MINUTE", 60, 1, 1_000_000);
        this.concurrent = config.integer("BAROMETER_PUBLIC_CONCURRENT", 1, 1, 1_000);
        store.ensureSlots(POOL, concurrent);
    }

    /** Requests a client may make per minute in each bucket. */
    public int perMinute() {
        return perMinute;
    }

    /** Public computations that may run at once across every node. */
    public int concurrent() {
        return concurrent;
    }

    /**
     * Counts a request of the request's client in a bucket ({@code explorer}, {@code cases}, …) and refuses it
     * past {@code limit} requests in the current minute.
     */
    public void count(Context ctx, String bucket, int limit) {
        String client = Web.client(ctx);
        String key = bucket + '\n' + client;
        long now = System.currentTimeMillis();
        Long until = overUntil.get(key);
        if (until != null && until > now) {
            throw new TooManyRequests((int) Math.max(1, (until - now + 999) / 1000), "error.tooManyRequests");
        }
        int[] counted = store.countRequest(bucket, client);
        if (sinceForget.incrementAndGet() % FORGET_EVERY == 0) {
            store.forgetOldCounts();
            overUntil.values().removeIf(t -> t <= now);
        }
        if (counted[0] > limit) {
            overUntil.put(key, now + counted[1] * 1000L);
            throw new TooManyRequests(counted[1], "error.tooManyRequests");
        }
    }

    /**
     * Runs a public computation for the request's client: counted against the bucket's rate of
     * {@link #perMinute()}, and only while a slot of the {@link #concurrent()} is free.
     */
    public <T> T compute(Context ctx, String bucket, Callable<T> work) throws Exception {
        count(ctx, bucket, perMinute);
        Optional<Integer> slot = store.claim(POOL, node, LEASE);
        if (slot.isEmpty()) {
            throw new TooManyRequests(1, "error.busy");
        }
        try {
            return work.call();
        } finally {
            store.release(POOL, slot.get(), node);
        }
    }
}
