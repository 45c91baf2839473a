package org.barometer.forms.cli;

/** {@code barometer form check|codebook FORM.xlsx}. */
public final class FormCommand {
    private FormCommand() {}

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        System.err.println("form: not implemented yet");
        return 70;
    }
}
