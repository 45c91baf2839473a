package org.barometer.stats.design;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/** The "Replicate weights" section of reference-survey-4.5.txt (rows without calibration). */
class ReplicateReferenceTest {

    @Test
    void jk1FromClusterDesign() {
        // rclus1 <- as.svrepdesign(dclus1)
        ReplicateDesign r = ReplicateDesign.jackknife(ApiData.dclus1(), false);
        assertThat(r.type()).isEqualTo(ReplicateType.JK1);
        assertThat(r.replicateCount()).isEqualTo(15);
        DataTable t = ApiData.table("apiclus1");
        // svymean(~api00, rclus1)
        Estimate m = Survey.estimate(r, Estimators.mean(t, "api00"));
        close(m.value(0), 644.16939890710387);
        close(m.standardError(0), 26.329360589527614);
        // svytotal(~enroll, rclus1, na.rm=TRUE)
        Estimate tot = Survey.estimate(r, Estimators.total(t, "enroll"), true);
        close(tot.value(0), 3404940.1345291138);
        close(tot.standardError(0), 932235.02704121498);
        // options(survey.replicates.mse=TRUE); svymean(~api00, as.svrepdesign(dclus1))
        Estimate mse = Survey.estimate(r.withMse(true), Estimators.mean(t, "api00"));
        close(mse.standardError(0), 26.334857668459183);
        assertThat(r.degreesOfFreedom()).isEqualTo(14);
    }

    @Test
    void jknFromStratifiedDesign() {
        DataTable t = ApiData.table("apistrat");
        // rstrat <- as.svrepdesign(dstrat); svymean(~api00, rstrat)
        ReplicateDesign r = ReplicateDesign.jackknife(ApiData.dstrat(), false);
        assertThat(r.type()).isEqualTo(ReplicateType.JKN);
        Estimate m = Survey.estimate(r, Estimators.mean(t, "api00"));
        close(m.value(0), 662.28736315932076);
        close(m.standardError(0), 9.4089408027846098);
        // as.svrepdesign(dstratwr)
        Estimate nf = Survey.estimate(ReplicateDesign.jackknife(ApiData.dstratwr(), false), Estimators.mean(t, "api00"));
        close(nf.standardError(0), 9.5361322969251869);
        // degf(rstrat): rank of the replicate weights minus one
        assertThat(r.degreesOfFreedom()).isEqualTo(197);
    }

    @Test
    void jknLeavesOutStrataSampledExhaustivelyAndCountsSubsetDegreesOfFreedom() {
        // a <- apistrat; a$fpc[a$stype == "H"] <- 50 (all 50 high schools sampled)
        DataTable t = ApiData.table("apistrat");
        double[] fpc = t.numeric("fpc").values().clone();
        for (int i = 0; i < fpc.length; i++) if (t.column("stype").text(i).equals("H")) fpc[i] = 50;
        DataTable census = t.with(new org.barometer.stats.data.NumericColumn("fpc", fpc));
        ReplicateDesign r = ReplicateDesign.jackknife(
                Design.builder(census).strata("stype").weights("pw").fpc("fpc").build(), false);
        // r <- as.svrepdesign(svydesign(id=~1, strata=~stype, weights=~pw, data=a, fpc=~fpc), type="JKn"):
        // survey.drop.replicates leaves the census stratum without replicates
        assertThat(r.replicateCount()).isEqualTo(150);
        assertThat(r.degreesOfFreedom()).isEqualTo(148);
        Estimate m = Survey.estimate(r, Estimators.mean(census, "api00"));
        close(m.value(0), 662.28736315932076);
        close(m.standardError(0), 9.2310968849883714);
        // degf(subset(r, stype != "M")): the rank of the subset's replicate weights
        boolean[] notM = new boolean[t.rowCount()];
        for (int i = 0; i < notM.length; i++) notM[i] = !t.column("stype").text(i).equals("M");
        assertThat(r.degreesOfFreedom(notM)).isEqualTo(99);
        assertThat(r.degreesOfFreedom(null)).isEqualTo(148);
    }

