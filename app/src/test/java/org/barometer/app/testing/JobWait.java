package org.barometer.app.testing;

import org.barometer.app.publish.PublishJobs;
import org.jdbi.v3.core.Jdbi;

/** Waits, bounded, for a background publication job to end; tests assert its outcome, not the time it took. */
public final class JobWait {
    private JobWait() {}

    public static PublishJobs.Job awaitEnd(Jdbi jdbi, long jobId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            PublishJobs.Job job = PublishJobs.find(jdbi, jobId).orElseThrow();
            if (!job.active()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not end: " + PublishJobs.find(jdbi, jobId));
    }
}
