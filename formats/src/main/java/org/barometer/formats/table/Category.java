package org.barometer.formats.table;

import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * One category of a dimension: a stable code (used in PX {@code CODES} and as JSON-stat's category id) and a label
 * in each language.
 *
 * @param code  letters, digits, {@code _ - .}; unique within its dimension
 * @param label the label in each of the table's languages
 */
public record Category(String code, LocalizedText label) {
    /** Checks the code. */
    public Category {
        if (code == null || !code.matches("[A-Za-z0-9_.\\-]+")) {
            throw new FormatInputException("category code '" + code + "' must be letters, digits, '_', '-' or '.'");
        }
    }
}
