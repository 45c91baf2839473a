package org.barometer.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.barometer.app.demo.DemoModel;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.demo.SeedFigures;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weights, shares, standard errors, logit intervals and Rao–Scott tests of the demo edition against
 * R's survey package given the same respondents, strata, fpc and margins. Skipped (visibly) without R.
 */
class EstimatorAgainstRTest {

    @TempDir
    Path dir;

    static boolean haveR() {
        try {
            Process p = new ProcessBuilder("Rscript", "-e", "library(survey)").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"raking-by-stratum", "linear-coarse-groups"})
    void sameNumbersAsR(String variant) throws Exception {
        assumeTrue(haveR(), "Rscript with the survey package is not installed: comparison with R skipped");
        DemoSimulation.Population population = DemoSimulation.Population.of(7);
        List<FrameUnit> frame = population.frame();
        boolean coarse = variant.startsWith("linear");
        WeightingOptions options = WeightingOptions.defaults()
                .withMethod(coarse ? WeightingOptions.Method.LINEAR : WeightingOptions.Method.RAKING);
        // coarse: non-response adjusted within government level × area only, so calibration on size has work to do
        WeightingSettings settings = new WeightingSettings(options,
                coarse ? List.of(FrameSchema.GOVERNMENT_LEVEL, FrameSchema.AREA) : null, WeightingSettings.DEFAULT_MARGINS);
        DemoSimulation.Survey base = population.survey(99, 100, settings);
        Weights weights = base.weights();
        int n = weights.size();
        Map<String, int[]> answers = base.models();
        Estimator estimator = new Estimator(weights);

        StringBuilder csv = new StringBuilder("vs,N,w0,w,ga,sz,innov,tech,newness,employees,private\n");
        for (int r = 0; r < n; r++) {
            FrameUnit unit = frame.get(base.sampled()[weights.respondent()[r]]);
            csv.append(weights.varianceStratum()[r]).append(',')
                    .append(weights.stratumPopulation()[weights.varianceStratum()[r]]).append(',')
                    .append(weights.beforeCalibration()[r]).append(',')
                    .append(weights.weight()[r]).append(',')
                    .append(unit.governmentLevel()).append('/').append(unit.area()).append(',')
                    .append(unit.sizeGroup()).append(',')
                    .append(SeedFigures.innovator(answers, r) ? 1 : 0).append(',')
                    .append(SeedFigures.tech(answers, r) ? 1 : 0).append(',')
                    .append(SeedFigures.newness(answers, r)).append(',')
                    .append(answers.get("employee_role")[r]).append(',')
                    .append(answers.get("partner_private")[r]).append('\n');
        }
        Files.writeString(dir.resolve("resp.csv"), csv, StandardCharsets.UTF_8);
        StringBuilder popCsv = new StringBuilder("ga,sz\n");
        for (FrameUnit u : frame) {
            popCsv.append(u.governmentLevel()).append('/').append(u.area()).append(',').append(u.sizeGroup()).append('\n');
        }
        Files.writeString(dir.resolve("pop.csv"), popCsv, StandardCharsets.UTF_8);
        String script = """
                suppressMessages(library(survey))
                d <- read.csv("resp.csv"); p <- read.csv("pop.csv")
                d$ga <- factor(d$ga, levels = sort(unique(p$ga))); d$sz <- factor(d$sz, levels = sort(unique(p$sz)))
                p$ga <- factor(p$ga, levels = levels(d$ga)); p$sz <- factor(p$sz, levels = levels(d$sz))
                d$newness[d$innov == 0] <- NA; d$employees[d$innov == 0] <- NA
                des <- svydesign(ids = ~1, strata = ~vs, fpc = ~N, weights = ~w0, data = d)
                cal <- if ("%s" == "linear") calibrate(des, ~ga + sz, population = colSums(model.matrix(~ga + sz, p)), calfun = "linear") else
                  rake(des, list(~ga, ~sz), list(as.data.frame(table(ga = p$ga)), as.data.frame(table(sz = p$sz))),
                       control = list(maxit = 200, epsilon = 1e-12))
                out <- function(k, v) cat(k, sprintf("%%.17g", v), "\\n")
                out("maxweightdiff", max(abs(weights(cal) - d$w)))
                s <- subset(cal, innov == 1)
                m <- svymean(~tech, s); out("tech.mean", coef(m)); out("tech.se", SE(m))
                ci <- svyciprop(~tech, s, method = "logit"); out("tech.low", confint(ci)[1]); out("tech.high", confint(ci)[2])
                s2 <- subset(cal, newness == 0)
                m2 <- svymean(~private, s2); out("private.mean", coef(m2)); out("private.se", SE(m2))
                ci2 <- svyciprop(~private, s2, method = "logit"); out("private.low", confint(ci2)[1]); out("private.high", confint(ci2)[2])
                t <- svychisq(~newness + employees, s, na.rm = TRUE)
                out("chisq.f", t$statistic); out("chisq.ndf", t$parameter[1]); out("chisq.ddf", t$parameter[2]); out("chisq.p", t$p.value)
                """.formatted(coarse ? "linear" : "raking");
        Files.writeString(dir.resolve("check.R"), script, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("Rscript", "check.R").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, Double> r = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].matches("[a-z.]+") && parts[1].matches("-?[0-9.eE+-]+|NaN|Inf")) {
                r.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        System.out.println(variant + " — R: " + r);

        assertThat(r.get("maxweightdiff")).isLessThan(1e-8);
        boolean[] innov = new boolean[n];
        boolean[] tech = new boolean[n];
        boolean[] isNew = new boolean[n];
        boolean[] priv = new boolean[n];
        int[] newness = new int[n];
        int[] employees = new int[n];
        for (int i = 0; i < n; i++) {
            innov[i] = SeedFigures.innovator(answers, i);
            tech[i] = SeedFigures.tech(answers, i);
            newness[i] = SeedFigures.newness(answers, i);
            isNew[i] = newness[i] == 0;
            priv[i] = answers.get("partner_private")[i] == 1;
            int e = answers.get("employee_role")[i];
            employees[i] = e == 1 ? 0 : e == 2 ? 1 : e == DemoModel.NOT_APPLICABLE ? 2 : 3;
        }
        Share t = estimator.share(innov, tech);
        assertClose(t.estimate(), r.get("tech.mean"), 1e-10);
        assertClose(t.se(), r.get("tech.se"), 1e-8);
        assertClose(t.low(), r.get("tech.low"), 1e-7);
        assertClose(t.high(), r.get("tech.high"), 1e-7);
        Share p = estimator.share(isNew, priv);
        assertClose(p.estimate(), r.get("private.mean"), 1e-10);
        assertClose(p.se(), r.get("private.se"), 1e-8);
        assertClose(p.low(), r.get("private.low"), 1e-7);
        assertClose(p.high(), r.get("private.high"), 1e-7);
        Estimator.TestResult test = estimator.raoScott(newness, employees, innov, 3, 4);
        assertClose(test.statistic(), r.get("chisq.f"), 1e-7);
        assertClose(test.numeratorDf(), r.get("chisq.ndf"), 1e-7);
        assertClose(test.denominatorDf(), r.get("chisq.ddf"), 1e-7);
        assertClose(test.pValue(), r.get("chisq.p"), 1e-6);
        for (String key : List.of("tech.mean", "chisq.p")) {
            assertThat(r).containsKey(key);
        }
    }

    private static void assertClose(double actual, Double expected, double relative) {
        assertThat(expected).isNotNull();
        assertThat(Math.abs(actual - expected)).as("%s vs R %s", actual, expected)
                .isLessThanOrEqualTo(relative * Math.max(1e-3, Math.abs(expected)));
    }
}
