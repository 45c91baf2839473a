package org.barometer.formats;

/**
 * An input that a writer or model refuses: a duplicate variable name after renaming, a row with the wrong number of
 * values, a value label on a string variable, a missing-value code that collides with a real value, a table whose
 * cell count does not match its dimensions, and so on. The message always names the place (variable, label set,
 * dimension, 1-based data row or cell). When it is thrown nothing has been written.
 */
public final class FormatInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the offending place. */
    public FormatInputException(String message) {
        super(message);
    }
}
