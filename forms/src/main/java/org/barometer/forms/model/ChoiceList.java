package org.barometer.forms.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Optional;

/**
 * A named list of choices: from the choices sheet, the {@code external_choices} sheet, or a CSV file shipped with
 * the form ({@code select_one_from_file fruits.csv}, whose list is named after the file).
 *
 * @param file the CSV file the choices were read from, else null
 */
public record ChoiceList(String name, List<Choice> choices, String file) {
    /**
     * How the name of a list from the {@code external_choices} sheet begins, since it may share its name with a
     * list of the choices sheet: {@code external_choices:cities}.
     */
    public static final String EXTERNAL = "external_choices:";

    public ChoiceList {
        choices = List.copyOf(choices);
    }

    /** A list from the choices sheet. */
    public ChoiceList(String name, List<Choice> choices) {
        this(name, choices, null);
    }

    /** Whether the list comes from the {@code external_choices} sheet. */
    @JsonIgnore
    public boolean isExternal() {
        return name.startsWith(EXTERNAL);
    }

    /** The first choice with this name. */
    public Optional<Choice> choice(String choiceName) {
        return choices.stream().filter(c -> c.name().equals(choiceName)).findFirst();
    }
}
