package org.barometer.forms.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One row of a questionnaire's survey sheet: a question or a group of items. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Question.class, name = "question"),
    @JsonSubTypes.Type(value = Group.class, name = "group")
})
public sealed interface Item permits Question, Group {
    /** The variable name, unique in the form. */
    String name();

    /** The label in each language. */
    Text label();

    /** The XLSForm {@code relevant} expression, or null when always relevant. */
    String relevant();

    /** The {@code appearance} column, or null. */
    String appearance();
}
