package org.barometer.stats;

/**
 * A survey input that the engine refuses: a weight that is negative, zero or missing, a missing design
 * variable, an unknown column or category, a stratum with a single PSU under the {@code fail} rule, and so on.
 * The message always names the place (variable, category, stratum or 1-based data row), in the one format
 * {@code place: problem}: the engine makes it only through {@link Arguments}. When this exception is
 * thrown no partial result exists: designs and tables are immutable and nothing was changed.
 *
 * <p>"row N" always means the N-th data row (1 = the first row after the header); errors in reading a CSV file name
 * the file and count its rows as a spreadsheet does (the header is row 1, the first data row is row 2).
 */
public final class SurveyInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the offending variable, category, stratum or row. */
    public SurveyInputException(String message) {
        super(message);
    }

    /** Creates the exception with a cause (for example an I/O error while reading a data file). */
    public SurveyInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
