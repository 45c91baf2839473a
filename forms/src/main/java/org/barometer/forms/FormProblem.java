package org.barometer.forms;

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
 */
public record FormProblem(String file, String sheet, Integer row, String column, String header, Integer position,
                          String message) {

    /** Reads as {@code form.xlsx, sheet survey, row 5, column G (constraint), character 12: message}. */
    @Override
    public String toString() {
        StringBuilder place = new StringBuilder(file == null ? "form" : file);
        if (sheet != null) {
            place.append(", sheet ").append(sheet);
        }
        if (row != null) {
            place.append(", row ").append(row);
        }
        if (column != null) {
            place.append(", column ").append(column);
            if (header != null) {
                place.append(" (").append(header).append(')');
            }
        }
        if (position != null) {
            place.append(", character ").append(position + 1);
        }
        return place + ": " + message;
    }
}
