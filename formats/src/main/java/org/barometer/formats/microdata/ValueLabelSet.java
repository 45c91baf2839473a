package org.barometer.formats.microdata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * A named set of value labels that one or many numeric variables share (a questionnaire's choice list, a yes/no
 * scale). Codes are finite numbers; Stata further needs them integral ({@link StataWriter} says so when they are
 * not).
 *
 * @param name   the set's name, renamed per tool like a variable name
 * @param labels code to label, in each language, in the order given
 */
public record ValueLabelSet(String name, Map<Double, LocalizedText> labels) {

    /** Copies the labels and checks the name and codes. */
    public ValueLabelSet {
        if (name == null || name.isBlank()) throw new FormatInputException("a value label set has a blank name");
        Map<Double, LocalizedText> copy = new LinkedHashMap<>();
        labels.forEach((code, text) -> {
            if (code == null || !Double.isFinite(code)) {
                throw new FormatInputException("value label set '" + name + "': code " + code + " is not a finite number");
            }
            copy.put(code == 0.0 ? 0.0 : code, text); // -0.0 and 0.0 are one code
        });
        labels = Collections.unmodifiableMap(copy);
    }

    /** An empty set to which labels are added with {@link #with}. */
    public static ValueLabelSet named(String name) {
        return new ValueLabelSet(name, Map.of());
    }

    /** This set with {@code code} labelled {@code label}. */
    public ValueLabelSet with(double code, LocalizedText label) {
        Map<Double, LocalizedText> m = new LinkedHashMap<>(labels);
        m.put(code, label);
        return new ValueLabelSet(name, m);
    }
}
