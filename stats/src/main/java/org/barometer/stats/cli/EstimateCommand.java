package org.barometer.stats.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code barometer estimate SPEC.json}: design-based estimates printed as JSON.
 *
 * <p>The spec names a CSV file, a design, an optional calibration or replicate weights, and a list of
 * estimates (the format is documented in {@code docs/estimate.md}). The output is one JSON document on standard
 * output. A spec that cannot be run prints one error naming the place (its JSON path, or file and position) on
 * standard error and nothing on standard output.
 *
 * <p>Exit codes: 0 success; 2 a problem with the spec, its data or the command line; 70 an internal error.
 */
public final class EstimateCommand {
    /** Exit code for a spec, data or usage problem. */
    public static final int INPUT_ERROR = 2;
    /** Exit code for an unexpected internal error. */
    public static final int INTERNAL_ERROR = 70;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EstimateCommand() {}

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: barometer estimate SPEC.json   (the spec format is in docs/estimate.md)");
            return INPUT_ERROR;
        }
        return execute(Path.of(args[0]), System.out, System.err);
    }

    /**
     * Runs one spec, printing the JSON result on {@code out} or a single error line on {@code err}.
     *
     * @return the exit code (0, {@link #INPUT_ERROR} or {@link #INTERNAL_ERROR})
     */
    public static int execute(Path specFile, PrintStream out, PrintStream err) {
        JsonNode result;
        try {
            Spec spec = SpecReader.read(specFile);
            result = EstimateRunner.run(spec);
        } catch (SpecException e) {
            err.println("estimate: " + specFile + ": " + e.getMessage());
            return INPUT_ERROR;
        } catch (RuntimeException e) {
            err.println("estimate: internal error while running " + specFile + ": " + e);
            return INTERNAL_ERROR;
        }
        try {
            out.println(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            err.println("estimate: internal error while writing the result: " + e.getOriginalMessage());
            return INTERNAL_ERROR;
        }
        out.flush();
        return 0;
    }
}
