package org.barometer.app.publish.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barometer.app.analysis.WeightingException;
import org.barometer.app.text.Message;
import java.util.UUID;
import org.barometer.app.platform.BackgroundLoop;
import org.barometer.app.platform.Platform;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
/**
 * Weighting and publishing as background jobs. A request only queues a job; every app node runs a worker that
 * claims queued jobs with {@code FOR UPDATE SKIP LOCKED}, so two nodes never run the same job, and writes the
 * job's progress and log as it goes. A running job whose heartbeat is older than {@link #STALE} (its node
 * died) is claimed again, at most {@link #MAX_ATTEMPTS} times, then marked failed. A failed job stores
 * nothing: the publication is written in one transaction at its very end, so the last publication stays.
 */
public final class PublishJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishJobs.class);

    /** Where a node's worker hands a publication it has just stored. */
    @FunctionalInterface
    public interface Published {
        void stored(long editionId, Publication publication);
    }

    private final BackgroundLoop loop;

    private PublishJobs(BackgroundLoop loop) {
        this.loop = loop;
    }

    /**
     * Starts this node's worker; {@code BAROMETER_JOBS_POLL_MS} sets the pause between looks (default 1000), and
     * {@code BAROMETER_JOBS_WORKER=off} makes a node that serves pages only and claims no jobs.
     */
    public static PublishJobs start(Platform platform, Published published) {
        if ("off".equalsIgnoreCase(platform.config().setting("BAROMETER_JOBS_WORKER", "on").strip())) {
            return new PublishJobs(null);
        }
        long ms = Long.parseLong(platform.config().setting("BAROMETER_JOBS_POLL_MS", "1000").strip());
        Jdbi jdbi = platform.jdbi();
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        return new PublishJobs(BackgroundLoop.start(platform, "publish-jobs", Duration.ofMillis(ms), () -> {
            // Keep working while jobs are queued; closing the loop interrupts its thread.
            while (!Thread.currentThread().isInterrupted() && runNext(jdbi, node, published)) {
            }
        }));
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }

    /** Claims and runs one job, handing its publication to {@code published}; false when none was waiting. */
    public static boolean runNext(Jdbi jdbi, String node, Published published) {
        Optional<Long> id = new JobStore(jdbi).claim(node);
        id.ifPresent(j -> run(jdbi, j, published));
        return id.isPresent();
    }

    /**
     * Runs a claimed job to its end: succeeded with its publication, which is handed to {@code published} once
     * stored, or failed with the reason in its log.
     */
    public static void run(Jdbi jdbi, long jobId, Published published) {
        JobStore jobs = new JobStore(jdbi);
        JobStore.Job job = jobs.find(jobId).orElseThrow();
        Publishing.Progress progress = (percent, line) -> jobs.progress(jobId, percent, line);
        try {
            Publication p = Publishing.run(jdbi, job.editionId(), job.specFolder(), true, progress);
            published.stored(job.editionId(), p);
            jobs.succeeded(jobId, p.publicationId(), Message.of("analysis.log.succeeded", p.publicationId()));
        } catch (EditionException | RuntimeException e) {
            List<Message> reasons = e instanceof EditionException ee
                    ? ee.problems().stream().map(EditionProblem::asMessage).toList()
                    : List.of(e instanceof WeightingException we ? we.problem()
                            : Message.of("edition.problem.text", String.valueOf(e.getMessage())));
            LOG.info("publication job {} failed: {}", jobId, reasons);
            List<Message> lines = new ArrayList<>();
            lines.add(Message.of("analysis.log.failed", reasons.getFirst()));
            lines.addAll(reasons.subList(1, reasons.size()));
            lines.add(Message.of("analysis.log.kept"));
            jobs.failed(jobId, lines);
        }
    }
}
