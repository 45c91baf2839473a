package org.barometer.forms.expr;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** What an expression sees while evaluating. */
public interface EvaluationContext {

    /**
     * The current value of the variable {@code ${name}}: {@link Value#EMPTY} when unanswered or not relevant.
     * Bare names in a choice_filter ({@code cf = ${q1}}) are also looked up here: while evaluating a choice
     * filter for one choice, the caller answers with that choice's column value.
     */
    Value valueOf(String name);

    /** The answer of the question being checked, for "." in constraints; {@link Value#EMPTY} when none. */
    Value currentAnswer();

    /** Today's date (injected so tests are deterministic). */
    LocalDate today();

    /**
     * A context backed by a map (missing names are {@link Value#EMPTY}); handy for tests and analysis.
     * The map is read, not copied, on each lookup.
     */
    static EvaluationContext of(Map<String, Value> values, Value currentAnswer, LocalDate today) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(currentAnswer, "currentAnswer");
        Objects.requireNonNull(today, "today");
        return new EvaluationContext() {
            @Override
            public Value valueOf(String name) {
                Value v = values.get(name);
                return v == null ? Value.EMPTY : v;
            }

            @Override
            public Value currentAnswer() {
                return currentAnswer;
            }

            @Override
            public LocalDate today() {
                return today;
            }
        };
    }
}
