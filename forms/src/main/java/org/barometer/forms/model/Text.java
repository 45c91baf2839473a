package org.barometer.forms.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text in one or more languages, keyed by the form's language names (for example {@code "English (en)"}).
 * The key {@code ""} holds text from a column without a language suffix when the form names no default language.
 */
public record Text(Map<String, String> byLanguage) {
    /** No text in any language. */
    public static final Text NONE = new Text(Map.of());

    /** Keeps the insertion order (the order of the spreadsheet's columns) and drops blank entries. */
    public Text {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        byLanguage.forEach((language, text) -> {
            if (text != null && !text.isBlank()) {
                copy.put(language, text);
            }
        });
        byLanguage = Collections.unmodifiableMap(copy);
    }

    /** A text without a language. */
    public static Text of(String text) {
        return text == null ? NONE : new Text(Map.of("", text));
    }

    @JsonCreator
    static Text fromJson(Map<String, String> byLanguage) {
        return new Text(byLanguage);
    }

    @JsonValue
    Map<String, String> toJson() {
        return byLanguage;
    }

    /** Whether no language has this text. */
    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    /**
     * The text in {@code language}; else in {@code fallbackLanguage}; else without a language; else in any
     * language; else the empty string.
     */
    public String in(String language, String fallbackLanguage) {
        String text = language == null ? null : byLanguage.get(language);
        if (text == null && fallbackLanguage != null) {
            text = byLanguage.get(fallbackLanguage);
        }
        if (text == null) {
            text = byLanguage.get("");
        }
        if (text == null && !byLanguage.isEmpty()) {
            text = byLanguage.values().iterator().next();
        }
        return text == null ? "" : text;
    }
}
