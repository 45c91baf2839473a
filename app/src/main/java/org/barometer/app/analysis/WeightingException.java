package org.barometer.app.analysis;

import org.barometer.app.text.Message;

/**
 * A weighting step cannot be carried out; the message names the step and the place (margin, category, group), as a
 * text key and arguments (the exception's own message is its English wording).
 */
public final class WeightingException extends RuntimeException {
    private final transient Message problem;

    public WeightingException(String key, Object... args) {
        this(Message.of(key, args));
    }

    private WeightingException(Message problem) {
        super(problem.toString());
        this.problem = problem;
    }

    /** What is wrong, to be written out in the reader's language. */
    public Message problem() {
        return problem;
    }
}
