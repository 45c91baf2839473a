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

    /** The date and time of {@code now()}; by default the start of {@link #today()}. */
    default java.time.LocalDateTime now() {
        return today().atStartOfDay();
    }

    /**
     * The values of {@code ${name}} in every instance it has within the current one: for a question in a repeat
     * evaluated outside it, one value per instance (what {@code count()}, {@code sum()}, {@code join()} work on);
     * for a repeat's own name, one value per instance; otherwise the one value.
     */
    default java.util.List<Value> valuesOf(String name) {
        return java.util.List.of(valueOf(name));
    }

    /**
     * {@code indexed-repeat()}: the value of {@code ${name}} in the instances given by 1-based index for each named
     * repeat (the others as in the current instance); {@link Value#EMPTY} when there is no such instance.
     */
    default Value valueAt(String name, java.util.Map<String, Integer> instanceOf) {
        return valueOf(name);
    }

    /** {@code position(..)}: the 1-based index of the current instance of the innermost repeat; 1 outside repeats. */
    default int position() {
        return 1;
    }

    /**
     * The seed of {@code random()} and {@code uuid()}, so that they give the same value each time an answer is
     * worked out again: by default 0. The answer engine uses the respondent's seed mixed with the question.
     */
    default long seed() {
        return 0;
    }

    /** {@code pulldata(table, column, keyColumn, key)}; by default {@link Value#EMPTY} (no tables). */
    default Value pulldata(String table, String column, String keyColumn, String key) {
        return Value.EMPTY;
    }

    /** {@code jr:choice-name(choice, '${question}')}: the label of a choice of a question; by default the choice. */
    default String choiceLabel(String question, String choice) {
        return choice;
    }

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
