package org.barometer.app.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Password hashing with Argon2id (19 MiB, 2 passes, 1 lane: the OWASP minimum), salted per password. */
public final class Passwords {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private Passwords() {}

    /** A random password of 20 URL-safe characters (120 bits), for a first admin nobody chose a password for. */
    public static String generate() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The encoded hash ({@code $argon2id$…}) of a password. */
    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether a password matches an encoded hash. */
    public static boolean matches(String password, String encodedHash) {
        if (password == null || encodedHash == null) {
            return false;
        }
        return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
    }

    /**
     * Password checks one node runs at once: half its processors (at least one), so that a flood of sign-in
     * attempts cannot take the processors the portal needs (each check takes tens of milliseconds of one core).
     */
    static final java.util.concurrent.Semaphore CHECKS = new java.util.concurrent.Semaphore(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    /** How long a sign-in waits for a free check before it is refused as busy. */
    static final java.time.Duration CHECK_WAIT = java.time.Duration.ofSeconds(2);
    /** When a sign-in refused as busy may try again. */
    public static final int BUSY_RETRY_SECONDS = 2;

    /**
     * Whether a password matches an encoded hash, checked only when one of the node's {@link #CHECKS} is free within
     * {@link #CHECK_WAIT}; empty when none was.
     */
    public static java.util.Optional<Boolean> matchesIfFree(String password, String encodedHash) {
        try {
            if (!CHECKS.tryAcquire(CHECK_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return java.util.Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(matches(password, encodedHash));
        } finally {
            CHECKS.release();
        }
    }

    /** The shortest password accepted for a user of the administration. */
    public static final int MIN_LENGTH = 12;
}
