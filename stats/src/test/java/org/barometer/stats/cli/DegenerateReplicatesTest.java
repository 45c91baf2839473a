package org.barometer.stats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.barometer.stats.RScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicate designs at the edges survey 4.1-1 treats in its own way, through {@code barometer estimate} against R
 * run inline (1e-9 relative): jackknife replicates of a census (no replicates: zero standard errors, degf -1,
 * and R's refusals), and a quantile with {@code na.rm} on raked jackknife replicates (the degrees of freedom of
 * R's subset design, counted again on the calibrated weights).
 */
class DegenerateReplicatesTest {
    @TempDir
    Path dir;

    private String write(String name, String csv) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, csv);
        return p.toString().replace("\\", "/");
    }

    /**
     * Rows in strata, each its own PSU, y and x varying, groups h (u/v) and grp (a/b/c; not g, which survey
     * 4.1-1's svyglm on replicate designs mistakes for its own call).
     */
    private static String rows(int strata, int perStratum, int fpc) {
        StringBuilder out = new StringBuilder("str,w,fpc,y,x,h,grp\n");
        int row = 0;
        for (int s = 0; s < strata; s++) {
            for (int i = 0; i < perStratum; i++, row++) {
                double w = (double) fpc / perStratum * (1 + (row % 4) / 8.0);
                out.append(s + 1).append(',').append(String.format(Locale.ROOT, "%.4f", w)).append(',').append(fpc)
                        .append(',').append(10 + (row * 7 % 13) / 2.0 + s).append(',')
                        .append(1 + (row * 5 % 9) / 4.0).append(',').append(row % 3 == 0 ? 'u' : 'v').append(',')
                        .append("abc".charAt((row + s) % 3)).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void aCensusHasNoReplicatesAndZeroStandardErrorsAsR() throws IOException {
        String csv = write("census.csv", rows(1, 12, 12));
        RScript.Output r = RScript.run("d <- read.csv('" + csv + "')\n"
                + "des <- as.svrepdesign(svydesign(ids = ~1, weights = ~w, fpc = ~fpc, data = d), type = 'JK1')\n"
                + "o('df', degf(des)); m <- svymean(~y, des); o('mean', c(coef(m), SE(m)))\n"
                + "m <- svytotal(~y, des); o('total', c(coef(m), SE(m)))\n"
                + "m <- svyby(~y, ~h, des, svymean); o('by', c(coef(m), SE(m)))\n"
                + "q <- svyquantile(~y, des, 0.5, interval.type = 'beta')[[1]]; o('q', q)\n"
                + "m <- svyglm(y ~ x, des); o('glm', c(coef(m), SE(m), m$df.residual))\n"
                + "t <- svyttest(y ~ h, des); o('t', c(t$estimate, t$statistic, t$parameter))\n"
                + "e('ratio', svyratio(~y, ~x, des))\n"
                + "e('repq', svyquantile(~y, des, 0.5, interval.type = 'quantile'))\n"
                + "e('cal', calibrate(des, ~x, c(`(Intercept)` = 12, x = 30)))\n");
        CliRun run = CliRun.ofText(dir, "{\"data\": \"" + csv + "\", \"design\": {\"weights\": \"w\", \"fpc\": \"fpc\"},"
                + " \"replicates\": {\"type\": \"JK1\"}, \"estimates\": [{\"mean\": \"y\"}, {\"total\": \"y\"},"
                + " {\"mean\": \"y\", \"by\": \"h\"}, {\"quantile\": \"y\", \"probabilities\": [0.5], \"interval\": \"beta\"},"
                + " {\"glm\": \"y\", \"terms\": [\"x\"]}, {\"ttest\": \"y\", \"group\": \"h\"}]}");
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        JsonNode est = run.json().get("estimates");
        assertThat(run.json().get("design").get("df").asDouble()).isEqualTo(r.get("df")).isEqualTo(-1);
        for (String[] k : new String[][] {{"0", "mean"}, {"1", "total"}}) {
            JsonNode row = est.get(Integer.parseInt(k[0])).get("results").get(0);
            RScript.close(k[1], row.get("estimate").asDouble(), r.get(k[1] + "[1]"), 1e-9);
            assertThat(row.get("se").asDouble()).isEqualTo(r.get(k[1] + "[2]")).isZero();
            assertThat(row.get("ci").isNull() || row.get("ci").get(0).isNull()).as(k[1] + " interval").isTrue();
        }
        for (int d = 0; d < 2; d++) {
            JsonNode row = est.get(2).get("results").get(d);
            RScript.close("by " + d, row.get("estimate").asDouble(), r.get("by[" + (d + 1) + "]"), 1e-9);
            assertThat(row.get("se").asDouble()).isEqualTo(r.get("by[" + (d + 3) + "]")).isZero();
        }
        JsonNode q = est.get(3).get("results").get(0);
        RScript.close("quantile", q.get("estimate").asDouble(), r.get("q[1]"), 1e-9);
        assertThat(Double.isNaN(r.get("q[2]"))).isTrue();
        assertThat(q.get("ci").isNull() || q.get("ci").get(0).isNull()).as("quantile interval").isTrue();
        JsonNode glm = est.get(4);
        for (int j = 0; j < 2; j++) {
            JsonNode c = glm.get("coefficients").get(j);
            RScript.close("glm " + j, c.get("estimate").asDouble(), r.get("glm[" + (j + 1) + "]"), 1e-9);
            assertThat(c.get("se").asDouble()).isEqualTo(r.get("glm[" + (j + 3) + "]")).isZero();
        }
        assertThat(glm.get("df").asDouble()).isEqualTo(r.get("glm[5]"));
        JsonNode t = est.get(5).get("result");
        RScript.close("t", t.get("estimate").asDouble(), r.get("t[1]"), 1e-9);
        assertThat(r.get("t[2]")).isInfinite();
        assertThat(t.get("statistic").asText()).isEqualTo(r.get("t[2]") > 0 ? "Inf" : "-Inf");
        assertThat(t.get("df").asDouble()).isEqualTo(r.get("t[3]"));
        // where R fails, the engine refuses, naming the place
        assertThat(r.errors()).containsKeys("ratio", "repq", "cal");
        String head = "{\"data\": \"" + csv + "\", \"design\": {\"weights\": \"w\", \"fpc\": \"fpc\"},"
                + " \"replicates\": {\"type\": \"JK1\"}";
        CliRun ratio = CliRun.ofText(dir, head + ", \"estimates\": [{\"ratio\": \"y\", \"denominator\": \"x\"}]}");
        assertThat(ratio.code()).isEqualTo(2);
        assertThat(ratio.err()).contains("estimates[0]").contains("the sample is the whole population");
        CliRun repq = CliRun.ofText(dir, head + ", \"estimates\": [{\"quantile\": \"y\", \"probabilities\": [0.5],"
                + " \"interval\": \"quantile\"}]}");
        assertThat(repq.code()).isEqualTo(2);
        assertThat(repq.err()).contains("estimates[0]").contains("the sample is the whole population");
        CliRun cal = CliRun.ofText(dir, head + ", \"calibration\": {\"calibrate\": {\"formula\": [\"x\"],"
                + " \"population\": {\"(Intercept)\": 12, \"x\": 30}}}, \"estimates\": [{\"mean\": \"y\"}]}");
        assertThat(cal.code()).isEqualTo(2);
        assertThat(cal.err()).contains("calibration").contains("no replicates");
    }

    @Test
    void aQuantileWithNaRmTakesTheDegreesOfFreedomOfRsSubsetDesign() throws IOException {
        String csv = write("strata.csv", rows(3, 8, 30));
        RScript.Output r = RScript.run("d <- read.csv('" + csv + "'); d$grp <- factor(d$grp)\n"
                + "des <- as.svrepdesign(svydesign(ids = ~1, strata = ~str, weights = ~w, data = d), type = 'JKn')\n"
                + "des <- calibrate(des, ~grp + x, c(`(Intercept)` = 100, grpb = 30, grpc = 35, x = 190), calfun = 'raking')\n"
                + "o('degf', degf(des)); o('subset', degf(des[!is.na(d$y), ]))\n"
                + "q <- svyquantile(~y, des, c(0.25, 0.5), interval.type = 'quantile', na.rm = TRUE)[[1]]\n"
                + "o('q', q[, 1]); o('lo', q[, 2]); o('hi', q[, 3])\n");
        // the design's degf is kept through raking calibration, the subset's is counted again: they differ here
        assertThat(r.get("subset")).isNotEqualTo(r.get("degf"));
        CliRun run = CliRun.ofText(dir, "{\"data\": \"" + csv + "\", \"design\": {\"strata\": \"str\", \"weights\": \"w\"},"
                + " \"replicates\": {\"type\": \"JKn\"}, \"calibration\": {\"calibrate\": {\"formula\": [\"grp\", \"x\"],"
                + " \"population\": {\"(Intercept)\": 100, \"grpb\": 30, \"grpc\": 35, \"x\": 190}, \"calfun\": \"raking\"}},"
                + " \"estimates\": [{\"quantile\": \"y\", \"probabilities\": [0.25, 0.5], \"interval\": \"quantile\","
                + " \"na.rm\": true}]}");
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        JsonNode results = run.json().get("estimates").get(0).get("results");
        for (int k = 0; k < 2; k++) {
            JsonNode row = results.get(k);
            String i = "[" + (k + 1) + "]";
            RScript.close("q" + i, row.get("estimate").asDouble(), r.get("q" + i), 1e-9);
            RScript.close("lower" + i, row.get("ci").get(0).asDouble(), r.get("lo" + i), 1e-9);
            RScript.close("upper" + i, row.get("ci").get(1).asDouble(), r.get("hi" + i), 1e-9);
        }
    }
}
