package org.barometer.app.publish.compute;

import java.util.List;
import org.barometer.app.publish.spec.EditionProblem;

/**
 * The explorer refused a question: each problem names the parameter ({@code q}, {@code by}, {@code filter}), a
 * stable reason for programs (see {@link Reason}) and a message in the reader's language. No refusal ever says how
 * many respondents a base has.
 */
public final class ExplorerRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, for programs and tests; the {@code filter} reasons of the expression budget are its own keys. */
    public static final class Reason {
        /** {@code q} is not a publishable variable with answer categories. */
        public static final String QUESTION = "not_a_question";
        /** {@code by} is not a publishable variable with categories, or is {@code q} itself. */
        public static final String BREAKDOWN = "not_a_breakdown";
        /** The filter names a variable the edition does not publish (free text, numbers, identifiers …). */
        public static final String NOT_PUBLISHABLE = "not_publishable";
        /**
         * The filter names a publishable variable that is not one of the edition's filters (an answer rather than
         * a classification of workplaces).
         */
        public static final String NOT_FILTERABLE = "not_filterable";
        /** The filter names something the questionnaire does not have. */
        public static final String UNKNOWN_NAME = "unknown_name";
        /** The base has fewer respondents than the edition's minimum (decided on its protected count). */
        public static final String TOO_FEW = "too_few";
        /** The base differs from one already answered by fewer respondents than the minimum. */
        public static final String TOO_CLOSE = "too_close";
        /** The explorer has answered as many different bases of this edition as it keeps. */
        public static final String FULL = "full";

        private Reason() {
        }
    }

    /** One problem: a reason and where (its {@link EditionProblem#place()} is the parameter). */
    public record Problem(String reason, EditionProblem problem) {
        public String parameter() {
            return problem.place();
        }
    }

    private final transient List<Problem> problems;

    public ExplorerRefusal(List<Problem> problems) {
        super(problems.isEmpty() ? "refused" : problems.getFirst().problem().message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** A refusal with one problem. */
    public static ExplorerRefusal of(String parameter, String reason, int position, String key, Object... args) {
        return new ExplorerRefusal(List.of(new Problem(reason,
                new EditionProblem(ExplorerQuery.FILE, parameter, position, key, args))));
    }

    public List<Problem> problems() {
        return problems;
    }
}
