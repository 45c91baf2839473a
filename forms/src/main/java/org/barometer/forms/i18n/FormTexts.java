package org.barometer.forms.i18n;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The localiser of this module: fills a {@link FormText}'s key in from the bundle of a language
 * ({@code org/barometer/forms/i18n/forms_da.properties}, {@code forms_en.properties}). Danish and English are
 * provided; any other language is shown in English.
 *
 * <p>Placeholders are {@code {0}}, {@code {1}}, … and nothing else: texts quote names with plain apostrophes
 * ({@code '{0}'}), which {@link java.text.MessageFormat} would treat as escapes.
 */
public final class FormTexts {
    /** English, the language of the command line. */
    public static final String ENGLISH = "en";
    /** Danish. */
    public static final String DANISH = "da";

    private static final String BUNDLE = "org.barometer.forms.i18n.forms";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern CODE_IN_PARENTHESES = Pattern.compile("\\(([a-z]{2,3})\\)");

    private FormTexts() {}

    /** The text of a key with its arguments in a language; see {@link FormText#render(String)}. */
    public static String render(String key, List<?> arguments, String language) {
        return render(new FormText(key, List.copyOf(arguments)), language);
    }

    /** The text in a language; nested texts in the same language. */
    public static String render(FormText text, String language) {
        Locale locale = locale(language);
        String template = template(text.key(), locale);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            String value = index < text.arguments().size() ? argument(text.arguments().get(index), language)
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String argument(Object value, String language) {
        return value instanceof FormText nested ? render(nested, language) : String.valueOf(value);
    }

    /** The template of a key; a key missing in a language falls back to English, then shows as {@code ??key??}. */
    private static String template(String key, Locale locale) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            try {
                return bundle(Locale.ENGLISH).getString(key);
            } catch (MissingResourceException again) {
                return "??" + key + "??";
            }
        }
    }

    /** The bundle of one of the two languages, without falling back to the machine's default locale. */
    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * The locale of a language as people and forms name it: {@code da}, {@code da-DK}, {@code Dansk (da)},
     * {@code Danish}, {@code dansk} give Danish; anything else, and null, English.
     */
    public static Locale locale(String language) {
        if (language == null) {
            return Locale.ENGLISH;
        }
        String lower = language.strip().toLowerCase(Locale.ROOT);
        Matcher code = CODE_IN_PARENTHESES.matcher(lower);
        String tag = code.find() ? code.group(1) : lower;
        boolean danish = tag.equals("da") || tag.startsWith("da-") || tag.startsWith("da_")
                || tag.startsWith("dansk") || tag.startsWith("danish");
        return danish ? Locale.of(DANISH) : Locale.ENGLISH;
    }

    /** The keys of a language's bundle (for tests that both languages have the same ones). */
    public static Set<String> keys(String language) {
        return bundle(locale(language)).keySet();
    }
}
