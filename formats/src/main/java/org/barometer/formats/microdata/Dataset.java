package org.barometer.formats.microdata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * Labelled microdata: variables, rows of values, and the dataset's missing-value codes. Immutable and checked on
 * construction, so every writer can rely on:
 * <ul>
 *   <li>variable names are unique as given (each writer then checks them again after renaming for its tool);</li>
 *   <li>every row has one value per variable, numbers in numeric variables, texts in string variables, and
 *       every number is finite;</li>
 *   <li>no real value and no labelled code of a numeric variable lies in the range its missing codes reserve
 *       ({@link MissingCodes}).</li>
 * </ul>
 * Rows are counted from 1 in messages (row 1 is the first row).
 *
 * @param label        the dataset's label in each language
 * @param variables    the columns, in order
 * @param rows         the data, one list of values per respondent
 * @param missingCodes the codes of the missing kinds for variables that bring none of their own
 */
public record Dataset(LocalizedText label, List<Variable> variables, List<List<Value>> rows, MissingCodes missingCodes) {

    /** Copies and checks everything (see the class description). */
    public Dataset {
        label = label == null ? LocalizedText.empty() : label;
        Objects.requireNonNull(missingCodes, "missingCodes");
        variables = List.copyOf(variables);
        if (variables.isEmpty()) throw new FormatInputException("the dataset has no variables");
        Set<String> names = new HashSet<>();
        for (Variable v : variables) {
            if (!names.add(v.name())) throw new FormatInputException("variable '" + v.name() + "' appears twice");
        }
        List<List<Value>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Value> row = rows.get(r);
            if (row == null || row.size() != variables.size()) {
                throw new FormatInputException("row " + (r + 1) + " has " + (row == null ? 0 : row.size())
                        + " values; the dataset has " + variables.size() + " variables");
            }
            for (int c = 0; c < row.size(); c++) checkValue(r, variables.get(c), row.get(c), missingCodes);
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
        for (Variable v : variables) checkLabelCodes(v, missingCodes);
    }

    /** The missing codes in force for {@code variable}: its own, or the dataset's. */
    public MissingCodes missingCodesOf(Variable variable) {
        return variable.missingCodes() != null ? variable.missingCodes() : missingCodes;
    }

    /** The values of column {@code index}, row by row. */
    public List<Value> column(int index) {
        List<Value> out = new ArrayList<>(rows.size());
        for (List<Value> row : rows) out.add(row.get(index));
        return out;
    }

    private static void checkValue(int r, Variable v, Value value, MissingCodes datasetCodes) {
        String where = "row " + (r + 1) + ", variable '" + v.name() + "'";
        switch (value) {
            case null -> throw new FormatInputException(where + ": the value is null (use Value.EMPTY)");
            case Value.Num n -> {
                if (!v.isNumeric()) throw new FormatInputException(where + ": a number in a string variable");
                if (!Double.isFinite(n.value())) {
                    throw new FormatInputException(where + ": " + n.value() + " is not a finite number"
                            + " (use Value.EMPTY or a missing kind)");
                }
                MissingCodes codes = v.missingCodes() != null ? v.missingCodes() : datasetCodes;
                if (codes.reserves(n.value())) {
                    throw new FormatInputException(where + ": the value " + MissingCodes.format(n.value())
                            + " collides with the missing codes, which reserve " + MissingCodes.format(codes.lowest())
                            + " to " + MissingCodes.format(codes.highest()) + "; give the variable other missing codes");
                }
            }
            case Value.Str s -> {
                if (v.isNumeric()) throw new FormatInputException(where + ": a text ('" + abbreviate(s.value()) + "') in a numeric variable");
            }
            case Value.Missing m -> { }
            case Value.Empty e -> { }
        }
    }

    private static void checkLabelCodes(Variable v, MissingCodes datasetCodes) {
        if (v.valueLabels() == null) return;
        MissingCodes codes = v.missingCodes() != null ? v.missingCodes() : datasetCodes;
        for (double code : v.valueLabels().labels().keySet()) {
            if (codes.reserves(code)) {
                throw new FormatInputException("variable '" + v.name() + "': the labelled code " + MissingCodes.format(code)
                        + " of value label set '" + v.valueLabels().name() + "' collides with the missing codes, which reserve "
                        + MissingCodes.format(codes.lowest()) + " to " + MissingCodes.format(codes.highest()));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
