package org.barometer.stats.design;

import org.barometer.stats.data.DataTable;

/**
 * What every design offers to the estimators: the data, one weight per row, the degrees of freedom and the
 * variance of any {@link WeightedEstimator}. The two kinds are {@link Design} (Taylor linearisation) and
 * {@link ReplicateDesign} (replicate weights). Each kind carries out its own variance route, domain rule and
 * reweighting, so that this is the one place where the two routes part: estimators and calibrations never ask
 * which kind of design they have.
 */
public sealed interface SampleDesign permits Design, ReplicateDesign {
    /** The data. */
    DataTable table();

    /** Number of rows. */
    int rowCount();

    /** The (full-sample) weight of a row. */
    double weight(int row);

    /** A copy of the full-sample weights. */
    double[] weights();

    /**
     * The full-sample weights without copying, for single passes inside the engine over large samples. The
     * array is the design's own: callers must never modify it.
     */
    double[] weightsReadOnly();

    /** Design degrees of freedom (R's {@code degf}). */
    int degreesOfFreedom();

    /**
     * Degrees of freedom of the subset design of the rows in {@code rows} (null: all rows), as R's {@code degf}
     * of {@code subset(design, ...)}: the default for intervals in a domain.
     */
    int degreesOfFreedom(boolean[] rows);

    /** How this design obtains variances. */
    VarianceMethod varianceMethod();

    /**
     * The covariance matrix (p × p) of the estimates {@code estimate} that {@code estimator} gave for
     * {@code weights}: by Taylor linearisation of its influence values, or from its estimates under every set of
     * replicate weights.
     *
     * @param weights the design's weights, 0 for rows outside {@code rows}; never modified
     * @param rows the rows of the (sub)sample, or null for all rows
     */
    double[][] variance(WeightedEstimator estimator, double[] weights, double[] estimate, boolean[] rows);

    /**
     * Estimates by domain with their variances and joint covariance (R's {@code svyby(..., covmat=TRUE)}).
     *
     * @param ofRow per row its domain ({@code 0..count-1}), or -1 for none
     * @param naRm whether rows with a missing value leave their domain (R's {@code na.rm}); otherwise a missing
     *     value makes its domain's estimate missing
     */
    DomainVariance domainVariance(WeightedEstimator estimator, int[] ofRow, int count, boolean naRm);

    /**
     * Degrees of freedom of the whole sample, rows of weight zero included, as R's {@code svychisq} takes them:
     * PSUs minus strata at stage 1 of a Taylor design, the {@code degf} of a replicate design.
     */
    int sampleDegreesOfFreedom();

    /**
     * Whether R's subset of this design to a domain keeps every row, with weight zero outside the domain (a
     * calibrated Taylor design), rather than dropping the other rows.
     */
    boolean domainsKeepAllRows();

    /** The same design and weights over a table with more columns (same rows), e.g. derived variables. */
    SampleDesign withTable(DataTable newTable);

    /**
     * The design with the weights {@code reweighting} computes for it, in the form this kind of design needs
     * (see {@link Reweighting}), and the computation's report.
     */
    <R> Reweighting.Reweighted<? extends SampleDesign, R> reweighted(Reweighting<R> reweighting);
}
