package org.barometer.app.analysis;

/** A weighting step cannot be carried out; the message names the step and the place (margin, category, group). */
public final class WeightingException extends RuntimeException {
    public WeightingException(String message) {
        super(message);
    }
}
