package org.barometer.stats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.barometer.stats.RScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantiles, t-tests and models through {@code barometer estimate} ({@code cli/models.json}, the worked example of
 * docs/estimate.md) against R run inline: the same numbers, 1e-9 relative (the logistic model, an iterative fit
 * in R, 1e-7); and bad specs refused naming the JSON path.
 */
class ModelsCommandTest {
    @TempDir
    Path dir;

    @Test
    void theWorkedExampleAgreesWithR() {
        CliRun run = CliRun.of(CliRun.resource("models.json"));
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        JsonNode est = run.json().get("estimates");
        RScript.Output r = RScript.run("""
                D <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
                q <- svyquantile(~api00, D, c(0.25, 0.5, 0.75))[[1]]; o('q0', q[,1]); o('q0l', q[,2]); o('q0u', q[,3]); o('q0se', q[,4])
                for (l in c('E','H','M')) { q <- svyquantile(~enroll, subset(D, stype == l), 0.5, qrule='hf7')[[1]]; o(paste0('q1', l), q[1,]) }
                q <- svyquantile(~api00, subset(D, stype == 'H'), 0.5, interval.type='score')[[1]]; o('q2', q[1,])
                t <- svyttest(api00 ~ sch.wide, D); o('t', c(t$estimate, t$conf.int, t$statistic, t$parameter, t$p.value))
                m <- svyglm(sch.wide ~ stype + api99, D, family=quasibinomial()); s <- coef(summary(m))
                o('g', s[,1]); o('gse', s[,2]); o('gt', s[,3]); o('gp', s[,4]); rt <- regTermTest(m, ~stype); o('gF', c(rt$Ftest, rt$p, rt$ddf))
                m <- svyglm(api00 ~ ell + meals, subset(D, stype == 'E')); s <- coef(summary(m))
                o('h', s[,1]); o('hse', s[,2]); o('hdf', m$df.residual)
                """);
        for (int k = 0; k < 3; k++) {
            JsonNode row = est.get(0).get("results").get(k);
            String i = "[" + (k + 1) + "]";
            RScript.close("q0" + i, v(row.get("estimate")), r.get("q0" + i), 1e-9);
            RScript.close("q0l" + i, v(row.get("ci").get(0)), r.get("q0l" + i), 1e-9);
            RScript.close("q0u" + i, v(row.get("ci").get(1)), r.get("q0u" + i), 1e-9);
            RScript.close("q0se" + i, v(row.get("se")), r.get("q0se" + i), 1e-9);
        }
        String[] levels = {"E", "H", "M"};
        for (int d = 0; d < 3; d++) {
            JsonNode row = est.get(1).get("results").get(d);
            assertThat(row.get("domain").get("stype").asText()).isEqualTo(levels[d]);
            RScript.close("q1 " + levels[d], v(row.get("estimate")), r.get("q1" + levels[d] + "[1]"), 1e-9);
            RScript.close("q1 se " + levels[d], v(row.get("se")), r.get("q1" + levels[d] + "[4]"), 1e-9);
        }
        JsonNode q2 = est.get(2).get("results").get(0);
        RScript.close("q2", v(q2.get("estimate")), r.get("q2[1]"), 1e-9);
        RScript.close("q2 lower", v(q2.get("ci").get(0)), r.get("q2[2]"), 1e-9);
        RScript.close("q2 upper", v(q2.get("ci").get(1)), r.get("q2[3]"), 1e-9);
        JsonNode t = est.get(3).get("result");
        RScript.close("t estimate", v(t.get("estimate")), r.get("t[1]"), 1e-9);
        RScript.close("t lower", v(t.get("ci").get(0)), r.get("t[2]"), 1e-9);
        RScript.close("t upper", v(t.get("ci").get(1)), r.get("t[3]"), 1e-9);
        RScript.close("t", v(t.get("statistic")), r.get("t[4]"), 1e-9);
        RScript.close("t df", v(t.get("df")), r.get("t[5]"), 1e-9);
        RScript.close("t p", v(t.get("p")), r.get("t[6]"), 1e-9);
        JsonNode g = est.get(4);
        for (int j = 0; j < 4; j++) {
            JsonNode c = g.get("coefficients").get(j);
            String i = "[" + (j + 1) + "]";
            RScript.close("g" + i, v(c.get("estimate")), r.get("g" + i), 1e-7);
            RScript.close("gse" + i, v(c.get("se")), r.get("gse" + i), 1e-7);
            RScript.close("gp" + i, v(c.get("p")), r.get("gp" + i), 1e-6);
        }
        assertThat(g.get("coefficients").get(1).get("name").asText()).isEqualTo("stypeH");
        RScript.close("gF", v(g.get("test").get("statistic")), r.get("gF[1]"), 1e-7);
        RScript.close("gF p", v(g.get("test").get("p")), r.get("gF[2]"), 1e-6);
        RScript.close("gF ddf", v(g.get("test").get("df").get(1)), r.get("gF[3]"), 0);
        JsonNode h = est.get(5);
        RScript.close("h df", v(h.get("df")), r.get("hdf"), 0);
        for (int j = 0; j < 3; j++) {
            String i = "[" + (j + 1) + "]";
            RScript.close("h" + i, v(h.get("coefficients").get(j).get("estimate")), r.get("h" + i), 1e-9);
            RScript.close("hse" + i, v(h.get("coefficients").get(j).get("se")), r.get("hse" + i), 1e-9);
        }
    }

