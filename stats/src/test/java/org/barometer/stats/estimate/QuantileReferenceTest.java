package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.stats.ApiData;
import org.barometer.stats.RScript;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.Quantiles.Interval;
import org.barometer.stats.estimate.Quantiles.Options;
import org.barometer.stats.estimate.Quantiles.QuantileEstimate;
import org.junit.jupiter.api.Test;

/**
 * Quantiles against R's {@code svyquantile} (survey 4.1-1), run inline by {@link RScript}: every quantile rule
 * with Woodruff's interval on Taylor and replicate designs (one- and two-stage clusters, strata, a
 * post-stratified design, JK1 and JKn replicates), the other interval types, domains as R's {@code subset}
 * and {@code svyby}, and {@code na.rm}; all to 1e-9 relative.
 */
class QuantileReferenceTest {
    private static final double[] P = {0.1, 0.25, 0.5, 0.9};
    private static final String RP = "c(0.1, 0.25, 0.5, 0.9)";

    private record Case(String rDesign, SampleDesign design) {}

    private static Map<String, Case> designs() {
        Map<String, Case> d = new LinkedHashMap<>();
        d.put("dclus1", new Case("svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)", ApiData.dclus1()));
        d.put("dstrat", new Case("svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)",
                ApiData.dstrat()));
        d.put("dclus2", new Case("svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2)", ApiData.dclus2()));
        d.put("dclus1p", new Case("postStratify(svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc), ~stype,"
                + " data.frame(stype=c('E','H','M'), Freq=c(4421, 755, 1018)))",
                DesignCalibration.postStratify(ApiData.dclus1(),
                        PopulationMargin.of("stype", "E", 4421.0, "H", 755.0, "M", 1018.0)).design()));
        d.put("rclus1", new Case("as.svrepdesign(svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc))",
                ReplicateDesign.jackknife(ApiData.dclus1(), false)));
        d.put("rstrat", new Case("as.svrepdesign(svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat,"
                + " fpc=~fpc), type='JKn')", ReplicateDesign.fromDesign(ApiData.dstrat(), ReplicateType.JKN, 0, false)));
        return d;
    }

    private static final List<String> RULES = List.of("math", "school", "shahvaish", "hf1", "hf2", "hf3", "hf4",
            "hf5", "hf6", "hf7", "hf8", "hf9");

    /** One call of svyquantile: its key, its R call, and the engine's answer. */
    private record Call(String key, String r, java.util.function.Supplier<List<QuantileEstimate>> engine) {}

    private static String rCall(String design, String variable, String rule, String interval, String extra) {
        return String.format(Locale.ROOT, "svyquantile(~%s, %s, %s, qrule='%s', interval.type='%s'%s)[[1]]",
                variable, design, RP, rule, interval, extra);
    }

