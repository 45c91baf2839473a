package org.barometer.app.sample;

/** An allocation that cannot be made as asked, explained by a message key with arguments. */
public final class AllocationException extends Exception {
    private final String messageKey;
    private final transient Object[] args;

    public AllocationException(String messageKey, Object... args) {
        super(messageKey + " " + java.util.Arrays.toString(args));
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
