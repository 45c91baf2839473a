package org.barometer.forms.model;

import java.util.List;
import java.util.Optional;

/** A named list of choices from the choices sheet. */
public record ChoiceList(String name, List<Choice> choices) {
    public ChoiceList {
        choices = List.copyOf(choices);
    }

    /** The first choice with this name. */
    public Optional<Choice> choice(String choiceName) {
        return choices.stream().filter(c -> c.name().equals(choiceName)).findFirst();
    }
}
