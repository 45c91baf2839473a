package org.barometer.app.coding;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One category of a coding frame: its code, the category it belongs under (null at the top), what coders read in
 * each language (a label, a definition and examples), and the keywords that suggest it in an answer (in each
 * language, separated by {@code ;}: words, the start of words or several words, synonyms and misspellings alike).
 */
public record FrameCategory(String code, String parent, String labelDa, String labelEn, String definitionDa,
                            String definitionEn, String examplesDa, String examplesEn, String keywordsDa,
                            String keywordsEn) {

    /**
     * What a code may look like: it is stored in a list of codes separated by spaces and read in figure expressions
     * as {@code selected(${coded.question}, 'code')}, so it has neither spaces nor quotes.
     */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,59}");

    public FrameCategory {
        Objects.requireNonNull(code);
        Objects.requireNonNull(labelDa);
        Objects.requireNonNull(labelEn);
        definitionDa = definitionDa == null ? "" : definitionDa;
        definitionEn = definitionEn == null ? "" : definitionEn;
        examplesDa = examplesDa == null ? "" : examplesDa;
        examplesEn = examplesEn == null ? "" : examplesEn;
        keywordsDa = keywordsDa == null ? "" : keywordsDa;
        keywordsEn = keywordsEn == null ? "" : keywordsEn;
        parent = parent == null || parent.isBlank() ? null : parent;
    }

    /** The label in a language ("da" or anything else for English). */
    public String label(String lang) {
        return "da".equals(lang) ? labelDa : labelEn;
    }

    public String definition(String lang) {
        return "da".equals(lang) ? definitionDa : definitionEn;
    }

    public String examples(String lang) {
        return "da".equals(lang) ? examplesDa : examplesEn;
    }

    /** The keywords of both languages, each as {@link Suggestions#normalised} makes it, without repeats. */
    public List<String> keywords() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String k : (keywordsDa + ";" + keywordsEn).split(";")) {
            String n = Suggestions.normalised(k).strip();
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
