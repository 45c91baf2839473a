package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.LonelyPsu;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.ProportionInterval.Method;
import org.junit.jupiter.api.Test;

/**
 * Proportion intervals in domains against R: every method of {@code svyciprop} on subset designs of the api data
 * ({@code r-survey/domain-proportions.R}, whose output is {@code domain-proportions.txt}), to 1e-9 relative, with
 * the subset's degrees of freedom ({@code degf}) as R's default. The cases cut across strata and clusters, hold a
 * share of exactly 0 and of 1, a domain in one PSU (no degrees of freedom) and in two (where R's logit interval
 * loses its tail to rounding and becomes (0, NA)), a calibrated design (whose subsets keep
 * every row), lonely PSUs in the design and in the domain, and a replicate design.
 */
class DomainProportionIntervalReferenceTest {

    /** Standard errors that are zero in exact arithmetic are rounding noise in R and here alike. */
    private static final double ZERO_SE = 1e-15;

    /** One case of the R script: the design, the domain and the 0/1 indicator named {@code y}. */
    private record Case(SampleDesign design, boolean[] domain) {}

    private static Case taylor(Design design, IntPredicate domain, IntPredicate indicator) {
        int n = design.rowCount();
        boolean[] in = new boolean[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = domain.test(i);
            y[i] = indicator.test(i) ? 1 : 0;
        }
        return new Case(design.withTable(design.table().with(new NumericColumn("y", y))), in);
    }

    private static Case replicate(ReplicateDesign design, IntPredicate domain, IntPredicate indicator) {
        Case c = taylor(ApiData.dclus1(), domain, indicator); // same rows as the jackknife of dclus1
        return new Case(design.withTable(c.design().table()), c.domain());
    }

    private static IntPredicate is(DataTable t, String variable, String value) {
        return i -> t.column(variable).text(i).equals(value);
    }

    private static Design ds(LonelyPsu rule, boolean domainLonely) {
        return Design.builder(ApiData.table("apiclus1")).strata("dnum").weights("pw").lonelyPsu(rule)
                .adjustDomainLonely(domainLonely).build();
    }

    private static Map<String, Case> cases() {
        DataTable strat = ApiData.table("apistrat");
        DataTable clus = ApiData.table("apiclus1");
        Design dclus1p = DesignCalibration.postStratify(ApiData.dclus1(),
                PopulationMargin.of("stype", "E", 4421.0, "H", 755.0, "M", 1018.0)).design();
        ReplicateDesign rclus1 = ReplicateDesign.jackknife(ApiData.dclus1(), false);
        Map<String, Case> c = new LinkedHashMap<>();
        c.put("dstrat.yrrndNo.awards", taylor(ApiData.dstrat(), is(strat, "yr.rnd", "No"), is(strat, "awards", "Yes")));
        c.put("dclus1.H.schwide", taylor(ApiData.dclus1(), is(clus, "stype", "H"), is(clus, "sch.wide", "Yes")));
        c.put("dclus1.M.ell0", taylor(ApiData.dclus1(), is(clus, "stype", "M"), i -> clus.numeric("ell").get(i) < 10));
        c.put("dclus1.H.zero", taylor(ApiData.dclus1(), is(clus, "stype", "H"), is(clus, "yr.rnd", "Yes")));
        c.put("dclus1.H.one", taylor(ApiData.dclus1(), is(clus, "stype", "H"), is(clus, "yr.rnd", "No")));
        c.put("dclus1.onePsu.schwide", taylor(ApiData.dclus1(), is(clus, "dnum", "716"), is(clus, "sch.wide", "Yes")));
        c.put("dclus1.twoPsu.schwide", taylor(ApiData.dclus1(), i -> Set.of("637", "716").contains(clus.column("dnum")
                .text(i)), is(clus, "sch.wide", "Yes")));
        c.put("dclus1p.yrrndNo.awards", taylor(dclus1p, is(clus, "yr.rnd", "No"), is(clus, "awards", "Yes")));
        c.put("ds.E.adjust", taylor(ds(LonelyPsu.ADJUST, false), is(clus, "stype", "E"), is(clus, "sch.wide", "Yes")));
        c.put("ds.M.adjust.domain", taylor(ds(LonelyPsu.ADJUST, true), is(clus, "stype", "M"),
                is(clus, "sch.wide", "Yes")));
        c.put("ds.M.average.domain", taylor(ds(LonelyPsu.AVERAGE, true), is(clus, "stype", "M"),
                is(clus, "sch.wide", "Yes")));
        c.put("rclus1.H.schwide", replicate(rclus1, is(clus, "stype", "H"), is(clus, "sch.wide", "Yes")));
        c.put("rclus1.E.awards", replicate(rclus1, is(clus, "stype", "E"), is(clus, "awards", "Yes")));
        return c;
    }

