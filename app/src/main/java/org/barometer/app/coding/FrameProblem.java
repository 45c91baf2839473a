package org.barometer.app.coding;

/**
 * A reason a coding frame file was refused, at its place: the file, the row (1 is the header; 0 for the file as a
 * whole) and the column (empty when the row as a whole is meant), with a text key and its arguments.
 */
public record FrameProblem(String file, int row, String column, String key, Object... args) {

    /** The place in words' arguments: file, row and column, for the pattern {@code coding.problem.place}. */
    public Object[] place() {
        return new Object[] {file, row, column};
    }
}
