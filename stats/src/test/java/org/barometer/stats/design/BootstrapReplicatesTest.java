package org.barometer.stats.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.junit.jupiter.api.Test;

/**
 * What the bootstrap replicates made from a design are, whatever the draws: integer counts of draws per PSU
 * that add up to the stratum's number of PSUs (bootstrap) or n - 1 draws rescaled by n / (n - 1)
 * (subbootstrap), R's scales, the same replicates from the same seed, and the refusals.
 */
class BootstrapReplicatesTest {
    private static final int REPS = 40;

    /** The factor of each PSU in replicate r: weight over full-sample weight at the PSU's first row. */
    private static double[][] factors(ReplicateDesign r, Design d) {
        Stage st = d.stage(1);
        double[][] f = new double[r.replicateCount()][st.clusterCount()];
        for (int k = 0; k < f.length; k++) {
            double[] w = r.replicateWeights(k);
            for (int c = 0; c < st.clusterCount(); c++) {
                int row = st.firstRowOfCluster(c);
                f[k][c] = w[row] / r.weight(row);
            }
        }
        return f;
    }

    @Test
    void bootstrapDrawsTheStratumSizeWithReplacement() {
        Design d = ApiData.dstrat(); // strata E, H, M of 100, 50, 50 schools, each school a PSU, with fpc
        Design noFpc = Design.builder(d.table()).strata("stype").weights("pw").build();
        for (Design des : new Design[] {d, noFpc}) {
            ReplicateDesign r = ReplicateDesign.bootstrap(des, ReplicateType.BOOTSTRAP, REPS, 11, false);
            assertThat(r.type()).isEqualTo(ReplicateType.BOOTSTRAP);
            assertThat(r.replicateCount()).isEqualTo(REPS);
            Stage st = des.stage(1);
            double[][] f = factors(r, des);
            boolean varies = false;
            for (double[] rep : f) {
                double[] sum = new double[st.strataCount()];
                for (int c = 0; c < rep.length; c++) {
                    assertThat(rep[c]).isEqualTo(Math.rint(rep[c])).isBetween(0.0, (double) st.clusterCount());
                    sum[st.stratumOfCluster(c)] += rep[c];
                    varies |= rep[c] != 1;
                }
                for (int h = 0; h < sum.length; h++) assertThat(sum[h]).isEqualTo(st.sampledClusters(h));
            }
            assertThat(varies).as("some PSU drawn other than once").isTrue();
            // R's scale: harmonic mean of PSUs per stratum, nbar / ((nbar - 1)(R - 1)); nbar = 1 / mean(1/n_h)
            double nbar = 1 / ((1.0 / 100 + 1.0 / 50 + 1.0 / 50) / 3);
            assertThat(r.scale()).isCloseTo(nbar / ((nbar - 1) * (REPS - 1)), org.assertj.core.data.Offset.offset(1e-15));
            assertThat(r.rscales()).containsOnly(1.0);
        }
    }

