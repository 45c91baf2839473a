package org.barometer.app.fieldwork;

import java.time.Duration;
import org.barometer.app.platform.BackgroundLoop;
import org.barometer.app.platform.Platform;

/**
 * The background work of one app node: queue due reminder rounds and work the outbox, every few seconds. Every
 * node runs it; the database decides who does what (see {@link OutboxStore} and {@link ReminderStore}). The outbox is worked
 * only when {@code BAROMETER_SMTP_HOST} is set, so a demo without mail keeps its messages queued. The loop ends by
 * itself when the node's database pool is closed.
 */
public final class FieldworkJobs implements AutoCloseable {
    private final BackgroundLoop loop;

    private FieldworkJobs(BackgroundLoop loop) {
        this.loop = loop;
    }

    /**
     * Starts the jobs of a node; {@code BAROMETER_FIELDWORK_POLL_MS} sets the pause between rounds (default 2000).
     */
    public static FieldworkJobs start(Platform platform) {
        long ms = Long.parseLong(platform.config().setting("BAROMETER_FIELDWORK_POLL_MS", "2000").strip());
        ReminderStore reminders = new ReminderStore(platform.jdbi());
        OutboxSender sender = MailConfig.configured(platform.config().env())
                .map(config -> new OutboxSender(new OutboxStore(platform.jdbi()), config)).orElse(null);
        return new FieldworkJobs(BackgroundLoop.start(platform, "fieldwork-jobs", Duration.ofMillis(ms), () -> {
            reminders.runDue();
            if (sender != null) {
                sender.drain();
            }
        }));
    }

    @Override
    public void close() {
        loop.close();
    }
}
