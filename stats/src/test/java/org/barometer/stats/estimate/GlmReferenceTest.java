package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.ApiData;
import org.barometer.stats.RScript;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.calibrate.CalibrationOptions;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.SurveyGlm.Family;
import org.barometer.stats.estimate.SurveyGlm.Fit;
import org.junit.jupiter.api.Test;

/**
 * Generalised linear models and t-tests against R's {@code svyglm}, {@code regTermTest} and {@code svyttest}
 * (survey 4.1-1), run inline by {@link RScript}. Linear models (R's fit is exact after two iterations) agree to
 * 1e-9 relative; logistic and Poisson models, which R fits iteratively ({@code glm.fit}, stopping on a relative
 * deviance change below 1e-8), to 1e-7. The cases include a logistic model with a factor and a numeric
 * predictor on a stratified cluster design, one after calibration, one on a domain, a Poisson model with
 * missing values (R's na.omit), and replicate designs (JK1, JKn).
 */
class GlmReferenceTest {
    private static final double EXACT = 1e-9;
    private static final double ITERATIVE = 1e-7;

    /** The api data with 0/1 versions of the Yes/No variables, as R's {@code as.numeric(x == "Yes")}. */
    private static DataTable withBinary(DataTable t) {
        for (String v : List.of("sch.wide", "awards", "comp.imp")) {
            double[] b = new double[t.rowCount()];
            for (int i = 0; i < b.length; i++) b[i] = t.column(v).text(i).equals("Yes") ? 1 : 0;
            t = t.with(new NumericColumn(v.replace(".", "") + "01", b));
        }
        return t;
    }

    private static final String R_BINARY = "bin <- function(d) update(d, schwide01 = as.numeric(sch.wide == 'Yes'),"
            + " awards01 = as.numeric(awards == 'Yes'), compimp01 = as.numeric(comp.imp == 'Yes'))\n";

    private record Model(String key, String rDesign, String rFormula, String rFamily, SampleDesign design,
            String response, List<String> terms, Family family, boolean[] domain, String testTerm) {}

    private static boolean[] rows(DataTable t, String variable, String level, boolean equal) {
        boolean[] in = new boolean[t.rowCount()];
        for (int i = 0; i < in.length; i++) in[i] = t.column(variable).text(i).equals(level) == equal;
        return in;
    }

    private static Map<String, SampleDesign> designs() {
        Map<String, SampleDesign> d = new LinkedHashMap<>();
        d.put("dstrat", ApiData.dstrat().withTable(withBinary(ApiData.table("apistrat"))));
        d.put("dclus2", ApiData.dclus2().withTable(withBinary(ApiData.table("apiclus2"))));
        Design sc = Design.builder(withBinary(ApiData.table("apiclus1"))).ids("dnum").strata("stype").weights("pw")
                .nest(true).build();
        d.put("dstratclus", sc);
        Design dclus1 = ApiData.dclus1().withTable(withBinary(ApiData.table("apiclus1")));
        d.put("dclus1", dclus1);
        Map<String, Double> pop = new LinkedHashMap<>();
        pop.put("(Intercept)", 6194.0);
        pop.put("stypeH", 755.0);
        pop.put("stypeM", 1018.0);
        pop.put("api99", 3914069.0);
        d.put("dclus1g", DesignCalibration.calibrate(dclus1, List.of("stype", "api99"), pop,
                CalibrationOptions.linear()).design());
        d.put("rclus1", ReplicateDesign.jackknife(ApiData.dclus1(), false).withTable(dclus1.table()));
        d.put("rstrat", ReplicateDesign.jackknife(ApiData.dstrat(), false).withTable(d.get("dstrat").table()));
        return d;
    }

