package org.barometer.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs inline R code with the survey package and the api data loaded, for reference tests: the code prints
 * {@code key value} lines through {@code o(key, value)} (17 significant digits; NA and NaN as NaN, Inf as
 * Infinity), and {@code e(key, expr)} prints {@code key ERROR message} when {@code expr} fails. Skips the calling
 * test, saying why, when Rscript or the survey package is absent.
 */
public final class RScript {
    private RScript() {}

    private static final String PRELUDE = """
            suppressMessages(library(survey))
            data(api)
            o <- function(key, v) { v <- as.numeric(v); for (k in seq_along(v)) cat(if (length(v) == 1) key else
              paste0(key, "[", k, "]"), sprintf("%.17g", v[k]), "\\n") }
            e <- function(key, expr) tryCatch(expr, error = function(err) cat(key, "ERROR",
              gsub("\\n", " ", conditionMessage(err)), "\\n"))
            """;

    /** The printed values by key; refusals as key -> "ERROR ..." in {@code errors}. */
    public record Output(Map<String, Double> values, Map<String, String> errors) {
        /** The value printed under {@code key}; fails when R printed none. */
        public double get(String key) {
            Double v = values.get(key);
            if (v == null) {
                throw new AssertionError("R printed no value for " + key + (errors.containsKey(key)
                        ? " (R: " + errors.get(key) + ")" : ""));
            }
            return v;
        }
    }

    /** Runs {@code code} after the prelude. */
    public static Output run(String code) {
        String problem = problem();
        Assumptions.assumeTrue(problem == null, () -> "reference test against R skipped: " + problem);
        try {
            Path dir = Files.createTempDirectory("barometer-r");
            Path script = dir.resolve("ref.R");
            Files.writeString(script, PRELUDE + code);
            Process p = new ProcessBuilder("Rscript", script.toString()).redirectError(dir.resolve("err.txt").toFile())
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(170, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Rscript did not finish within 170 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("Rscript failed: " + Files.readString(dir.resolve("err.txt")));
            }
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+", 2);
                if (f.length < 2) continue;
                if (f[1].startsWith("ERROR")) {
                    errors.put(f[0], f[1].substring(5).strip());
                } else {
                    String v = f[1].strip();
                    values.put(f[0], switch (v) {
                        case "NA", "NaN" -> Double.NaN;
                        case "Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(v);
                    });
                }
            }
            return new Output(values, errors);
        } catch (IOException e) {
            throw new AssertionError("cannot run Rscript: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String cachedProblem;
    private static boolean checked;

    private static synchronized String problem() {
        if (checked) return cachedProblem;
        checked = true;
        try {
            Process p = new ProcessBuilder("Rscript", "-e",
                    "cat(if (requireNamespace('survey', quietly = TRUE)) 'ok' else 'no-survey')")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                cachedProblem = "Rscript did not answer within 60 s";
            } else if (out.contains("no-survey")) {
                cachedProblem = "the R package 'survey' is not installed (apt-get install r-cran-survey)";
            } else if (!out.contains("ok")) {
                cachedProblem = "Rscript failed: " + out.strip();
            }
        } catch (IOException e) {
            cachedProblem = "Rscript is not on the PATH (apt-get install r-base-core r-cran-survey)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cachedProblem = "interrupted while looking for Rscript";
        }
        return cachedProblem;
    }

    /** Equal to {@code tol} relative (NaN only with NaN, infinities exactly), else an AssertionError naming it. */
    public static void close(String what, double actual, double expected, double tol) {
        boolean ok;
        if (Double.isNaN(expected) || Double.isNaN(actual)) ok = Double.isNaN(expected) && Double.isNaN(actual);
        else if (Double.isInfinite(expected) || Double.isInfinite(actual)) ok = expected == actual;
        else ok = Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-300;
        if (!ok) {
            throw new AssertionError(what + ": R " + expected + ", engine " + actual + " (relative difference "
                    + Math.abs(actual - expected) / Math.abs(expected) + ")");
        }
    }
}
