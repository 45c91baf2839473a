package org.barometer.app.edition;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.barometer.app.text.Language;

/**
 * An edition's texts as its respondents read them: its own where it set one, the product's neutral default
 * otherwise.
 *
 * @param own per text, per language code, what the edition set
 */
public record SurveyTexts(Map<SurveyText, Map<String, String>> own) {

    public SurveyTexts {
        Map<SurveyText, Map<String, String>> copy = new EnumMap<>(SurveyText.class);
        own.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        own = Map.copyOf(copy);
    }

    /** An edition that set none of its texts. */
    public static SurveyTexts defaults() {
        return new SurveyTexts(Map.of());
    }

    /** The text in a language: the edition's own, or the default of that language. */
    public String get(SurveyText text, String language) {
        String mine = own.getOrDefault(text, Map.of()).get(language);
        return mine != null ? mine : defaultText(text, language);
    }

    /** The product's neutral default of a text in a language. */
    public static String defaultText(SurveyText text, String language) {
        return Language.of(language).t("texts.default." + text.code());
    }

    /** These texts with one more set (a blank text goes back to the default). */
    public SurveyTexts with(SurveyText text, String language, String value) {
        Map<SurveyText, Map<String, String>> next = new EnumMap<>(SurveyText.class);
        own.forEach((k, v) -> next.put(k, new HashMap<>(v)));
        Map<String, String> forText = next.computeIfAbsent(text, k -> new HashMap<>());
        if (value == null || value.isBlank()) {
            forText.remove(language);
        } else {
            forText.put(language, value);
        }
        return new SurveyTexts(next);
    }
}
