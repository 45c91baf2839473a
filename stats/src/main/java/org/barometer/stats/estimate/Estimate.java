package org.barometer.stats.estimate;

import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Estimates with their variance matrix (R's {@code svystat}: {@code coef}, {@code vcov}, {@code SE}).
 * Immutable: the arrays are copied in and out.
 *
 * @param names one name per estimate
 * @param values the estimates
 * @param covariance the variance-covariance matrix of the estimates
 * @param degreesOfFreedom the design degrees of freedom used by default for intervals
 */
public record Estimate(List<String> names, double[] values, double[][] covariance, double degreesOfFreedom) {

    /** Copies the arrays and checks the shapes. */
    public Estimate {
        names = List.copyOf(names);
        if (values.length != names.size() || covariance.length != values.length) {
            throw new IllegalArgumentException("names, values and covariance disagree in size");
        }
        values = values.clone();
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
        covariance = c;
    }

    /** Number of estimates. */
    public int size() {
        return values.length;
    }

    /** Estimate {@code j}. */
    public double value(int j) {
        return values[j];
    }

    /** Estimate by name. */
    public double value(String name) {
        return values[index(name)];
    }

    /** Index of an estimate by name. */
    public int index(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no estimate '" + name + "' (estimates: " + names + ")");
        return j;
    }

    /** Variance of estimate {@code j}. */
    public double variance(int j) {
        return covariance[j][j];
    }

    /** Standard error of estimate {@code j}. */
    public double standardError(int j) {
        return Math.sqrt(covariance[j][j]);
    }

    /** Standard error by name. */
    public double standardError(String name) {
        return standardError(index(name));
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
        return c;
    }

    /**
     * Confidence interval {@code value ± q * SE}, {@code q} the {@code (1+level)/2} quantile of Student's t on
     * {@code df} degrees of freedom (normal for infinite df), as R's {@code confint(..., df=)}.
     */
    public double[] confidenceInterval(int j, double level, double df) {
        double q = quantile((1 + level) / 2, df);
        double se = standardError(j);
        return new double[] {values[j] - q * se, values[j] + q * se};
    }

    /**
     * The two-sided quantile helper: Student t, or normal when {@code df} is infinite; NaN on zero or negative
     * degrees of freedom, as R's {@code qt} (a domain with one PSU in one stratum has none).
     */
    static double quantile(double p, double df) {
        if (!(df > 0)) return Double.NaN;
        return Double.isInfinite(df) ? NormalDistribution.of(0, 1).inverseCumulativeProbability(p)
                : TDistribution.of(df).inverseCumulativeProbability(p);
    }
}
