package org.barometer.app.http;

/**
 * A request refused for now: its client asked too often, or the server is computing as much as it may. Answered
 * with 429 and {@code Retry-After} (in seconds) by the server's error handling.
 */
public final class TooManyRequests extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;
    private final String messageKey;

    /** Refused; try again after that many seconds; {@code messageKey} says why in the reader's language. */
    public TooManyRequests(int retryAfterSeconds, String messageKey) {
        super(messageKey, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.messageKey = messageKey;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String messageKey() {
        return messageKey;
    }
}
