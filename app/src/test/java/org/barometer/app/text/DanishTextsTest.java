package org.barometer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every text of the app exists in both languages, and no Danish text is English: the Danish set has every key the
 * English one has and no other, and no Danish pattern holds an English function word.
 */
class DanishTextsTest {
    static List<String> englishWords(String text) {
        return DanishTextsTestSupport.englishWords(text);
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Texts texts = Texts.bundled();
        assertThat(texts.keys("da")).containsExactlyInAnyOrderElementsOf(texts.keys("en"));
        assertThat(texts.keys("da")).hasSizeGreaterThan(500);
    }

    @Test
    void noDanishTextIsEnglish() {
        Texts texts = Texts.bundled();
        List<String> english = new ArrayList<>();
        for (String key : texts.keys("da")) {
            String pattern = texts.in("da").pattern(key);
            if (!englishWords(pattern).isEmpty()) {
                english.add(key + " = " + pattern + "   " + englishWords(pattern));
            }
        }
        assertThat(english).isEmpty();
    }

    @Test
    void theCheckFindsEnglish() {
        assertThat(englishWords("The file could not be read")).containsExactly("The", "not");
        assertThat(englishWords("Filen kunne ikke læses: {0} is not found")).containsExactly("not");
        assertThat(englishWords("Udgaven »The Innovation Barometer« er offentliggjort")).isEmpty();
    }
}
