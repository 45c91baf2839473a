package org.barometer.app.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** How the tests tell an English sentence in a Danish text. */
public final class DanishTextsTestSupport {
    private DanishTextsTestSupport() {
    }

    /**
     * Short English words that no Danish sentence uses (Danish homographs such as "is", "to", "have" and "for"
     * are left out), so that one of them in a Danish text shows an untranslated sentence.
     */
    static final Pattern ENGLISH = Pattern.compile(
            "\\b(the|and|of|are|with|this|that|was|has|which|been|should|cannot|will|you|your|from|not|there|these|"
                    + "their|only|than|when|where|into|each|every)\\b", Pattern.CASE_INSENSITIVE);

    /** The words of a text that read as English, placeholders and quoted names aside. */
    public static List<String> englishWords(String text) {
        String words = text.replaceAll("\\{[^}]*}", " ").replaceAll("'[^']*'", " ").replaceAll("»[^«]*«", " ");
        List<String> found = new ArrayList<>();
        var m = ENGLISH.matcher(words);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
