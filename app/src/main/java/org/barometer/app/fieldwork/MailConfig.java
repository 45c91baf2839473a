package org.barometer.app.fieldwork;

import java.time.Duration;
import java.util.Map;

/**
 * How the outbox sender reaches SMTP and how fast it may go.
 *
 * @param host          SMTP host
 * @param port          SMTP port
 * @param from          sender address
 * @param username      SMTP user, empty for none
 * @param password      SMTP password, empty for none
 * @param startTls      require STARTTLS
 * @param perSecond     the most messages one node sends per second
 * @param maxAttempts   attempts before a message is given up as failed
 * @param firstBackoff  wait after the first failed attempt; doubled after each further one
 * @param lease         how long a claim holds; a message still 'sending' after it is claimed again
 */
public record MailConfig(String host, int port, String from, String username, String password, boolean startTls,
                         double perSecond, int maxAttempts, Duration firstBackoff, Duration lease) {

    public MailConfig {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("mail rate must be positive, was " + perSecond);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** Defaults for the given host and port: 20 messages a second, 5 attempts from 1 minute, 5-minute lease. */
    public static MailConfig of(String host, int port, String from) {
        return new MailConfig(host, port, from, "", "", false, 20, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    public MailConfig withRate(double messagesPerSecond) {
        return new MailConfig(host, port, from, username, password, startTls, messagesPerSecond, maxAttempts, firstBackoff, lease);
    }

    public MailConfig withRetries(int attempts, Duration backoff) {
        return new MailConfig(host, port, from, username, password, startTls, perSecond, attempts, backoff, lease);
    }

    public MailConfig withLease(Duration claimLease) {
        return new MailConfig(host, port, from, username, password, startTls, perSecond, maxAttempts, firstBackoff, claimLease);
    }

    /**
     * From the environment: {@code BAROMETER_SMTP_HOST} (default localhost), {@code BAROMETER_SMTP_PORT} (25),
     * {@code BAROMETER_SMTP_FROM}, {@code BAROMETER_SMTP_USER}, {@code BAROMETER_SMTP_PASSWORD},
     * {@code BAROMETER_SMTP_STARTTLS} (true/false), {@code BAROMETER_SMTP_RATE} (messages per second).
     */
    /** The mail server the environment names, or empty when {@code BAROMETER_SMTP_HOST} is not set: mail waits. */
    public static java.util.Optional<MailConfig> configured(Map<String, String> env) {
        String host = env.get("BAROMETER_SMTP_HOST");
        return host == null || host.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(fromEnvironment(env));
    }

    /** Whether a typed address is one mail can be sent to: a single address with a domain, as the sender parses it. */
    public static boolean isAddress(String address) {
        try {
            new jakarta.mail.internet.InternetAddress(address, true);
            return address.contains("@");
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    public static MailConfig fromEnvironment(Map<String, String> env) {
        String portText = env.getOrDefault("BAROMETER_SMTP_PORT", "25");
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BAROMETER_SMTP_PORT: not a port number: '" + portText + "'");
        }
        MailConfig c = new MailConfig(env.getOrDefault("BAROMETER_SMTP_HOST", "localhost"), port,
                env.getOrDefault("BAROMETER_SMTP_FROM", "barometer@localhost"),
                env.getOrDefault("BAROMETER_SMTP_USER", ""), env.getOrDefault("BAROMETER_SMTP_PASSWORD", ""),
                Boolean.parseBoolean(env.getOrDefault("BAROMETER_SMTP_STARTTLS", "false")), 20, 5,
                Duration.ofMinutes(1), Duration.ofMinutes(5));
        String rate = env.get("BAROMETER_SMTP_RATE");
        if (rate != null) {
            try {
                c = c.withRate(Double.parseDouble(rate.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("BAROMETER_SMTP_RATE: not a number: '" + rate + "'");
            }
        }
        return c;
    }
}
