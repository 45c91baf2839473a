package org.barometer.stats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.barometer.stats.RScript;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap replicates drawn from a design (spec {@code "replicates": {"type": ..., "replicates": R, "seed": S}})
 * against R survey 4.1-1 run inline, given the engine's replicates: the engine's replicate factors (made through
 * the API from the same design and seed) are written to a CSV and R's {@code svrepdesign(type = "bootstrap",
 * combined.weights = FALSE)} takes them with the full-sample weights, the engine's scale and rscales, and the
 * {@code selfrep} rows that {@code as.svrepdesign} would mark (a stratum sampled exhaustively) — the form of the
 * design {@code as.svrepdesign} makes. (With {@code combined.weights = TRUE} survey 4.1-1's {@code svytotal}
 * cannot take {@code selfrep}: it subsets its scalar weight 1 by the rows and gets missing values.) Means, totals (of a number and of a
 * factor), a mean by domain and the degrees of freedom from {@code barometer estimate} agree to 1e-9 relative:
 * for each kind, on a one-stage and a two-stage design, with and without {@code mse}.
 */
class BootstrapColumnsAgainstRTest {
    @TempDir
    Path dir;

    private static final String[] KINDS = {"bootstrap", "subbootstrap", "mrbbootstrap"};
    private static final int REPS = 30;

    @Test
    void engineBootstrapColumnsGiveRsEstimates() throws IOException {
        Path csv = dir.resolve("sample.csv");
        Files.writeString(csv, data());
        DataTable table = DataTable.readCsv(csv);
        StringBuilder r = new StringBuilder("d <- read.csv('" + path(csv) + "'); d$grp <- factor(d$grp)\n"
                + "npsu <- ave(d$psu, d$str, FUN = function(v) length(unique(v)))\n");
        int setup = 0;
        record Setup(String kind, boolean twoStage, boolean mse, long seed) {
        }
        java.util.List<Setup> setups = new java.util.ArrayList<>();
        for (String kind : KINDS) {
            for (boolean twoStage : new boolean[] {false, true}) {
                setups.add(new Setup(kind, twoStage, false, 100 + setups.size()));
            }
            setups.add(new Setup(kind, false, true, 100 + setups.size()));
        }
        for (Setup s : setups) {
            Design.Builder b = Design.builder(table).strata("str").weights("w");
            if (s.twoStage) b.ids("psu", "ssu").fpc("fpc1", "fpc2"); else b.ids("psu").fpc("fpc1");
            ReplicateDesign rep = ReplicateDesign.bootstrap(b.build(), type(s.kind), REPS, s.seed, s.mse);
            StringBuilder cols = new StringBuilder();
            for (int k = 0; k < REPS; k++) cols.append(k > 0 ? "," : "").append("r").append(k + 1);
            cols.append('\n');
            for (int i = 0; i < table.rowCount(); i++) {
                // the factors (replicate weight over full-sample weight), as as.svrepdesign keeps them
                for (int k = 0; k < REPS; k++) {
                    cols.append(k > 0 ? "," : "").append(rep.replicateWeights(k)[i] / rep.weight(i));
                }
                cols.append('\n');
            }
            Path reps = dir.resolve("reps" + setup + ".csv");
            Files.writeString(reps, cols);
            StringBuilder rs = new StringBuilder();
            for (double x : rep.rscales()) rs.append(rs.length() > 0 ? ", " : "").append(x);
            String k = "'" + setup + "/";
            r.append("local({ rw <- read.csv('").append(path(reps)).append("')\n")
                    .append("des <- svrepdesign(data = d, repweights = rw, weights = ~w, type = 'bootstrap', scale = ")
                    .append(rep.scale()).append(", rscales = c(").append(rs).append("), combined.weights = FALSE, mse = ")
                    .append(s.mse ? "TRUE" : "FALSE").append(")\n")
                    // as.svrepdesign's selfrep: the rows of strata whose stage-1 population is the sample
                    .append("des$selfrep <- d$fpc1 == npsu\n")
                    .append("m <- svymean(~y, des); o(").append(k).append("my', coef(m)); o(").append(k)
                    .append("myse', SE(m))\n")
                    .append("m <- svytotal(~y, des); o(").append(k).append("ty', coef(m)); o(").append(k)
                    .append("tyse', SE(m))\n")
                    .append("m <- svytotal(~grp, des); o(").append(k).append("tg', coef(m)); o(").append(k)
                    .append("tgse', SE(m))\n")
                    .append("m <- svyby(~y, ~grp, des, svymean); o(").append(k).append("by', coef(m)); o(").append(k)
                    .append("byse', SE(m))\n")
                    .append("o(").append(k).append("df', degf(des)) })\n");
            setup++;
        }
        RScript.Output out = RScript.run(r.toString());
        for (int i = 0; i < setups.size(); i++) {
            Setup s = setups.get(i);
            String design = s.twoStage
                    ? "{\"ids\": [\"psu\", \"ssu\"], \"strata\": \"str\", \"weights\": \"w\", \"fpc\": [\"fpc1\", \"fpc2\"]}"
                    : "{\"ids\": \"psu\", \"strata\": \"str\", \"weights\": \"w\", \"fpc\": \"fpc1\"}";
            CliRun run = CliRun.ofText(dir, "{\"data\": \"" + path(csv) + "\", \"design\": " + design + ",\n"
                    + " \"replicates\": {\"type\": \"" + s.kind + "\", \"replicates\": " + REPS + ", \"seed\": " + s.seed
                    + (s.mse ? ", \"mse\": true" : "") + "},\n"
                    + " \"estimates\": [{\"mean\": \"y\"}, {\"total\": \"y\"}, {\"total\": \"grp\"},"
                    + " {\"mean\": \"y\", \"by\": \"grp\"}]}");
            String what = s.kind + (s.twoStage ? " two-stage" : " one-stage") + (s.mse ? " mse" : "");
            assertThat(run.code()).as(what + ": " + run.err()).isEqualTo(0);
            JsonNode root = run.json();
            assertThat(root.get("design").get("replicates").asInt()).as(what).isEqualTo(REPS);
            assertThat(root.get("design").get("seed").asLong()).as(what).isEqualTo(s.seed);
            JsonNode est = root.get("estimates");
            String k = i + "/";
            check(what + " mean", est.get(0), out, k + "my", 1);
            check(what + " total", est.get(1), out, k + "ty", 1);
            check(what + " total of a factor", est.get(2), out, k + "tg", 3);
            check(what + " mean by domain", est.get(3), out, k + "by", 3);
            assertThat(root.get("design").get("df").asInt()).as(what + " df").isEqualTo((int) out.get(k + "df"));
        }
    }

