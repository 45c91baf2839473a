package org.barometer.stats.calibrate;

/**
 * Post-stratification to known population counts, ported from R survey's
 * {@code postStratify.survey.design}: every weight in post-stratum h is multiplied by
 * {@code N_h / sum_{i in h} w_i}. Partial post-stratification is not offered: a population category with
 * no sample weight, or a sample category with no population count, is refused.
 */
public final class PostStratification {

    private PostStratification() {
    }

    /**
     * The post-stratified weights and what the post-stratification contributes to the variance.
     *
     * @param weights    the new weights (a fresh array)
     * @param adjustment R's ordinary post-stratification step of {@code svyrecvar}
     */
    public record Result(double[] weights, PostStratumAdjustment adjustment) {
    }

    /**
     * @param strata     the post-stratifying variable, one code per sample row
     * @param weights    the current weights (not modified)
     * @param population population count per category of {@code strata}
     * @return the post-stratified weights
     * @throws CalibrationException if a category is absent from the sample or from the population, a count
     *     is negative or zero for a category present in the sample, or the variable names differ
     */
    public static Result apply(CodedFactor strata, double[] weights, PopulationMargin population) {
        CalibrationException.requireWeights("weights", weights, strata.size());
        double[] ratio = ratios(strata, weights, population);
        int[] c = strata.codes();
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] * ratio[c[i]];
        }
        return new Result(out, new PostStratumAdjustment(strata, weights.clone(), out.clone()));
    }

    /**
     * Post-stratifies a replicate design as R's {@code postStratify.svyrep.design}: the full-sample weights
     * and each set of replicate weights are post-stratified separately, each with its own weighted counts.
     *
     * @param strata     the post-stratifying variable
     * @param weights    full-sample analysis weights (not modified)
     * @param replicates replicate analysis weights {@code replicates[r][i]} (not modified)
     * @param population population count per category
     * @return the full-sample result and the post-stratified replicate analysis weights
     * @throws CalibrationException as {@link #apply}, and when a replicate has no weight in a post-stratum
     */
    public static ReplicateResult applyReplicates(CodedFactor strata, double[] weights, double[][] replicates,
            PopulationMargin population) {
        Result full = apply(strata, weights, population);
        double[] pop = MarginTotals.populationByLevel(strata, population, MarginTotals.levelTotals(strata, weights));
        int[] c = strata.codes();
        double[][] out = new double[replicates.length][];
        for (int r = 0; r < replicates.length; r++) {
            double[] wr = replicates[r];
            CalibrationException.requireReplicateWeights("replicate " + (r + 1) + " weights", wr, weights.length);
            double[] totals = MarginTotals.levelTotals(strata, wr);
            for (int j = 0; j < pop.length; j++) {
                if (pop[j] > 0 && totals[j] == 0) {
                    throw new CalibrationException(CalibrationException.Problem.CATEGORY_ABSENT_FROM_SAMPLE,
                            strata.name(), strata.levels()[j], "replicate " + (r + 1) + " has no weight in category "
                                    + strata.name() + "=" + strata.levels()[j] + ", so it cannot be post-stratified");
                }
            }
            double[] ratio = MarginTotals.ratios(pop, totals);
            double[] o = new double[wr.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = wr[i] * ratio[c[i]];
            }
            out[r] = o;
        }
        return new ReplicateResult(full, out);
    }

    /**
     * @param fullSample the full-sample post-stratification
     * @param replicates post-stratified replicate analysis weights {@code replicates[r][i]}
     */
    public record ReplicateResult(Result fullSample, double[][] replicates) {
    }

    /** Population over weighted sample count for each level, after all checks. */
    static double[] ratios(CodedFactor strata, double[] weights, PopulationMargin population) {
        double[] sample = MarginTotals.levelTotals(strata, weights);
        double[] pop = MarginTotals.populationByLevel(strata, population, sample);
        return MarginTotals.ratios(pop, sample);
    }
}
