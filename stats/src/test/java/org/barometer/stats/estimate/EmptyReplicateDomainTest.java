package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.barometer.stats.RScript;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.junit.jupiter.api.Test;

/**
 * A domain that some BRR half-samples leave without weight (its rows all in the PSUs those replicates drop), as R
 * survey 4.1-1 treats it: a model's replicate refit on weights 0/0 stops R ("NAs in V(mu)"), and the engine
 * refuses too; the replicates' own quantile interval leaves such a replicate out under the rules for which R's
 * answer there is NA (hf3, hf4), and is refused under the others, where R stops.
 */
class EmptyReplicateDomainTest {

    private static final String CSV = """
            str,psu,w,y,x,dom
            1,1,5.0625,48.168,2.34,p
            1,1,5.0625,63.565,3.236,q
            1,1,6.1875,54.985,3.946,r
            1,2,12,59.898,5.334,r
            1,2,13.5,78.705,2.698,r
            2,1,13.28125,83.033,4.315,q
            2,2,12.75,67.49,3.27,r
            3,1,15.859375,75.239,4.815,r
            3,2,10.1953125,74.234,3.035,r
            3,2,11.328125,62.942,2.638,p
            3,2,9.0625,96.745,2.905,r
            3,2,10.1953125,80.632,4.03,q
            """;

    private static ReplicateDesign brr() {
        DataTable t = DataTable.readCsv(new StringReader(CSV), "empty-replicate.csv");
        Design d = Design.builder(t).ids("psu").strata("str").weights("w").nest(true).build();
        return ReplicateDesign.fromDesign(d, ReplicateType.BRR, 0, false);
    }

    private static boolean[] domain(ReplicateDesign rd, String level) {
        FactorColumn dom = rd.table().factor("dom");
        boolean[] in = new boolean[dom.size()];
        for (int i = 0; i < in.length; i++) in[i] = dom.levels().get(dom.code(i)).equals(level);
        return in;
    }

    private static final String R_DESIGN = """
            d <- read.csv(text = "%s")
            des <- as.svrepdesign(svydesign(ids = ~psu, strata = ~str, weights = ~w, nest = TRUE, data = d),
                                  type = "BRR")
            """.formatted(CSV.strip().replace("\n", "\\n"));

    @Test
    void aQuantileUnderHf3LeavesTheEmptyReplicateOutAsR() {
        ReplicateDesign rd = brr();
        RScript.Output out = RScript.run(R_DESIGN + """
                q <- svyquantile(~y, subset(des, dom == "p"), 0.1, qrule = "hf3", interval.type = "quantile")[[1]]
                o('q', q[1, 1]); o('lower', q[1, 2]); o('upper', q[1, 3]); o('se', q[1, 4])
                e('math', svyquantile(~y, subset(des, dom == "p"), 0.1, qrule = "math", interval.type = "quantile"))
                """);
        Quantiles.Options hf3 = Quantiles.Options.defaults().withRule(QuantileRule.HF3)
                .withInterval(Quantiles.Interval.QUANTILE);
        Quantiles.QuantileEstimate q = Quantiles.of(rd, "y", new double[] {0.1}, domain(rd, "p"), hf3).get(0);
        RScript.close("estimate", q.quantile(), out.get("q"), 1e-9);
        RScript.close("lower", q.lower(), out.get("lower"), 1e-9);
        RScript.close("upper", q.upper(), out.get("upper"), 1e-9);
        RScript.close("se", q.standardError(), out.get("se"), 1e-9);
        // the case is one with such a replicate: R stops under the math rule
        assertThat(out.errors()).containsKey("math");
        assertThatThrownBy(() -> Quantiles.of(rd, "y", new double[] {0.1}, domain(rd, "p"),
                hf3.withRule(QuantileRule.MATH)))
                .isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("interval type 'quantile': a replicate leaves the rows no weight");
    }

    @Test
    void aModelIsRefusedWhereAReplicateLeavesItsRowsNoWeightAsR() {
        ReplicateDesign rd = brr();
        RScript.Output out = RScript.run(R_DESIGN + """
                e('glm', { m <- svyglm(y ~ x, subset(des, dom == "p")); o('glm', coef(m)) })
                """);
        assertThat(out.errors().get("glm")).contains("NAs in V(mu)");
        assertThatThrownBy(() -> SurveyGlm.fit(rd, "y", List.of("x"), SurveyGlm.Family.GAUSSIAN, domain(rd, "p")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("model: a replicate leaves the model's rows no weight (R: NAs in V(mu))");
    }
}
