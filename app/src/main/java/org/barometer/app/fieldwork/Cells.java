package org.barometer.app.fieldwork;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Safe cells for spreadsheets and CSV. A cell that begins with {@code = + - @} (or a tab or carriage return) could
 * be run as a formula by a spreadsheet program; it is prefixed with {@code '} so that it shows as the text it is.
 * Plain numbers are left alone: a number cannot be a formula.
 */
public final class Cells {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Cells() {}

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }

    /** One CSV line (RFC 4180: fields with commas, quotes or line breaks are quoted), each cell neutralised. */
    public static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = neutralise(cells.get(i));
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append("\r\n").toString();
    }
}
