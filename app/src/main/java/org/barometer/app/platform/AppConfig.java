package org.barometer.app.platform;

import java.util.Map;

/**
 * Settings of one app node, read from the environment ({@code BAROMETER_*}).
 *
 * @param port          HTTP port ({@code BAROMETER_PORT}, default 7070; 0 picks a free one)
 * @param publicUrl     the address visitors use, for links in mails ({@code BAROMETER_PUBLIC_URL}); null means
 *                      {@code http://localhost:<port>}
 * @param secureCookies mark cookies {@code Secure} ({@code BAROMETER_SECURE_COOKIES=true}; behind HTTPS)
 * @param env           the whole environment, for settings of other parts (e.g. {@code BAROMETER_SMTP_*})
 */
public record AppConfig(int port, String publicUrl, boolean secureCookies, Map<String, String> env) {

    public AppConfig {
        env = Map.copyOf(env);
    }

    /** Settings from the given environment, with defaults for anything missing. */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        String portText = env.getOrDefault("BAROMETER_PORT", "7070");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BAROMETER_PORT is not a port number: '" + portText + "'");
        }
        String publicUrl = env.get("BAROMETER_PUBLIC_URL");
        boolean secure = Boolean.parseBoolean(env.getOrDefault("BAROMETER_SECURE_COOKIES", "false"));
        return new AppConfig(port, publicUrl == null || publicUrl.isBlank() ? null : publicUrl, secure, env);
    }

    /**
     * A whole-number setting from the environment, or the default.
     *
     * @throws IllegalArgumentException naming the setting when it is not a whole number from min to max
     */
    public int integer(String name, int defaultValue, int min, int max) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '"
                + text + "'");
    }

    /** A setting from the environment, or the default. */
    public String setting(String name, String defaultValue) {
        return env.getOrDefault(name, defaultValue);
    }
}
