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
 * Jackknife replicates of a stratified sample whose third stratum is sampled exhaustively (its fpc equals its
 * number of rows), uncalibrated, post-stratified, raked and linearly calibrated, and with {@code mse}: totals
 * (numeric, of a factor, by domain), a mean and the four table tests through {@code barometer estimate}, against
 * R run inline to 1e-9 relative. survey 4.1-1's {@code svytotal} leaves the rows of that stratum out of every
 * replicate total, but not its other estimators; after calibration (or with {@code mse}) that changes the
 * standard errors, and the total of a post-stratification variable has a standard error that is not zero.
 */
class ExhaustiveStratumReplicatesTest {
    @TempDir
    Path dir;

    private static final String[] SETUPS = {"none", "poststratify", "rake", "calibrate", "mse"};

    @Test
    void totalsLeaveTheExhaustiveStratumOutOfTheReplicatesAsR() throws IOException {
        Path csv = dir.resolve("census.csv");
        Files.writeString(csv, data());
        StringBuilder rCode = new StringBuilder("d <- read.csv('" + csv.toString().replace("\\", "/") + "')\n"
                + "d$grp <- factor(d$grp); d$h <- factor(d$h)\n");
        for (int s = 0; s < SETUPS.length; s++) {
            String setup = SETUPS[s];
            rCode.append("local({ options(survey.replicates.mse = ").append(setup.equals("mse") ? "TRUE" : "FALSE")
                    .append(")\ndes <- as.svrepdesign(svydesign(ids = ~1, strata = ~str, weights = ~w, fpc = ~fpc,"
                            + " data = d), type = 'JKn')\n");
            rCode.append(switch (setup) {
                case "poststratify" -> "des <- postStratify(des, ~grp, data.frame(grp = c('a', 'b', 'c'),"
                        + " Freq = c(300, 250, 200)))\n";
                case "rake" -> "des <- rake(des, list(~grp, ~h), list(data.frame(grp = c('a', 'b', 'c'),"
                        + " Freq = c(300, 250, 200)), data.frame(h = c('u', 'v'), Freq = c(400, 350))),"
                        + " control = list(epsilon = 1e-12, maxit = 200))\n";
                case "calibrate" -> "des <- calibrate(des, ~grp + x, c(`(Intercept)` = 750, grpb = 250, grpc = 200,"
                        + " x = 1900))\n";
                default -> "";
            });
            String k = "'" + s + "/";
            rCode.append("m <- svytotal(~y, des); o(").append(k).append("ty', coef(m)); o(").append(k)
                    .append("tyse', SE(m))\n");
            rCode.append("m <- svytotal(~grp, des); o(").append(k).append("tg', coef(m)); o(").append(k)
                    .append("tgse', SE(m))\n");
            rCode.append("m <- svymean(~y, des); o(").append(k).append("my', coef(m)); o(").append(k)
                    .append("myse', SE(m))\n");
            rCode.append("m <- svyby(~y, ~h, des, svytotal); o(").append(k).append("by', coef(m)); o(").append(k)
                    .append("byse', SE(m))\n");
            for (String test : new String[] {"F", "Chisq", "Wald", "adjWald"}) {
                rCode.append("m <- svychisq(~grp + h, des, statistic = '").append(test).append("'); o(").append(k)
                        .append(test).append("', c(m$statistic, m$p.value))\n");
            }
            rCode.append("})\n");
        }
        RScript.Output r = RScript.run(rCode.toString());

        for (int s = 0; s < SETUPS.length; s++) {
            String setup = SETUPS[s];
            String calibration = switch (setup) {
                case "poststratify" -> ",\n \"calibration\": {\"poststratify\": {\"variable\": \"grp\","
                        + " \"population\": {\"a\": 300, \"b\": 250, \"c\": 200}}}";
                case "rake" -> ",\n \"calibration\": {\"rake\": {\"margins\": [{\"variable\": \"grp\","
                        + " \"population\": {\"a\": 300, \"b\": 250, \"c\": 200}}, {\"variable\": \"h\","
                        + " \"population\": {\"u\": 400, \"v\": 350}}], \"epsilon\": 1e-12, \"maxit\": 200}}";
                case "calibrate" -> ",\n \"calibration\": {\"calibrate\": {\"formula\": [\"grp\", \"x\"],"
                        + " \"population\": {\"(Intercept)\": 750, \"grpb\": 250, \"grpc\": 200, \"x\": 1900}}}";
                default -> "";
            };
            CliRun run = CliRun.ofText(dir, "{\"data\": \"" + csv.toString().replace("\\", "/") + "\",\n"
                    + " \"design\": {\"strata\": \"str\", \"weights\": \"w\", \"fpc\": \"fpc\"},\n"
                    + " \"replicates\": {\"type\": \"JKn\"" + (setup.equals("mse") ? ", \"mse\": true" : "") + "}"
                    + calibration + ",\n"
                    + " \"estimates\": [{\"total\": \"y\"}, {\"total\": \"grp\"}, {\"mean\": \"y\"},"
                    + " {\"total\": \"y\", \"by\": \"h\"}, {\"table\": [\"grp\", \"h\"], \"test\": \"F\"},"
                    + " {\"table\": [\"grp\", \"h\"], \"test\": \"Chisq\"}, {\"table\": [\"grp\", \"h\"], \"test\": \"Wald\"},"
                    + " {\"table\": [\"grp\", \"h\"], \"test\": \"adjWald\"}]}");
            assertThat(run.code()).as(setup + ": " + run.err()).isEqualTo(0);
            JsonNode est = run.json().get("estimates");
            String k = s + "/";
            check(setup + " total", est.get(0), 0, r, k + "ty", 1);
            check(setup + " total of a factor", est.get(1), 0, r, k + "tg", 3);
            check(setup + " mean", est.get(2), 0, r, k + "my", 1);
            check(setup + " total by domain", est.get(3), 0, r, k + "by", 2);
            String[] tests = {"F", "Chisq", "Wald", "adjWald"};
            for (int t = 0; t < tests.length; t++) {
                JsonNode test = est.get(4 + t).get("test");
                RScript.close(setup + " " + tests[t], test.get("statistic").asDouble(), r.get(k + tests[t] + "[1]"), 1e-9);
                RScript.close(setup + " " + tests[t] + " p", test.get("p").asDouble(), r.get(k + tests[t] + "[2]"), 1e-9);
            }
        }
        // the standard error of the post-stratification variable's total: zero in exact arithmetic with all rows,
        // not with the exhaustive stratum left out of the replicates
        assertThat(r.get("1/tgse[1]")).isGreaterThan(1e-3);
    }