    private static final Map<String, String> R_DESIGNS = Map.of(
            "dstrat", "bin(svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc))",
            "dclus2", "bin(svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2))",
            "dstratclus", "bin(svydesign(id=~dnum, strata=~stype, weights=~pw, data=apiclus1, nest=TRUE))",
            "dclus1", "bin(svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc))",
            "dclus1g", "calibrate(bin(svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)), ~stype + api99,"
                    + " c(`(Intercept)`=6194, stypeH=755, stypeM=1018, api99=3914069))",
            "rclus1", "bin(as.svrepdesign(svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)))",
            "rstrat", "bin(as.svrepdesign(svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)))");

    private static List<Model> models() {
        Map<String, SampleDesign> d = designs();
        List<Model> m = new ArrayList<>();
        m.add(model("lin.dstrat", "dstrat", null, "api00", List.of("ell", "meals", "mobility"), Family.GAUSSIAN, null, "meals", d));
        m.add(model("lin.dclus2", "dclus2", null, "api00", List.of("stype", "ell", "meals"), Family.GAUSSIAN, null, "stype", d));
        m.add(model("logit.stratclus", "dstratclus", null, "awards01", List.of("stype", "api99"), Family.BINOMIAL, null, "stype", d));
        m.add(model("qlogit.stratclus", "dstratclus", null, "schwide01", List.of("stype", "ell"), Family.QUASIBINOMIAL, null, "stype", d));
        m.add(model("logit.dclus2", "dclus2", null, "schwide01", List.of("stype", "api99"), Family.QUASIBINOMIAL, null, "stype", d));
        m.add(model("logit.calibrated", "dclus1g", null, "awards01", List.of("stype", "api99"), Family.QUASIBINOMIAL, null, "stype", d));
        m.add(model("lin.calibrated", "dclus1g", null, "api00", List.of("ell", "sch.wide"), Family.GAUSSIAN, null, "sch.wide", d));
        m.add(model("logit.domain", "dstrat", "stype != 'E'", "awards01", List.of("stype", "api99"), Family.BINOMIAL, null, "stype", d));
        m.add(model("logit.domain.clus", "dclus1", "stype != 'H'", "schwide01", List.of("comp.imp", "api99"), Family.QUASIBINOMIAL, null, "comp.imp", d));
        m.add(model("lin.domain.calibrated", "dclus1g", "stype == 'E'", "api00", List.of("ell", "meals"), Family.GAUSSIAN, null, "ell", d));
        m.add(model("pois.dclus2", "dclus2", null, "enroll", List.of("stype", "meals"), Family.POISSON, null, "stype", d));
        m.add(model("pois.dstrat", "dstrat", null, "api.stu", List.of("ell"), Family.POISSON, null, "ell", d));
        m.add(model("logit.rclus1", "rclus1", null, "schwide01", List.of("stype", "ell"), Family.QUASIBINOMIAL, null, "stype", d));
        m.add(model("lin.rstrat", "rstrat", null, "api00", List.of("ell", "meals"), Family.GAUSSIAN, null, "meals", d));
        m.add(model("logit.rstrat.domain", "rstrat", "stype != 'M'", "awards01", List.of("api99"), Family.BINOMIAL, null, "api99", d));
        return m;
    }

    private static Model model(String key, String design, String rSubset, String response, List<String> terms,
            Family family, boolean[] unused, String test, Map<String, SampleDesign> d) {
        SampleDesign sd = d.get(design);
        boolean[] domain = null;
        String rd = R_DESIGNS.get(design);
        if (rSubset != null) {
            String[] parts = rSubset.split(" ");
            domain = rows(sd.table(), parts[0], parts[2].replace("'", ""), parts[1].equals("=="));
            rd = "subset(" + rd + ", " + rSubset + ")";
        }
        return new Model(key, rd, response + " ~ " + String.join(" + ", terms), family.name().toLowerCase(), sd,
                response, terms, family, domain, test);
    }

