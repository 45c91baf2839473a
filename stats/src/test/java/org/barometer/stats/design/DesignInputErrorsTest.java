package org.barometer.stats.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/** Every refused design input gets a message naming the variable, category, stratum or data row. */
class DesignInputErrorsTest {

    private static DataTable csv(String text) {
        return DataTable.readCsv(new StringReader(text), "t.csv");
    }

    private static final String HEADER = "st,psu,w,f,y\n";

    private static Design.Builder b(String rows) {
        return Design.builder(csv(HEADER + rows)).strata("st").ids("psu").weights("w");
    }

    @Test
    void weightsMustBePositiveFiniteAndPresent() {
        assertThatThrownBy(() -> b("a,1,2,10,1\na,2,-1,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("weights 'w', row 2").hasMessageContaining("-1");
        assertThatThrownBy(() -> b("a,1,0,10,1\na,2,1,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("weights 'w', row 1").hasMessageContaining("0.0");
        assertThatThrownBy(() -> b("a,1,2,10,1\na,2,NA,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("weights 'w', row 2: missing value");
        assertThatThrownBy(() -> Design.builder(csv(HEADER + "a,1,0.5,10,1\na,2,1.5,10,1\n")).ids("psu")
                .probabilities("w").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("probabilities 'w', row 2");
        assertThatThrownBy(() -> b("a,1,2,10,1\na,2,2,10,1\n").probabilities("f").build())
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("not both");
    }

    @Test
    void missingDesignVariablesNameTheRow() {
        assertThatThrownBy(() -> b("a,1,2,10,1\nNA,2,2,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("strata 'st', row 2: missing value");
        assertThatThrownBy(() -> b("a,1,2,10,1\na,NA,2,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("id 'psu', row 2: missing value");
        assertThatThrownBy(() -> b("a,1,2,NA,1\na,2,2,10,1\n").fpc("f").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("fpc 'f', row 1: missing value");
    }

    @Test
    void unknownColumns() {
        assertThatThrownBy(() -> b("a,1,2,10,1\na,2,2,10,1\n").weights("weight").build())
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("unknown column 'weight'");
        Design d = b("a,1,2,10,1\na,2,2,10,1\n").build();
        assertThatThrownBy(() -> Estimators.mean(d.table(), "income")).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("unknown column 'income'");
        assertThatThrownBy(() -> Survey.by(d, Estimators.mean(d.table(), "y"), false, "region"))
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("unknown column 'region'");
    }

    @Test
    void fpcRules() {
        assertThatThrownBy(() -> b("a,1,2,0.5,1\na,2,2,10,1\n").fpc("f").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("mixes");
        assertThatThrownBy(() -> b("a,1,2,10,1\na,2,2,11,1\n").fpc("f").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("fpc 'f', row 2").hasMessageContaining("differs");
        // a sampling fraction of 1 everywhere is a census: valid, and without sampling variance
        Design census = b("a,1,2,1,1\na,2,2,1,3\n").fpc("f").build();
        assertThat(Survey.estimate(census, Estimators.mean(census.table(), "y")).standardError(0)).isZero();
        assertThatThrownBy(() -> b("a,1,2,1.5,1\na,2,2,1.5,1\n").fpc("f").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("smaller than the 2 sampled clusters");
    }

    @Test
    void psuInTwoStrataAndSinglePsu() {
        assertThatThrownBy(() -> b("a,1,2,10,1\nb,1,2,10,1\n").build()).isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("id 'psu', row 2: PSU 1 appears in two strata");
        Design nested = b("a,1,2,10,1\na,2,2,10,1\nb,1,2,10,1\nb,2,2,10,1\n").nest(true).build();
        assertThat(nested.stage(1).clusterCount()).isEqualTo(4);
        assertThatThrownBy(() -> Design.builder(csv(HEADER + "a,1,2,10,1\na,1,2,10,1\n")).ids("psu").build())
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("only one primary sampling unit");
    }

    @Test
    void loneStratumUnderFailIsNamedAndNothingIsReturned() {
        Design d = b("a,1,2,10,1\na,2,2,10,2\nlonely,3,2,10,3\n").build();
        assertThatThrownBy(() -> Survey.estimate(d, Estimators.mean(d.table(), "y")))
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("stratum st=lonely");
        assertThat(Survey.estimate(d.withLonelyPsu(LonelyPsu.REMOVE, false), Estimators.mean(d.table(), "y")).value(0))
                .isEqualTo(2.0);
    }

    @Test
    void calibrationAndReplicateWeightChecks() {
        Design d = ApiData.dclus1();
        assertThatThrownBy(() -> d.withCalibration(new double[3], x -> x)).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("3 values for 183 rows");
        double[] w = d.weights();
        w[4] = Double.NaN;
        assertThatThrownBy(() -> d.withCalibration(w, x -> x)).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("row 5");
        DataTable t = csv("w,r1,r2,y\n1,2,0,1\n1,-1,2,2\n");
        assertThatThrownBy(() -> ReplicateDesign.fromWeights(t, "w", List.of("r1", "r2"), ReplicateType.BRR, Double.NaN,
                null, 0, false)).isInstanceOf(SurveyInputException.class).hasMessageContaining("weights 'r1', row 2");
        assertThatThrownBy(() -> ReplicateDesign.fromDesign(ApiData.dclus1(), ReplicateType.JKN, 0, false)
                .withWeights(new double[183], new double[2][183])).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("2 replicate weight vectors");
        assertThatThrownBy(() -> ReplicateDesign.fromDesign(ApiData.dstrat(), ReplicateType.JK1, 0, false))
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("unstratified");
        // BRR of dstrat: 100 pairs (strata of 100, 50 and 50 schools split into pairs), which needs Paley's
        // construction; R: as.svrepdesign(dstrat, type = "BRR") has 104 replicates, svymean(~api00) SE
        // 9.8997009186218872
        ReplicateDesign brr = ReplicateDesign.fromDesign(ApiData.dstrat(), ReplicateType.BRR, 0, false);
        assertThat(brr.replicateCount()).isEqualTo(104);
        org.barometer.stats.ApiData.close(org.barometer.stats.estimate.Survey.estimate(brr,
                org.barometer.stats.estimate.Estimators.mean(ApiData.table("apistrat"), "api00")).standardError(0),
                9.8997009186218872);
        // an odd number of PSUs cannot be split into pairs
        DataTable odd = csv("s,w,y\na,1,1\na,1,2\na,1,3\nb,1,4\nb,1,5\n");
        assertThatThrownBy(() -> ReplicateDesign.fromDesign(Design.builder(odd).strata("s").weights("w").build(),
                ReplicateType.BRR, 0, false)).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("an odd number");
        // a census has no jackknife replicates: R survey gives a mean zero variance there, and fails for a ratio
        DataTable census = csv("w,f,y\n1,3,1\n1,3,2\n1,3,4\n");
        ReplicateDesign all = ReplicateDesign.fromDesign(Design.builder(census).weights("w").fpc("f").build(),
                ReplicateType.JK1, 0, false);
        assertThat(all.replicateCount()).isZero();
        assertThat(all.degreesOfFreedom()).isEqualTo(-1);
        assertThat(Survey.estimate(all, Estimators.mean(census, "y")).standardError(0)).isZero();
        assertThatThrownBy(() -> Survey.estimate(all, Estimators.ratio(census, "y", "w")))
                .isInstanceOf(SurveyInputException.class).hasMessageStartingWith("replicates: none: the sample is the"
                        + " whole population");
        assertThatThrownBy(() -> LonelyPsu.fromR("drop")).isInstanceOf(SurveyInputException.class)
                .hasMessage("lonely PSU rule: unknown value 'drop'; expected one of fail, remove, certainty, adjust,"
                        + " average");
    }

    @Test
    void multipleResponseItemsMustBeZeroOrOne() {
        DataTable t = csv("w,a,b\n1,1,0\n1,0,2\n");
        assertThatThrownBy(() -> Estimators.multipleResponse(t, "a", "b")).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("item 'b', row 2").hasMessageContaining("not 0 or 1");
    }
}
