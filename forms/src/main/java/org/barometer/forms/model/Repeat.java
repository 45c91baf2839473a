package org.barometer.forms.model;

import java.util.List;

/**
 * Items asked once per instance ({@code begin repeat} … {@code end repeat}): "add another" members of a
 * household, sites of a workplace. How many instances there are is decided by {@code count} when it is given
 * ({@code repeat_count} or {@code jr:count}: a number or an expression), by the choices of {@code choiceList}
 * for a loop ({@code begin loop over L}: one instance per choice, in list order), and otherwise by the respondent,
 * who adds and removes instances. Answers are kept per instance; see {@code AnswerKeys}.
 *
 * @param count      the number of instances as an expression, or null
 * @param choiceList the list a loop goes over, or null
 */
public record Repeat(String name, Text label, String relevant, String appearance, List<Item> items, String count,
                     String choiceList) implements Item {
    public Repeat {
        label = label == null ? Text.NONE : label;
        items = List.copyOf(items);
    }

    /** Whether the respondent decides how many instances there are ("add another"). */
    public boolean respondentCounts() {
        return count == null && choiceList == null;
    }
}