    /** A number of the output; null (R's NA or NaN) as NaN. */
    private static double v(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static final String CLUS1 = "\"data\": \"$DATA/apiclus1.csv\", "
            + "\"design\": {\"ids\": \"dnum\", \"weights\": \"pw\", \"fpc\": \"fpc\"}";

    private void refused(String estimate, String message) {
        CliRun run = CliRun.ofText(dir, "{" + CLUS1 + ", \"levels\": {\"stype\": [\"E\", \"H\", \"M\", \"X\"]},"
                + " \"estimates\": [" + estimate + "]}");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        String err = run.err().strip();
        assertThat(err.substring(err.indexOf("spec.json: ") + "spec.json: ".length())).isEqualTo(message);
    }

    @Test
    void badSpecsAreRefusedNamingThePlace() {
        refused("{\"quantile\": \"api00\", \"probabilities\": [0.5, 1]}",
                "estimates[0].probabilities[1]: a quantile's probability must be in (0, 1), found 1.0");
        refused("{\"quantile\": \"api00\", \"by\": \"stype\"}",
                "estimates[0]: by 'stype': level 'X' has no rows of nonzero weight");
        refused("{\"quantile\": \"api00\", \"subset\": {\"stype\": \"X\"}}",
                "estimates[0].subset: no rows of nonzero weight in the subset");
        refused("{\"quantile\": \"api00\", \"subset\": {\"stype\": \"Q\"}}",
                "estimates[0].subset.stype: variable 'stype' has no category 'Q' (categories: E, H, M, X)");
        refused("{\"quantile\": \"api00\", \"rule\": \"hf10\"}",
                "estimates[0].rule: unknown quantile rule 'hf10'; expected one of math, school, shahvaish, hf1, hf2,"
                        + " hf3, hf4, hf5, hf6, hf7, hf8, hf9");
        refused("{\"glm\": \"api00\", \"family\": \"binomial\", \"terms\": [\"ell\"]}",
                "estimates[0]: response 'api00', row 1: value 608 is not 0 or 1; a logistic model needs a binary outcome");
        refused("{\"glm\": \"api00\", \"terms\": [\"api99\", \"api99x\"]}",
                "estimates[0].terms[1]: unknown column 'api99x'; the data have " + String.join(", ",
                        org.barometer.stats.ApiData.table("apiclus1").columnNames()));
        // growth is api00 - api99 in the api data
        refused("{\"glm\": \"ell\", \"terms\": [\"api00\", \"api99\", \"growth\"]}",
                "estimates[0].terms[2]: coefficient 'growth' is aliased with the coefficients before it (a linear"
                        + " combination of them among the model's rows); drop the term, or give \"aliased\": \"drop\""
                        + " to leave the coefficient out as R's glm does (NA)");
        refused("{\"glm\": \"api00\", \"terms\": [\"ell\"], \"aliased\": \"keep\"}",
                "estimates[0].aliased: unknown aliased 'keep'; expected one of refuse, drop");
        refused("{\"glm\": \"api00\", \"terms\": [\"stype\", \"api99\"], \"term.test\": [\"ell\"]}",
                "estimates[0].term.test: 'ell' is not one of the model's terms (stype, api99)");
        refused("{\"ttest\": \"api00\", \"group\": \"stype\"}",
                "estimates[0]: group 'stype': a t-test needs exactly two groups (R: group must be binary); found 3"
                        + " levels among the rows");
        refused("{\"ttest\": \"api00\", \"group\": \"sch.wide\", \"by\": \"stype\"}",
                "estimates[0].by: 'by' does not apply to a t-test; give the domain as 'subset'");
    }
}
