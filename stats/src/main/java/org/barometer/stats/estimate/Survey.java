package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.DomainVariance;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;

/**
 * The entry point for estimates: runs a {@link Statistic} on a design and asks the design for its variance
 * ({@link SampleDesign#variance}), which takes its own route: Taylor linearisation ({@link TaylorVariance}) or
 * replicate weights (R's {@code svrVar}).
 *
 * <h2>Missing values (R's {@code na.rm})</h2>
 * Without {@code naRm}, a missing value in a row that counts gives NaN estimates and variances, as R gives NA.
 * With {@code naRm}, such rows leave the domain but keep the design: strata, PSUs and their sample counts stay,
 * exactly as R's subsetting of a design.
 *
 * <h2>Domains (R's {@code svyby})</h2>
 * A domain keeps the whole design: its rows carry their weights, the others weight 0 (R's
 * {@code subset.survey.design2}). Each domain's variance is computed from the same design.
 */
public final class Survey {
    private Survey() {}

    /** Estimates over the whole sample, without dropping missing values. */
    public static Estimate estimate(SampleDesign design, Statistic statistic) {
        return estimate(design, statistic, false, null);
    }

    /** Estimates over the whole sample. */
    public static Estimate estimate(SampleDesign design, Statistic statistic, boolean naRm) {
        return estimate(design, statistic, naRm, null);
    }

    /**
     * Estimates in a domain.
     *
     * @param domain rows of the domain, or null for all rows
     */
    public static Estimate estimate(SampleDesign design, Statistic statistic, boolean naRm, boolean[] domain) {
        int n = design.rowCount();
        if (domain != null && domain.length != n) {
            throw new IllegalArgumentException("domain has " + domain.length + " rows, design " + n);
        }
        // per-row flags only when some row is missing or outside the domain (large samples: avoid big arrays)
        boolean[] miss = null;
        if (statistic.anyMissing(n)) {
            miss = new boolean[n];
            statistic.markMissing(miss);
        }
        double[] weights = design.weightsReadOnly(); // never written to: a copy is made below if rows drop out
        boolean missing = false;
        boolean excluded = domain != null;
        if (miss != null) {
            for (int i = 0; i < n; i++) {
                if ((domain != null && !domain[i]) || !miss[i]) continue;
                if (naRm) {
                    excluded = true;
                } else if (weights[i] != 0) {
                    missing = true;
                }
            }
        }
        double df = design.degreesOfFreedom();
        if (missing) return nanEstimate(statistic, df);
        boolean[] in = null;
        double[] w = weights;
        if (excluded) {
            in = new boolean[n];
            w = new double[n];
            for (int i = 0; i < n; i++) {
                in[i] = (domain == null || domain[i]) && !(naRm && miss != null && miss[i]);
                if (in[i]) w[i] = weights[i];
            }
        }
        double[] est = statistic.estimate(w);
        double[][] v = design.variance(statistic, w, est, in);
        return new Estimate(statistic.names(), est, v, df);
    }

    private static Estimate nanEstimate(Statistic s, double df) {
        int p = s.dimension();
        double[] est = new double[p];
        Arrays.fill(est, Double.NaN);
        double[][] v = new double[p][p];
        for (double[] row : v) Arrays.fill(row, Double.NaN);
        return new Estimate(s.names(), est, v, df);
    }

    /**
     * The domains of one or more by-variables, as R's {@code svyby} forms them: one per combination of levels
     * that has rows of nonzero weight, in the order of R's interaction of the variables (first varying fastest).
     *
     * @param labels for each domain its level of each by-variable
     * @param ofRow for each row its domain (an index into {@code labels}), or -1 when a by-value is missing or
     *     the row's combination has no row of nonzero weight
     */
    public record Domains(List<List<String>> labels, int[] ofRow) {
        /** Copies. */
        public Domains {
            labels = labels.stream().map(List::copyOf).toList();
            ofRow = ofRow.clone();
        }

        @Override
        public int[] ofRow() {
            return ofRow.clone();
        }

        /** Number of domains. */
        public int count() {
            return labels.size();
        }

        /** The rows of domain {@code d}, as the domain argument of {@link Survey#estimate} takes them. */
        public boolean[] rows(int d) {
            boolean[] in = new boolean[ofRow.length];
            for (int i = 0; i < in.length; i++) in[i] = ofRow[i] == d;
            return in;
        }
    }

