package org.barometer.app.fieldwork;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.barometer.app.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of one app node: queue due reminder rounds and work the outbox, every few seconds. Every
 * node runs it; the database decides who does what (see {@link Outbox} and {@link Reminders}). The outbox is worked
 * only when {@code BAROMETER_SMTP_HOST} is set, so a demo without mail keeps its messages queued. The loop ends by
 * itself when the node's database pool is closed.
 */
public final class FieldworkJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FieldworkJobs.class);

    private final Thread thread;
    private volatile boolean stopped;

    private FieldworkJobs(Platform platform, Duration every) {
        Reminders reminders = new Reminders(platform.jdbi());
        String smtpHost = platform.config().env().get("BAROMETER_SMTP_HOST");
        OutboxSender sender = smtpHost == null || smtpHost.isBlank() ? null
                : new OutboxSender(new Outbox(platform.jdbi()), MailConfig.fromEnvironment(platform.config().env()));
        this.thread = Thread.ofVirtual().name("fieldwork-jobs").unstarted(() -> {
            while (!stopped && !closed(platform)) {
                try {
                    reminders.runDue();
                    if (sender != null) {
                        sender.drain();
                    }
                } catch (RuntimeException e) {
                    if (closed(platform)) {
                        return;
                    }
                    LOG.warn("fieldwork jobs: {}", e.toString());
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /**
     * Starts the jobs of a node; {@code BAROMETER_FIELDWORK_POLL_MS} sets the pause between rounds (default 2000).
     */
    public static FieldworkJobs start(Platform platform) {
        long ms = Long.parseLong(platform.config().setting("BAROMETER_FIELDWORK_POLL_MS", "2000").strip());
        FieldworkJobs jobs = new FieldworkJobs(platform, Duration.ofMillis(ms));
        jobs.thread.start();
        return jobs;
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
