package org.barometer.forms.xlsform;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.QuestionType;

/**
 * The {@code parameters} column: {@code key=value} pairs separated by spaces, commas or semicolons, as pyxform
 * reads them. Keys are lower case; values too, except {@code value} and {@code label} (column names of a CSV file)
 * and {@code seed} (an expression).
 */
final class Parameters {
    private Parameters() {}

    /** The pairs of a cell, empty for a blank cell, or null when the cell is not written as pairs. */
    static Map<String, String> parse(String cell) {
        Map<String, String> out = new LinkedHashMap<>();
        if (cell == null || cell.isBlank()) {
            return out;
        }
        for (String pair : cell.strip().split("[\\s,;]+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1 || pair.indexOf('=', eq + 1) >= 0) {
                return null;
            }
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1);
            out.put(key, Set.of("value", "label", "seed").contains(key) ? value : value.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The parameters a type takes. */
    static Set<String> accepted(QuestionType type, boolean fromFile) {
        return switch (type) {
            case SELECT_ONE, SELECT_MULTIPLE, RANK -> fromFile ? Set.of("randomize", "seed", "value", "label")
                    : Set.of("randomize", "seed");
            case RANGE -> Set.of("start", "end", "step", "tick_interval", "placeholder", "tick_labelset");
            case TEXT -> Set.of("rows");
            default -> Set.of();
        };
    }

    /** A range's parameters with pyxform's defaults filled in: start 1, end 10, step 1. */
    static Map<String, String> rangeDefaults(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>(given);
        out.putIfAbsent("start", "1");
        out.putIfAbsent("end", "10");
        out.putIfAbsent("step", "1");
        return out;
    }

    /** What is wrong with a range's start, end and step, or null: numbers, a step that is not 0 and fits. */
    static FormText checkRange(Map<String, String> parameters) {
        BigDecimal start = number(parameters.get("start"));
        BigDecimal end = number(parameters.get("end"));
        BigDecimal step = number(parameters.get("step"));
        for (String key : new String[] {"start", "end", "step"}) {
            if (number(parameters.get(key)) == null) {
                return FormText.of("xlsform.range_not_a_number", key, parameters.get(key));
            }
        }
        if (step.signum() == 0) {
            return FormText.of("xlsform.range_step_zero");
        }
        if (step.abs().compareTo(end.subtract(start).abs()) > 0) {
            return FormText.of("xlsform.range_step_too_large", step.toPlainString(),
                    start.toPlainString(), end.toPlainString());
        }
        return null;
    }

    private static BigDecimal number(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
