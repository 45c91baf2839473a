package org.barometer.stats.design;

/**
 * An estimator as the two variance routes see it. A replicate design calls {@link #estimate} once per set of
 * replicate weights; a Taylor design hands the weighted influence values ({@link #influence} or
 * {@link #influenceRows}) to {@link TaylorVariance}. The estimator never computes a variance itself, and never
 * asks which route its design takes.
 *
 * <p>Weights passed in are 0 for rows outside the domain or dropped for missing values; implementations must
 * then give those rows no influence and ignore their (possibly missing) values. The weight arrays may be the
 * design's own: implementations must never modify them.
 */
public interface WeightedEstimator {
    /** Number of estimates. */
    int dimension();

    /**
     * Whether the estimates are weighted sums (R's {@code svytotal}): replicate designs made from a design with
     * an exhaustively sampled stratum treat those differently, as R does ({@link ReplicateDesign}).
     */
    default boolean isTotal() {
        return false;
    }

    /**
     * Whether a replicate design without replicates (made from a census: every first-stage unit sampled) gives this
     * estimator a zero variance, as R survey's {@code svymean}, {@code svytotal}, {@code svyglm} and
     * {@code svyquantile} do there; false where R fails instead ({@code svyratio}, the replicates' own quantile
     * interval), and the design then refuses.
     */
    default boolean zeroVarianceWithoutReplicates() {
        return true;
    }

    /** Whether a variable this estimator reads is missing in {@code row}. */
    boolean isMissing(int row);

    /**
     * Marks in {@code out} (one flag per row) the rows where a variable this estimator reads is missing; the
     * default asks {@link #isMissing(int)} row by row, implementations may do it column by column.
     */
    default void markMissing(boolean[] out) {
        for (int i = 0; i < out.length; i++) if (isMissing(i)) out[i] = true;
    }

    /** The estimates for the given weights. */
    double[] estimate(double[] weights);

    /**
     * The weighted influence columns for the given weights and the estimates they gave: {@code result[j][i]} is
     * the linearised contribution of row {@code i} to estimate {@code j}, multiplied by the weight exactly as R
     * passes it to {@code svyrecvar} (so that the variance of estimate j is the design variance of the total of
     * {@code result[j]}). Must be 0 where the weight is 0.
     */
    double[][] influence(double[] weights, double[] estimate);

    /**
     * The same influence values as {@link #influence}, produced block by block for the variance engine so that no
     * n-length arrays are needed (see {@link TaylorVariance.InfluenceRows}). The default computes the columns and
     * hands them out; estimators override it.
     */
    default TaylorVariance.InfluenceRows influenceRows(double[] weights, double[] estimate) {
        return TaylorVariance.rowsOf(influence(weights, estimate));
    }

    /**
     * Estimates for several domains at once: row {@code i} belongs to domain {@code domain[i]} ({@code 0..count-1},
     * negative for none). The default runs {@link #estimate} once per domain with the other rows' weights set to 0;
     * estimators override it with a single pass that groups by the domain code.
     */
    default double[][] estimateByDomain(double[] weights, int[] domain, int count) {
        double[][] out = new double[count][];
        double[] wd = new double[weights.length];
        for (int d = 0; d < count; d++) {
            for (int i = 0; i < wd.length; i++) wd[i] = domain[i] == d ? weights[i] : 0;
            out[d] = estimate(wd);
        }
        return out;
    }

    /**
     * Influence for several domains at once: {@code result[j][i]} is row {@code i}'s influence on estimate
     * {@code j} of its own domain (0 for rows in no domain), given each domain's estimates.
     */
    default double[][] influenceByDomain(double[] weights, int[] domain, int count, double[][] estimates) {
        int n = weights.length;
        double[][] out = new double[dimension()][n];
        double[] wd = new double[n];
        for (int d = 0; d < count; d++) {
            for (int i = 0; i < n; i++) wd[i] = domain[i] == d ? weights[i] : 0;
            double[][] x = influence(wd, estimates[d]);
            for (int j = 0; j < out.length; j++) {
                for (int i = 0; i < n; i++) if (domain[i] == d) out[j][i] = x[j][i];
            }
        }
        return out;
    }
}
