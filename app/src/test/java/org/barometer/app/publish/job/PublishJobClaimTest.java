package org.barometer.app.publish.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claiming jobs from several workers at once: every job goes to exactly one worker; a running job whose node
 * stopped (stale heartbeat) is claimed again, and failed once it has been tried too often. The server runs no
 * worker of its own, so that only the test's workers claim.
 */
class PublishJobClaimTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_WORKER", "off");

    private static long edition(String name) {
        return server.jdbi().withHandle(h -> h.createUpdate("insert into edition (name) values (:n)").bind("n", name)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    void twoWorkersNeverClaimTheSameJob() throws Exception {
        long edition = edition("Claims");
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            queued.add(new JobStore(server.jdbi()).enqueue(edition, "/nowhere", null));
        }
        List<Callable<List<Long>>> workers = new ArrayList<>();
        for (String node : List.of("node-a", "node-b", "node-c")) {
            workers.add(() -> {
                List<Long> mine = new ArrayList<>();
                for (Optional<Long> j = new JobStore(server.jdbi()).claim(node); j.isPresent();
                     j = new JobStore(server.jdbi()).claim(node)) {
                    mine.add(j.get());
                }
                return mine;
            });
        }
        List<Long> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<List<Long>> f : pool.invokeAll(workers)) {
                all.addAll(f.get());
            }
        }
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(queued);
        assertThat(server.count("select count(*) from analysis_job where edition_id = ? and state = 'running' and attempts = 1",
                edition)).isEqualTo(40);
        assertThat(new JobStore(server.jdbi()).claim("node-a")).isEmpty();
    }

    @Test
    void aJobWhoseNodeStoppedIsClaimedAgainAndFailedAfterTooManyTries() {
        long edition = edition("Stale");
        long job = new JobStore(server.jdbi()).enqueue(edition, "/nowhere", null);
        // Other tests' stale jobs may be claimed first; the queue is finite, so a bounded number of claims reaches it.
        Optional<Long> claimed = Optional.empty();
        for (int i = 0; i < 200 && !claimed.equals(Optional.of(job)); i++) {
            claimed = new JobStore(server.jdbi()).claim("node-x");
        }
        assertThat(claimed).contains(job);
        // a fresh heartbeat: nobody else may take it
        assertThat(new JobStore(server.jdbi()).claim("node-y")).isEmpty();
        for (int attempt = 2; attempt <= JobStore.MAX_ATTEMPTS; attempt++) {
            server.jdbi().useHandle(h -> h.execute(
                    "update analysis_job set heartbeat_at = now() - interval '1 hour' where id = ?", job));
            assertThat(new JobStore(server.jdbi()).claim("node-y")).contains(job);
        }
        assertThat(new JobStore(server.jdbi()).find(job).orElseThrow().log())
                .contains("Started on node-x").contains("Picked up again by node-y: the node node-x stopped responding");
        server.jdbi().useHandle(h -> h.execute(
                "update analysis_job set heartbeat_at = now() - interval '1 hour' where id = ?", job));
        assertThat(new JobStore(server.jdbi()).claim("node-z")).isEmpty();
        JobStore.Job failed = new JobStore(server.jdbi()).find(job).orElseThrow();
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.log()).contains("Failed: its node stopped responding 3 times");
    }
}