    @Test
    void modelsAgreeWithSvyglmAndRegTermTest() {
        List<Model> models = models();
        StringBuilder r = new StringBuilder(R_BINARY);
        for (Model m : models) {
            String k = m.key();
            r.append("e('").append(k).append("', { m <- svyglm(").append(m.rFormula()).append(", design = ")
                    .append(m.rDesign()).append(", family = ").append(m.rFamily()).append("()); s <- coef(summary(m));")
                    .append(" o('").append(k).append(".coef', coef(m)); o('").append(k).append(".se', SE(m)); o('")
                    .append(k).append(".t', s[,3]); o('").append(k).append(".p', s[,4]); o('").append(k)
                    .append(".df', m$df.residual); rt <- regTermTest(m, ~").append(m.testTerm()).append("); o('")
                    .append(k).append(".F', rt$Ftest); o('").append(k).append(".Fdf', rt$df); o('").append(k)
                    .append(".Fp', rt$p); o('").append(k).append(".n', length(coef(m))) })\n");
        }
        RScript.Output out = RScript.run(r.toString());
        assertThat(out.errors()).as("R refused").isEmpty();
        List<String> failures = new ArrayList<>();
        for (Model m : models) {
            double tol = m.family() == Family.GAUSSIAN ? EXACT : ITERATIVE;
            Fit f = SurveyGlm.fit(m.design(), m.response(), m.terms(), m.family(), m.domain());
            String k = m.key();
            assertThat((double) f.names().size()).as(k + " coefficients").isEqualTo(out.get(k + ".n"));
            check(failures, k + ".df", f.residualDf(), out.get(k + ".df"), 0);
            for (int j = 0; j < f.names().size(); j++) {
                String idx = f.names().size() == 1 ? "" : "[" + (j + 1) + "]";
                check(failures, k + ".coef" + idx + " " + f.names().get(j), f.coefficient(j), out.get(k + ".coef" + idx), tol);
                check(failures, k + ".se" + idx, f.standardError(j), out.get(k + ".se" + idx), tol);
                check(failures, k + ".t" + idx, f.t(j), out.get(k + ".t" + idx), tol);
                check(failures, k + ".p" + idx, f.p(j), out.get(k + ".p" + idx), tol * 10);
            }
            SurveyGlm.TermTest tt = f.termTest(List.of(m.testTerm()));
            check(failures, k + ".F", tt.f(), out.get(k + ".F"), tol);
            check(failures, k + ".Fdf", tt.df(), out.get(k + ".Fdf"), 0);
            check(failures, k + ".Fp", tt.p(), out.get(k + ".Fp"), tol * 10);
        }
        assertThat(failures).isEmpty();
    }

    private record TCase(String key, String rDesign, SampleDesign design, String y, String g, boolean[] domain) {}

