package org.barometer.forms;

import java.util.ArrayList;
import java.util.List;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.i18n.FormTexts;

/**
 * One problem found in a questionnaire file, with its place. Fields that do not apply are null (a missing
 * sheet has no row).
 *
 * @param file     the file name
 * @param sheet    the sheet name as spelled in the file
 * @param row      1-based spreadsheet row
 * @param column   column letter, e.g. {@code "G"}
 * @param header   the column's header as spelled in the file
 * @param position 0-based character position within the cell, for expressions
 * @param text     what is wrong, as a message key and arguments
 */
public record FormProblem(String file, String sheet, Integer row, String column, String header, Integer position,
                          FormText text) {

    public FormProblem {
        java.util.Objects.requireNonNull(text, "text");
    }

    /** A problem described in words already worded (shown as written in every language). */
    public FormProblem(String file, String sheet, Integer row, String column, String header, Integer position,
                       String message) {
        this(file, sheet, row, column, header, position, FormText.literal(message));
    }

    /** What is wrong, in English. */
    public String message() {
        return text.toString();
    }

    /** What is wrong, in a language ({@code da}, {@code en}). */
    public String message(String language) {
        return text.render(language);
    }

    /**
     * The place in a language: {@code form.xlsx, sheet survey, row 5, column G (constraint), character 12}, in
     * Danish {@code form.xlsx, ark survey, række 5, kolonne G (constraint), tegn 12}. Characters are counted from 1.
     */
    public String place(String language) {
        List<String> parts = new ArrayList<>();
        parts.add(file == null ? FormText.of("place.form").render(language) : file);
        if (sheet != null) {
            parts.add(FormText.of("place.sheet", sheet).render(language));
        }
        if (row != null) {
            parts.add(FormText.of("place.row", row).render(language));
        }
        if (column != null) {
            parts.add((header == null ? FormText.of("place.column", column)
                    : FormText.of("place.column_header", column, header)).render(language));
        }
        if (position != null) {
            parts.add(FormText.of("place.character", position + 1).render(language));
        }
        return String.join(", ", parts);
    }

    /** Place and problem in a language, as one line. */
    public String toString(String language) {
        return FormText.of("place.problem", place(language), text).render(language);
    }

    /** Reads as {@code form.xlsx, sheet survey, row 5, column G (constraint), character 12: message}. */
    @Override
    public String toString() {
        return toString(FormTexts.ENGLISH);
    }
}
