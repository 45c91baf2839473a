package org.barometer.stats.design;

/** How a design obtains variances. */
public enum VarianceMethod {
    /** Taylor linearisation of the estimator over the sampling stages ({@link Design}). */
    TAYLOR_LINEARISATION,
    /** Re-estimation under every set of replicate weights ({@link ReplicateDesign}). */
    REPLICATE_WEIGHTS
}
