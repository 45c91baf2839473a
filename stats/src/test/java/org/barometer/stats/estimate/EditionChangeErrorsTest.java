package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.EditionChange.Change;
import org.barometer.stats.estimate.EditionChange.Domain;
import org.barometer.stats.estimate.EditionChange.Indicator;
import org.junit.jupiter.api.Test;

/** Refusals of the change between editions, each naming the place, and the properties of a change. */
class EditionChangeErrorsTest {
    private static final double[] STRATUM = {1, 1, 1, 2, 2, 2};
    private static final double[] FPC = {10, 10, 10, 20, 20, 20};

    private static Design design(NumericColumn y, FactorColumn v, FactorColumn region) {
        DataTable t = DataTable.of(List.of(new NumericColumn("s", STRATUM), new NumericColumn("fpc", FPC), y, v,
                region));
        return Design.builder(t).strata("s").fpc("fpc").build();
    }

    private static NumericColumn y(double... values) {
        return new NumericColumn("y", values);
    }

    private static FactorColumn v(List<String> levels, int... codes) {
        return FactorColumn.ofCodes("v", codes, levels);
    }

    private static final FactorColumn REGION = FactorColumn.ofCodes("region", new int[] {0, 1, 0, 1, 0, 1},
            List.of("north", "south"));
    private static final Design EARLIER = design(y(1, 2, 3, 4, 5, 6), v(List.of("no", "yes"), 0, 1, 1, 0, 0, 1),
            REGION);
    private static final Design LATER = design(y(2, 2, 4, 5, 5, 8), v(List.of("no", "yes"), 1, 1, 1, 0, 0, 1),
            REGION);

    @Test
    void aVariableMissingFromAnEditionIsNamed() {
        DataTable t = DataTable.of(List.of(new NumericColumn("s", STRATUM), new NumericColumn("fpc", FPC),
                new NumericColumn("x", new double[6])));
        Design other = Design.builder(t).strata("s").fpc("fpc").build();
        assertThatThrownBy(() -> EditionChange.between(EARLIER, other, Indicator.mean("y")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("later edition: unknown variable 'y'")
                .hasMessageContaining("s, fpc, x");
    }

    @Test
    void aVariableOfAnotherTypeOrOtherCategoriesIsRefused() {
        Design numericV = design(y(1, 2, 3, 4, 5, 6), v(List.of("no", "yes"), 0, 1, 1, 0, 0, 1), REGION)
                .withTable(EARLIER.table().with(new NumericColumn("v", new double[] {0, 1, 1, 0, 0, 1})));
        assertThatThrownBy(() -> EditionChange.between(EARLIER, numericV, Indicator.shares("v")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("variable 'v': categorical in the earlier edition, numeric in the later; the editions"
                        + " must code it alike");
        assertThatThrownBy(() -> EditionChange.between(EARLIER, LATER, Indicator.mean("v")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("earlier edition, variable 'v': categorical, where the mean needs a numeric variable");
        Design threeLevels = design(y(1, 2, 3, 4, 5, 6), v(List.of("maybe", "no", "yes"), 0, 1, 2, 0, 1, 2), REGION);
        assertThatThrownBy(() -> EditionChange.between(EARLIER, threeLevels, Indicator.shares("v")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("variable 'v': the categories differ between the editions: [no, yes] in the earlier,"
                        + " [maybe, no, yes] in the later");
    }

    @Test
    void anEmptyDomainIsRefused() {
        FactorColumn allSouth = FactorColumn.ofCodes("region", new int[] {1, 1, 1, 1, 1, 1},
                List.of("north", "south"));
        Design later = design(y(2, 2, 4, 5, 5, 8), v(List.of("no", "yes"), 1, 1, 1, 0, 0, 1), allSouth);
        assertThatThrownBy(() -> EditionChange.between(EARLIER, later, Indicator.mean("y"), false,
                new Domain("region", "north")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("later edition, domain region = north: empty: no row of nonzero weight");
        assertThatThrownBy(() -> EditionChange.between(EARLIER, LATER, Indicator.mean("y"), false,
                new Domain("region", "east")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("earlier edition, domain region = east: unknown category 'east'");
    }

    @Test
    void aNonFiniteVarianceOrEstimateIsRefused() {
        Design huge = design(y(1e200, -1e200, 3e200, 4, 5, 6), v(List.of("no", "yes"), 0, 1, 1, 0, 0, 1), REGION);
        assertThatThrownBy(() -> EditionChange.between(EARLIER, huge, Indicator.mean("y")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("change of mean of 'y', estimate 'y', later edition: the variance is Infinity, not a"
                        + " finite number");
        Design missing = design(y(1, Double.NaN, 3, 4, 5, 6), v(List.of("no", "yes"), 0, 1, 1, 0, 0, 1), REGION);
        assertThatThrownBy(() -> EditionChange.between(missing, LATER, Indicator.mean("y")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("change of mean of 'y', estimate 'y', earlier edition: the estimate is NaN, not a finite"
                        + " number (a missing value? drop them with naRm)");
        // with naRm the row leaves the estimate
        EditionChange ok = EditionChange.between(missing, LATER, Indicator.mean("y"), true, null);
        assertThat(ok.change("y").earlier()).isFinite();
    }

    @Test
    void aChangeIsTheDifferenceWithTheSumOfTheVariances() {
        EditionChange ch = EditionChange.between(EARLIER, LATER, Indicator.shares("v"));
        assertThat(ch.size()).isEqualTo(2);
        Estimate e1 = Survey.estimate(EARLIER, Estimators.shares(EARLIER.table(), "v"));
        Estimate e2 = Survey.estimate(LATER, Estimators.shares(LATER.table(), "v"));
        Change c = ch.change("vyes");
        assertThat(c.estimate()).isEqualTo(e2.value(1) - e1.value(1));
        assertThat(c.standardError()).isEqualTo(Math.sqrt(e1.variance(1) + e2.variance(1)));
        assertThat(c.degreesOfFreedom()).isEqualTo(8); // (6 - 2) + (6 - 2): PSUs minus strata of the stacked design
        assertThat(c.statistic()).isEqualTo(c.estimate() / c.standardError());
        // the normal test of R's default confint(svycontrast(...)) on infinite degrees of freedom
        Change normal = c.withDegreesOfFreedom(Double.POSITIVE_INFINITY);
        assertThat(normal.pValue()).isEqualTo(2 * NormalDistribution.of(0, 1).survivalProbability(
                Math.abs(c.statistic())));
        double[] ci = normal.confidenceInterval(0.95);
        assertThat(ci[1] - ci[0]).isCloseTo(2 * 1.959963984540054 * c.standardError(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> c.confidenceInterval(1.5)).isInstanceOf(SurveyInputException.class)
                .hasMessageStartingWith("confidence level: 1.5 is not in");
        assertThatThrownBy(() -> ch.change("vmaybe")).isInstanceOf(SurveyInputException.class)
                .hasMessage("change of shares of 'v': unknown estimate 'vmaybe'; expected one of vno, vyes");
    }
}
