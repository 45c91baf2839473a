package org.barometer.app.analysis;

import java.util.List;

/**
 * The weights of the respondents, with what the variance engine needs to honour the way they were made,
 * and the diagnostics of each step.
 *
 * @param respondent        per respondent, its position among the sampled units
 * @param weight            per respondent, the final weight
 * @param beforeCalibration per respondent, the weight after non-response adjustment (d in g·d)
 * @param varianceStratum   per respondent, the stratum used for variance (its non-response group)
 * @param stratumPopulation per variance stratum, the frame count (for the finite population correction)
 * @param calibration       per respondent, its calibration variables (dummies of every margin), or null
 * @param diagnostics       range, CV, design effect and margin checks
 */
public record Weights(int[] respondent, double[] weight, double[] beforeCalibration, int[] varianceStratum,
                      double[] stratumPopulation, double[][] calibration, Diagnostics diagnostics) {

    public int size() {
        return weight.length;
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
