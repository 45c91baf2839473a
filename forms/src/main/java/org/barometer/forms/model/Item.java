package org.barometer.forms.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One row of a questionnaire's survey sheet: a question, a group of items, or a repeat. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Question.class, name = "question"),
    @JsonSubTypes.Type(value = Group.class, name = "group"),
    @JsonSubTypes.Type(value = Repeat.class, name = "repeat")
})
public sealed interface Item permits Question, Group, Repeat {
    /** The variable name, unique in the form. */
    String name();

    /** The label in each language. */
    Text label();

    /** The XLSForm {@code relevant} expression, or null when always relevant. */
    String relevant();

    /** The {@code appearance} column, or null. */
    String appearance();
}
