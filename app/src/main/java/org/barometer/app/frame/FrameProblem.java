package org.barometer.app.frame;

import java.util.Arrays;

/**
 * One problem in a frame file, with its place: the spreadsheet row (the header is row 1), the column's
 * header, and the offending value. The text is a message key with arguments, shown in the user's language.
 * A problem with {@code row == 1} concerns the header; {@code row == 0} the file as a whole.
 */
public record FrameProblem(int row, String column, String value, String messageKey, Object... args) {

    /** Whether the problem is with the file or its header rather than one data row (cannot be left out). */
    public boolean fileLevel() {
        return row <= 1;
    }

    @Override
    public String toString() {
        return "row " + row + ", column " + column + ", value '" + value + "': " + messageKey + Arrays.toString(args);
    }
}
