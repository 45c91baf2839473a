package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;
import org.junit.jupiter.api.Test;

/** The "Taylor linearisation" section of reference-survey-4.5.txt, to relative 1e-9. */
class TaylorReferenceTest {

    @Test
    void meanStratifiedWithAndWithoutFpc() {
        // svymean(~api00, dstrat)
        Estimate e = Survey.estimate(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "api00"));
        close(e.value(0), 662.28736315932076);
        close(e.standardError(0), 9.4089408027845831);
        // svymean(~api00, dstratwr) [no fpc]
        Estimate w = Survey.estimate(ApiData.dstratwr(), Estimators.mean(ApiData.table("apistrat"), "api00"));
        close(w.value(0), 662.28736315932076);
        close(w.standardError(0), 9.5361322969251585);
    }

    @Test
    void totalWithMissingValuesRemoved() {
        DataTable t = ApiData.table("apistrat");
        // svytotal(~enroll, dstrat, na.rm=TRUE)
        Estimate e = Survey.estimate(ApiData.dstrat(), Estimators.total(t, "enroll"), true);
        close(e.value(0), 3687177.5324382782);
        close(e.standardError(0), 114641.71610078028);
        // svytotal(~enroll, dclus1, na.rm=TRUE)
        Estimate c = Survey.estimate(ApiData.dclus1(), Estimators.total(ApiData.table("apiclus1"), "enroll"), true);
        close(c.value(0), 3404940.1345291138);
        close(c.standardError(0), 932235.0270412151);
    }

    @Test
    void factorSharesAndTotals() {
        // svymean(~stype, dclus1) [factor]
        Estimate e = Survey.estimate(ApiData.dclus1(), Estimators.shares(ApiData.table("apiclus1"), "stype"));
        assertThat(e.names()).containsExactly("stypeE", "stypeH", "stypeM");
        close(e.value(0), 0.78688524590163933);
        close(e.standardError(0), 0.046336553649911898);
        close(e.value(1), 0.07650273224043716);
        close(e.standardError(1), 0.026810219050770818);
        close(e.value(2), 0.13661202185792351);
        close(e.standardError(2), 0.029649046640260197);
        DataTable t = ApiData.table("apistrat");
        // svymean(~sch.wide, dstrat) [factor]
        Estimate s = Survey.estimate(ApiData.dstrat(), Estimators.shares(t, "sch.wide"));
        close(s.value("sch.wideNo"), 0.17205198858417653);
        close(s.standardError("sch.wideNo"), 0.024344780113074806);
        close(s.value("sch.wideYes"), 0.82794801141582341);
        close(s.standardError("sch.wideYes"), 0.024344780113074806);
        // svytotal(~sch.wide, dstrat) [factor]
        Estimate tt = Survey.estimate(ApiData.dstrat(), Estimators.levelTotals(t, "sch.wide"));
        close(tt.value("sch.wideNo"), 1065.6900100708008);
        close(tt.standardError("sch.wideNo"), 150.79156699883757);
        close(tt.value("sch.wideYes"), 5128.3099479675293);
        close(tt.standardError("sch.wideYes"), 150.79156699883757);
    }

    @Test
    void clusterDesigns() {
        // svymean(~api00, dclus1)
        Estimate e = Survey.estimate(ApiData.dclus1(), Estimators.mean(ApiData.table("apiclus1"), "api00"));
        close(e.value(0), 644.16939890710387);
        close(e.standardError(0), 23.542240693781036);
        // svymean(~api00, dclus2): two stages, weights from the fpc
        Estimate two = Survey.estimate(ApiData.dclus2(), Estimators.mean(ApiData.table("apiclus2"), "api00"));
        close(two.value(0), 670.81180811808122);
        close(two.standardError(0), 30.099027376836599);
    }

    @Test
    void ratioAndDesignEffectAndDegreesOfFreedom() {
        DataTable t = ApiData.table("apistrat");
        // svyratio(~api.stu, ~enroll, dstrat)
        Estimate r = Survey.estimate(ApiData.dstrat(), Estimators.ratio(t, "api.stu", "enroll"));
        close(r.value(0), 0.83695688694052173);
        close(r.standardError(0), 0.0077571031666378819);
        // deff svymean(~api00, dstrat)
        double[] deff = Survey.designEffect(ApiData.dstrat(), Estimators.mean(t, "api00"), false);
        close(deff[0], 1.2044572685377175);
        // degf(dstrat) / degf(dclus1) / degf(dclus2)
        assertThat(ApiData.dstrat().degreesOfFreedom()).isEqualTo(197);
        assertThat(ApiData.dclus1().degreesOfFreedom()).isEqualTo(14);
        assertThat(ApiData.dclus2().degreesOfFreedom()).isEqualTo(39);
    }

    @Test
    void missingValuesWithoutNaRmGiveNaN() {
        // svymean(~target, dstrat) is NA in R: target has 20 missing values
        Estimate e = Survey.estimate(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "target"));
        assertThat(e.value(0)).isNaN();
        assertThat(e.standardError(0)).isNaN();
    }
}
