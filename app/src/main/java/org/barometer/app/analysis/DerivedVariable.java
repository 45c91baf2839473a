package org.barometer.app.analysis;

import java.util.Map;
import java.util.Objects;
import org.barometer.forms.expr.Expression;

/**
 * A variable an edition computes from the answers with the questionnaire's expression language, e.g.
 * {@code tech_class} or {@code collaborates_outside}.
 *
 * @param name       the variable's name, referred to as {@code ${name}}
 * @param expression the parsed expression
 * @param source     the expression as written
 * @param label      the variable's label by language code ("da", "en")
 * @param categories for a categorical variable, its values in order with labels by language; empty otherwise
 */
public record DerivedVariable(String name, Expression expression, String source, Map<String, String> label,
                              java.util.List<Category> categories) {

    public DerivedVariable {
        Objects.requireNonNull(name);
        Objects.requireNonNull(expression);
        label = Map.copyOf(label);
        categories = java.util.List.copyOf(categories);
    }

    /** One value of a categorical derived variable. */
    public record Category(String value, Map<String, String> label) {
        public Category {
            label = Map.copyOf(label);
        }
    }
}