    /** R's output: for each "case method", its fields. */
    private static Map<String, Map<String, String>> reference() throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DomainProportionIntervalReferenceTest.class.getResourceAsStream("/r-survey/domain-proportions.txt"),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.trim().split(" ");
                assertThat(f).as(line).hasSize(4);
                out.computeIfAbsent(f[0] + " " + f[1], k -> new LinkedHashMap<>()).put(f[2], f[3]);
            }
        }
        return out;
    }

    private static Method method(String r) {
        return switch (r) {
            case "mean" -> Method.MEAN;
            case "xlogit" -> Method.XLOGIT;
            case "asin" -> Method.ASIN;
            case "beta" -> Method.BETA;
            case "logit" -> Method.LOGIT;
            case "likelihood" -> Method.LIKELIHOOD;
            default -> throw new IllegalArgumentException(r);
        };
    }

    @Test
    void everyMethodInEveryDomainAgreesWithR() throws IOException {
        Map<String, Case> cases = cases();
        Map<String, Map<String, String>> reference = reference();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int refusals = 0;
        for (Map.Entry<String, Map<String, String>> e : reference.entrySet()) {
            String[] key = e.getKey().split(" ");
            Case c = cases.get(key[0]);
            assertThat(c).as("case " + key[0] + " of the R script").isNotNull();
            Map<String, String> r = e.getValue();
            Method method = method(key[1]);
            double df = c.design().degreesOfFreedom(c.domain());
            if (r.containsKey("error")) {
                // R stops; the engine refuses with its own message
                assertThatThrownBy(() -> ProportionInterval.of(c.design(), "y", c.domain(), method, 0.95, df))
                        .as(e.getKey() + " (R: " + r.get("error") + ")").isInstanceOf(SurveyInputException.class);
                refusals++;
                continue;
            }
            ProportionInterval ci = ProportionInterval.of(c.design(), "y", c.domain(), method, 0.95, df);
            assertThat(ci.method()).isEqualTo(method);
            compared += check(failures, e.getKey() + " df", df, r.get("df"), 0);
            compared += check(failures, e.getKey() + " estimate", ci.proportion(), r.get("estimate"), 0);
            compared += check(failures, e.getKey() + " se", ci.standardError(), r.get("se"), ZERO_SE);
            compared += check(failures, e.getKey() + " lower", ci.lower(), r.get("lower"), 0);
            compared += check(failures, e.getKey() + " upper", ci.upper(), r.get("upper"), 0);
        }
        assertThat(failures).isEmpty();
        assertThat(reference).hasSize(cases.size() * 6 - 2); // replicate designs have no likelihood interval
        assertThat(compared).isEqualTo((reference.size() - refusals) * 5);
        assertThat(refusals).isEqualTo(3); // the shares of 0 and 1, and the domain without degrees of freedom
    }

    /** Compares one number to R's text (NaN only with NaN); adds a failure message if they differ. */
    private static int check(List<String> failures, String what, double mine, String r, double floor) {
        assertThat(r).as(what + " printed by R").isNotNull();
        double expected = Double.parseDouble(r);
        boolean ok = Double.isNaN(expected) ? Double.isNaN(mine)
                : Math.abs(mine - expected) <= 1e-9 * Math.abs(expected) + floor;
        if (!ok) failures.add(what + ": R " + r + ", engine " + mine);
        return 1;
    }

    @Test
    void wholeSampleIsTheDomainOfAllRows() {
        Case c = cases().get("dclus1.H.schwide");
        boolean[] all = new boolean[c.design().rowCount()];
        java.util.Arrays.fill(all, true);
        for (Method m : Method.values()) {
            ProportionInterval whole = ProportionInterval.of(c.design(), "y", m, 0.95, 14);
            assertThat(ProportionInterval.of(c.design(), "y", all, m, 0.95, 14)).as(m.name()).isEqualTo(whole);
            assertThat(ProportionInterval.of(c.design(), "y", null, m, 0.95, 14)).as(m.name()).isEqualTo(whole);
        }
    }

    @Test
    void missingIndicatorOutsideTheDomainIsIgnoredInsideRefusedByTheModels() {
        Case c = cases().get("dclus1.H.schwide");
        DataTable t = c.design().table();
        double[] y = t.numeric("y").values().clone();
        int outside = 0;
        while (c.domain()[outside]) outside++;
        int inside = 0;
        while (!c.domain()[inside]) inside++;
        y[outside] = Double.NaN;
        Design holed = ((Design) c.design()).withTable(t.with(new NumericColumn("y", y)));
        for (Method m : Method.values()) {
            assertThat(ProportionInterval.of(holed, "y", c.domain(), m, 0.95, 7))
                    .as(m.name()).isEqualTo(ProportionInterval.of(c.design(), "y", c.domain(), m, 0.95, 7));
        }
        y[inside] = Double.NaN;
        Design missing = ((Design) c.design()).withTable(t.with(new NumericColumn("y", y)));
        ProportionInterval wald = ProportionInterval.of(missing, "y", c.domain(), Method.XLOGIT, 0.95, 7);
        assertThat(wald.proportion()).isNaN(); // R's svymean without na.rm: NA
        assertThat(wald.lower()).isNaN();
        assertThatThrownBy(() -> ProportionInterval.of(missing, "y", c.domain(), Method.LOGIT, 0.95, 7))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("logit interval indicator, row " + (inside + 1) + ": missing value");
        assertThatThrownBy(() -> ProportionInterval.of(missing, "y", c.domain(), Method.LIKELIHOOD, 0.95, 7))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("likelihood interval indicator, row " + (inside + 1) + ": missing value");
    }

    @Test
    void domainOfTheWrongLengthIsRefused() {
        Case c = cases().get("dclus1.H.schwide");
        assertThatThrownBy(() -> ProportionInterval.of(c.design(), "y", new boolean[3], Method.MEAN, 0.95, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("domain has 3 rows, design 183");
    }
}