    private static ReplicateType type(String kind) {
        return switch (kind) {
            case "bootstrap" -> ReplicateType.BOOTSTRAP;
            case "subbootstrap" -> ReplicateType.SUBBOOTSTRAP;
            default -> ReplicateType.MRBBOOTSTRAP;
        };
    }

    private static void check(String what, JsonNode estimate, RScript.Output r, String key, int count) {
        JsonNode results = estimate.get("results");
        assertThat(results.size()).as(what).isEqualTo(count);
        for (int j = 0; j < count; j++) {
            String i = count == 1 ? "" : "[" + (j + 1) + "]";
            JsonNode row = results.get(j);
            RScript.close(what + " " + i, row.get("estimate").asDouble(), r.get(key + i), 1e-9);
            RScript.close(what + " SE " + i, row.get("se").asDouble(), r.get(key + "se" + i), 1e-9);
        }
    }

    /**
     * Three strata of 7, 5 and 9 PSUs; the second has fpc 5, the whole population of PSUs (its rows are R's
     * selfrep). Each PSU has 1 to 4 SSUs of one row (population 2 to 9 SSUs). Weights from the fpc.
     */
    private static String data() {
        StringBuilder out = new StringBuilder("str,psu,ssu,w,fpc1,fpc2,y,grp\n");
        int[] psus = {7, 5, 9};
        int[] pop = {20, 5, 30};
        int psu = 0;
        int row = 0;
        for (int s = 0; s < psus.length; s++) {
            for (int c = 0; c < psus[s]; c++) {
                psu++;
                int ssus = 1 + (psu * 5) % 4;
                int popSsu = ssus + psu % 3 + (ssus == 1 ? 1 : 0);
                for (int e = 0; e < ssus; e++, row++) {
                    double w = (double) pop[s] / psus[s] * popSsu / ssus;
                    double y = 10 + 3 * s + (row * 7 % 11) / 2.0 + (psu % 4);
                    out.append(s + 1).append(',').append(psu).append(',').append(e + 1).append(',')
                            .append(String.format(Locale.ROOT, "%.6f", w)).append(',').append(pop[s]).append(',')
                            .append(popSsu).append(',').append(y).append(',').append("abc".charAt((row * 2 + s) % 3))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String path(Path p) {
        return p.toString().replace("\\", "/");
    }
}
