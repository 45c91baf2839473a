package org.barometer.app.publish;

/**
 * One problem found in an edition's files, with its place: the file (relative to the edition folder), the
 * JSON path within it ({@code items[2].expression}) and, for expressions, the 0-based character position.
 */
public record EditionProblem(String file, String place, int position, String message) {

    /** A problem without a character position. */
    public static EditionProblem at(String file, String place, String message) {
        return new EditionProblem(file, place, -1, message);
    }

    @Override
    public String toString() {
        return file + (place.isEmpty() ? "" : ": " + place)
                + (position >= 0 ? " (character " + (position + 1) + ")" : "") + ": " + message;
    }
}
