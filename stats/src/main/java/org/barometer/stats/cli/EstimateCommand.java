package org.barometer.stats.cli;

/** {@code barometer estimate SPEC.json}: design-based estimates printed as JSON. */
public final class EstimateCommand {
    private EstimateCommand() {}

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        System.err.println("estimate: not implemented yet");
        return 70;
    }
}
