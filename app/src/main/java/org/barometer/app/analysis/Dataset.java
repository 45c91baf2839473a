package org.barometer.app.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.forms.expr.EvaluationContext;
import org.barometer.forms.expr.EvaluationBudget;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.expr.Value;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

/**
 * The respondents' answers as typed values, one column per variable: the questionnaire's questions, its
 * calculations (recomputed here in document order, so analysis never trusts a stale stored value), then
 * the edition's derived variables, all through the one expression evaluator the questionnaire uses.
 */
public final class Dataset {

    /** A fixed "today" for evaluation, so that derived variables do not change with the calendar. */
    private static final LocalDate TODAY = LocalDate.of(2020, 3, 1);

    private final int size;
    private final Map<String, Value[]> columns;
    /** Conditions already evaluated, by canonical source: figures and explorer queries reuse the same ones. */
    private final Map<String, boolean[]> conditions = new java.util.concurrent.ConcurrentHashMap<>();

    private Dataset(int size, Map<String, Value[]> columns) {
        this.size = size;
        this.columns = columns;
    }

    /**
     * Builds the dataset.
     *
     * @param form    the questionnaire the answers belong to
     * @param answers per question name, the raw answers (choice names, numbers as text; null when skipped)
     * @param derived the edition's derived variables, in an order where each uses only earlier ones
     */
    public static Dataset of(Form form, Map<String, String[]> answers, List<DerivedVariable> derived) {
        int size = answers.values().stream().findFirst().map(a -> a.length).orElse(0);
        Map<String, Value[]> columns = new LinkedHashMap<>();
        List<Question> calculations = new ArrayList<>();
        List<Expression> parsed = new ArrayList<>();
        for (Question q : form.questions()) {
            if (q.type() == QuestionType.CALCULATE) {
                try {
                    parsed.add(Expression.parse(q.calculation()));
                    calculations.add(q);
                } catch (ExpressionSyntaxException e) {
                    throw new IllegalArgumentException("Calculation of " + q.name() + " does not parse: " + e.getMessage(), e);
                }
                continue;
            }
            String[] raw = answers.get(q.name());
            if (raw == null || !q.type().isAnswered()) {
                continue;
            }
            Value[] column = new Value[size];
            boolean numeric = q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL;
            for (int r = 0; r < size; r++) {
                String a = raw[r];
                if (a == null || a.isEmpty()) {
                    column[r] = Value.EMPTY;
                } else if (numeric) {
                    column[r] = Value.of(Double.parseDouble(a));
                } else {
                    column[r] = Value.of(a);
                }
            }
            columns.put(q.name(), column);
        }
        // values beside the answers that are no question of the form: the register's, as text
        for (Map.Entry<String, String[]> e : answers.entrySet()) {
            if (form.question(e.getKey()).isEmpty() && !columns.containsKey(e.getKey())) {
                Value[] column = new Value[size];
                for (int r = 0; r < size; r++) {
                    String a = e.getValue()[r];
                    column[r] = a == null || a.isEmpty() ? Value.EMPTY : Value.of(a);
                }
                columns.put(e.getKey(), column);
            }
        }
        for (int k = 0; k < calculations.size(); k++) {
            columns.put(calculations.get(k).name(), evaluate(parsed.get(k), columns, size));
        }
        for (DerivedVariable d : derived) {
            columns.put(d.name(), evaluate(d.expression(), columns, size));
        }
        return new Dataset(size, columns);
    }

    private static Value[] evaluate(Expression expression, Map<String, Value[]> columns, int size) {
        Value[] out = new Value[size];
        Row row = new Row(columns);
        for (int r = 0; r < size; r++) {
            row.at = r;
            out[r] = expression.evaluate(row);
        }
        return out;
    }

    /** Evaluates an expression for every respondent as a condition (empty counts as false). */
    public boolean[] condition(Expression expression) {
        String key = expression.toSource();
        boolean[] known = conditions.get(key);
        if (known == null) {
            known = evaluateCondition(expression);
            if (conditions.size() < 5_000) {
                conditions.put(key, known);
            }
        }
        return known.clone();
    }

    /** Evaluates a condition afresh, without the cache (for measuring what a first evaluation costs). */
    public boolean[] evaluateCondition(Expression expression) {
        boolean[] out = new boolean[size];
        Row row = new Row(columns);
        for (int r = 0; r < size; r++) {
            row.at = r;
            out[r] = expression.evaluate(row).asBoolean();
        }
        return out;
    }

    /**
     * Evaluates a condition written by someone untrusted for every respondent, all evaluations sharing one
     * budget (so that a filter stops after a fixed amount of work, whatever it is); never cached, since every
     * visitor's wording would be kept.
     *
     * @throws org.barometer.forms.expr.ExpressionLimitException when the budget is spent
     */
    public boolean[] condition(Expression expression, EvaluationBudget budget) {
        boolean[] out = new boolean[size];
        Row row = new Row(columns);
        for (int r = 0; r < size; r++) {
            row.at = r;
            out[r] = expression.evaluate(row, budget).asBoolean();
        }
        return out;
    }

    /** The respondents' values of a variable as text ("" when empty). */
    public String[] text(String variable) {
        Value[] column = columns.get(variable);
        if (column == null) {
            throw new IllegalArgumentException("No variable " + variable);
        }
        String[] out = new String[size];
        for (int r = 0; r < size; r++) {
            out[r] = column[r].isEmpty() ? "" : column[r].asString();
        }
        return out;
    }

    public boolean has(String variable) {
        return columns.containsKey(variable);
    }

    public Set<String> variables() {
        return columns.keySet();
    }

    public int size() {
        return size;
    }

    /** The evaluation context of one respondent, reading the columns in place. */
    private static final class Row implements EvaluationContext {
        private final Map<String, Value[]> columns;
        private int at;

        Row(Map<String, Value[]> columns) {
            this.columns = columns;
        }

        @Override
        public Value valueOf(String name) {
            Value[] column = columns.get(name);
            return column == null ? Value.EMPTY : column[at];
        }

        @Override
        public Value currentAnswer() {
            return Value.EMPTY;
        }

        @Override
        public LocalDate today() {
            return TODAY;
        }
    }
}