    @Test
    void tTestsBetweenTwoDomainsAgreeWithSvyttest() {
        Map<String, SampleDesign> d = designs();
        DataTable c1 = d.get("dclus1").table();
        List<TCase> cases = List.of(
                new TCase("t.dclus1", R_DESIGNS.get("dclus1"), d.get("dclus1"), "api00", "sch.wide", null),
                new TCase("t.dstrat", R_DESIGNS.get("dstrat"), d.get("dstrat"), "enroll", "comp.imp", null),
                new TCase("t.dclus2.01", R_DESIGNS.get("dclus2"), d.get("dclus2"), "api00", "awards01", null),
                new TCase("t.domain", "subset(" + R_DESIGNS.get("dclus1") + ", stype == 'E')", d.get("dclus1"),
                        "api00", "sch.wide", rows(c1, "stype", "E", true)),
                new TCase("t.calibrated", R_DESIGNS.get("dclus1g"), d.get("dclus1g"), "api00", "awards", null),
                new TCase("t.rclus1", R_DESIGNS.get("rclus1"), d.get("rclus1"), "api99", "awards", null));
        StringBuilder r = new StringBuilder(R_BINARY);
        for (TCase c : cases) {
            String k = c.key();
            r.append("e('").append(k).append("', { t <- svyttest(").append(c.y()).append(" ~ ").append(c.g())
                    .append(", ").append(c.rDesign()).append("); o('").append(k).append(".t', t$statistic); o('")
                    .append(k).append(".df', t$parameter); o('").append(k).append(".p', t$p.value); o('").append(k)
                    .append(".est', t$estimate); o('").append(k).append(".ci', t$conf.int) })\n");
        }
        RScript.Output out = RScript.run(r.toString());
        assertThat(out.errors()).as("R refused").isEmpty();
        List<String> failures = new ArrayList<>();
        for (TCase c : cases) {
            SurveyGlm.TTest t = SurveyGlm.tTest(c.design(), c.y(), c.g(), c.domain());
            String k = c.key();
            check(failures, k + ".t", t.t(), out.get(k + ".t"), EXACT);
            check(failures, k + ".df", t.df(), out.get(k + ".df"), 0);
            check(failures, k + ".p", t.p(), out.get(k + ".p"), EXACT);
            check(failures, k + ".est", t.difference(), out.get(k + ".est"), EXACT);
            check(failures, k + ".ci1", t.lower(), out.get(k + ".ci[1]"), EXACT);
            check(failures, k + ".ci2", t.upper(), out.get(k + ".ci[2]"), EXACT);
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String what, double mine, double r, double tol) {
        try {
            RScript.close(what, mine, r, tol);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    @Test
    void badModelsAreRefusedNamingThePlace() {
        SampleDesign d = designs().get("dstrat");
        DataTable t = d.table();
        double[] twice = new double[t.rowCount()];
        for (int i = 0; i < twice.length; i++) twice[i] = 2 * t.numeric("ell").get(i) + 1;
        SampleDesign dc = d.withTable(t.with(new NumericColumn("ell2", twice)));
        // an aliased column leaves the fit as in R's glm.fit: its coefficient is NA, the rest is the model without it
        SurveyGlm.Fit aliased = SurveyGlm.fit(dc, "api00", List.of("ell", "ell2"), Family.GAUSSIAN, null);
        SurveyGlm.Fit without = SurveyGlm.fit(d, "api00", List.of("ell"), Family.GAUSSIAN, null);
        assertThat(aliased.names()).containsExactly("(Intercept)", "ell", "ell2");
        assertThat(aliased.coefficient(2)).isNaN();
        assertThat(aliased.standardError(2)).isNaN();
        for (int j = 0; j < 2; j++) {
            assertThat(aliased.coefficient(j)).isEqualTo(without.coefficient(j));
            assertThat(aliased.standardError(j)).isEqualTo(without.standardError(j));
        }
        assertThat(aliased.residualDf()).isEqualTo(without.residualDf());
        assertThatThrownBy(() -> SurveyGlm.fit(d, "api00", List.of("ell"), Family.BINOMIAL, null))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("response 'api00', row 1: value 840 is not 0 or 1; a logistic model needs a binary outcome");
        // in the domain of one school type the factor has one level left (R's drop.unused.levels)
        assertThat(SurveyGlm.fit(d, "api00", List.of("stype"), Family.GAUSSIAN, rows(t, "stype", "E", true)).names())
                .containsExactly("(Intercept)");
        assertThatThrownBy(() -> SurveyGlm.tTest(d, "api00", "stype", rows(t, "stype", "E", true)))
                .isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("group 'stype': a t-test needs exactly two groups");
        assertThatThrownBy(() -> SurveyGlm.tTest(d, "api00", "stype", null)).isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("group 'stype': a t-test needs exactly two groups");
        Fit f = SurveyGlm.fit(d, "api00", List.of("ell"), Family.GAUSSIAN, null);
        assertThatThrownBy(() -> f.termTest(List.of("meals"))).isInstanceOf(SurveyInputException.class)
                .hasMessage("terms to test[0]: 'meals' is not a term of the model (terms: ell)");
    }
}
