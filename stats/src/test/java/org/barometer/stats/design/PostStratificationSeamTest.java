package org.barometer.stats.design;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.ApiData;
import org.barometer.stats.calibrate.CodedFactor;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.PostStratification;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/**
 * The calibration seam, exercised with ordinary post-stratification weights built by hand and the
 * post-stratification step of the calibration package:
 * {@code postStratify(dclus1, ~stype, data.frame(stype=c("E","H","M"), Freq=c(4421,755,1018)))}.
 */
class PostStratificationSeamTest {

    static Design postStratified() {
        Design d = ApiData.dclus1();
        FactorColumn stype = d.table().factor("stype");
        double[] pop = {4421, 755, 1018};
        double[] sum = new double[3];
        double[] old = d.weights();
        for (int i = 0; i < old.length; i++) sum[stype.code(i)] += old[i];
        double[] w = new double[old.length];
        for (int i = 0; i < old.length; i++) w[i] = old[i] * (pop[stype.code(i)] / sum[stype.code(i)]);
        CodedFactor strata = new CodedFactor("stype", stype.codes(), stype.levels().toArray(String[]::new));
        CalibrationStep step = PostStratification.apply(strata, old, PopulationMargin.of("stype", "E", 4421.0,
                "H", 755.0, "M", 1018.0)).adjustment();
        return d.withCalibration(w, step);
    }

    @Test
    void referenceValues() {
        Design p = postStratified();
        DataTable t = p.table();
        assertThat(p.isCalibrated()).isTrue();
        assertThat(ApiData.dclus1().isCalibrated()).isFalse();
        // postStratify: svymean(~api00)
        Estimate m = Survey.estimate(p, Estimators.mean(t, "api00"));
        close(m.value(0), 642.31078821158212);
        close(m.standardError(0), 23.920486445090386);
        // postStratify: svytotal(~enroll)
        Estimate tot = Survey.estimate(p, Estimators.total(t, "enroll"), true);
        close(tot.value(0), 3680892.9451190475);
        close(tot.standardError(0), 406292.6362948023);
    }

    @Test
    void domainsAndFactorsKeepWorkingOnCalibratedDesign() {
        Design p = postStratified();
        DataTable t = p.table();
        // svyby(~api00, ~sch.wide, dclus1p, svymean) (R 4.1-1)
        DomainEstimates b = Survey.by(p, Estimators.mean(t, "api00"), false, "sch.wide");
        close(b.domain("No").value(0), 612.06261493838826);
        close(b.domain("Yes").value(0), 647.16112840438916);
        close(b.domain("No").standardError(0), 27.373195519123293);
        close(b.domain("Yes").standardError(0), 24.397066901528049);
        // svymean(~stype, dclus1p): shares fixed by calibration, SE zero up to rounding
        Estimate s = Survey.estimate(p, Estimators.shares(t, "stype"));
        close(s.value(0), 0.71375524701323856);
        close(s.value(2), 0.16435259928963517);
        assertThat(s.standardError(0)).isLessThan(1e-12);
        // svyby(~enroll, ~stype, dclus1p, svytotal, na.rm=TRUE)
        DomainEstimates tb = Survey.by(p, Estimators.total(t, "enroll"), true, "stype");
        close(tb.domain("E").value(0), 1913648.2708333333);
        close(tb.domain("H").value(0), 853365.7142857142);
        close(tb.domain("M").value(0), 913878.96000000008);
        close(tb.domain("E").standardError(0), 73017.212761317205);
        close(tb.domain("H").standardError(0), 269627.08550620434);
        close(tb.domain("M").standardError(0), 101323.45003573474);
    }

    @Test
    void calibrationLeavesTheOriginalDesignUnchanged() {
        Design d = ApiData.dclus1();
        double before = Survey.estimate(d, Estimators.mean(d.table(), "api00")).standardError(0);
        postStratified();
        close(Survey.estimate(d, Estimators.mean(d.table(), "api00")).standardError(0), before, 0);
        close(before, 23.542240693781036);
    }
}
