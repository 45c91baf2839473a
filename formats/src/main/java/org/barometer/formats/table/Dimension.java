package org.barometer.formats.table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * A dimension of a table (a breakdown such as sector, or a question's answer categories).
 *
 * @param code       letters, digits, {@code _ -}; unique within the table, not {@code measure}
 * @param label      the dimension's name in each language (PX uses it as the variable name)
 * @param categories its categories, in display order, at least one
 */
public record Dimension(String code, LocalizedText label, List<Category> categories) {
    /** Checks the code and that category codes are unique. */
    public Dimension {
        if (code == null || !code.matches("[A-Za-z0-9_\\-]+")) {
            throw new FormatInputException("dimension code '" + code + "' must be letters, digits, '_' or '-'");
        }
        categories = List.copyOf(categories);
        if (categories.isEmpty()) throw new FormatInputException("dimension '" + code + "' has no categories");
        Set<String> seen = new HashSet<>();
        for (Category c : categories) {
            if (!seen.add(c.code())) throw new FormatInputException("dimension '" + code + "': category code '" + c.code() + "' appears twice");
        }
    }

    /** The number of categories. */
    public int size() {
        return categories.size();
    }
}
