package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;

/**
 * The entry point for estimates: runs a {@link Statistic} on a design and gets its variance by the design's
 * route, Taylor linearisation ({@link TaylorVariance}) or replicate weights (R's {@code svrVar}).
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
        double[][] v;
        if (design instanceof Design d) {
            if (d.isCalibrated()) {
                v = TaylorVariance.variance(d, statistic.influence(w, est), null);
            } else {
                v = TaylorVariance.variance(d, statistic.influenceRows(w, est), in);
            }
        } else {
            ReplicateDesign r = (ReplicateDesign) design;
            double[][] thetas = replicates(r, statistic, in);
            v = replicateVariance(thetas, r.scale(), r.rscales(), r.mse(), est);
        }
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

    /** Estimates of {@code statistic} under each replicate's weights (rows outside {@code in} weigh 0). */
    static double[][] replicates(ReplicateDesign r, Statistic statistic, boolean[] in) {
        int n = r.rowCount();
        double[][] thetas = new double[r.replicateCount()][];
        double[] wr = new double[n];
        for (int k = 0; k < thetas.length; k++) {
            r.replicateWeightsInto(k, wr);
            if (in != null) for (int i = 0; i < n; i++) if (!in[i]) wr[i] = 0;
            thetas[k] = statistic.estimate(wr);
        }
        return thetas;
    }

    /**
     * R's {@code svrVar}: {@code scale * sum_r rscales[r] (theta_r - c)(theta_r - c)'}, {@code c} the mean of
     * the replicates with positive rscales, or {@code coef} when {@code mse}. Replicates with a NaN estimate are
     * dropped, as R's default {@code na.action}.
     */
    public static double[][] replicateVariance(double[][] thetas, double scale, double[] rscales, boolean mse,
            double[] coef) {
        int p = coef.length;
        List<Integer> ok = new ArrayList<>();
        for (int r = 0; r < thetas.length; r++) {
            boolean good = true;
            for (double t : thetas[r]) if (Double.isNaN(t)) good = false;
            if (good) ok.add(r);
        }
        if (ok.isEmpty()) throw new SurveyInputException("all replicates gave missing estimates");
        double[] centre = new double[p];
        if (mse) {
            centre = coef.clone();
        } else {
            int cnt = 0;
            for (int r : ok) {
                if (rscales[r] > 0) {
                    cnt++;
                    for (int j = 0; j < p; j++) centre[j] += thetas[r][j];
                }
            }
            for (int j = 0; j < p; j++) centre[j] /= cnt;
        }
        double[][] v = new double[p][p];
        for (int r : ok) {
            for (int j = 0; j < p; j++) {
                double dj = thetas[r][j] - centre[j];
                for (int l = 0; l < p; l++) v[j][l] += rscales[r] * dj * (thetas[r][l] - centre[l]);
            }
        }
        for (double[] row : v) for (int l = 0; l < p; l++) row[l] *= scale;
        return v;
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
        if (byVariables.length == 0) throw new SurveyInputException("no domain variables given");
        int n = design.rowCount();
        FactorColumn[] f = new FactorColumn[byVariables.length];
        for (int k = 0; k < f.length; k++) f[k] = design.table().factor(byVariables[k]);
        int[] code = new int[n];
        long cells = 1;
        for (FactorColumn c : f) cells *= c.levelCount();
        if (cells > Integer.MAX_VALUE / 2) throw new SurveyInputException("too many domain combinations");
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
        int n = design.rowCount();
        int count = domains.count();
        int p = statistic.dimension();
        int m = count * p;
        List<Estimate> estimates = new ArrayList<>();
        double[][] cov = new double[m][m];
        if (design instanceof Design d) {
            estimates = domainsInOnePass(d, statistic, naRm, domains.ofRow(), count, cov);
            return new DomainEstimates(List.of(byVariables), domains.labels(), estimates, cov);
        } else {
            List<double[][]> replicateSets = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                boolean[] dom = domains.rows(k);
                estimates.add(estimate(design, statistic, naRm, dom));
                if (design instanceof ReplicateDesign r) {
                    boolean[] in = new boolean[n];
                    boolean[] miss = new boolean[n];
                    statistic.markMissing(miss);
                    for (int i = 0; i < n; i++) in[i] = dom[i] && !(naRm && miss[i]);
                    replicateSets.add(replicates(r, statistic, in));
                }
            }
            if (design instanceof ReplicateDesign r) {
                double[][] thetas = new double[r.replicateCount()][m];
                double[] coef = new double[m];
                for (int d = 0; d < count; d++) {
                    for (int k = 0; k < thetas.length; k++) {
                        System.arraycopy(replicateSets.get(d)[k], 0, thetas[k], d * p, p);
                    }
                    for (int j = 0; j < p; j++) coef[d * p + j] = estimates.get(d).value(j);
                }
                cov = replicateVariance(thetas, r.scale(), r.rscales(), r.mse(), coef);
                return new DomainEstimates(List.of(byVariables), domains.labels(), estimates, cov);
            }
        }
        for (int d = 0; d < count; d++) {
            double[][] v = estimates.get(d).covariance();
            for (int a = 0; a < p; a++) System.arraycopy(v[a], 0, cov[d * p + a], d * p, p);
        }
        return new DomainEstimates(List.of(byVariables), domains.labels(), estimates, cov);
    }

    /**
     * All domains of a Taylor design in single passes grouped by domain code: one pass for the estimates, one for
     * the influence values, one variance call for every domain. Uncalibrated: R's svyby drops the rows outside
     * each domain, which is what {@link TaylorVariance#domainVariances} reproduces. Calibrated: R keeps all rows
     * with zero weights, so every domain's influence goes through the calibration steps as its own column.
     *
     * <p>The joint covariance {@code cov} (filled here) is R's {@code svyby(..., covmat=TRUE)} for
     * {@code survey.design2}: every domain's influence, zero outside the domain, stacked as its own columns and
     * passed once through the variance routine on the whole design, so domains sharing PSUs get their
     * covariance. Uncalibrated, {@link TaylorVariance#domainCovariance} works from the one influence array
     * (no n × domains matrix). A domain whose estimate is missing (NA without {@code naRm}) has NaN rows and
     * columns.
     */
    private static List<Estimate> domainsInOnePass(Design design, Statistic statistic, boolean naRm, int[] ofRow,
            int count, double[][] cov) {
        int n = design.rowCount();
        boolean[] miss = new boolean[n];
        statistic.markMissing(miss);
        double[] w = design.weights();
        int[] domain = new int[n];
        boolean[] domainMissing = new boolean[count];
        for (int i = 0; i < n; i++) {
            int d = ofRow[i];
            if (d >= 0 && miss[i]) {
                if (naRm) {
                    d = -1;
                } else {
                    domainMissing[d] = true;
                }
            }
            domain[i] = d;
        }
        for (int i = 0; i < n; i++) {
            if (domain[i] >= 0 && domainMissing[domain[i]]) domain[i] = -1; // R gives NA for such a domain
            if (domain[i] < 0) w[i] = 0;
        }
        double[][] est = statistic.estimateByDomain(w, domain, count);
        double[][] x = statistic.influenceByDomain(w, domain, count, est);
        double[][][] v;
        if (design.isCalibrated()) {
            // calibration spreads each domain's influence over all rows: one column per (domain, estimate), one
            // pass of the calibration steps and one variance call; the diagonal blocks are the domain variances
            int p = x.length;
            double[][] all = new double[count * p][n];
            for (int i = 0; i < n; i++) {
                int dd = domain[i];
                if (dd < 0) continue;
                for (int j = 0; j < p; j++) all[dd * p + j][i] = x[j][i];
            }
            double[][] joint = TaylorVariance.variance(design, all, null);
            v = new double[count][p][p];
            for (int dd = 0; dd < count; dd++) {
                for (int a = 0; a < p; a++) System.arraycopy(joint[dd * p + a], dd * p, v[dd][a], 0, p);
            }
            for (int a = 0; a < joint.length; a++) System.arraycopy(joint[a], 0, cov[a], 0, joint.length);
        } else {
            v = TaylorVariance.domainVariances(design, x, domain, count);
            double[][] joint = TaylorVariance.domainCovariance(design, x, domain, count);
            for (int a = 0; a < joint.length; a++) System.arraycopy(joint[a], 0, cov[a], 0, joint.length);
        }
        int p = x.length;
        for (int d = 0; d < count; d++) {
            if (!domainMissing[d]) continue;
            for (int a = 0; a < p; a++) {
                Arrays.fill(cov[d * p + a], Double.NaN);
                for (double[] row : cov) row[d * p + a] = Double.NaN;
            }
        }
        double df = design.degreesOfFreedom();
        List<Estimate> out = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            out.add(domainMissing[d] ? nanEstimate(statistic, df) : new Estimate(statistic.names(), est[d], v[d], df));
        }
        return out;
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
            throw new SurveyInputException("design effects are available for means, totals and shares");
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
