package org.barometer.forms;

import java.util.List;
import java.util.stream.Collectors;

/** A questionnaire was refused; carries every problem found, each with its place. */
public final class FormException extends Exception {
    private final transient List<FormProblem> problems;

    public FormException(List<FormProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the form:\n"
                + problems.stream().map(FormProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a FormException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found (sheet by sheet, row by row). */
    public List<FormProblem> problems() {
        return problems;
    }
}
