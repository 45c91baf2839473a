package org.barometer.stats.design;

/**
 * Estimates of one estimator in several domains with their variances and joint covariance (R's
 * {@code svyby(..., covmat=TRUE)}), as a design's variance route gives them.
 *
 * @param estimates per domain its estimates, or null for a domain whose estimate is missing (R's NA: a value is
 *     missing in it and missing values are not dropped)
 * @param covariances per domain the covariance of its estimates (unused for a missing domain)
 * @param joint the covariance of all domains' estimates, domain-major ({@code d * p + j}), or null where the design
 *     has none (replicate weights without replicates, where R's {@code svyby(covmat = TRUE)} fails)
 */
public record DomainVariance(double[][] estimates, double[][][] covariances, double[][] joint) {}
