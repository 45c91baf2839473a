package org.barometer.forms.model;

/**
 * A question (or note, or calculation). Expressions are kept as their XLSForm source text; the answer engine
 * parses them once.
 *
 * @param listName       the choice list of a select question, else null
 * @param orOther        whether an "other" choice with a text question {@code <name>_other} is added
 * @param required       expression that makes an answer required ({@code "true()"} for "yes"), or null
 * @param readOnly       expression that makes the question read-only ({@code "true()"} for "yes"), or null
 * @param defaultValue   the {@code default} answer, or null
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
        String readOnly) implements Item {

    /** The choice name of the "other" option added by {@code or_other}, as in pyxform. */
    public static final String OTHER_CHOICE = "other";

    public Question {
        label = label == null ? Text.NONE : label;
        hint = hint == null ? Text.NONE : hint;
        requiredMessage = requiredMessage == null ? Text.NONE : requiredMessage;
        constraintMessage = constraintMessage == null ? Text.NONE : constraintMessage;
    }

    /** The name of the text question that holds the "other" answer of an {@code or_other} select. */
    public String otherName() {
        return name + "_other";
    }
}
