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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.cli.EstimateCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against R survey: random designs (strata, one- and two-stage clusters, fpc, unequal
 * weights, lonely PSUs, missing values, domains, replicate weights, post-stratification, raking and
 * calibration) with random estimator calls (means, totals, ratios, domains, proportion intervals, tables and
 * their tests, quantiles, models, term tests, t-tests) are drawn from a seeded generator ({@link RandomSurvey}),
 * each written as a CSV with an {@code estimate} spec and the equivalent R code. One Rscript process runs all
 * cases, each estimate under its own {@code tryCatch}; the engine runs every spec through {@link EstimateCommand}
 * in-process (a refused spec again estimate by estimate, to find which estimates it refuses).
 *
 * <p>Each estimate of each case is one call, judged in one of three ways: both answer and every number R prints
 * is matched (1e-9 relative; the numbers of iterative model fits 1e-7, or twice as far as R's own answer moves when
 * it iterates further or its weights are nudged by an ulp; the {@code logit} proportion interval, which R makes
 * through a glm fit with its own stopping rule, 1e-6; and the rules for rounding noise documented in
 * {@code docs/estimate.md}, Limits), with {@code NA}, {@code NaN} and
 * infinities compared as values; both refuse (counted, with both messages in the report); or a disagreement —
 * a number that differs, or a refusal by one side only. Every disagreement is printed with its seed, case, R code
 * and spec, and the command that replays that case alone.
 *
 * <p>Skipped, with a message saying what is missing, when {@code Rscript} or the survey package is absent.
 * Properties: {@code barometer.differential.seed} (default {@value #DEFAULT_SEED}),
 * {@code barometer.differential.cases} (default {@value #DEFAULT_CASES}), {@code barometer.differential.case}
 * (run that case alone), {@code barometer.differential.dir} (write the CSVs, specs and R script there instead of
 * a temporary folder).
 */
class SurveyAgainstRTest {
    static final long DEFAULT_SEED = 20261127L;
    static final int DEFAULT_CASES = 120;
    private static final double TOLERANCE = 1e-9;
    private static final double ITERATIVE_TOLERANCE = 1e-7;
    private static final double LOGIT_INTERVAL_TOLERANCE = 1e-6;
    /** The mark of the keys of an iterative fit that R iterated further than its default stopping rule. */
    static final String FURTHER = "~further";
    /** The mark of the keys of an iterative fit on the design with its weights nudged in the last digit. */
    static final String NUDGED = "~nudged";
    /** How many nudged fits R makes of each iterative model. */
    static final int NUDGES = 3;
    /** The marks of R's own answers to slightly different questions, each bounding how closely R's is determined. */
    static final List<String> ALTERNATIVES = alternatives();

    private static List<String> alternatives() {
        List<String> marks = new ArrayList<>(List.of(FURTHER));
        for (int k = 1; k <= NUDGES; k++) marks.add(NUDGED + k);
        return List.copyOf(marks);
    }

    /**
     * What every R script starts with: the survey package, {@code o} printing a key and its value to 17 digits, and
     * {@code nudge}, the design with every weight (full-sample and replicate) moved by at most one unit in the last
     * place, in one of three patterns ({@code k}).
     */
    static final String R_PREAMBLE = """
            suppressMessages(library(survey))
            o <- function(key, v) cat(key, sprintf("%.17g", as.numeric(v)), "\\n")
            nudge <- function(des, k) {
              f <- function(x) x * (1 + ((seq_along(x) * 7 + k) %% 3 - 1) * 2^-52)
              if (inherits(des, "svyrep.design")) {
                des$repweights <- f(as.matrix(des$repweights))
                des$pweights <- f(des$pweights)
              } else des$prob <- 1 / f(1 / des$prob)
              des
            }
            """;
    private static final Pattern RCOND = Pattern.compile("computationally singular: reciprocal condition number"
            + " = ([0-9.eE+-]+)");
    /** Kinds each drawn at least 10 times in 300 cases (and in proportion for more cases). */
    private static final List<String> REQUIRED_KINDS = List.of("mean", "total", "ratio", "domain mean",
            "difference of domains", "domain proportion", "svyquantile", "svyglm gaussian", "svyglm binomial",
            "svyglm quasibinomial", "svyglm poisson", "regTermTest", "svyttest", "JK1", "JKn", "BRR",
            "BRR beyond 4·2^k", "bootstrap", "subbootstrap", "mrbbootstrap", "poststratify",
            "rake", "calibrate linear", "calibrate raking", "svychisq F", "svychisq Chisq", "svychisq Wald",
            "svychisq adjWald", "lonely remove", "lonely certainty", "lonely adjust", "lonely average");

    @TempDir
    Path tmp;

    /** One estimate of one case as both sides saw it. */
    private record Call(RandomSurvey survey, int estimate, String rRefusal, String engineRefusal,
                        List<String> mismatches) {
        String key() {
            return survey.id + "/" + estimate;
        }

        boolean bothRefuse() {
            return rRefusal != null && engineRefusal != null && !engineRefusal.startsWith("exception")
                    || singularUpToRounding();
        }

        /**
         * One side refuses a matrix as computationally singular at a reciprocal condition number within a factor
         * 100 of the machine epsilon, and the other's rounding of the same matrix left it just above: the matrix
         * is singular up to rounding, the answer rounding noise. Counted with the calls both refuse.
         */
        boolean singularUpToRounding() {
            if ((rRefusal == null) == (engineRefusal == null)) return false;
            Matcher m = RCOND.matcher(rRefusal != null ? rRefusal : engineRefusal);
            return m.find() && Double.parseDouble(m.group(1)) >= Math.ulp(1.0) / 100;
        }

        boolean agrees() {
            return rRefusal == null && engineRefusal == null && mismatches.isEmpty();
        }
    }

    @Test
    void engineAgreesWithRSurveyOnRandomDesigns() throws Exception {
        String rProblem = rProblem();
        Assumptions.assumeTrue(rProblem == null, () -> "differential test against R skipped: " + rProblem);

        long seed = Long.getLong("barometer.differential.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("barometer.differential.cases", DEFAULT_CASES);
        Integer only = Integer.getInteger("barometer.differential.case");
        String keep = System.getProperty("barometer.differential.dir");
        Path dir = keep == null ? tmp : Files.createDirectories(Path.of(keep));

        List<RandomSurvey> surveys = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        script.append(R_PREAMBLE);
        script.append("refuse <- function(key, e) cat(\"REFUSE\", key, gsub(\"[\\r\\n]+\", \" \", conditionMessage(e)), \"\\n\")\n");
        for (int c = only == null ? 0 : only; c < (only == null ? cases : only + 1); c++) {
            RandomSurvey s = draw(seed, c);
            surveys.add(s);
            Files.writeString(dir.resolve("case" + c + ".csv"), s.csv);
            for (Map.Entry<String, String> f : s.files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
            Files.writeString(dir.resolve("case" + c + ".json"), s.specJson);
            Files.writeString(dir.resolve("case" + c + ".R"), R_PREAMBLE + s.rCode);
            // the design part and then each estimate under its own tryCatch: a refusal is that of one call
            // a calibration that has not converged is a warning in R and a refusal in the engine (unless the spec
            // accepts it): R's warning about it is taken as R's refusal
            script.append("local({\nok <- tryCatch(withCallingHandlers({\n").append(s.rDesign)
                    .append("TRUE }, warning = function(w) if (grepl(\"converge\", conditionMessage(w))) "
                            + "stop(\"warning: \", conditionMessage(w)) else invokeRestart(\"muffleWarning\")),"
                            + " error = function(e) { refuse(\"")
                    .append(c).append("/design\", e); FALSE })\nif (ok) {\n");
            for (int e = 0; e < s.rEstimates.size(); e++) {
                script.append("tryCatch({\n").append(s.rEstimates.get(e)).append("}, error = function(e) refuse(\"")
                        .append(c).append('/').append(e).append("\", e))\n");
            }
            script.append("}\n})\n");
        }
        Path rFile = dir.resolve("cases.R");
        Files.writeString(rFile, script);

        // ---- R ----
        Map<String, Double> fromR = new LinkedHashMap<>();
        Map<String, String> rRefusals = new LinkedHashMap<>();
        List<String> harness = new ArrayList<>();
        for (String line : runR(dir, rFile, 120 + 2L * surveys.size()).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) continue;
            if (trimmed.startsWith("REFUSE ")) {
                String[] parts = trimmed.split("\\s+", 3);
                rRefusals.put(parts[1], parts.length > 2 ? parts[2] : "");
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                harness.add("R printed " + (parts.length - 1) + " values for one key: " + trimmed);
                continue;
            }
            try {
                fromR.put(parts[0], rNumber(parts[1]));
            } catch (NumberFormatException e) {
                harness.add("R printed something that is not a number: " + trimmed);
            }
        }

        // ---- the engine ----
        Map<String, Map<String, Double>> engine = new LinkedHashMap<>();
        Map<String, String> engineRefusals = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (RandomSurvey s : surveys) {
            Run whole = runEngine(dir.resolve("case" + s.id + ".json"));
            if (whole.output != null) {
                Map<String, Double> flat = flatten(s.id, json.readTree(whole.output));
                for (int e = 0; e < s.estimateCount(); e++) engine.put(s.id + "/" + e, new LinkedHashMap<>());
                flat.forEach((k, v) -> engine.get(k.substring(0, k.indexOf('/', k.indexOf('/') + 1))).put(k, v));
                continue;
            }
            // refused: which estimates? Each alone, its keys renumbered to its place in the whole spec
            for (int e = 0; e < s.estimateCount(); e++) {
                Path one = dir.resolve("case" + s.id + "-" + e + ".json");
                Files.writeString(one, s.specOfOne(e));
                Run r = runEngine(one);
                if (r.output == null) {
                    engineRefusals.put(s.id + "/" + e, r.error);
                    continue;
                }
                Map<String, Double> mine = new LinkedHashMap<>();
                String from = s.id + "/0/";
                String to = s.id + "/" + e + "/";
                flatten(s.id, json.readTree(r.output)).forEach((k, v) -> mine.put(to + k.substring(from.length()), v));
                engine.put(s.id + "/" + e, mine);
            }
        }

        // ---- the comparison, call by call ----
        Set<String> loose = new HashSet<>();
        Set<String> iterative = new HashSet<>();
        Set<String> quantiles = new HashSet<>();
        Set<String> betas = new HashSet<>();
        for (RandomSurvey s : surveys) {
            loose.addAll(s.looseKeys);
            iterative.addAll(s.iterativeEstimates);
            quantiles.addAll(s.quantileEstimates);
            betas.addAll(s.betaEstimates);
        }
        Map<String, List<Map.Entry<String, Double>>> rByCall = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : fromR.entrySet()) {
            String k = e.getKey();
            rByCall.computeIfAbsent(k.substring(0, k.indexOf('/', k.indexOf('/') + 1)), x -> new ArrayList<>()).add(e);
        }
        List<Call> calls = new ArrayList<>();
        int comparisons = 0;
        for (RandomSurvey s : surveys) {
            for (int e = 0; e < s.estimateCount(); e++) {
                String call = s.id + "/" + e;
                String rRefusal = rRefusals.getOrDefault(call, rRefusals.get(s.id + "/design"));
                String engineRefusal = engineRefusals.get(call);
                List<String> mismatches = new ArrayList<>();
                if (rRefusal == null && engineRefusal == null) {
                    Map<String, Double> mine = engine.get(call);
                    for (Map.Entry<String, Double> r : rByCall.getOrDefault(call, List.of())) {
                        if (isAlternative(r.getKey())) continue; // R's answer to a nearby question, not an answer
                        comparisons++;
                        Double java = mine.get(r.getKey());
                        if (java == null) {
                            mismatches.add(r.getKey() + " missing from the engine's output (R: " + r.getValue() + ")");
                            continue;
                        }
                        String k = r.getKey();
                        double tol = iterative.contains(call + "/") ? ITERATIVE_TOLERANCE
                                : loose.contains(k) ? LOGIT_INTERVAL_TOLERANCE : TOLERANCE;
                        // an iterative fit is determined only as far as R's own answer moves when iterated further
                        // or when its weights are nudged by an ulp (RandomSurvey prints each): the engine, stopping
                        // by the same rule, is within twice the largest of those movements
                        tol = Math.max(tol, movement(fromR, k));
                        // a coefficient's statistic (estimate / SE) and p are made from its standard error: where
                        // R's further iteration moves that SE more than the statistic (a fit that separates, whose
                        // replicate refits are still moving along the flat direction), the statistic is determined
                        // only as far as the SE, and p only as far as the t quantiles of that range of statistics
                        double seMoves = iterative.contains(call + "/") ? seMovement(fromR, label(k)) : 0;
                        if (k.endsWith("/statistic") && !k.endsWith("/test/statistic")) tol = Math.max(tol, seMoves);
                        // and its limits, estimate -/+ t quantile x SE, only to that share of their half-width
                        if (seMoves > 0 && (k.endsWith("/ci.lower") || k.endsWith("/ci.upper"))) {
                            Double lo = fromR.get(label(k) + "/ci.lower");
                            Double hi = fromR.get(label(k) + "/ci.upper");
                            double size2 = Math.max(Math.abs(r.getValue()), Math.abs(java));
                            if (lo != null && hi != null && Double.isFinite(hi - lo) && size2 > 0) {
                                tol = Math.max(tol, (hi - lo) / 2 * seMoves / size2);
                            }
                        }
                        Double seOfLabel = fromR.get(label(k) + "/se");
                        boolean diverged = seOfLabel != null && seOfLabel > DIVERGED; // judged below
                        if (k.endsWith("/p") && !k.endsWith("/test/p") && seMoves > tol && !diverged) {
                            Double t = fromR.get(label(k) + "/statistic");
                            Double df = fromR.get(call + "/glm/df");
                            if (t != null && df != null && Double.isFinite(t) && df > 0) {
                                TDistribution dist = TDistribution.of(df);
                                double st = Math.max(seMoves, ITERATIVE_TOLERANCE);
                                double high = 2 * dist.survivalProbability(Math.abs(t) / (1 + st));
                                double low = 2 * dist.survivalProbability(Math.abs(t) * (1 + st));
                                // or within the p-values R itself gives to the nearby questions (iterated further,
                                // weights nudged), where those move further than its statistic's range
                                for (String mark : ALTERNATIVES) {
                                    Double other = fromR.get(k + mark);
                                    if (other == null || Double.isNaN(other)) continue;
                                    low = Math.min(low, Math.min(other, r.getValue()));
                                    high = Math.max(high, Math.max(other, r.getValue()));
                                }
                                if (!(java >= low * (1 - TOLERANCE) && java <= high * (1 + TOLERANCE))) {
                                    mismatches.add(String.format(Locale.ROOT, "%s  R=%.17g  engine=%.17g, outside"
                                            + " [%.6g, %.6g], the p-values of R's statistic within its SE's"
                                            + " movement %.3g", k, r.getValue(), java, low, high, st));
                                }
                                continue;
                            }
                        }
                        // a standard error that is zero in exact arithmetic (the total of a post-stratification
                        // variable) comes out as rounding noise in R: judge it against the size of its estimate
                        Double estimate = fromR.get(k.substring(0, k.lastIndexOf('/')) + "/estimate");
                        double floor = estimate == null || !Double.isFinite(estimate) ? 1e-14
                                : 1e-12 * Math.max(1, Math.abs(estimate));
                        // a t statistic over a standard error that is zero in exact arithmetic, or a Wald
                        // statistic over a covariance singular in exact arithmetic (a table whose margins fix a
                        // cell), is rounding noise in both (beyond 1e12 in size): it matches any such statistic of
                        // the same sign
                        boolean noise = k.endsWith("/statistic")
                                && Math.abs(r.getValue()) > 1e12 && Math.abs(java) > 1e12
                                && Math.signum(r.getValue()) == Math.signum(java);
                        // a coefficient of an iterative fit whose standard error R gives beyond 1e6 (on the scale
                        // of the link) comes from a fit or replicate refit that diverged: its standard error,
                        // limits, statistic and p-value are noise, and the engine's standard error must be beyond
                        // 1e6 too
                        Double rSe = fromR.get(label(k) + "/se");
                        if (iterative.contains(call + "/") && rSe != null && rSe > DIVERGED
                                && !k.endsWith("/estimate")) {
                            Double se = mine.get(label(k) + "/se");
                            if (k.endsWith("/se") && !(se != null && se > DIVERGED)) {
                                mismatches.add(k + "  R's fit diverged (SE " + rSe + "), the engine's SE is " + se);
                            }
                            continue;
                        }
                        // a logit limit of a share whose standard error is zero in exact arithmetic (below 1e-12)
                        // where so few degrees of freedom make the normal-scale level 1 (R's confint.svyglm): the
                        // limit is the coefficient plus the rounded standard error times an infinite quantile,
                        // the lower one 0 where that standard error came out positive and NaN where it came out
                        // zero; either is the same answer
                        Double logitSe = fromR.get(label(k) + "/se");
                        if (loose.contains(k) && k.endsWith("/ci.lower") && logitSe != null
                                && Math.abs(logitSe) < 1e-12 && (Double.isNaN(r.getValue()) || r.getValue() == 0)) {
                            if (!(Double.isNaN(java) || java == 0)) {
                                mismatches.add(String.format(Locale.ROOT, "%s  the share's SE is %.3g (zero but for"
                                        + " rounding), R's limit is %s: the engine's %.17g is neither 0 nor NaN", k,
                                        logitSe, r.getValue(), java));
                            }
                            continue;
                        }
                        // a beta interval of a share whose standard error is rounding noise (not zero but below
                        // 1e-12, the variance zero in exact arithmetic): its shapes are beyond 1e24, where R's qbeta
                        // warns that its own answer "is not accurate" and may give any number; the exact limit is
                        // the share itself, so the engine's must be that or none (NaN). A standard error of exactly
                        // zero is R's infinite effective sample size, whose limits are compared as any others
                        Double shareSe = fromR.get(label(k) + "/se");
                        if (betas.contains(call + "/") && (k.endsWith("/ci.lower") || k.endsWith("/ci.upper"))
                                && shareSe != null && shareSe != 0 && Math.abs(shareSe) < 1e-12) {
                            Double share = mine.get(label(k) + "/estimate");
                            if (!Double.isNaN(java) && !(share != null && close(share, java, TOLERANCE, 1e-14))) {
                                mismatches.add(String.format(Locale.ROOT, "%s  the share's SE is %.3g (rounding"
                                        + " noise): the engine's limit %.17g is neither the share %s nor NaN", k,
                                        shareSe, java, share));
                            }
                            continue;
                        }
                        // a quantile's interval that R gives as one point: the standard error of the share (or
                        // of the replicates' quantiles) is zero in exact arithmetic, and which point the interval
                        // collapses to (where the Woodruff or score statistic jumps) is decided by rounding noise;
                        // the engine's interval must be one point too
                        String label = label(k);
                        Double rLower = fromR.get(label + "/ci.lower");
                        if (quantiles.contains(call + "/") && (k.endsWith("/ci.lower") || k.endsWith("/ci.upper"))
                                && rLower != null && rLower.equals(fromR.get(label + "/ci.upper"))
                                && !close(r.getValue(), java, tol, floor)) {
                            Double lower = mine.get(label + "/ci.lower");
                            Double upper = mine.get(label + "/ci.upper");
                            if (lower == null || upper == null || !(Math.abs(lower - upper)
                                    <= TOLERANCE * Math.max(Math.abs(lower), Math.abs(upper)))) {
                                mismatches.add(k + "  R's interval is one point, the engine's is [" + lower + ", "
                                        + upper + "]");
                            }
                            continue;
                        }
                        if (!noise && !close(r.getValue(), java, tol, floor)) {
                            mismatches.add(String.format(Locale.ROOT, "%s  R=%.17g  engine=%.17g  rel.diff=%.3g", k,
                                    r.getValue(), java, Math.abs(java - r.getValue()) / Math.abs(r.getValue())));
                        }
                    }
                }
                calls.add(new Call(s, e, rRefusal, engineRefusal, mismatches));
            }
        }

        // ---- the report ----
        Map<String, Integer> kinds = new TreeMap<>();
        for (RandomSurvey s : surveys) {
            for (String k : s.designKinds) kinds.merge(k, 1, Integer::sum);
            for (String k : s.kinds) {
                kinds.merge(k, 1, Integer::sum);
                if (k.endsWith(" + regTermTest")) {
                    kinds.merge("regTermTest", 1, Integer::sum);
                    kinds.merge(k.substring(0, k.length() - " + regTermTest".length()), 1, Integer::sum);
                }
            }
        }
        long agree = calls.stream().filter(Call::agrees).count();
        List<Call> bothRefuse = calls.stream().filter(Call::bothRefuse).toList();
        List<Call> disagree = calls.stream().filter(c -> !c.agrees() && !c.bothRefuse()).toList();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT,
                "Differential test against R survey, seed %d: %d cases, %d calls: %d agree, %d both refuse, %d disagree;"
                        + " %d numbers compared%n", seed, surveys.size(), calls.size(), agree, bothRefuse.size(),
                disagree.size(), comparisons));
        report.append("  calls per kind (designs per case):");
        kinds.forEach((k, n) -> report.append(' ').append(k).append('=').append(n).append(';'));
        report.append('\n');
        for (Call c : bothRefuse) {
            report.append("  both refuse ").append(c.key()).append(" (").append(c.survey.kinds.get(c.estimate))
                    .append("): R: ").append(c.rRefusal == null ? "answered" : c.rRefusal).append(" | engine: ")
                    .append(c.engineRefusal == null ? "answered" : c.engineRefusal)
                    .append(c.singularUpToRounding() ? " (singular up to rounding)" : "").append('\n');
        }
        for (String h : harness) report.append("  ").append(h).append('\n');
        Set<Integer> shown = new HashSet<>();
        for (Call c : disagree) {
            report.append("DISAGREEMENT seed ").append(seed).append(" case ").append(c.survey.id).append(" estimate ")
                    .append(c.estimate).append(" (").append(c.survey.kinds.get(c.estimate)).append("), ")
                    .append(c.survey.summary).append('\n');
            if (c.rRefusal != null && c.engineRefusal == null) report.append("  R refused, the engine answered: ").append(c.rRefusal).append('\n');
            if (c.engineRefusal != null) {
                report.append("  the engine ").append(c.engineRefusal.startsWith("exception") ? "failed" : "refused")
                        .append(c.rRefusal == null ? ", R answered: " : " (R refused as well: " + c.rRefusal + "): ")
                        .append(c.engineRefusal).append('\n');
            }
            for (String m : c.mismatches) report.append("  ").append(m).append('\n');
            if (shown.add(c.survey.id)) {
                report.append("  replay: mvn -pl stats verify -Djacoco.skip=true -Dtest=SurveyAgainstRTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dbarometer.differential.seed=").append(seed)
                        .append(" -Dbarometer.differential.case=").append(c.survey.id)
                        .append(" -Dbarometer.differential.dir=/tmp/case").append(c.survey.id).append('\n');
                report.append("  --- R code ---\n").append(c.survey.rCode).append("  --- spec ---\n")
                        .append(c.survey.specJson);
            }
        }
        System.out.print(report);
        Files.writeString(dir.resolve("report.txt"), report);

        assertThat(harness).as("output of R the test could not read").isEmpty();
        assertThat(comparisons).as("numbers compared").isGreaterThan(surveys.size() * 20);
        assertThat(disagree.stream().map(c -> "seed " + seed + " case " + c.key() + " (" + c.survey.kinds.get(c.estimate)
                + "): " + (c.mismatches.isEmpty() ? "R: " + c.rRefusal + " | engine: " + c.engineRefusal
                : String.join("; ", c.mismatches))).toList())
                .as("disagreements with R survey (the full report, with R code and spec, is on standard output)")
                .isEmpty();
        if (only == null) { // a share of one case's calls says nothing of the generator
            assertThat((double) bothRefuse.size()).as("calls both sides refuse").isLessThan(0.05 * calls.size());
        }
        if (only == null && cases >= 300) {
            for (String k : REQUIRED_KINDS) {
                assertThat(kinds.getOrDefault(k, 0)).as("calls of kind " + k).isGreaterThanOrEqualTo(10 * cases / 300);
            }
        }
    }

    /**
     * How far R's standard error of the coefficient {@code label} moves, relative, in R's answers to the nearby
     * questions (see {@link #movement}).
     */
    private static double seMovement(Map<String, Double> fromR, String label) {
        return movement(fromR, label + "/se");
    }

    /**
     * How far R's value of {@code key} moves, relative, in R's answers to the nearby questions of
     * {@link #ALTERNATIVES} (twice the largest relative change, as the tolerance of an iterative fit), or 0 when R
     * printed no such answer.
     */
    private static double movement(Map<String, Double> fromR, String key) {
        Double value = fromR.get(key);
        if (value == null) return 0;
        double most = 0;
        for (String mark : ALTERNATIVES) {
            Double other = fromR.get(key + mark);
            if (other == null) continue;
            double size = Math.max(Math.abs(value), Math.abs(other));
            if (size > 0 && Double.isFinite(size)) most = Math.max(most, 2 * Math.abs(other - value) / size);
        }
        return most;
    }

    /** Whether {@code key} is one of R's answers to a nearby question, marked with one of {@link #ALTERNATIVES}. */
    private static boolean isAlternative(String key) {
        for (String mark : ALTERNATIVES) if (key.endsWith(mark)) return true;
        return false;
    }

    /** A standard error of a model coefficient beyond which its fit has diverged. */
    private static final double DIVERGED = 1e6;

    /** The key without its field: {@code case/estimate/label}. */
    private static String label(String key) {
        return key.substring(0, key.lastIndexOf('/'));
    }

    /** Case {@code c} of the run with {@code seed}: the same whether drawn with the others or alone. */
    static RandomSurvey draw(long seed, int c) {
        return RandomSurvey.draw(c, seed * 1_000_003L + c, "case" + c + ".csv");
    }

    /** A number as R's {@code sprintf("%.17g")} prints it, its {@code NA}, {@code NaN} and infinities included. */
    static double rNumber(String s) {
        return switch (s) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The engine's answer: its standard output, or (refused) its error line or the exception it threw. */
    private record Run(String output, String error) {
    }

    private static Run runEngine(Path spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = EstimateCommand.execute(spec, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Run(null, "exception " + e);
        }
        if (code != 0) return new Run(null, err.toString(StandardCharsets.UTF_8).strip());
        return new Run(out.toString(StandardCharsets.UTF_8), null);
    }

    /** Equal to {@code tol} relative or to {@code floor} absolute; NaN matches NaN, an infinity itself only. */
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
                if (res.has("probability")) label.append('#').append(res.get("probability").asText());
                if (res.has("category")) label.append('=').append(res.get("category").asText());
                if (res.has("domain")) {
                    List<String> parts = new ArrayList<>();
                    res.get("domain").properties().forEach(d -> parts.add(d.getValue().asText()));
                    label.append('@').append(String.join(",", parts));
                }
                put(out, prefix + label + "/estimate", res.get("estimate"));
                put(out, prefix + label + "/se", res.get("se"));
                interval(out, prefix + label, res.get("ci"));
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
            for (JsonNode c : est.path("coefficients")) {
                String label = prefix + c.get("name").asText();
                for (String f : List.of("estimate", "se", "statistic", "p")) put(out, label + "/" + f, c.get(f));
                interval(out, label, c.get("ci"));
            }
            if (est.has("coefficients")) put(out, prefix + "glm/df", est.get("df"));
            if (est.has("result")) {
                JsonNode t = est.get("result");
                for (String f : List.of("estimate", "se", "statistic", "df", "p")) put(out, prefix + "t/" + f, t.get(f));
                interval(out, prefix + "t", t.get("ci"));
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

    /** The limits of an interval; one that does not exist (R's NA limits) is null. */
    private static void interval(Map<String, Double> out, String label, JsonNode ci) {
        if (ci == null) return;
        put(out, label + "/ci.lower", ci.isNull() ? ci : ci.get(0));
        put(out, label + "/ci.upper", ci.isNull() ? ci : ci.get(1));
    }

    /** A number of the output: null is R's NA; "Inf", "-Inf" and "NaN" are read as those numbers. */
    private static void put(Map<String, Double> out, String key, JsonNode v) {
        if (v == null) return;
        out.put(key, v.isNull() ? Double.NaN : v.isTextual() ? rNumber(v.asText()) : v.asDouble());
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

    private static String runR(Path dir, Path script, long seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Rscript", script.getFileName().toString()).directory(dir.toFile())
                .redirectError(dir.resolve("r-stderr.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Rscript did not finish within " + seconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("Rscript failed (exit " + p.exitValue() + "): "
                    + Files.readString(dir.resolve("r-stderr.txt")));
        }
        return out;
    }
}
