package org.barometer.app.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-facing texts in Danish and English, from {@code i18n/messages_{da,en}.properties}. A missing key
 * shows as {@code ??key??} so that it is seen, never hidden.
 */
public final class Messages {
    /** The languages of the user interface; the first is the default. */
    public static final List<String> LANGUAGES = List.of("da", "en");

    private final Map<String, ResourceBundle> bundles;

    private Messages(Map<String, ResourceBundle> bundles) {
        this.bundles = bundles;
    }

    /** Loads both bundles from the class path. */
    public static Messages load() {
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        return new Messages(Map.of(
                "da", ResourceBundle.getBundle("i18n.messages", Locale.of("da"), noFallback),
                "en", ResourceBundle.getBundle("i18n.messages", Locale.of("en"), noFallback)));
    }

    /** A supported language code for the given one (the default when unsupported or null). */
    public static String supported(String lang) {
        return lang != null && LANGUAGES.contains(lang) ? lang : LANGUAGES.getFirst();
    }

    /** The text for a key in a language, with {@link MessageFormat} arguments when given. */
    public String get(String lang, String key, Object... args) {
        ResourceBundle bundle = bundles.get(supported(lang));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, Locale.of(supported(lang))).format(args);
    }

    /** Whether a key exists in a language. */
    public boolean has(String lang, String key) {
        return bundles.get(supported(lang)).containsKey(key);
    }

    /** Every key of a language, for completeness checks. */
    public java.util.Set<String> keys(String lang) {
        return bundles.get(supported(lang)).keySet();
    }
}
