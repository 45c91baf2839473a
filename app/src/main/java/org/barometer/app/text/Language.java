package org.barometer.app.text;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One language's texts (see {@link Texts}) with its number formats: {@code 1,877} and {@code 0.05} in English,
 * {@code 1.877} and {@code 0,05} in Danish. Immutable; get one from {@link Texts#in} or {@link #of}.
 */
public final class Language {

    /** The locales of the two languages. */
    public static final Locale DANISH = Locale.of("da", "DK");
    public static final Locale ENGLISH = Locale.of("en", "GB");

    private final Locale locale;
    private final Map<String, String> patterns;

    Language(Locale locale, Map<String, String> patterns) {
        this.locale = locale;
        this.patterns = Map.copyOf(patterns);
    }

    /** The bundled texts of a locale's language; any language other than Danish gets English. */
    public static Language of(Locale locale) {
        return Texts.bundled().in("da".equals(locale.getLanguage()) ? "da" : "en");
    }

    /** The bundled texts of a language code ("da" or "en"; anything else gets the default). */
    public static Language of(String lang) {
        return Texts.bundled().in(lang);
    }

    static Locale localeOf(String lang) {
        return "da".equals(lang) ? DANISH : ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** The language's code: "da" or "en". */
    public String code() {
        return locale.getLanguage();
    }

    /**
     * The text of a key with its arguments filled in by {@link MessageFormat} in this language's locale (numbers
     * get its digit grouping); {@code ??key??} when the key is missing.
     */
    public String t(String key, Object... args) {
        String pattern = patterns.get(key);
        if (pattern == null) {
            return "??" + key + "??";
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** Whether the language has a text for a key. */
    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    Set<String> keys() {
        return patterns.keySet();
    }

    /** The pattern of a key as written, or null (for checks of the texts themselves). */
    String pattern(String key) {
        return patterns.get(key);
    }

    /** A whole number with the language's digit grouping: 1,877 / 1.877. */
    public String integer(long value) {
        NumberFormat format = NumberFormat.getIntegerInstance(locale);
        format.setGroupingUsed(true);
        return format.format(value);
    }

    /** A decimal with the given number of decimals: 0.05 / 0,05. */
    public String decimal(double value, int decimals) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        format.setGroupingUsed(true);
        return format.format(value);
    }

    /** A share given as a fraction (0.052), shown as a rounded percentage: "5 %". */
    public String percent(double fraction, int decimals) {
        return decimal(Rounding.roundHalfUp(fraction * 100.0, decimals), decimals) + " %";
    }

    /** Joins items as a list: "a, b and c" / "a, b og c". */
    public String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        String and = t("publish.list.and");
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.getLast();
    }
}
