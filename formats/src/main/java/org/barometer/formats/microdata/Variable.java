package org.barometer.formats.microdata;

import java.util.Objects;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * One column of microdata.
 *
 * @param name         the name as the caller knows it; each writer makes it valid for its tool ({@link Names})
 * @param type         numeric or string
 * @param label        the variable label in each language
 * @param valueLabels  the shared value label set, or {@code null}; numeric variables only
 * @param missingCodes the codes of the missing kinds for this variable, or {@code null} for the dataset's
 */
public record Variable(String name, VariableType type, LocalizedText label, ValueLabelSet valueLabels,
        MissingCodes missingCodes) {

    /** Checks the name and that value labels sit on a numeric variable. */
    public Variable {
        if (name == null || name.isBlank()) throw new FormatInputException("a variable has a blank name");
        Objects.requireNonNull(type, "type");
        label = label == null ? LocalizedText.empty() : label;
        if (valueLabels != null && type == VariableType.STRING) {
            throw new FormatInputException("variable '" + name + "': value labels (set '" + valueLabels.name()
                    + "') are supported on numeric variables only, and this is a string variable");
        }
    }

    /** A numeric variable with a label and nothing else. */
    public static Variable numeric(String name, LocalizedText label) {
        return new Variable(name, VariableType.NUMERIC, label, null, null);
    }

    /** A string variable with a label. */
    public static Variable string(String name, LocalizedText label) {
        return new Variable(name, VariableType.STRING, label, null, null);
    }

    /** This variable with the shared value label set {@code set}. */
    public Variable withValueLabels(ValueLabelSet set) {
        return new Variable(name, type, label, set, missingCodes);
    }

    /** This variable with its own missing codes instead of the dataset's. */
    public Variable withMissingCodes(MissingCodes codes) {
        return new Variable(name, type, label, valueLabels, codes);
    }

    /** Whether the variable is numeric. */
    public boolean isNumeric() {
        return type == VariableType.NUMERIC;
    }
}
