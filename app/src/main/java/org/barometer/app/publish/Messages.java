package org.barometer.app.publish;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The portal's texts (keys prefixed {@code portal.}, {@code publish.} and {@code analysis.}) in Danish
 * and English, read from the {@code i18n/portal_*.properties} bundles, with the number formats of each
 * language: {@code 1,877} and {@code 0.05} in English, {@code 1.877} and {@code 0,05} in Danish.
 */
public final class Messages {

    /** The two languages the portal speaks. */
    public static final Locale DANISH = Locale.of("da", "DK");
    public static final Locale ENGLISH = Locale.of("en", "GB");

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = "da".equals(locale.getLanguage()) ? DANISH : ENGLISH;
        this.bundle = ResourceBundle.getBundle("i18n.portal", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Messages for a locale; any language other than Danish gets English. */
    public static Messages of(Locale locale) {
        return new Messages(locale);
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The text of a key with its arguments filled in (always through MessageFormat, so a literal apostrophe is
     * written twice in every pattern); arguments should be pre-formatted strings.
     */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("No text for key '" + key + "' in language " + locale.getLanguage(), e);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** Whether the bundle has a key. */
    public boolean has(String key) {
        return bundle.containsKey(key);
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
        String and = get("publish.list.and");
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.getLast();
    }
}
