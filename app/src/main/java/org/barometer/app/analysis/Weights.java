package org.barometer.app.analysis;

import java.util.List;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.LonelyPsu;

/**
 * The weights of the respondents, with what the variance engine needs to honour the way they were made,
 * and the diagnostics of each step.
 *
 * @param respondent        per respondent, its position among the sampled units
 * @param weight            per respondent, the final weight
 * @param beforeCalibration per respondent, the weight after non-response adjustment (d in g·d)
 * @param varianceStratum   per respondent, the stratum used for variance (its non-response group)
 * @param stratumPopulation per variance stratum, the frame count (for the finite population correction)
 * @param design            the statistics engine's design of the respondents (rows in the order above): strata,
 *                          finite population correction, final weights and the calibration steps that the
 *                          variance must honour; every estimate is computed from it
 * @param diagnostics       range, CV, design effect and margin checks
 */
public record Weights(int[] respondent, double[] weight, double[] beforeCalibration, int[] varianceStratum,
                      double[] stratumPopulation, Design design, Diagnostics diagnostics) {

    public int size() {
        return weight.length;
    }

    /** Column names of the design's table. */
    static final String STRATUM = "stratum";
    static final String POPULATION = "population";
    static final String WEIGHT = "weight";

    /**
     * The uncalibrated design of the respondents: one stratum per variance stratum with its frame count as finite
     * population correction (none when the counts are infinite), and {@code weight}. A stratum with one respondent
     * adds nothing to the variance (the certainty rule), since a non-response group keeps at least the minimum
     * number of respondents unless asked otherwise.
     */
    public static Design design(double[] weight, int[] varianceStratum, double[] stratumPopulation) {
        int n = weight.length;
        String[] stratum = new String[n];
        double[] population = new double[n];
        boolean finite = true;
        for (int r = 0; r < n; r++) {
            stratum[r] = "s" + varianceStratum[r];
            population[r] = stratumPopulation[varianceStratum[r]];
            finite &= Double.isFinite(population[r]);
        }
        DataTable table = DataTable.of(List.of(FactorColumn.ofText(STRATUM, stratum),
                new NumericColumn(POPULATION, population), new NumericColumn(WEIGHT, weight.clone())));
        Design.Builder builder = Design.builder(table).strata(STRATUM).weights(WEIGHT).lonelyPsu(LonelyPsu.CERTAINTY);
        if (finite) {
            builder.fpc(POPULATION);
        }
        return builder.build();
    }

    /**
     * What a weighting run reports.
     *
     * @param designWeightRange  smallest and largest design weight (N_h / n_h)
     * @param min                smallest final weight
     * @param max                largest final weight
     * @param cv                 coefficient of variation of the final weights
     * @param kishDeff           Kish's design effect from unequal weights, 1 + CV² (with n/(n−1) left out)
     * @param iterations         raking sweeps used (0 for linear or none)
     * @param mergedGroups       non-response groups merged because too few answered, e.g. "a+b"
     * @param marginChecks       per margin category, the weighted total against the frame count
     */
    public record Diagnostics(double[] designWeightRange, double min, double max, double cv, double kishDeff,
                              int iterations, List<String> mergedGroups, List<MarginCheck> marginChecks) {
    }

    /** A margin category's weighted total next to the frame's count. */
    public record MarginCheck(String margin, String category, double frameTotal, double weightedTotal) {
        public double relativeDifference() {
            return frameTotal == 0 ? weightedTotal : (weightedTotal - frameTotal) / frameTotal;
        }
    }
}
