package org.barometer.stats.cli;

/**
 * A spec that cannot be run. The message starts with the JSON path of the offending value
 * ({@code estimates[2].ci: unknown interval method 'foo'; expected one of ...}), or with the spec file and
 * position for JSON that does not parse.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param path the JSON path ({@code design.strata}, {@code estimates[0]}); empty for the whole spec */
    public SpecException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
    }
}
