package org.barometer.formats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A text in several languages, keyed by language code ({@code "da"}, {@code "en"}). Immutable; the order in which
 * languages were given is kept.
 *
 * @param texts language code to text; no key or text is blank
 */
public record LocalizedText(Map<String, String> texts) {
    private static final LocalizedText EMPTY = new LocalizedText(Map.of());

    /** Copies the map and checks that no language code or text is null. */
    public LocalizedText {
        Map<String, String> copy = new LinkedHashMap<>();
        texts.forEach((language, text) -> {
            if (language == null || language.isBlank()) throw new FormatInputException("a text has a blank language code");
            if (text == null) throw new FormatInputException("the '" + language + "' text is null");
            copy.put(language, text);
        });
        texts = Collections.unmodifiableMap(copy);
    }

    /** A text with no language at all (no label). */
    public static LocalizedText empty() {
        return EMPTY;
    }

    /** One text in one language. */
    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    /** Danish and English, the two languages Barometer speaks. */
    public static LocalizedText daEn(String danish, String english) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("da", danish);
        m.put("en", english);
        return new LocalizedText(m);
    }

    /** The text in {@code language}, or {@code null} when there is none. */
    public String in(String language) {
        return texts.get(language);
    }

    /** The text in {@code language}, or the empty string when there is none. */
    public String inOrEmpty(String language) {
        return texts.getOrDefault(language, "");
    }

    /** The languages this text has. */
    public Set<String> languages() {
        return texts.keySet();
    }

    /** Whether there is a non-blank text in {@code language}. */
    public boolean has(String language) {
        String t = texts.get(language);
        return t != null && !t.isBlank();
    }
}
