package org.barometer.forms.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A question (or note, or calculation). Expressions are kept as their XLSForm source text; the answer engine
 * parses them once.
 *
 * @param listName     the choice list of a select or rank question (for one from a file, the file name), else null
 * @param orOther      whether an "other" choice with a text question {@code <name>_other} is added
 * @param required     expression that makes an answer required ({@code "true()"} for "yes"), or null
 * @param readOnly     expression that makes the question read-only ({@code "true()"} for "yes"), or null
 * @param defaultValue the {@code default} answer, or null
 * @param parameters   the {@code parameters} column as key and value ({@code start=1 end=5} for a range,
 *                     {@code randomize=true} for a select), keys in lower case
 * @param media        pictures shown with the label, with their alternative text
 * @param metadata     what a {@link QuestionType#METADATA} question records, else null
 * @param trigger      the {@code trigger} column, {@code ${name}}: the calculation is computed when that
 *                     question's answer changes and kept until it changes again; else null
 */
public record Question(
        String name,
        QuestionType type,
        String listName,
        boolean orOther,
        Text label,
        Text hint,
        String required,
        Text requiredMessage,
        String relevant,
        String constraint,
        Text constraintMessage,
        String calculation,
        String choiceFilter,
        String appearance,
        String defaultValue,
        String readOnly,
        Map<String, String> parameters,
        Media media,
        Metadata metadata,
        String trigger) implements Item {

    /** The choice name of the "other" option added by {@code or_other}, as in pyxform. */
    public static final String OTHER_CHOICE = "other";

    public Question {
        label = label == null ? Text.NONE : label;
        hint = hint == null ? Text.NONE : hint;
        requiredMessage = requiredMessage == null ? Text.NONE : requiredMessage;
        constraintMessage = constraintMessage == null ? Text.NONE : constraintMessage;
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        media = media == null ? Media.NONE : media;
    }

    /** A question without parameters, pictures, metadata or trigger. */
    public Question(String name, QuestionType type, String listName, boolean orOther, Text label, Text hint,
                    String required, Text requiredMessage, String relevant, String constraint,
                    Text constraintMessage, String calculation, String choiceFilter, String appearance,
                    String defaultValue, String readOnly) {
        this(name, type, listName, orOther, label, hint, required, requiredMessage, relevant, constraint,
                constraintMessage, calculation, choiceFilter, appearance, defaultValue, readOnly, Map.of(),
                Media.NONE, null, null);
    }

    /** The name of the text question that holds the "other" answer of an {@code or_other} select. */
    public String otherName() {
        return name + "_other";
    }

    /** Whether the options are shown in an order drawn per respondent ({@code parameters: randomize=true}). */
    public boolean randomized() {
        return "true".equalsIgnoreCase(parameters.get("randomize"));
    }

    /**
     * Whether the options of a long list are offered with a search field: the {@code search}, {@code autocomplete}
     * or {@code autocomplete_chars} appearance (ODK's names for the same widget).
     */
    public boolean searchable() {
        if (appearance == null) {
            return false;
        }
        for (String word : appearance.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (word.equals("search") || word.startsWith("autocomplete")) {
                return true;
            }
        }
        return false;
    }
}
