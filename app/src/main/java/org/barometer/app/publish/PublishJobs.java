package org.barometer.app.publish;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.barometer.app.platform.BackgroundLoop;
import org.barometer.app.platform.Platform;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weighting and publishing as background jobs. A request only queues a job; every app node runs a worker that
 * claims queued jobs with {@code FOR UPDATE SKIP LOCKED}, so two nodes never run the same job, and writes the
 * job's progress and log as it goes. A running job whose heartbeat is older than {@link #STALE} (its node
 * died) is claimed again, at most {@link #MAX_ATTEMPTS} times, then marked failed. A failed job stores
 * nothing: the publication is written in one transaction at its very end, so the last publication stays.
 */
public final class PublishJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishJobs.class);

    /** A running job whose heartbeat is older than this belongs to a node that stopped. */
    public static final Duration STALE = Duration.ofMinutes(2);
    /** How often a job is tried before it is failed for good. */
    public static final int MAX_ATTEMPTS = 3;

    /** A job as stored. */
    public record Job(long id, long editionId, String kind, String specFolder, String state, int progress,
                      String log, String requestedBy, String createdAt, String finishedAt, Long publicationId) {
        /** Queued or running: the page keeps refreshing. */
        public boolean active() {
            return state.equals("queued") || state.equals("running");
        }
    }

    /** Where a node's worker hands a publication it has just stored. */
    @FunctionalInterface
    public interface Published {
        void stored(long editionId, StoredPublication publication);
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

    /** Queues a publication job of an edition from the given edition files (an {@link EditionSource} value); returns its id. */
    public static long enqueue(Jdbi jdbi, long editionId, String specFolder, Long requestedBy) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into analysis_job (edition_id, kind, spec_folder, requested_by, log)
                values (:e, 'publish', :f, :u, :l)""")
                .bind("e", editionId).bind("f", specFolder).bind("u", requestedBy)
                .bind("l", "Queued: weight and publish\n")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Claims one job (queued, or running with a stale heartbeat) for {@code node}, or none. The row lock taken
     * with SKIP LOCKED makes concurrent claims pick different jobs.
     */
    public static Optional<Long> claim(Jdbi jdbi, String node) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    update analysis_job set state = 'failed', finished_at = now(),
                           log = log || 'Failed: its node stopped responding ' || attempts || ' times\n'
                    where id in (select id from analysis_job
                                 where state = 'running' and heartbeat_at < now() - make_interval(secs => :stale)
                                   and attempts >= :max
                                 for update skip locked)""")
                    .bind("stale", (double) STALE.toSeconds()).bind("max", MAX_ATTEMPTS).execute();
            return h.createQuery("""
                    update analysis_job set state = 'running', node = :n, attempts = attempts + 1,
                           started_at = now(), heartbeat_at = now(), progress = 0,
                           log = log || case when state = 'running'
                                   then 'Picked up again by ' || :n || ': the node ' || coalesce(node, '?') || ' stopped responding\n'
                                   else 'Started on ' || :n || '\n' end
                    where id = (select id from analysis_job
                                where state = 'queued'
                                   or (state = 'running' and heartbeat_at < now() - make_interval(secs => :stale))
                                order by id limit 1 for update skip locked)
                    returning id""")
                    .bind("n", node).bind("stale", (double) STALE.toSeconds())
                    .mapTo(Long.class).findOne();
        });
    }

    /** Claims and runs one job, handing its publication to {@code published}; false when none was waiting. */
    public static boolean runNext(Jdbi jdbi, String node, Published published) {
        Optional<Long> id = claim(jdbi, node);
        id.ifPresent(j -> run(jdbi, j, published));
        return id.isPresent();
    }

    /**
     * Runs a claimed job to its end: succeeded with its publication, which is handed to {@code published} once
     * stored, or failed with the reason in its log.
     */
    public static void run(Jdbi jdbi, long jobId, Published published) {
        Job job = find(jdbi, jobId).orElseThrow();
        StoredPublication.Progress progress = (percent, line) -> jdbi.useHandle(h -> h.createUpdate("""
                update analysis_job set progress = greatest(progress, :p), heartbeat_at = now(), log = log || :l
                where id = :j""").bind("p", Math.max(0, Math.min(100, percent))).bind("l", line + "\n")
                .bind("j", jobId).execute());
        try {
            StoredPublication p = StoredPublication.compute(jdbi, job.editionId(), job.specFolder(), true, progress);
            published.stored(job.editionId(), p);
            jdbi.useHandle(h -> h.createUpdate("""
                    update analysis_job set state = 'succeeded', progress = 100, finished_at = now(),
                           publication_id = :p, log = log || :l where id = :j""")
                    .bind("p", p.publicationId()).bind("l", "Succeeded: publication " + p.publicationId()
                            + " is shown in the portal\n").bind("j", jobId).execute());
        } catch (EditionException | RuntimeException e) {
            String message = e instanceof EditionException ee
                    ? String.join("\n", ee.problems().stream().map(EditionProblem::toString).toList())
                    : String.valueOf(e.getMessage());
            LOG.info("publication job {} failed: {}", jobId, message);
            jdbi.useHandle(h -> h.createUpdate("""
                    update analysis_job set state = 'failed', finished_at = now(), log = log || :l where id = :j""")
                    .bind("l", "Failed: " + message + "\nThe last publication stays in place.\n")
                    .bind("j", jobId).execute());
        }
    }

    /** A job by id. */
    public static Optional<Job> find(Jdbi jdbi, long jobId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where j.id = :j").bind("j", jobId)
                .map((rs, c) -> row(rs)).findOne());
    }

    /** An edition's jobs, newest first. */
    public static java.util.List<Job> ofEdition(Jdbi jdbi, long editionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where j.edition_id = :e order by j.id desc limit :n")
                .bind("e", editionId).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    private static final String SELECT = """
            select j.id, j.edition_id, j.kind, j.spec_folder, j.state, j.progress, j.log, u.username,
                   to_char(j.created_at, 'YYYY-MM-DD HH24:MI:SS') as created,
                   to_char(j.finished_at, 'YYYY-MM-DD HH24:MI:SS') as finished, j.publication_id
            from analysis_job j left join app_user u on u.id = j.requested_by""";

    private static Job row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long pub = rs.getLong("publication_id");
        Long publication = rs.wasNull() ? null : pub;
        return new Job(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("kind"), rs.getString("spec_folder"),
                rs.getString("state"), rs.getInt("progress"), rs.getString("log"), rs.getString("username"),
                rs.getString("created"), rs.getString("finished"), publication);
    }
}
