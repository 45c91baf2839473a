package org.barometer.forms.xlsform;

import java.util.List;
import java.util.Map;

/**
 * A worksheet as read from the file: its header row parsed into columns and its data rows as text.
 *
 * @param name the sheet name as spelled in the file
 */
record Sheet(String name, List<Column> columns, List<DataRow> rows) {

    /** A column of a sheet: its place, header as written, and the header's meaning. */
    record Column(int index, String header, String key, String language) {
        String letter() {
            return columnLetter(index);
        }
    }

    /** A non-blank data row: 1-based row number and cell texts by column index (blank cells absent). */
    record DataRow(int number, Map<Integer, String> cells) {
        String text(Column column) {
            return column == null ? null : cells.get(column.index());
        }
    }

    /** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
    static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            letters.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return letters.toString();
    }
}