    /** The domains of {@code byVariables} in {@code design} (rows with a missing by-value belong to none). */
    public static Domains domains(SampleDesign design, String... byVariables) {
        Arguments.requireNonEmpty("domain variables", byVariables);
        int n = design.rowCount();
        FactorColumn[] f = new FactorColumn[byVariables.length];
        for (int k = 0; k < f.length; k++) f[k] = design.table().factor(byVariables[k]);
        int[] code = new int[n];
        long cells = 1;
        for (FactorColumn c : f) cells *= c.levelCount();
        Arguments.require(cells <= Integer.MAX_VALUE / 2, "domain variables", cells
                + " combinations of categories, too many");
        boolean[] used = new boolean[(int) cells];
        for (int i = 0; i < n; i++) {
            int c = 0;
            int mult = 1;
            for (FactorColumn col : f) {
                int v = col.code(i);
                if (v < 0) {
                    c = -1;
                    break;
                }
                c += v * mult;
                mult *= col.levelCount();
            }
            code[i] = c;
            if (c >= 0 && design.weight(i) != 0) used[c] = true;
        }
        // domains in R's order (interaction levels, first variable fastest), only those with nonzero weight
        int[] index = new int[used.length];
        List<List<String>> domains = new ArrayList<>();
        for (int c = 0; c < used.length; c++) {
            index[c] = -1;
            if (!used[c]) continue;
            index[c] = domains.size();
            List<String> labels = new ArrayList<>();
            int rest = c;
            for (FactorColumn col : f) {
                labels.add(col.levels().get(rest % col.levelCount()));
                rest /= col.levelCount();
            }
            domains.add(labels);
        }
        int[] ofRow = code; // reused: each row's combination becomes its domain
        for (int i = 0; i < n; i++) ofRow[i] = code[i] < 0 ? -1 : index[code[i]];
        return new Domains(domains, ofRow);
    }

    /**
     * Estimates by domain: one domain per combination of levels of the by-variables that has rows of nonzero
     * weight (R's {@code svyby} with {@code covmat=TRUE}). Rows with a missing by-value belong to no domain.
     */
    public static DomainEstimates by(SampleDesign design, Statistic statistic, boolean naRm, String... byVariables) {
        Domains domains = domains(design, byVariables);
        int count = domains.count();
        DomainVariance dv = design.domainVariance(statistic, domains.ofRow(), count, naRm);
        double df = design.degreesOfFreedom();
        List<Estimate> estimates = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            double[] est = dv.estimates()[d];
            estimates.add(est == null ? nanEstimate(statistic, df)
                    : new Estimate(statistic.names(), est, dv.covariances()[d], df));
        }
        return new DomainEstimates(List.of(byVariables), domains.labels(), estimates, dv.joint());
    }

    /**
     * Design effects of means or totals (R's {@code svymean(..., deff=TRUE)} / {@code svytotal}): the design
     * variance divided by the variance under simple random sampling without replacement of the same size,
     * {@code svyvar(x) (N - n) / (N n)} for a mean ({@code N} the weight sum, {@code n} the rows with nonzero
     * weight), times {@code N^2} for a total. One value per estimate (the diagonal).
     */
    public static double[] designEffect(SampleDesign design, Statistic statistic, boolean naRm) {
        Estimate e = estimate(design, statistic, naRm);
        int n = design.rowCount();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) if (!(naRm && statistic.isMissing(i))) w[i] = design.weight(i);
        double[][] columns;
        boolean total;
        if (statistic instanceof Estimators.Means m) {
            columns = new double[m.columns().size()][];
            for (int j = 0; j < columns.length; j++) columns[j] = m.columns().get(j).values();
            total = m.total();
        } else if (statistic instanceof Estimators.Levels l) {
            int k = l.factor().levelCount();
            columns = new double[k][n];
            for (int i = 0; i < n; i++) if (w[i] != 0) columns[l.factor().code(i)][i] = 1;
            total = l.total();
        } else {
            throw Arguments.refused("design effect", "available for means, totals and shares only");
        }
        double psum = 0;
        int nobs = 0;
        for (double x : w) {
            psum += x;
            if (x != 0) nobs++;
        }
        double[] out = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            double[] y = columns[j];
            double mean = 0;
            for (int i = 0; i < n; i++) if (w[i] != 0) mean += y[i] * w[i];
            mean /= psum;
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] == 0) continue;
                double d = y[i] - mean;
                s += d * d * nobs / (nobs - 1) * w[i];
            }
            double svyvar = s / psum;
            double vsrs = total ? svyvar * psum * psum * (psum - nobs) / (psum * nobs)
                    : svyvar * (psum - nobs) / (psum * nobs);
            out[j] = e.variance(j) / vsrs;
        }
        return out;
    }
}
