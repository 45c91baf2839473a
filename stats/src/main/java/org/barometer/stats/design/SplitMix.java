package org.barometer.stats.design;

/**
 * The engine's seeded generator for bootstrap draws: SplitMix64 (Steele, Lea and Flood, 2014), written out here
 * so that a seed gives the same replicates on every Java version (the JDK's generators do not promise their
 * sequences). Uniform integers below a bound by rejection, so that every value is equally likely. Mutable, one
 * per construction of replicates.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        state = seed;
    }

    /** The next 64 random bits. */
    long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform integer in {@code [0, bound)}, {@code bound > 0}. */
    long below(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound " + bound);
        // 63 random bits; the top 2^63 mod bound values are drawn again, so that the rest fall evenly
        long rem = ((Long.MAX_VALUE % bound) + 1) % bound;
        long max = Long.MAX_VALUE - rem;
        long u;
        do {
            u = next() >>> 1;
        } while (u > max);
        return u % bound;
    }

    /** {@link #below(long)} for an int bound. */
    int below(int bound) {
        return (int) below((long) bound);
    }
}