    @Test
    void bootstrapWithAnExhaustiveStratumKeepsItWhole() {
        // stratum H's fpc set to its 50 sampled schools: drawn without replacement from itself, every school once
        DataTable t = ApiData.table("apistrat");
        double[] fpc = t.numeric("fpc").values().clone();
        for (int i = 0; i < fpc.length; i++) if (t.column("stype").text(i).equals("H")) fpc[i] = 50;
        DataTable census = t.with(new NumericColumn("fpc", fpc));
        Design d = Design.builder(census).strata("stype").weights("pw").fpc("fpc").build();
        ReplicateDesign r = ReplicateDesign.bootstrap(d, ReplicateType.BOOTSTRAP, REPS, 5, false);
        Stage st = d.stage(1);
        int seen = 0;
        for (double[] rep : factors(r, d)) {
            for (int c = 0; c < rep.length; c++) {
                if (d.stratumLabel(1, st.stratumOfCluster(c)).equals("stype=H")) {
                    assertThat(rep[c]).isEqualTo(1.0);
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(50 * REPS);
    }

    @Test
    void bootstrapWithFpcDrawsWithoutReplacementFromCopies() {
        // population of 3 copies per sampled PSU or fewer: no PSU can be drawn more often than its copies
        DataTable t = ApiData.table("apistrat");
        double[] fpc = t.numeric("fpc").values().clone();
        for (int i = 0; i < fpc.length; i++) fpc[i] = t.column("stype").text(i).equals("E") ? 101 : 100;
        Design d = Design.builder(t.with(new NumericColumn("fpc", fpc))).strata("stype").weights("pw").fpc("fpc")
                .build();
        ReplicateDesign r = ReplicateDesign.bootstrap(d, ReplicateType.BOOTSTRAP, 200, 3, false);
        Stage st = d.stage(1);
        int doubledInE = 0;
        for (double[] rep : factors(r, d)) {
            for (int c = 0; c < rep.length; c++) {
                boolean e = d.stratumLabel(1, st.stratumOfCluster(c)).equals("stype=E");
                // E: 100 schools, 101 copies (one school twice): at most 2; H, M: 50 schools, 100 copies: at most 2
                assertThat(rep[c]).isLessThanOrEqualTo(2.0);
                if (e && rep[c] == 2) doubledInE++;
            }
        }
        // in E only the one school with two copies can be drawn twice: at most once a replicate, and in most
        // (both its copies are among the 100 of 101 drawn with probability 99/101)
        assertThat(doubledInE).isBetween(180, 200);
    }

    @Test
    void subbootstrapRescalesNMinusOneDraws() {
        Design d = ApiData.dclus1(); // 15 clusters, unstratified
        ReplicateDesign r = ReplicateDesign.bootstrap(d, ReplicateType.SUBBOOTSTRAP, REPS, 99, false);
        assertThat(r.type()).isEqualTo(ReplicateType.SUBBOOTSTRAP);
        assertThat(r.scale()).isEqualTo(1.0 / (REPS - 1));
        for (double[] rep : factors(r, d)) {
            double draws = 0;
            for (double f : rep) {
                double count = f * 14 / 15;
                assertThat(Math.abs(count - Math.rint(count))).isLessThan(1e-12);
                draws += count;
            }
            assertThat(draws).isCloseTo(14, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void mrbbootstrapWithoutFpcKeepsHalfThePsusOfEachStratumAtFactorTwo() {
        // without an fpc R's mrbweights uses the first stage alone with f = 0: n* = n/2 of an even n kept,
        // lambda = sqrt(n* / (n - n*)) = 1, so a kept PSU has factor 1 + (2 - 1) = 2 and the others 0
        Design d = Design.builder(ApiData.table("apistrat")).strata("stype").weights("pw").build(); // 100, 50, 50
        ReplicateDesign r = ReplicateDesign.bootstrap(d, ReplicateType.MRBBOOTSTRAP, REPS, 8, false);
        assertThat(r.type()).isEqualTo(ReplicateType.MRBBOOTSTRAP);
        assertThat(r.scale()).isEqualTo(1.0);
        assertThat(r.rscales()).containsOnly(1.0 / (REPS - 1));
        Stage st = d.stage(1);
        for (double[] rep : factors(r, d)) {
            int[] kept = new int[st.strataCount()];
            for (int c = 0; c < rep.length; c++) {
                assertThat(rep[c]).isIn(0.0, 2.0);
                if (rep[c] == 2) kept[st.stratumOfCluster(c)]++;
            }
            for (int h = 0; h < kept.length; h++) assertThat(kept[h]).isEqualTo(st.sampledClusters(h) / 2);
        }
    }

    @Test
    void mrbbootstrapOfTwoStagesVariesWithinPsus() {
        // apiclus2: 40 districts of 757 (fpc1), schools within them (fpc2): the second stage moves the factors of
        // the schools of a kept district apart; a district with one school adds nothing at the second stage
        Design d = ApiData.dclus2();
        ReplicateDesign r = ReplicateDesign.bootstrap(d, ReplicateType.MRBBOOTSTRAP, REPS, 4, false);
        Stage psu = d.stage(1);
        boolean within = false;
        for (int k = 0; k < REPS; k++) {
            double[] w = r.replicateWeights(k);
            double[] first = new double[psu.clusterCount()];
            java.util.Arrays.fill(first, Double.NaN);
            for (int i = 0; i < w.length; i++) {
                double f = w[i] / r.weight(i);
                assertThat(f).isFinite();
                int c = psu.cluster(i);
                if (Double.isNaN(first[c])) first[c] = f;
                else within |= Math.abs(first[c] - f) > 1e-12;
            }
        }
        assertThat(within).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameReplicatesAndAnotherSeedOthers() {
        Design d = ApiData.dstrat();
        for (ReplicateType type : new ReplicateType[] {ReplicateType.BOOTSTRAP, ReplicateType.SUBBOOTSTRAP,
                ReplicateType.MRBBOOTSTRAP}) {
            double[][] a = factors(ReplicateDesign.bootstrap(d, type, REPS, 2026, false), d);
            double[][] b = factors(ReplicateDesign.bootstrap(d, type, REPS, 2026, false), d);
            double[][] c = factors(ReplicateDesign.bootstrap(d, type, REPS, 2027, false), d);
            assertThat(b).isDeepEqualTo(a);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Test
    void refusesTooFewReplicatesACensusALonelyPsuAndOtherTypes() {
        Design d = ApiData.dstrat();
        assertThatThrownBy(() -> ReplicateDesign.bootstrap(d, ReplicateType.BOOTSTRAP, 1, 1, false))
                .isInstanceOf(SurveyInputException.class).hasMessageStartingWith("replicates: 1; bootstrap replicates"
                        + " need at least 2");
        assertThatThrownBy(() -> ReplicateDesign.bootstrap(d, ReplicateType.SUBBOOTSTRAP, 0, 1, false))
                .isInstanceOf(SurveyInputException.class).hasMessageStartingWith("replicates: 0;");
        // apiclus2 stratified by district: district 15 has a single school
        Design lonely = Design.builder(ApiData.table("apiclus2")).strata("dnum").ids("snum")
                .lonelyPsu(LonelyPsu.REMOVE).build();
        for (ReplicateType type : new ReplicateType[] {ReplicateType.BOOTSTRAP, ReplicateType.SUBBOOTSTRAP,
                ReplicateType.MRBBOOTSTRAP}) {
            assertThatThrownBy(() -> ReplicateDesign.bootstrap(lonely, type, 10, 1, false))
                    .isInstanceOf(SurveyInputException.class)
                    .hasMessage("stratum dnum=15: one PSU; bootstrap replicates need at least 2 PSUs in every stratum to"
                            + " resample");
        }
        // a census: every stratum's fpc equals its number of schools
        DataTable t = ApiData.table("apistrat");
        double[] fpc = new double[t.rowCount()];
        for (int i = 0; i < fpc.length; i++) fpc[i] = t.column("stype").text(i).equals("E") ? 100 : 50;
        Design census = Design.builder(t.with(new NumericColumn("fpc", fpc))).strata("stype").weights("pw").fpc("fpc")
                .build();
        for (ReplicateType type : new ReplicateType[] {ReplicateType.BOOTSTRAP, ReplicateType.SUBBOOTSTRAP,
                ReplicateType.MRBBOOTSTRAP}) {
            assertThatThrownBy(() -> ReplicateDesign.bootstrap(census, type, 10, 1, false))
                    .isInstanceOf(SurveyInputException.class)
                    .hasMessageStartingWith("design: every stratum was sampled exhaustively");
        }
        assertThatThrownBy(() -> ReplicateDesign.bootstrap(d, ReplicateType.JKN, 10, 1, false))
                .isInstanceOf(SurveyInputException.class).hasMessageStartingWith("replicate type: JKN is not a bootstrap");
        assertThatThrownBy(() -> ReplicateDesign.fromDesign(d, ReplicateType.BOOTSTRAP, 0, false))
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("drawn at random");
    }
}
