package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.LonelyPsu;
import org.barometer.stats.design.TaylorVariance;
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

    /**
     * The engine sums stacked domain columns per domain block without forming them; it must give exactly the
     * covariance of the formed columns (each domain's influence with the other rows' weights set to zero, passed
     * through the variance routine on the whole design). Generated data with a lonely stratum, a stratum sampled
     * with certainty, rows in no domain, three estimates per domain, element, cluster and two-stage designs.
     */
    @Test
    void blockwiseSumsEqualTheFormedStackedColumns() {
        DataTable t = generated();
        List<Design> designs = List.of(
                Design.builder(t).strata("s").fpc("fpc").weights("w").lonelyPsu(LonelyPsu.ADJUST).build(),
                Design.builder(t).strata("s").fpc("fpc").weights("w").lonelyPsu(LonelyPsu.AVERAGE).build(),
                Design.builder(t).strata("s").weights("w").lonelyPsu(LonelyPsu.CERTAINTY).build(),
                Design.builder(t).ids("psu").strata("s").weights("w").lonelyPsu(LonelyPsu.ADJUST).build(),
                Design.builder(t).ids("psu", "id").strata("s").fpc("fpc1", "fpc2").weights("w")
                        .lonelyPsu(LonelyPsu.ADJUST).build());
        for (Design design : designs) {
            Statistic shares = Estimators.shares(t, "c");
            DomainEstimates b = Survey.by(design, shares, false, "g");
            assertThat(b.size()).isEqualTo(4);
            double[][] expected = formedStacked(design, shares, t.factor("g").codes(), b.size());
            double[][] actual = b.covariance();
            for (int a = 0; a < expected.length; a++) {
                for (int c = 0; c < expected.length; c++) {
                    double scale = Math.sqrt(Math.abs(expected[a][a] * expected[c][c]));
                    assertThat(Math.abs(actual[a][c] - expected[a][c])).as("cell %d,%d", a, c)
                            .isLessThanOrEqualTo(1e-10 * scale + 1e-300);
                }
            }
        }
    }

    private static double[][] formedStacked(Design design, Statistic s, int[] g, int count) {
        int n = g.length;
        int p = s.dimension();
        double[] w = design.weights();
        double[][] all = new double[count * p][];
        for (int d = 0; d < count; d++) {
            double[] wd = new double[n];
            for (int i = 0; i < n; i++) if (g[i] == d) wd[i] = w[i];
            double[][] x = s.influence(wd, s.estimate(wd));
            for (int j = 0; j < p; j++) all[d * p + j] = x[j];
        }
        return TaylorVariance.variance(design, all, null);
    }

    /** 6 strata of 5 PSUs of 3 to 8 rows; stratum 4 is sampled with certainty, stratum 5 has one PSU of one row. */
    private static DataTable generated() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<double[]> rows = new java.util.ArrayList<>();
        for (int h = 0; h < 6; h++) {
            int psus = h == 5 ? 1 : 5;
            for (int c = 0; c < psus; c++) {
                int size = h == 5 ? 1 : 3 + rnd.nextInt(6);
                for (int r = 0; r < size; r++) rows.add(new double[] {h, h * 10 + c});
            }
        }
        int n = rows.size();
        double[] s = new double[n];
        double[] psu = new double[n];
        double[] id = new double[n];
        double[] fpc = new double[n];
        double[] fpc1 = new double[n];
        double[] fpc2 = new double[n];
        double[] w = new double[n];
        int[] cat = new int[n];
        int[] grp = new int[n];
        int[] perStratum = new int[6];
        for (double[] r : rows) perStratum[(int) r[0]]++;
        for (int i = 0; i < n; i++) {
            int h = (int) rows.get(i)[0];
            s[i] = h;
            psu[i] = rows.get(i)[1];
            id[i] = i;
            fpc[i] = h == 4 ? perStratum[h] : perStratum[h] * 4.0;
            fpc1[i] = h == 4 || h == 5 ? (h == 5 ? 1 : 5) : 12;
            fpc2[i] = 20;
            w[i] = 1 + rnd.nextDouble() * 9;
            cat[i] = rnd.nextInt(3);
            grp[i] = rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(4);
        }
        return DataTable.of(List.of(new NumericColumn("s", s), new NumericColumn("psu", psu),
                new NumericColumn("id", id), new NumericColumn("fpc", fpc), new NumericColumn("fpc1", fpc1),
                new NumericColumn("fpc2", fpc2), new NumericColumn("w", w),
                FactorColumn.ofCodes("c", cat, List.of("x", "y", "z")),
                FactorColumn.ofCodes("g", grp, List.of("A", "B", "C", "D"))));
    }
}