    private static void check(String what, JsonNode estimate, int from, RScript.Output r, String key, int count) {
        JsonNode results = estimate.get("results");
        assertThat(results.size()).as(what).isEqualTo(count);
        for (int j = 0; j < count; j++) {
            String i = count == 1 ? "" : "[" + (j + 1) + "]";
            JsonNode row = results.get(from + j);
            RScript.close(what + " " + i, row.get("estimate").asDouble(), r.get(key + i), 1e-9);
            RScript.close(what + " SE " + i, row.get("se").asDouble(), r.get(key + "se" + i), 1e-9);
        }
    }

    /**
     * Three strata of 12, 10 and 8 rows; the third has fpc 8, so it is the whole population. Values vary within
     * strata and categories so that every replicate moves every estimate.
     */
    private static String data() {
        StringBuilder out = new StringBuilder("str,w,fpc,y,x,grp,h\n");
        int[] sizes = {12, 10, 8};
        int[] fpc = {50, 40, 8};
        int row = 0;
        for (int s = 0; s < sizes.length; s++) {
            for (int i = 0; i < sizes[s]; i++, row++) {
                double w = (double) fpc[s] / sizes[s] * (1 + (row % 3) / 10.0);
                double y = 10 + 3 * s + (row * 7 % 11) / 2.0;
                double x = 1 + (row * 5 % 7) / 3.0;
                out.append(s + 1).append(',').append(String.format(Locale.ROOT, "%.4f", w)).append(',').append(fpc[s])
                        .append(',').append(y).append(',').append(String.format(Locale.ROOT, "%.4f", x)).append(',')
                        .append("abc".charAt((row * 2 + s) % 3)).append(',').append("uv".charAt(row * 3 % 5 < 2 ? 0 : 1))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
