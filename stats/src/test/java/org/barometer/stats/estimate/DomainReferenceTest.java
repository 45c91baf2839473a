package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.junit.jupiter.api.Test;

/** The "Domains: svyby" section of reference-survey-4.5.txt, plus svyby/svycontrast values computed with R 4.1-1. */
class DomainReferenceTest {

    @Test
    void meansByTypeStratified() {
        // svyby(~api00, ~stype, dstrat, svymean)
        DomainEstimates b = Survey.by(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "api00"), false,
                "stype");
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.label(0)).isEqualTo("E");
        close(b.domain("E").value(0), 674.42999999999995);
        close(b.domain("E").standardError(0), 12.382479793907285);
        close(b.domain("H").value(0), 625.81999999999994);
        close(b.domain("H").standardError(0), 14.937129185393081);
        close(b.domain("M").value(0), 636.60000000000002);
        close(b.domain("M").standardError(0), 16.214707308184522);
    }

    @Test
    void meansByTypeClustered() {
        // svyby(~api00, ~stype, dclus1, svymean)
        DomainEstimates b = Survey.by(ApiData.dclus1(), Estimators.mean(ApiData.table("apiclus1"), "api00"), false,
                "stype");
        close(b.domain("E").value(0), 648.86805555555554);
        close(b.domain("E").standardError(0), 22.362408893831887);
        close(b.domain("H").value(0), 618.57142857142856);
        close(b.domain("H").standardError(0), 38.020249359407529);
        close(b.domain("M").value(0), 631.44000000000005);
        close(b.domain("M").standardError(0), 31.609465227245526);
    }

    @Test
    void factorSharesByType() {
        // svyby(~sch.wide, ~stype, dstrat, svymean)
        DomainEstimates b = Survey.by(ApiData.dstrat(), Estimators.shares(ApiData.table("apistrat"), "sch.wide"), false,
                "stype");
        close(b.domain("E").value("sch.wideNo"), 0.089999999999999997);
        close(b.domain("E").value("sch.wideYes"), 0.91000000000000003);
        close(b.domain("E").standardError(0), 0.028435196206367305);
        close(b.domain("E").standardError(1), 0.028435196206367305);
        close(b.domain("H").value(0), 0.479999999999999982);
        close(b.domain("H").value(1), 0.52000000000000002);
        close(b.domain("H").standardError(0), 0.068967634922816309);
        close(b.domain("M").value(0), 0.299999999999999989);
        close(b.domain("M").value(1), 0.70000000000000007);
        close(b.domain("M").standardError(1), 0.063837430347183158);
    }

    @Test
    void naRmInDomainsAndTwoByVariables() {
        DataTable t = ApiData.table("apiclus1");
        // svyby(~target, ~stype, dclus1, svymean, na.rm=TRUE) (R 4.1-1)
        DomainEstimates b = Survey.by(ApiData.dclus1(), Estimators.mean(t, "target"), true, "stype");
        close(b.domain("E").value(0), 10.175182481751825);
        close(b.domain("E").standardError(0), 1.0345111297682867);
        close(b.domain("H").value(0), 10.214285714285714);
        close(b.domain("H").standardError(0), 2.0845642424106159);
        close(b.domain("M").value(0), 10.041666666666666);
        close(b.domain("M").standardError(0), 1.5745528545161105);
        // svymean(~target, dstrat, na.rm=TRUE)
        Estimate m = Survey.estimate(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "target"), true);
        close(m.value(0), 9.9796038550204891);
        close(m.standardError(0), 0.44169674771799505);
        // svyby(~api00, ~stype+sch.wide, dclus1, svymean): first variable varies fastest
        DomainEstimates two = Survey.by(ApiData.dclus1(), Estimators.mean(t, "api00"), false, "stype", "sch.wide");
        assertThat(two.label(0)).isEqualTo("E.No");
        assertThat(two.label(3)).isEqualTo("E.Yes");
        close(two.domain("E.No").value(0), 596.33333333333337);
        close(two.domain("E.No").standardError(0), 43.490102802624726);
        close(two.domain("H.No").standardError(0), 27.002753310263529);
        close(two.domain("M.No").value(0), 606.375);
        close(two.domain("M.No").standardError(0), 41.116863580537668);
        close(two.domain("E.Yes").standardError(0), 20.317196018046527);
        close(two.domain("H.Yes").value(0), 607.4545454545455);
        close(two.domain("H.Yes").standardError(0), 43.704681571178206);
        close(two.domain("M.Yes").standardError(0), 42.12849634388698);
    }

    @Test
    void differenceOfTwoDomainsAsContrast() {
        // svycontrast(svyby(~api00, ~stype, dstrat, svymean, covmat=TRUE), c(1, -1, 0))
        DomainEstimates b = Survey.by(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "api00"), false,
                "stype");
        DomainEstimates.Contrast c = b.difference("E", "H", 0);
        close(c.estimate(), 48.610000000000014);
        close(c.standardError(), 19.402155399533424);
        assertThat(c.degreesOfFreedom()).isEqualTo(197);
        // 2 * pt(-48.61/19.402155399533424, 197)
        close(c.pValue(), 2 * org.apache.commons.statistics.distribution.TDistribution.of(197)
                .cumulativeProbability(-48.610000000000014 / 19.402155399533424));
        assertThat(c.pValue()).isBetween(0.01, 0.02);
    }
}
