package org.barometer.app.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, bounded, for what another thread or node does by itself (a background load, a job): reads a value
 * until it satisfies a condition or the time is up, and returns the last value read, for the test to assert.
 */
public final class Poll {
    private Poll() {}

    public static <T> T until(Duration atMost, Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < end) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }
}
