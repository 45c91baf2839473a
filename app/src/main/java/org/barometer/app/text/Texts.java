package org.barometer.app.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every user-facing text of the server in Danish and English: one set of texts per language, read from the
 * class path's {@code i18n/<area>_<lang>.properties} files (one file per area of the app, the areas listed in
 * {@link #AREAS}; a key may be defined in one area only). Patterns always go through
 * {@link java.text.MessageFormat}, so a literal apostrophe is written twice in every file. A missing key shows
 * as {@code ??key??} so that it is seen, never hidden (tests look for that marker on every page).
 */
public final class Texts {
    /** The languages of the user interface; the first is the default. */
    public static final List<String> LANGUAGES = List.of("da", "en");

    /** The areas whose files make up each language's texts, in the order they are read. */
    static final List<String> AREAS = List.of("i18n/messages", "i18n/portal", "i18n/editions", "i18n/analysis", "i18n/texts",
            "i18n/cases", "i18n/selftest");

    private static final Texts BUNDLED = read();

    private final Map<String, Language> languages;

    private Texts(Map<String, Language> languages) {
        this.languages = Map.copyOf(languages);
    }

    /** The texts shipped with the app (read once; they never change while it runs). */
    public static Texts bundled() {
        return BUNDLED;
    }

    private static Texts read() {
        Map<String, Language> languages = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            Map<String, String> patterns = new HashMap<>();
            Map<String, String> areaOf = new HashMap<>();
            for (String area : AREAS) {
                String file = area + "_" + lang + ".properties";
                Properties properties = new Properties();
                try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(file)) {
                    if (in == null) {
                        continue; // an area that has no texts (yet) in this build
                    }
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
                for (String key : properties.stringPropertyNames()) {
                    String earlier = areaOf.putIfAbsent(key, file);
                    if (earlier != null) {
                        throw new IllegalStateException("Text key " + key + " is defined in both " + earlier + " and " + file);
                    }
                    patterns.put(key, properties.getProperty(key));
                }
            }
            languages.put(lang, new Language(Language.localeOf(lang), patterns));
        }
        return new Texts(languages);
    }

    /** A supported language code for the given one (the default when unsupported or null). */
    public static String supported(String lang) {
        return lang != null && LANGUAGES.contains(lang) ? lang : LANGUAGES.getFirst();
    }

    /** The texts and number formats of a language (the default language when it is not supported). */
    public Language in(String lang) {
        return languages.get(supported(lang));
    }

    /** The text for a key in a language, with its arguments filled in. */
    public String get(String lang, String key, Object... args) {
        return in(lang).t(key, args);
    }

    /** Whether a key exists in a language. */
    public boolean has(String lang, String key) {
        return in(lang).has(key);
    }

    /** Every key of a language, for completeness checks. */
    public Set<String> keys(String lang) {
        return in(lang).keys();
    }
}
