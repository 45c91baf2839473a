package org.barometer.app.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sessions kept in PostgreSQL. The browser holds a random 256-bit token in an HttpOnly cookie; the table
 * holds its SHA-256 hash, the signed-in user and the session's CSRF token. Any node can serve any request.
 * Sessions expire after {@link #IDLE_TIMEOUT} without use.
 */
public final class Sessions {
    /** The session cookie's name. */
    public static final String COOKIE = "barometer_session";
    /** A session unused this long ends. */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(8);

    private static final String ATTRIBUTE = "barometer.session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final boolean secureCookies;

    public Sessions(Jdbi jdbi, boolean secureCookies) {
        this.store = new SessionStore(jdbi);
        this.secureCookies = secureCookies;
    }

    /** The request's session, if its cookie names a live one. Looked up once per request. */
    public Optional<WebSession> find(Context ctx) {
        Object cached = ctx.attribute(ATTRIBUTE);
        if (cached instanceof WebSession s) {
            return Optional.of(s);
        }
        String token = ctx.cookie(COOKIE);
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Optional<WebSession> session = store.findLive(hash(token), IDLE_TIMEOUT);
        session.ifPresent(s -> ctx.attribute(ATTRIBUTE, s));
        return session;
    }

    /** The request's session, creating an anonymous one (with its CSRF token) when there is none. */
    public WebSession ensure(Context ctx) {
        return find(ctx).orElseGet(() -> create(ctx, null));
    }

    /**
     * Starts a fresh session for a user who has just signed in. The old session (if any) ends, so a token
     * planted before sign-in is worthless afterwards.
     */
    public WebSession signIn(Context ctx, long userId) {
        find(ctx).ifPresent(old -> delete(old.tokenHash()));
        return create(ctx, userId);
    }

    /** Ends the request's session and clears its cookie. */
    public void signOut(Context ctx) {
        find(ctx).ifPresent(s -> delete(s.tokenHash()));
        ctx.attribute(ATTRIBUTE, null);
        ctx.cookie(cookie("", 0));
    }

    /** Ends every session of a user (after a password change or deactivation). */
    public void endAllFor(long userId) {
        store.deleteAllOf(userId);
    }

    private WebSession create(Context ctx, Long userId) {
        String token = randomToken();
        String csrf = randomToken();
        String hash = hash(token);
        store.insert(hash, userId, csrf, IDLE_TIMEOUT);
        ctx.cookie(cookie(token, -1));
        WebSession session = new WebSession(hash, userId, csrf);
        ctx.attribute(ATTRIBUTE, session);
        return session;
    }

    private void delete(String tokenHash) {
        store.delete(tokenHash);
    }

    private Cookie cookie(String value, int maxAge) {
        return new Cookie(COOKIE, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
    }

    /** A random URL-safe token of 256 bits. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hex SHA-256 of a token: what the database stores instead of the token. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A live session: the hash of its token, the signed-in user (null when anonymous), its CSRF token. */
    public record WebSession(String tokenHash, Long userId, String csrfToken) {}
}
