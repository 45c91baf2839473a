package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One in-process run of {@code barometer estimate}: exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

    static CliRun of(Path spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EstimateCommand.execute(spec, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code json} to {@code dir/spec.json} (with {@code $DATA} replaced by the r-survey data folder) and runs it. */
    static CliRun ofText(Path dir, String json) {
        try {
            Path spec = dir.resolve("spec.json");
            Files.writeString(spec, json.replace("$DATA", dataFolder().toString().replace("\\", "/")));
            return of(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(CliRun.class.getResource("/cli/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dataFolder() {
        return resource("apistrat.json").getParent().resolveSibling("r-survey");
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    /** Field {@code field} of result {@code row} of estimate {@code estimate}. */
    double value(int estimate, int row, String field) {
        JsonNode v = json().get("estimates").get(estimate).get("results").get(row).get(field);
        if (v == null) throw new AssertionError("no field " + field + " in " + out);
        return v.asDouble();
    }
}
