package org.barometer.formats.sheet;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text made safe for spreadsheets, in CSV and XLSX alike. A spreadsheet program runs a cell that begins with
 * {@code = + - @} as a formula — and a CSV line is split into cells at whatever separator the reader's program
 * uses (a comma, a semicolon in Danish settings, a tab), so a formula can also begin after any separator inside a
 * value ({@code Kommentar;=cmd|' /C calc'!A0} is two cells to a program splitting on {@code ;}). So:
 * <ul>
 *   <li>every formula start — at the beginning of the value or right after a comma, semicolon, tab, vertical bar
 *       or line break in it — gets a {@code '} in front, which shows it as the text it is;</li>
 *   <li>a CSV field that contains any separator, a quote or a line break is quoted (RFC 4180), so that programs
 *       honouring quotes keep it one cell.</li>
 * </ul>
 * A plain number is left alone: it cannot be a formula, and {@code -3} must stay a number.
 */
public final class SpreadsheetText {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private SpreadsheetText() {
    }

    /** The value with a {@code '} before every formula start (null becomes empty). */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean atCellStart = i == 0 || isSeparator(value.charAt(i - 1));
            if (atCellStart && isFormulaStart(c)) {
                out.append('\'');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** One CSV line, comma-separated, each field neutralised and quoted when it holds a separator. */
    public static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One CSV field, neutralised, quoted when it holds a separator, a quote or a line break. */
    public static String csvField(String value) {
        String cell = neutralise(value);
        boolean quote = cell.indexOf('"') >= 0;
        for (int i = 0; i < cell.length() && !quote; i++) {
            quote = isSeparator(cell.charAt(i));
        }
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\uFF1D';
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\t' || c == '|' || c == '\n' || c == '\r';
    }
}
