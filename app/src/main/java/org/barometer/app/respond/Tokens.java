package org.barometer.app.respond;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Personal-link tokens: 128 random bits from {@link SecureRandom}, written as base64url without padding
 * (22 characters). Only the SHA-256 hash of a token is stored, so the database alone never yields a working link.
 */
public final class Tokens {
    /** 16 bytes = 128 bits. */
    public static final int TOKEN_BYTES = 16;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    /** A fresh token and its hash. */
    public record Token(String value, byte[] hash) {}

    public static Token generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Token(value, hash(value));
    }

    /** True if the text has the shape of a token (the cheap check made before any database look-up). */
    public static boolean wellFormed(String text) {
        return text != null && WELL_FORMED.matcher(text).matches();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
