package org.barometer.app.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's background worker: runs one round of work, pauses, and again, on a virtual thread, until closed or
 * until the node's database pool is closed. Closing interrupts the thread, which a round that loops can check. A failing round is logged and the next one still runs, because the
 * work lives in PostgreSQL and another round (or another node) can pick it up.
 */
public final class BackgroundLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    private final Thread thread;
    private volatile boolean stopped;

    private BackgroundLoop(Platform platform, String name, Duration pause, Runnable round) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
            while (!stopped && !closed(platform)) {
                try {
                    round.run();
                } catch (RuntimeException e) {
                    if (closed(platform)) {
                        return;
                    }
                    LOG.warn("{}: {}", name, e.toString());
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts a loop named {@code name} that runs {@code round}, then pauses for {@code pause}. */
    public static BackgroundLoop start(Platform platform, String name, Duration pause, Runnable round) {
        BackgroundLoop loop = new BackgroundLoop(platform, name, pause, round);
        loop.thread.start();
        return loop;
    }

    private static boolean closed(Platform platform) {
        return platform.database().dataSource() instanceof HikariDataSource h && h.isClosed();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
