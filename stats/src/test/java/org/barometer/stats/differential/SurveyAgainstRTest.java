package org.barometer.stats.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.barometer.stats.cli.EstimateCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against R survey: random designs (strata, one- and two-stage clusters, fpc, unequal
 * weights, lonely PSUs, missing values, domains, post-stratification, raking and calibration) are drawn from a
 * seeded generator ({@link RandomSurvey}), each written as a CSV with an {@code estimate} spec and the equivalent
 * R code. One Rscript process runs all cases; the engine runs every spec through {@link EstimateCommand}
 * in-process. Every number R prints must be matched to 1e-9 relative; intervals of the {@code logit} and
 * {@code likelihood} methods, which R computes through an iterative glm fit, to 1e-6.
 *
 * <p>Skipped, with a message saying what is missing, when {@code Rscript} or the survey package is absent.
 * The seed can be changed with {@code -Dbarometer.differential.seed=N}, the number of cases with
 * {@code -Dbarometer.differential.cases=N}.
 */
class SurveyAgainstRTest {
    private static final double TOLERANCE = 1e-9;
    private static final double LOOSE_TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    @Test
    void engineAgreesWithRSurveyOnRandomDesigns() throws Exception {
        String rProblem = rProblem();
        Assumptions.assumeTrue(rProblem == null, () -> "differential test against R skipped: " + rProblem);

        long seed = Long.getLong("barometer.differential.seed", 20261127L);
        int cases = Integer.getInteger("barometer.differential.cases", 120);
        List<RandomSurvey> surveys = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        script.append("suppressMessages(library(survey))\n");
        script.append("o <- function(key, v) cat(key, sprintf(\"%.17g\", as.numeric(v)), \"\\n\")\n");
        for (int c = 0; c < cases; c++) {
            String csv = "case" + c + ".csv";
            RandomSurvey s = RandomSurvey.draw(c, seed * 1_000_003L + c, csv);
            surveys.add(s);
            Files.writeString(dir.resolve(csv), s.csv);
            Files.writeString(dir.resolve("case" + c + ".json"), s.specJson);
            script.append("tryCatch(").append(s.rCode.strip()).append(", error = function(e) cat(\"ERROR ").append(c)
                    .append(" \", gsub(\"\\n\", \" \", conditionMessage(e)), \"\\n\"))\n");
        }
        Path rFile = dir.resolve("cases.R");
        Files.writeString(rFile, script);
        Map<String, Double> fromR = new LinkedHashMap<>();
        List<String> rErrors = new ArrayList<>();
        for (String line : runR(rFile).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (line.startsWith("ERROR ")) {
                rErrors.add(line);
            } else if (parts.length == 2) {
                fromR.put(parts[0], parts[1].equals("NA") || parts[1].equals("NaN") ? Double.NaN
                        : Double.parseDouble(parts[1]));
            }
        }
        assertThat(rErrors).as("R refused some generated cases (the generator should only draw valid ones)").isEmpty();

        List<String> failures = new ArrayList<>();
        int comparisons = 0;
        Set<String> loose = new HashSet<>();
        for (RandomSurvey s : surveys) loose.addAll(s.looseKeys);
        Map<Integer, Map<String, Double>> engine = new LinkedHashMap<>();
        for (RandomSurvey s : surveys) {
            Path spec = dir.resolve("case" + s.id + ".json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = EstimateCommand.execute(spec, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            if (code != 0) {
                failures.add(s.summary + ": the engine refused the spec: " + err.toString(StandardCharsets.UTF_8).strip()
                        + "\n" + s.specJson);
                continue;
            }
            engine.put(s.id, flatten(s.id, new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))));
        }
        for (Map.Entry<String, Double> e : fromR.entrySet()) {
            int caseId = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('/')));
            Map<String, Double> mine = engine.get(caseId);
            if (mine == null) continue; // already reported as refused
            RandomSurvey s = surveys.get(caseId);
            Double java = mine.get(e.getKey());
            comparisons++;
            if (java == null) {
                failures.add(s.summary + ": " + e.getKey() + " missing from the engine's output (R: " + e.getValue() + ")");
                continue;
            }
            double tol = loose.contains(e.getKey()) ? LOOSE_TOLERANCE : TOLERANCE;
            // a standard error that is zero in exact arithmetic (the total of a post-stratification variable)
            // comes out as rounding noise in R: judge it against the size of its estimate
            Double estimate = fromR.get(e.getKey().substring(0, e.getKey().lastIndexOf('/')) + "/estimate");
            double floor = estimate == null || Double.isNaN(estimate) ? 1e-14 : 1e-12 * Math.max(1, Math.abs(estimate));
            if (!close(e.getValue(), java, tol, floor)) {
                failures.add(String.format("%s: %s  R=%.17g  engine=%.17g  rel.diff=%.3g", s.summary, e.getKey(),
                        e.getValue(), java, Math.abs(java - e.getValue()) / Math.abs(e.getValue())));
            }
        }
        System.out.printf("Differential test against R survey: %d cases, %d comparisons, %d disagreements (seed %d)%n",
                cases, comparisons, failures.size(), seed);
        assertThat(comparisons).as("numbers compared").isGreaterThan(cases * 20);
        assertThat(failures).as("disagreements with R survey (first 40 shown)")
                .satisfies(f -> assertThat(f.subList(0, Math.min(40, f.size()))).isEmpty());
    }

    /** Equal to {@code tol} relative or to {@code floor} absolute, NaN matching NaN. */
    static boolean close(double r, double java, double tol, double floor) {
        if (Double.isNaN(r) || Double.isNaN(java)) return Double.isNaN(r) && Double.isNaN(java);
        if (Double.isInfinite(r) || Double.isInfinite(java)) return r == java;
        return Math.abs(r - java) <= tol * Math.max(Math.abs(r), Math.abs(java)) + floor;
    }

    /** The engine's JSON output as the keys R prints: {@code case/estimate/label/field}. */
    static Map<String, Double> flatten(int caseId, JsonNode root) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode estimates = root.get("estimates");
        for (int e = 0; e < estimates.size(); e++) {
            JsonNode est = estimates.get(e);
            String prefix = caseId + "/" + e + "/";
            for (JsonNode res : est.path("results")) {
                StringBuilder label = new StringBuilder(res.get("variable").asText());
                if (res.has("category")) label.append('=').append(res.get("category").asText());
                if (res.has("domain")) {
                    List<String> parts = new ArrayList<>();
                    res.get("domain").properties().forEach(d -> parts.add(d.getValue().asText()));
                    label.append('@').append(String.join(",", parts));
                }
                put(out, prefix + label + "/estimate", res.get("estimate"));
                put(out, prefix + label + "/se", res.get("se"));
                if (res.has("ci")) {
                    // an interval that does not exist (R's NA limits, e.g. a domain share of 0 or 1) is null
                    JsonNode ci = res.get("ci");
                    put(out, prefix + label + "/ci.lower", ci.isNull() ? ci : ci.get(0));
                    put(out, prefix + label + "/ci.upper", ci.isNull() ? ci : ci.get(1));
                }
                put(out, prefix + label + "/df", res.get("df"));
            }
            for (JsonNode diff : est.path("difference")) {
                StringBuilder label = new StringBuilder(diff.get("variable").asText());
                if (diff.has("category")) label.append('=').append(diff.get("category").asText());
                label.append('@').append(diff.get("domains").get(0).asText()).append('-')
                        .append(diff.get("domains").get(1).asText());
                put(out, prefix + label + "/estimate", diff.get("estimate"));
                put(out, prefix + label + "/se", diff.get("se"));
            }
            JsonNode variables = est.path("table");
            for (JsonNode cell : est.path("cells")) {
                List<String> parts = new ArrayList<>();
                for (JsonNode v : variables) parts.add(v.asText() + "=" + cell.get(v.asText()).asText());
                put(out, prefix + String.join(",", parts) + "/total", cell.get("total"));
            }
            if (est.has("test")) {
                JsonNode t = est.get("test");
                put(out, prefix + "test/statistic", t.get("statistic"));
                JsonNode df = t.get("df");
                if (df != null && df.isArray()) {
                    if (df.size() > 0) put(out, prefix + "test/df1", df.get(0));
                    if (df.size() > 1) put(out, prefix + "test/df2", df.get(1));
                }
                put(out, prefix + "test/p", t.get("p"));
            }
        }
        return out;
    }

    private static void put(Map<String, Double> out, String key, JsonNode v) {
        if (v == null) return;
        out.put(key, v.isNull() ? Double.NaN : v.asDouble());
    }

    /** Why R cannot be used here, or null when Rscript and the survey package are both present. */
    private static String rProblem() {
        try {
            Process p = new ProcessBuilder("Rscript", "-e",
                    "cat(if (requireNamespace('survey', quietly = TRUE)) 'ok' else 'no-survey')")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "Rscript did not answer within 60 s";
            }
            if (out.contains("no-survey")) return "the R package 'survey' is not installed (apt-get install r-cran-survey)";
            if (!out.contains("ok")) return "Rscript failed: " + out.strip();
            return null;
        } catch (IOException e) {
            return "Rscript is not on the PATH (apt-get install r-base-core r-cran-survey)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for Rscript";
        }
    }

    private String runR(Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Rscript", script.getFileName().toString()).directory(dir.toFile())
                .redirectError(dir.resolve("r-stderr.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(110, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Rscript did not finish within 110 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("Rscript failed (exit " + p.exitValue() + "): "
                    + Files.readString(dir.resolve("r-stderr.txt")));
        }
        return out;
    }
}
