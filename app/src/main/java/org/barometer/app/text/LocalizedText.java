package org.barometer.app.text;

import java.util.Locale;
import java.util.Objects;

/**
 * A short text in the portal's two languages, as written in an edition's figure specification.
 *
 * @param da the Danish text
 * @param en the English text
 */
public record LocalizedText(String da, String en) {

    public LocalizedText {
        Objects.requireNonNull(da, "da");
        Objects.requireNonNull(en, "en");
    }

    /** A text of the product's own texts ({@link Texts}) in both languages. */
    public static LocalizedText of(Message message) {
        return new LocalizedText(message.in(Language.of("da")), message.in(Language.of("en")));
    }

    /** The text for a locale: Danish for "da", English otherwise. */
    public String in(Locale locale) {
        return "da".equals(locale.getLanguage()) ? da : en;
    }
}
