package org.barometer.stats.estimate;

import java.util.List;
import org.barometer.stats.Arguments;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Estimates for each domain (R's {@code svyby(..., covmat=TRUE)}): domains in the order of R's interaction of
 * the by-variables (first variable varying fastest), only domains with rows of nonzero weight. The joint
 * covariance lists, for each domain in turn, its estimates. It is the full covariance, as R's {@code svyby} with
 * {@code covmat=TRUE} builds it: for Taylor designs every domain's influence (zero outside the domain) is a column
 * of one variance computation on the whole design, so domains that share PSUs (or calibration margins) are
 * correlated; for replicate designs it is the replicate covariance of all domain estimates. The standard errors
 * of the domain estimates themselves are those of each domain on its own (R's subset design), which the diagonal
 * blocks reproduce apart from lonely-PSU adjustments that depend on the subset.
 *
 * @param byVariables the domain variables
 * @param domains for each domain its level of each by-variable
 * @param estimates for each domain its estimates
 * @param covariance joint covariance of all domain estimates, domain-major, or null where the design has none
 *     (replicate weights without replicates); contrasts between domains are then refused
 */
public record DomainEstimates(List<String> byVariables, List<List<String>> domains, List<Estimate> estimates,
        double[][] covariance) {

    /** Copies. */
    public DomainEstimates {
        byVariables = List.copyOf(byVariables);
        domains = domains.stream().map(List::copyOf).toList();
        estimates = List.copyOf(estimates);
        covariance = copy(covariance);
    }

    private static double[][] copy(double[][] m) {
        if (m == null) return null;
        double[][] c = new double[m.length][];
        for (int i = 0; i < c.length; i++) c[i] = m[i].clone();
        return c;
    }

    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    private void requireCovariance() {
        if (covariance == null) {
            throw Arguments.cannotCompute("difference between domains", "the replicate design has no replicates (the"
                    + " sample is the whole population), so there is no joint covariance (R's svyby(covmat = TRUE)"
                    + " fails there too)");
        }
    }

    /** Number of domains. */
    public int size() {
        return domains.size();
    }

    /** R's label of domain {@code d}: the levels joined by {@code "."}. */
    public String label(int d) {
        return String.join(".", domains.get(d));
    }

    /** The estimates of the domain with this label. */
    public Estimate domain(String label) {
        for (int d = 0; d < domains.size(); d++) if (label(d).equals(label)) return estimates.get(d);
        throw new IllegalArgumentException("no domain '" + label + "'");
    }

    /** A linear combination of the estimates in the joint (domain-major) order (R's svycontrast on svyby). */
    public Contrast contrast(double[] coefficients) {
        requireCovariance();
        int m = covariance.length;
        if (coefficients.length != m) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + m + " estimates");
        }
        double est = 0;
        int k = 0;
        for (Estimate e : estimates) for (int j = 0; j < e.size(); j++) est += coefficients[k++] * e.value(j);
        double var = 0;
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) var += coefficients[a] * covariance[a][b] * coefficients[b];
        double df = estimates.isEmpty() ? Double.POSITIVE_INFINITY : estimates.get(0).degreesOfFreedom();
        return Contrast.of(est, Math.sqrt(var), df);
    }

    /** The difference (domain a) − (domain b) of estimate {@code j}, with SE and t-test on the design df. */
    public Contrast difference(String domainA, String domainB, int j) {
        int a = indexOf(domainA);
        int b = indexOf(domainB);
        int p = estimates.get(0).size();
        if (j < 0 || j >= p) throw new IllegalArgumentException("no estimate " + j + " of " + p);
        requireCovariance();
        double[] c = new double[covariance.length];
        c[a * p + j] += 1;
        c[b * p + j] -= 1;
        return contrast(c);
    }

    private int indexOf(String label) {
        for (int d = 0; d < domains.size(); d++) if (label(d).equals(label)) return d;
        List<String> known = new java.util.ArrayList<>();
        for (int d = 0; d < domains.size(); d++) known.add(label(d));
        throw new IllegalArgumentException("no domain '" + label + "'; the domains are " + String.join(", ", known));
    }

    /**
     * A contrast with its standard error and the two-sided t-test of "contrast = 0" on {@code df} degrees of
     * freedom (normal for infinite df).
     *
     * @param estimate the contrast
     * @param standardError its standard error
     * @param statistic estimate / standard error
     * @param degreesOfFreedom df of the test
     * @param pValue two-sided p-value
     */
    public record Contrast(double estimate, double standardError, double statistic, double degreesOfFreedom,
            double pValue) {
        /** The same contrast tested on other degrees of freedom. */
        public Contrast withDegreesOfFreedom(double df) {
            return of(estimate, standardError, df);
        }

        static Contrast of(double est, double se, double df) {
            double t = est / se;
            double tail = Double.isInfinite(df) ? NormalDistribution.of(0, 1).survivalProbability(Math.abs(t))
                    : TDistribution.of(df).survivalProbability(Math.abs(t));
            return new Contrast(est, se, t, df, 2 * tail);
        }
    }
}
