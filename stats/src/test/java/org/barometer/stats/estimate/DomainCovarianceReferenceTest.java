package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.ApiData;
import org.barometer.stats.design.Design;
import org.junit.jupiter.api.Test;

/**
 * The joint covariance of domain estimates on Taylor designs against R 4.1-1 (survey 4.1-1):
 * {@code vcov(svyby(..., covmat=TRUE))} and {@code svycontrast} on it. Domains that share PSUs are correlated, so
 * the difference of two domain means has a smaller standard error than the block-diagonal covariance would give.
 */
class DomainCovarianceReferenceTest {

    private static DomainEstimates byType(Design design, String table) {
        return Survey.by(design, Estimators.mean(ApiData.table(table), "api00"), false, "stype");
    }

    @Test
    void differenceOfDomainsSharingClusters() {
        // b <- svyby(~api00, ~stype, dclus1, svymean, covmat=TRUE); svycontrast(b, c(E=1, M=-1))
        DomainEstimates b = byType(ApiData.dclus1(), "apiclus1");
        DomainEstimates.Contrast c = b.difference("E", "M", 0);
        close(c.estimate(), 17.428055555555488);
        close(c.standardError(), 14.337390234216764);
        assertThat(c.degreesOfFreedom()).isEqualTo(14);
        close(c.pValue(), 2 * TDistribution.of(14).survivalProbability(17.428055555555488 / 14.337390234216764));
        // vcov(b): the full matrix, off-diagonal blocks included
        double[][] v = b.covariance();
        double[][] r = {
            {500.07733153493160, 521.97977963695280, 646.83743237958072},
            {521.97977963695280, 1445.53936135152867, 658.33093338365734},
            {646.83743237958072, 658.33093338365734, 999.15829195244407}};
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) close(v[i][j], r[i][j]);
        // the domains' own standard errors are the diagonal
        for (int d = 0; d < 3; d++) close(b.estimates().get(d).variance(0), r[d][d]);
    }

    @Test
    void differenceOfDomainsCuttingAcrossStrata() {
        // b <- svyby(~api00, ~sch.wide, dstrat, svymean, covmat=TRUE); svycontrast(b, c(No=1, Yes=-1))
        DomainEstimates b = Survey.by(ApiData.dstrat(), Estimators.mean(ApiData.table("apistrat"), "api00"), false,
                "sch.wide");
        DomainEstimates.Contrast c = b.difference("No", "Yes", 0);
        close(c.estimate(), -82.783585442188837);
        close(c.standardError(), 21.400054960652039);
        assertThat(c.degreesOfFreedom()).isEqualTo(197);
        // vcov(b)[1, 2]: small and negative, but not zero
        close(b.covariance()[0][1], -0.30518239760535776, 1e-8);
        close(b.covariance()[1][0], -0.30518239760535776, 1e-8);
    }

    @Test
    void differenceInATwoStageDesign() {
        // b <- svyby(~api00, ~stype, dclus2, svymean, covmat=TRUE); svycontrast(b, c(E=1, M=-1))
        DomainEstimates b = byType(ApiData.dclus2(), "apiclus2");
        DomainEstimates.Contrast c = b.difference("E", "M", 0);
        close(c.estimate(), 50.458400866738884);
        close(c.standardError(), 25.302210024343982);
        close(b.covariance()[0][1], 206.32605473964836);
        close(b.covariance()[0][2], 1144.31330738131987);
        close(b.covariance()[1][2], 276.16309148556246);
    }

    @Test
    void unknownDomainIsNamed() {
        DomainEstimates b = byType(ApiData.dclus1(), "apiclus1");
        assertThatThrownBy(() -> b.difference("E", "X", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'X'")
                .hasMessageContaining("E, H, M");
    }
}
