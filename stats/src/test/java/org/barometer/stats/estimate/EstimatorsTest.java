package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.junit.jupiter.api.Test;

/** Multiple-response items, design effects and ratios in domains against R 4.1-1 (calls in comments). */
class EstimatorsTest {

    private static NumericColumn indicator(DataTable t, String factor, String level, String name) {
        FactorColumn f = t.factor(factor);
        int code = f.levelIndex(level);
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.code(i) == code ? 1 : 0;
        return new NumericColumn(name, v);
    }

    @Test
    void multipleResponseItemsWithJointCovarianceAndDesignEffects() {
        Design d = ApiData.dstrat();
        DataTable t = d.table().with(indicator(d.table(), "sch.wide", "Yes", "a"))
                .with(indicator(d.table(), "comp.imp", "Yes", "b"));
        Design d2 = d.withTable(t);
        // apistrat$a <- as.numeric(sch.wide=="Yes"); apistrat$b <- as.numeric(comp.imp=="Yes")
        // svymean(~a+b, dstrat, deff=TRUE)
        Statistic items = Estimators.multipleResponse(t, "a", "b");
        Estimate m = Survey.estimate(d2, items);
        assertThat(m.names()).containsExactly("a", "b");
        close(m.value(0), 0.82794801141582341);
        close(m.value(1), 0.65564901194397796);
        close(m.covariance()[0][0], 0.00059266831875396102);
        close(m.covariance()[0][1], 0.00035493051557087299);
        close(m.covariance()[1][1], 0.0011374090668404067);
        double[] deff = Survey.designEffect(d2, items, false);
        close(deff[0], 0.85557185097506561);
        close(deff[1], 1.0359802600864128);
    }

    @Test
    void designEffectsOfSharesAndTotals() {
        Design d = ApiData.dclus1();
        // svymean(~stype, dclus1, deff=TRUE)
        double[] deff = Survey.designEffect(d, Estimators.shares(d.table(), "stype"), false);
        close(deff[0], 2.4011450687604481);
        close(deff[1], 1.9080248395269472);
        close(deff[2], 1.3977271807412361);
        // svytotal(~enroll, dclus1, na.rm=TRUE, deff=TRUE)
        close(Survey.designEffect(d, Estimators.total(d.table(), "enroll"), true)[0], 31.310656094349433);
    }

    @Test
    void ratioByDomain() {
        Design d = ApiData.dstrat();
        // svyby(~api.stu, ~stype, dstrat, svyratio, denominator=~enroll)
        DomainEstimates b = Survey.by(d, Estimators.ratio(d.table(), "api.stu", "enroll"), false, "stype");
        close(b.domain("E").value(0), 0.85181630596477753);
        close(b.domain("H").value(0), 0.81057015219201933);
        close(b.domain("M").value(0), 0.83569575245050931);
        close(b.domain("E").standardError(0), 0.0070323595929781156);
        close(b.domain("H").standardError(0), 0.020477256756237669);
        close(b.domain("M").standardError(0), 0.018187438389626172);
    }

    @Test
    void oneEstimatorServesBothVarianceRoutes() {
        // the same Statistic object gives Taylor and replicate variances; for this BRR design they coincide in R
        DataTable t = ApiData.table("brr_design_repweights");
        Design taylor = Design.builder(t).strata("pstr").weights("pw").build();
        Statistic mean = Estimators.mean(t, "api00");
        var brr = org.barometer.stats.design.ReplicateDesign.fromDesign(taylor,
                org.barometer.stats.design.ReplicateType.BRR, 0, false);
        close(Survey.estimate(taylor, mean).standardError(0), Survey.estimate(brr, mean).standardError(0), 1e-9);
    }
}