    private static DataTable brrTable() {
        return ApiData.table("brr_design_repweights");
    }

    /** dbrr <- svydesign(id=~1, strata=~pstr, weights=~pw, data=bs) on the 60 schools of the BRR file. */
    private static Design dbrr() {
        return Design.builder(brrTable()).strata("pstr").weights("pw").build();
    }

    @Test
    void brrAndFayMadeFromDesignMatchRsReplicateWeights() {
        DataTable t = brrTable();
        ReplicateDesign brr = ReplicateDesign.fromDesign(dbrr(), ReplicateType.BRR, 0, false);
        assertThat(brr.replicateCount()).isEqualTo(32);
        // the replicate weights equal R's weights(rbrr, "analysis") column by column
        for (int k = 0; k < 32; k++) {
            double[] mine = brr.replicateWeights(k);
            double[] rs = t.numeric(Integer.toString(k + 1)).toArray();
            for (int i = 0; i < rs.length; i++) close(mine[i] + 1, rs[i] + 1, 1e-15);
        }
        // svymean(~api00, rbrr)
        Estimate m = Survey.estimate(brr, Estimators.mean(t, "api00"));
        close(m.value(0), 643.75896153042765);
        close(m.standardError(0), 17.456675608608059);
        // Taylor same design
        Estimate taylor = Survey.estimate(dbrr(), Estimators.mean(t, "api00"));
        close(taylor.standardError(0), 17.456675608608059);
        // rfay <- as.svrepdesign(dbrr, type="Fay", fay.rho=0.3)
        Estimate fay = Survey.estimate(ReplicateDesign.fromDesign(dbrr(), ReplicateType.FAY, 0.3, false),
                Estimators.mean(t, "api00"));
        close(fay.standardError(0), 17.456675608608062);
    }

    @Test
    void suppliedBrrWeights() {
        DataTable t = brrTable();
        List<String> reps = new ArrayList<>();
        for (int k = 1; k <= 32; k++) reps.add(Integer.toString(k));
        ReplicateDesign r = ReplicateDesign.fromWeights(t, "pw", reps, ReplicateType.BRR, Double.NaN, null, 0, false);
        Estimate m = Survey.estimate(r, Estimators.mean(t, "api00"));
        close(m.standardError(0), 17.456675608608059);
        close(r.scale(), 1.0 / 32);
    }

    @Test
    void suppliedBootstrapWeights() {
        DataTable t = ApiData.table("boot_dstrat_repweights");
        List<String> reps = new ArrayList<>();
        for (int k = 1; k <= 100; k++) reps.add(Integer.toString(k));
        // bootstrap (seed 20240601, 100 reps); scale printed by R: 0.01027221366204417, rscales 1
        ReplicateDesign r = ReplicateDesign.fromWeights(t, "pw", reps, ReplicateType.BOOTSTRAP, 0.01027221366204417,
                null, 0, false);
        Estimate m = Survey.estimate(r, Estimators.mean(t, "api00"));
        close(m.value(0), 662.28736315932076);
        close(m.standardError(0), 10.477243527176542);
    }

    @Test
    void domainsOnReplicateDesignUseFullReplicateCovariance() {
        DataTable t = ApiData.table("apiclus1");
        ReplicateDesign r = ReplicateDesign.jackknife(ApiData.dclus1(), false);
        var b = Survey.by(r, Estimators.mean(t, "api00"), false, "stype");
        // svyby(~api00, ~stype, as.svrepdesign(dclus1), svymean, covmat=TRUE) (R 4.1-1)
        close(b.domain("E").value(0), 648.86805555555554);
        close(b.domain("E").standardError(0), 25.374303552398235);
        close(b.domain("H").standardError(0), 46.344121745185973);
        close(b.covariance()[0][1], 688.65383312002552);
    }
}
