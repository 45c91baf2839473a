package org.barometer.app.testing;

import org.barometer.app.publish.job.JobStore;
import org.barometer.app.publish.job.PublishJobs;
import org.jdbi.v3.core.Jdbi;

/** Waits, bounded, for a background publication job to end; tests assert its outcome, not the time it took. */
public final class JobWait {
    private JobWait() {}

    public static JobStore.Job awaitEnd(Jdbi jdbi, long jobId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JobStore.Job job = new JobStore(jdbi).find(jobId).orElseThrow();
            if (!job.active()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not end: " + new JobStore(jdbi).find(jobId));
    }
}
