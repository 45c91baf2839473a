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

    /** The shortest password accepted for a user of the administration. */
    public static final int MIN_LENGTH = 12;
}
