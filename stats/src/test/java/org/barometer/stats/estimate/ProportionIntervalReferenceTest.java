package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.ProportionInterval.Method;
import org.junit.jupiter.api.Test;

/**
 * The "Proportion CIs" section of reference-survey-4.5.txt, every method to relative 1e-9.
 *
 * <p>The logit interval needed care: R fits it with glm's iteratively reweighted least squares, which stops at a
 * relative deviance change of 1e-8, so R's proportion is not the exact weighted mean (they differ at about 2e-9
 * relative here, see {@link #logitFitStopsWhereGlmStops}) and a closed-form logit interval could only be held to a
 * looser bound (about 1e-7). The engine repeats glm's iterations (same start, same stopping rule, same final
 * working weights in the sandwich), so the usual 1e-9 bound holds; the test would catch a closed-form shortcut.
 */
class ProportionIntervalReferenceTest {

    private static Design withIndicator(Design d, String name, double[] values) {
        DataTable t = d.table().with(new NumericColumn(name, values));
        return d.withTable(t);
    }

    /** dclus1 with ell0 = I(ell == 0). */
    private static Design dclus1() {
        Design d = ApiData.dclus1();
        NumericColumn ell = d.table().numeric("ell");
        double[] v = new double[ell.size()];
        for (int i = 0; i < v.length; i++) v[i] = ell.get(i) == 0 ? 1 : 0;
        return withIndicator(d, "ell0", v);
    }

    /** dstrat with yes = I(sch.wide == "Yes"). */
    private static Design dstrat() {
        Design d = ApiData.dstrat();
        var f = d.table().factor("sch.wide");
        int yes = f.levelIndex("Yes");
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.code(i) == yes ? 1 : 0;
        return withIndicator(d, "yes", v);
    }

    private static void check(ProportionInterval ci, double p, double lo, double hi, double tol) {
        close(ci.proportion(), p, tol);
        close(ci.lower(), lo, tol);
        close(ci.upper(), hi, tol);
    }

    @Test
    void methodsOnClusterSample() {
        Design d = dclus1();
        double df = d.degreesOfFreedom();
        // svyciprop(~I(ell==0), dclus1, method="mean")
        check(ProportionInterval.of(d, "ell0", Method.MEAN, 0.95, df), 0.02185792349726776, -0.026662407957766979,
                0.070378254952302502, 1e-9);
        // method="mean", df=Inf
        check(ProportionInterval.of(d, "ell0", Method.MEAN, 0.95, Double.POSITIVE_INFINITY), 0.02185792349726776,
                -0.022481265432581884, 0.066197112427117399, 1e-9);
        // method="xlogit"
        check(ProportionInterval.of(d, "ell0", Method.XLOGIT, 0.95, df), 0.02185792349726776, 0.0023046912841354992,
                0.17774776682269947, 1e-9);
        // method="asin"
        check(ProportionInterval.of(d, "ell0", Method.ASIN, 0.95, df), 0.02185792349726776, 0.00030719270888787534,
                0.095576736366842913, 1e-9);
        // method="beta"
        check(ProportionInterval.of(d, "ell0", Method.BETA, 0.95, df), 0.02185792349726776, 0.00021614683274315727,
                0.13750776391498076, 1e-9);
        // method="likelihood"
        check(ProportionInterval.of(d, "ell0", Method.LIKELIHOOD, 0.95, df), 0.021857923541617467,
                0.00066392118093420527, 0.10777840838159268, 1e-9);
        // method="logit" (glm fit, see class comment)
        check(ProportionInterval.of(d, "ell0", Method.LOGIT, 0.95, df), 0.021857923541617467, 0.0023046912985385092,
                0.17774776651355734, 1e-9);
    }

    @Test
    void logitFitStopsWhereGlmStops() {
        Design d = dclus1();
        double exact = ProportionInterval.of(d, "ell0", Method.MEAN, 0.95, 14).proportion();
        double glm = ProportionInterval.of(d, "ell0", Method.LOGIT, 0.95, 14).proportion();
        double rel = Math.abs(glm - exact) / exact;
        org.assertj.core.api.Assertions.assertThat(rel).isGreaterThan(1e-10).isLessThan(1e-8);
    }

    @Test
    void methodsOnStratifiedSample() {
        Design d = dstrat();
        double df = d.degreesOfFreedom();
        // svyciprop(~I(sch.wide=='Yes'), dstrat, method="beta")
        check(ProportionInterval.of(d, "yes", Method.BETA, 0.95, df), 0.82794801141582341, 0.77417132859731252,
                0.87343159262073533, 1e-9);
        // method="xlogit"
        check(ProportionInterval.of(d, "yes", Method.XLOGIT, 0.95, df), 0.82794801141582341, 0.77453965474676811,
                0.87081485494359867, 1e-9);
        // method="likelihood" and "asin" (R 4.1-1)
        check(ProportionInterval.of(d, "yes", Method.LIKELIHOOD, 0.95, df), 0.82794801100195747, 0.77641185342849128,
                0.87241586605152777, 1e-9);
        check(ProportionInterval.of(d, "yes", Method.ASIN, 0.95, df), 0.82794801141582341, 0.77741790823431955,
                0.87317883414990261, 1e-9);
        // method="logit"
        check(ProportionInterval.of(d, "yes", Method.LOGIT, 0.95, df), 0.82794801100195747, 0.77453965435156813,
                0.87081485454450869, 1e-9);
    }

    @Test
    void valueOtherThanZeroOrOneIsRefusedByEveryMethodNamingTheRow() {
        Design d = dclus1();
        double[] v = d.table().numeric("ell0").values().clone();
        v[3] = Double.NaN;
        v[6] = 2;
        Design bad = withIndicator(d, "ell0", v);
        for (Method method : Method.values()) {
            assertThatThrownBy(() -> ProportionInterval.of(bad, "ell0", method, 0.95, bad.degreesOfFreedom()))
                    .as(method.name()).isInstanceOf(SurveyInputException.class)
                    .hasMessage("proportion of 'ell0': row 7 has value 2.0, not 0 or 1");
        }
    }
}
