package org.barometer.app.access;

import java.time.Duration;

/**
 * How long a next sign-in must wait after failures: the first {@code freeFailures} within {@code window} cost
 * nothing; after that each attempt must wait 2<sup>f − free</sup> seconds after the last failure (f failures so
 * far), at most {@code maxWait}. Capped back-off slows guessing to a trickle without ever locking the rightful
 * user out for longer than {@code maxWait}.
 */
public record SignInThrottle(int freeFailures, Duration window, Duration maxWait) {

    /**
     * The seconds still to wait, given {@code [failures, secondsSinceLastFailure]} within the window (0: may try).
     */
    public int waitSeconds(double[] failuresAndSecondsSince) {
        int failures = (int) failuresAndSecondsSince[0];
        if (failures < freeFailures) {
            return 0;
        }
        double wait = Math.min(Math.pow(2, failures - freeFailures), maxWait.toSeconds());
        return (int) Math.max(0, Math.ceil(wait - failuresAndSecondsSince[1]));
    }
}
