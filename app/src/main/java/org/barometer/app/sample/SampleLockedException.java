package org.barometer.app.sample;

/**
 * A sample that may not be drawn again: its edition's fieldwork has begun (invitations exist), and a new sample
 * would leave those invited outside it while their answers count. A test run's fieldwork can be discarded first,
 * explicitly (see {@code fieldwork.FieldworkPages#discard}).
 */
public final class SampleLockedException extends Exception {
    private final int invitations;

    public SampleLockedException(int invitations) {
        super("the edition has " + invitations + " invitations; its sample is locked");
        this.invitations = invitations;
    }

    /** How many invitations the edition has. */
    public int invitations() {
        return invitations;
    }
}