    private static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<String, Case> e : designs().entrySet()) {
            String name = e.getKey();
            SampleDesign d = e.getValue().design();
            boolean rep = d instanceof ReplicateDesign;
            for (String rule : RULES) {
                Options o = Options.defaults().withRule(QuantileRule.fromR("rule", rule));
                calls.add(new Call(name + "." + rule + ".mean", rCall("D", "api00", rule, "mean", ""),
                        () -> Quantiles.of(d, "api00", P, null, o)));
            }
            List<String> intervals = new ArrayList<>(List.of("beta", "xlogit", "asin"));
            intervals.add(rep ? "quantile" : "score");
            for (String it : intervals) {
                for (String rule : List.of("math", "hf7")) {
                    Options o = Options.defaults().withRule(QuantileRule.fromR("rule", rule))
                            .withInterval(Interval.fromR("interval", it));
                    calls.add(new Call(name + "." + rule + "." + it, rCall("D", "meals", rule, it, ""),
                            () -> Quantiles.of(d, "meals", P, null, o)));
                }
            }
            // a given df, another level, and na.rm of a variable with missing values
            Options o = Options.defaults().withDf(Double.POSITIVE_INFINITY).withLevel(0.9);
            calls.add(new Call(name + ".dfInf", rCall("D", "api99", "math", "mean", ", df=Inf, alpha=0.1"),
                    () -> Quantiles.of(d, "api99", P, null, o)));
            calls.add(new Call(name + ".narm", rCall("D", "avg.ed", "math", "mean", ", na.rm=TRUE"),
                    () -> Quantiles.of(d, "avg.ed", P, null, Options.defaults().withNaRm(true))));
            // domains: R's subset design
            DataTable t = d.table();
            for (String level : List.of("E", "H", "M")) {
                boolean[] in = new boolean[t.rowCount()];
                for (int i = 0; i < in.length; i++) in[i] = t.column("stype").text(i).equals(level);
                for (String rule : List.of("math", "school", "hf8")) {
                    Options ro = Options.defaults().withRule(QuantileRule.fromR("rule", rule));
                    calls.add(new Call(name + ".sub" + level + "." + rule, rCall("subset(D, stype=='" + level + "')",
                            "api00", rule, "mean", ""), () -> Quantiles.of(d, "api00", P, in, ro)));
                }
                Options so = Options.defaults().withInterval(rep ? Interval.QUANTILE : Interval.SCORE);
                calls.add(new Call(name + ".sub" + level + ".other", rCall("subset(D, stype=='" + level + "')",
                        "api00", "math", rep ? "quantile" : "score", ""), () -> Quantiles.of(d, "api00", P, in, so)));
            }
        }
        return calls;
    }

    @Test
    void everyRuleAndIntervalOnEveryDesignAgreesWithR() {
        List<Call> calls = calls();
        StringBuilder r = new StringBuilder();
        String current = null;
        for (Call c : calls) {
            String design = c.key().substring(0, c.key().indexOf('.'));
            if (!design.equals(current)) {
                r.append("D <- ").append(designs().get(design).rDesign()).append("\n");
                current = design;
            }
            r.append("e('").append(c.key()).append("', { q <- ").append(c.r())
                    .append("; o('").append(c.key()).append(".q', q[,1]); o('").append(c.key())
                    .append(".l', q[,2]); o('").append(c.key()).append(".u', q[,3]); o('").append(c.key())
                    .append(".se', q[,4]) })\n");
        }
        RScript.Output out = RScript.run(r.toString());
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int bothRefuse = 0;
        for (Call c : calls) {
            List<QuantileEstimate> engine;
            try {
                engine = c.engine().get();
            } catch (SurveyInputException ex) {
                if (out.errors().containsKey(c.key())) {
                    bothRefuse++;
                } else {
                    failures.add(c.key() + ": the engine refused (" + ex.getMessage() + "), R did not");
                }
                continue;
            }
            if (out.errors().containsKey(c.key())) {
                failures.add(c.key() + ": R refused (" + out.errors().get(c.key()) + "), the engine did not");
                continue;
            }
            for (int k = 0; k < P.length; k++) {
                QuantileEstimate q = engine.get(k);
                double[] mine = {q.quantile(), q.lower(), q.upper(), q.standardError()};
                String[] f = {"q", "l", "u", "se"};
                for (int j = 0; j < 4; j++) {
                    String key = c.key() + "." + f[j] + "[" + (k + 1) + "]";
                    try {
                        RScript.close(key, mine[j], out.get(key), 1e-9);
                    } catch (AssertionError ex) {
                        failures.add(ex.getMessage());
                    }
                    compared++;
                }
            }
        }
        assertThat(failures).as("disagreements with R (of " + compared + ")").isEmpty();
        assertThat(compared).isGreaterThan(1500);
        assertThat(bothRefuse).as("calls both refuse").isLessThan(calls.size() / 20);
    }

    @Test
    void byDomainIsSvybyWithItsStandardErrors() {
        SampleDesign d = ApiData.dclus1();
        List<Quantiles.DomainQuantiles> by = Quantiles.by(d, "api00", new double[] {0.25, 0.5}, Options.defaults(),
                "stype");
        RScript.Output out = RScript.run("""
                D <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
                b <- svyby(~api00, ~stype, D, svyquantile, quantiles=c(0.25, 0.5), ci=TRUE)
                o('coef', coef(b)); o('se', as.matrix(SE(b)))
                """);
        assertThat(by).hasSize(3);
        assertThat(by.get(0).domain()).containsExactly("E");
        // R's svyby lists by quantile, then domain
        for (int j = 0; j < 2; j++) {
            for (int dom = 0; dom < 3; dom++) {
                int k = j * 3 + dom + 1;
                QuantileEstimate q = by.get(dom).quantiles().get(j);
                RScript.close("coef " + k, q.quantile(), out.get("coef[" + k + "]"), 1e-9);
                RScript.close("se " + k, q.standardError(), out.get("se[" + k + "]"), 1e-9);
            }
        }
    }

    /**
     * Where the share at or below an estimate has no variance (the variable constant within strata), Woodruff's
     * limits are the rule at exactly that share, which is a cumulative weight share: which value R takes there is
     * decided by the last bits of its extended-precision sums (the share from {@code colSums}, the cumulative
     * weights from {@code cumsum}, the total from {@code sum}). On these 100,000 rows R takes the next value up at
     * 0.5 and 0.75 and the estimate itself at 0.25; an exact sum rounded once would take the estimate at all three.
     */
    @Test
    void limitsOnAStepOfTheRuleAreRsWhereTheShareHasNoVariance() {
        int n = 100_000;
        double[] stratum = new double[n];
        double[] w = new double[n];
        double[] fpc = new double[n];
        for (int i = 0; i < n; i++) {
            int h = i % 20 + 1;
            stratum[i] = h;
            w[i] = 16 + 8 * (h % 3) + h % 7;
            fpc[i] = 1e7;
        }
        DataTable t = DataTable.of(List.of(new org.barometer.stats.data.NumericColumn("stratum", stratum),
                new org.barometer.stats.data.NumericColumn("w", w), new org.barometer.stats.data.NumericColumn("fpc", fpc)));
        Design d = Design.builder(t).strata("stratum").fpc("fpc").weights("w").build();
        RScript.Output out = RScript.run("""
                n <- 100000; h <- ((0:(n - 1)) %% 20) + 1
                df <- data.frame(stratum = h, w = 16 + 8 * (h %% 3) + (h %% 7), fpc = 1e7)
                d <- svydesign(id = ~1, strata = ~stratum, fpc = ~fpc, weights = ~w, data = df)
                q <- svyquantile(~stratum, d, c(0.25, 0.5, 0.75))$stratum
                o('q', q[, 1]); o('lower', q[, 2]); o('upper', q[, 3]); o('se', q[, 4])
                """);
        List<QuantileEstimate> qs = Quantiles.of(d, "stratum", new double[] {0.25, 0.5, 0.75}, null, Options.defaults());
        for (int k = 0; k < 3; k++) {
            QuantileEstimate q = qs.get(k);
            String at = "p " + q.probability();
            assertThat(q.quantile()).as(at + " estimate").isEqualTo(out.get("q[" + (k + 1) + "]"));
            assertThat(q.lower()).as(at + " lower").isEqualTo(out.get("lower[" + (k + 1) + "]"));
            assertThat(q.upper()).as(at + " upper").isEqualTo(out.get("upper[" + (k + 1) + "]"));
            assertThat(q.standardError()).as(at + " se").isEqualTo(out.get("se[" + (k + 1) + "]"));
        }
        // the case is one where the limits leave the estimate, at 0.5 and 0.75
        assertThat(out.get("lower[2]")).isGreaterThan(out.get("q[2]"));
        assertThat(out.get("lower[3]")).isGreaterThan(out.get("q[3]"));
    }

    @Test
    void badInputIsRefusedNamingThePlace() {
        SampleDesign d = ApiData.dclus1();
        assertThatThrownBy(() -> Quantiles.of(d, "api00", new double[] {0.5, 1.2}, null, Options.defaults()))
                .isInstanceOf(SurveyInputException.class).hasMessage("quantiles[1]: 1.2 is not in (0, 1)");
        assertThatThrownBy(() -> Quantiles.of(d, "api00", new double[] {0}, null, Options.defaults()))
                .isInstanceOf(SurveyInputException.class).hasMessage("quantiles[0]: 0.0 is not in (0, 1)");
        DataTable t = d.table().withLevelOrder("stype", List.of("E", "H", "M", "X"));
        Design dx = ApiData.dclus1().withTable(t);
        assertThatThrownBy(() -> Quantiles.by(dx, "api00", new double[] {0.5}, Options.defaults(), "stype"))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("by 'stype': level 'X' has no rows of nonzero weight");
        assertThatThrownBy(() -> Quantiles.of(d, "avg.ed", new double[] {0.5}, null, Options.defaults()))
                .isInstanceOf(SurveyInputException.class).hasMessageStartingWith("quantile of 'avg.ed', row ")
                .hasMessageEndingWith("missing value; set na.rm to leave such rows out");
        assertThatThrownBy(() -> Quantiles.of(d, "api00", new double[] {0.5}, new boolean[d.rowCount()],
                Options.defaults())).isInstanceOf(SurveyInputException.class)
                .hasMessage("quantile of 'api00': no rows of nonzero weight in the domain");
        assertThatThrownBy(() -> Quantiles.of(d, "api00", new double[] {0.5}, null,
                Options.defaults().withInterval(Interval.QUANTILE))).isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("interval type: 'quantile' needs a replicate design");
    }
}
