package org.barometer.app.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The final codes of an open question, as a variable of the edition: {@code coded.<question>}, whose value for a
 * respondent is the codes coders and adjudicators gave the answer, each with the categories above it in the coding
 * frame, separated by spaces as a select-multiple answer is. A figure reads a category as
 * {@code selected(${coded.tech_description}, 'ai')}, or the variable as a breakdown or a figure's variable; an answer
 * not yet finally coded is empty.
 *
 * @param question   the open (text) question coded
 * @param categories the categories of the current coding frame, in its order, with their labels by language
 */
public record CodedVariable(String question, List<DerivedVariable.Category> categories) {
    /** What the name of a coded variable starts with; the rest is the question's name. */
    public static final String PREFIX = "coded.";

    public CodedVariable {
        Objects.requireNonNull(question);
        categories = List.copyOf(categories);
    }

    /** The variable's name, {@code coded.<question>} (a name the expression language reads as {@code ${…}}). */
    public String name() {
        return PREFIX + question;
    }

    /**
     * A respondent's value: the final codes with every category above them, in the frame's order, separated by
     * spaces.
     *
     * @param codes   the final codes of the answer
     * @param parents each code's parent code (absent at the top)
     */
    public String value(List<String> codes, Map<String, String> parents) {
        java.util.Set<String> with = new java.util.HashSet<>();
        for (String code : codes) {
            for (String c = code; c != null && with.add(c); c = parents.get(c)) {
                // walks up to the top; a code seen already stops the walk
            }
        }
        return String.join(" ", categories.stream().map(DerivedVariable.Category::value).filter(with::contains).toList());
    }
}
