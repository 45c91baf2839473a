package org.barometer.app.publish.spec;

import java.util.List;
import java.util.stream.Collectors;

/** An edition was refused; every problem is listed with its place, and nothing was published. */
public final class EditionException extends Exception {

    private final List<EditionProblem> problems;

    public EditionException(List<EditionProblem> problems) {
        super(problems.stream().map(EditionProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<EditionProblem> problems() {
        return problems;
    }
}
