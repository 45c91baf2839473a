package org.barometer.stats.design;

import java.util.Arrays;
import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.RowList;

/**
 * The one Taylor-linearisation variance routine: a port of R survey's {@code svyrecvar}, {@code multistage},
 * {@code onestage} and {@code onestrat}. Every estimator hands it weighted influence values; nothing else
 * computes a Taylor variance.
 *
 * <p>For influence columns {@code x} (already weighted, see {@link CalibrationStep}) it first applies the
 * design's calibration steps in order, then, per stage-1 stratum {@code h} with {@code n_h} sampled PSUs of
 * {@code N_h} and PSU totals {@code t_c}:
 * <pre>V = sum_h (1 - n_h/N_h) n_h/(n_h - 1) sum_{c in h} (t_c - tbar_h)(t_c - tbar_h)'</pre>
 * plus, when an fpc is given and there are later stages, the same computed within every PSU for the next
 * stage, multiplied by the PSU's stage sampling fraction {@code n_h/N_h}. Lonely PSUs follow
 * {@link LonelyPsu}; strata whose sampling fraction is 1 contribute nothing at that stage.
 *
 * <p>Subsets: for an uncalibrated design a domain is, as in R, the design with the other rows dropped but the
 * sample counts {@code n_h} kept; PSUs of the stratum without rows in the domain count as zero totals. The
 * caller passes the rows of the subset in {@code present}. A calibrated design keeps all rows (R sets the
 * weights outside the domain to zero), so {@code present} is ignored for it.
 *
 * <p>Deviations from the stratum mean are summed in a second pass (not as sum of squares minus squared sum), so
 * the result keeps full precision when the influence values are large and their spread small.
 */
public final class TaylorVariance {
    private TaylorVariance() {}

    /**
     * The variance matrix (p × p) of the estimates whose weighted influence columns are {@code x[j][i]}.
     *
     * @param design the design
     * @param x influence, {@code x[j]} holds one value per row; may be overwritten by calibration steps
     * @param present rows belonging to the (sub)sample, or null for all rows
     * @throws SurveyInputException for a lonely PSU under {@link LonelyPsu#FAIL}, naming the stratum
     */
    public static double[][] variance(Design design, double[][] x, boolean[] present) {
        int n = design.rowCount();
        checkShape(x, n);
        if (design.isCalibrated()) {
            for (CalibrationStep step : design.calibration) x = step.residuals(x);
            present = null;
        }
        return variances(design, dense(x), null, present, 1, null)[0];
    }

    /**
     * Influence values produced block by block instead of as whole columns, so that large samples need no
     * n-length influence arrays: {@link #fill} writes the influence of rows {@code from..to-1} on estimate
     * {@code j} into {@code out[j][0..to-from-1]}. It may be called several times for the same rows and must
     * give the same values each time.
     */
    public interface InfluenceRows {
        /** Number of estimates. */
        int dimension();

        /**
         * Fills the influence of rows {@code from} (inclusive) to {@code to} (exclusive). Called concurrently
         * from several threads for disjoint row ranges on large samples.
         */
        void fill(int from, int to, double[][] out);
    }

    /**
     * The influence of a factor's shares or level totals: row i has {@code x_ij = a_i ([c_i = j] - b_j)} with
     * {@code a_i = w_i / divisor} ({@code w_i = 0} rows, and only they, may have a missing code). On a stage
     * whose rows are its clusters the variance needs only, per stratum and level, the sums of {@code a_i} and
     * {@code a_i^2}, so no p × p product is formed per row.
     *
     * @param codes level of each row (negative: missing)
     * @param weights the weights {@code w_i}
     * @param divisor the sum of the weights for shares, 1 for totals
     * @param offset {@code b}: the shares, or zeros for totals
     */
    public record FactorRows(int[] codes, double[] weights, double divisor, double[] offset) implements InfluenceRows {
        @Override
        public int dimension() {
            return offset.length;
        }

        @Override
        public void fill(int from, int to, double[][] out) {
            int p = offset.length;
            for (int i = from; i < to; i++) {
                int b = i - from;
                if (weights[i] == 0) {
                    for (int j = 0; j < p; j++) out[j][b] = 0;
                    continue;
                }
                int c = codes[i];
                double a = weights[i] / divisor;
                for (int j = 0; j < p; j++) out[j][b] = ((c == j ? 1 : 0) - offset[j]) * a;
            }
        }
    }

    /**
     * Influence that is a row's scale times its pattern's vector: {@code x_ij = a_i v[c_i][j]} (a model's rows
     * sharing a covariate pattern, the rows of a 0/1 variable); rows with {@code a_i = 0}, and only they, may
     * have any code. As for {@link FactorRows}, on a stage whose rows are its clusters the variance needs only,
     * per stratum and pattern, the count, sum and spread of {@code a_i}, so no p × p product is formed per row.
     *
     * @param codes pattern of each row
     * @param scale the factor {@code a_i} of each row
     * @param vectors per pattern its p values
     */
    public record PatternRows(int[] codes, double[] scale, double[][] vectors) implements InfluenceRows {
        @Override
        public int dimension() {
            return vectors.length == 0 ? 0 : vectors[0].length;
        }

        @Override
        public void fill(int from, int to, double[][] out) {
            int p = dimension();
            for (int i = from; i < to; i++) {
                int b = i - from;
                double a = scale[i];
                if (a == 0) {
                    for (int j = 0; j < p; j++) out[j][b] = 0;
                    continue;
                }
                double[] v = vectors[codes[i]];
                for (int j = 0; j < p; j++) out[j][b] = a * v[j];
            }
        }
    }

    /**
     * {@link #variance(Design, double[][], boolean[])} for influence given block by block. A calibrated design
     * needs whole columns for its calibration steps; they are then assembled from the blocks.
     */
    public static double[][] variance(Design design, InfluenceRows rows, boolean[] present) {
        if (design.isCalibrated()) {
            int n = design.rowCount();
            double[][] x = new double[rows.dimension()][n];
            double[][] buf = new double[rows.dimension()][BLOCK];
            for (int from = 0; from < n; from += BLOCK) {
                int to = Math.min(n, from + BLOCK);
                rows.fill(from, to, buf);
                for (int j = 0; j < x.length; j++) System.arraycopy(buf[j], 0, x[j], from, to - from);
            }
            return variance(design, x, null);
        }
        return variances(design, rows, null, present, 1, null)[0];
    }

    /**
     * Variances of domain estimates in one pass: row {@code i} belongs to domain {@code domain[i]} (or to none
     * when negative) and {@code x[j][i]} is its influence on estimate {@code j} of its own domain. The result
     * equals calling {@link #variance} once per domain with the domain's rows as {@code present}; it is only
     * defined for uncalibrated designs (after calibration every domain's influence spreads over all rows).
     *
     * @return one p × p matrix per domain
     */
    public static double[][][] domainVariances(Design design, double[][] x, int[] domain, int count) {
        if (design.isCalibrated()) {
            throw new IllegalArgumentException("domains of a calibrated design need one variance call per domain");
        }
        checkShape(x, design.rowCount());
        return variances(design, dense(x), domain, null, count, null);
    }

    /**
     * The most (unit, pattern) accumulators a stage whose rows are its clusters keeps for {@link PatternRows}
     * ((domain, stratum) units times patterns); beyond them the influence is read row by row.
     */
    public static final long PATTERN_SLOTS = 1 << 22;

    /**
     * {@link #domainVariances(Design, double[][], int[], int)} for influence given block by block (the same
     * numbers): a {@link PatternRows} whose patterns are each domain's own keeps the pattern sums per domain.
     */
    public static double[][][] domainVariances(Design design, InfluenceRows x, int[] domain, int count) {
        if (design.isCalibrated()) {
            throw new IllegalArgumentException("domains of a calibrated design need one variance call per domain");
        }
        return variances(design, x, domain, null, count, null);
    }

    /**
     * The joint covariance of domain estimates (R's {@code svyby(..., covmat=TRUE)} for {@code survey.design2}):
     * row {@code i} belongs to domain {@code domain[i]} (none when negative) and {@code x[j][i]} is its influence
     * on estimate {@code j} of its own domain. The result (domain-major, {@code d * p + j}) equals
     * {@link #variance} on the whole design of the stacked columns, each domain's influence in its own columns and
     * zero elsewhere; stages whose rows are the clusters are summed per domain block without forming those
     * columns ({@code O(n p^2)} per stage rather than {@code O(n (count p)^2)}). Only for uncalibrated designs.
     */
    public static double[][] domainCovariance(Design design, double[][] x, int[] domain, int count) {
        if (design.isCalibrated()) {
            throw new IllegalArgumentException("the joint covariance of a calibrated design needs stacked columns");
        }
        checkShape(x, design.rowCount());
        DomainInfluence sparse = new DomainInfluence(x, domain, count);
        return variances(design, sparse.stacked(), null, null, 1, sparse)[0];
    }

    /**
     * All domains of a Taylor design in single passes grouped by domain code: one pass for the estimates, one for
     * the influence values, one variance call for every domain. Uncalibrated: R's svyby drops the rows outside
     * each domain, which is what {@link #domainVariances} reproduces. Calibrated: R keeps all rows with zero
     * weights, so every domain's influence goes through the calibration steps as its own column.
     *
     * <p>The joint covariance is R's {@code svyby(..., covmat=TRUE)} for {@code survey.design2}: every domain's
     * influence, zero outside the domain, stacked as its own columns and passed once through the variance routine
     * on the whole design, so domains sharing PSUs get their covariance. Uncalibrated, {@link #domainCovariance}
     * works from the one influence array (no n × domains matrix). A domain whose estimate is missing (a missing
     * value in it, without {@code naRm}) has NaN rows and columns.
     */
    static DomainVariance domains(Design design, WeightedEstimator estimator, int[] ofRow, int count, boolean naRm) {
        int n = design.rowCount();
        boolean[] miss = new boolean[n];
        estimator.markMissing(miss);
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
        double[][] est = estimator.estimateByDomain(w, domain, count);
        double[][] x = estimator.influenceByDomain(w, domain, count, est);
        int p = x.length;
        double[][][] v;
        double[][] joint;
        if (design.isCalibrated()) {
            // calibration spreads each domain's influence over all rows: one column per (domain, estimate), one
            // pass of the calibration steps and one variance call; the diagonal blocks are the domain variances
            double[][] all = new double[count * p][n];
            for (int i = 0; i < n; i++) {
                int dd = domain[i];
                if (dd < 0) continue;
                for (int j = 0; j < p; j++) all[dd * p + j][i] = x[j][i];
            }
            joint = variance(design, all, null);
            v = new double[count][p][p];
            for (int dd = 0; dd < count; dd++) {
                for (int a = 0; a < p; a++) System.arraycopy(joint[dd * p + a], dd * p, v[dd][a], 0, p);
            }
        } else {
            v = domainVariances(design, x, domain, count);
            joint = domainCovariance(design, x, domain, count);
        }
        double[][] cov = new double[count * p][count * p];
        for (int a = 0; a < joint.length; a++) System.arraycopy(joint[a], 0, cov[a], 0, joint.length);
        for (int d = 0; d < count; d++) {
            if (!domainMissing[d]) continue;
            est[d] = null;
            for (int a = 0; a < p; a++) {
                Arrays.fill(cov[d * p + a], Double.NaN);
                for (double[] row : cov) row[d * p + a] = Double.NaN;
            }
        }
        return new DomainVariance(est, v, cov);
    }

    /** Influence of each domain in its own columns, kept as one value per row and estimate. */
    private record DomainInfluence(double[][] x, int[] domain, int count) {
        int p() {
            return x.length;
        }

        /** The stacked columns, produced block by block. */
        InfluenceRows stacked() {
            int p = x.length;
            return new InfluenceRows() {
                @Override
                public int dimension() {
                    return count * p;
                }

                @Override
                public void fill(int from, int to, double[][] out) {
                    for (double[] col : out) Arrays.fill(col, 0, to - from, 0.0);
                    for (int i = from; i < to; i++) {
                        int d = domain[i];
                        if (d < 0) continue;
                        for (int j = 0; j < p; j++) out[d * p + j][i - from] = x[j][i];
                    }
                }
            };
        }
    }

    private static void checkShape(double[][] x, int n) {
        for (double[] col : x) {
            if (col.length != n) throw new IllegalArgumentException("influence column of length " + col.length);
        }
    }

    /** Rows per block when influence is read block by block. */
    private static final int BLOCK = 4096;

    /** Rows per parallel chunk below which one chunk is used. */
    private static final int MIN_CHUNK = 1 << 17;

    /** Number of row chunks for the by-row passes: one per processor (at most 4) on large samples. */
    private static int chunks(int n) {
        int cpus = Math.min(4, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(cpus, n / MIN_CHUNK));
    }

    /** End (exclusive) of chunk {@code part} of {@code chunks}; the start of chunk 0 is chunkEnd(-1) = 0. */
    private static int chunkEnd(int n, int chunks, int part) {
        if (part < 0) return 0;
        return (int) ((long) n * (part + 1) / chunks);
    }

    /** The rows of {@code present}, or null for all rows (no {@code present}, or domains given instead). */
    private static RowList presentRows(boolean[] present, int[] domain) {
        return present == null || domain != null ? null : RowList.of(present);
    }

    /** Influence columns seen as {@link InfluenceRows}. */
    public static InfluenceRows rowsOf(double[][] x) {
        return dense(x);
    }

    private static InfluenceRows dense(double[][] x) {
        return new InfluenceRows() {
            @Override
            public int dimension() {
                return x.length;
            }

            @Override
            public void fill(int from, int to, double[][] out) {
                for (int j = 0; j < x.length; j++) System.arraycopy(x[j], from, out[j], 0, to - from);
            }
        };
    }

    /** Rows belong to domain {@code domain[i]}; without domains to domain 0 when {@code present} (null: all). */
    private static double[][][] variances(Design design, InfluenceRows x, int[] domain, boolean[] present,
            int count, DomainInfluence sparse) {
        int p = x.dimension();
        double[][] v = new double[count][p * p];
        int lastStage = design.hasFpc ? design.stages.length : 1;
        double[] fractionOfParentStratum = null; // per stratum of the previous stage: product of sampling fractions
        for (int s = 0; s < lastStage; s++) {
            Stage st = design.stages[s];
            double[] ancestor = new double[st.strataCount];
            if (s == 0) {
                Arrays.fill(ancestor, 1.0);
            } else {
                Stage prev = design.stages[s - 1];
                for (int h = 0; h < st.strataCount; h++) {
                    ancestor[h] = fractionOfParentStratum[prev.stratumOfCluster[st.parentCluster[h]]];
                }
            }
            stageVariance(design, s, st, x, domain, present, count, ancestor, v, sparse);
            double[] frac = new double[st.strataCount];
            for (int h = 0; h < st.strataCount; h++) {
                frac[h] = ancestor[h] * st.sampledClusters[h] / st.populationClusters[h];
            }
            fractionOfParentStratum = frac;
        }
        double[][][] out = new double[count][p][p];
        for (int d = 0; d < count; d++) {
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    out[d][j][l] = v[d][j * p + l];
                    out[d][l][j] = v[d][j * p + l];
                }
            }
        }
        return out;
    }

    /**
     * One stage. The unit of R's onestrat is a (domain, stratum) pair, indexed {@code u = d * strata + h}; a
     * cluster is present in a domain when it has a row of the domain.
     */
    private static void stageVariance(Design design, int s, Stage st, InfluenceRows rows, int[] domain,
            boolean[] present, int count, double[] ancestor, double[][] v, DomainInfluence sparse) {
        int p = rows.dimension();
        double[][] x = new double[p][BLOCK];
        int n = design.rowCount();
        int strata = st.strataCount;
        int units = count * strata;
        boolean byRow = st.rowsAreClusters;
        int[] str = st.stratumOfRow;
        // (1) per unit: clusters present and the sum of their totals
        int[] nsubset = new int[units];
        double[] sums = new double[units * p];
        double[] totals = null;
        int[] totalsUnit = null; // for each (domain, cluster) slot: its unit, or -1 if absent
        int k = st.clusterCount;
        boolean sparseRows = byRow && sparse != null; // then domain == null, present == null, count == 1
        int[] rowsOfUnitInDomain = null; // per (stratum, domain): rows, for the sparse cross products
        FactorRows factorRows = byRow && !sparseRows && rows instanceof FactorRows f ? f : null;
        // patterns per unit in arrays of units × patterns: used while those stay small
        PatternRows patternRows = byRow && !sparseRows && rows instanceof PatternRows pr
                && (long) units * pr.vectors().length <= PATTERN_SLOTS ? pr : null;
        double[] levelSums = null; // per unit and level: sum of a_i over rows of weight not 0
        int[] levelRows = null; // ... their number
        double[] levelMean = null; // ... the running mean of a_i and the sum of squared deviations from it
        double[] levelSquares = null;
        if (factorRows != null) {
            levelSums = new double[units * p];
            levelRows = new int[units * p];
            levelMean = new double[units * p];
            levelSquares = new double[units * p];
            int[] codes = factorRows.codes();
            double[] wt = factorRows.weights();
            double divisor = factorRows.divisor();
            RowList listed = presentRows(present, domain);
            int m = listed == null ? n : listed.count();
            for (int r = 0; r < m; r++) {
                int i = listed == null ? r : listed.rows()[r];
                int d = domain != null ? domain[i] : 0;
                if (d < 0) continue;
                int u = d * strata + str[i];
                nsubset[u]++;
                if (wt[i] == 0) continue;
                double a = wt[i] / divisor;
                int uc = u * p + codes[i];
                levelSums[uc] += a;
                // Welford's update: the spread of a_i within a level is summed as deviations, so equal weights
                // give exactly 0 (no cancellation between sums of squares)
                int seen = ++levelRows[uc];
                double delta = a - levelMean[uc];
                levelMean[uc] += delta / seen;
                levelSquares[uc] += delta * (a - levelMean[uc]);
            }
            double[] offset = factorRows.offset();
            for (int u = 0; u < units; u++) {
                double all = 0;
                for (int c = 0; c < p; c++) all += levelSums[u * p + c];
                for (int j = 0; j < p; j++) sums[u * p + j] = levelSums[u * p + j] - offset[j] * all;
            }
        } else if (patternRows != null) {
            int levels = patternRows.vectors().length;
            levelSums = new double[units * levels];
            levelRows = new int[units * levels];
            levelMean = new double[units * levels];
            levelSquares = new double[units * levels];
            int[] codes = patternRows.codes();
            double[] scaleOf = patternRows.scale();
            RowList listed = presentRows(present, domain);
            int m = listed == null ? n : listed.count();
            for (int r = 0; r < m; r++) {
                int i = listed == null ? r : listed.rows()[r];
                int d = domain != null ? domain[i] : 0;
                if (d < 0) continue;
                int u = d * strata + str[i];
                nsubset[u]++;
                double a = scaleOf[i];
                if (a == 0) continue;
                int uc = u * levels + codes[i];
                levelSums[uc] += a;
                int seen = ++levelRows[uc];
                double delta = a - levelMean[uc];
                levelMean[uc] += delta / seen;
                levelSquares[uc] += delta * (a - levelMean[uc]);
            }
            double[][] vectors = patternRows.vectors();
            for (int u = 0; u < units; u++) {
                for (int c = 0; c < levels; c++) {
                    double sum = levelSums[u * levels + c];
                    if (sum == 0) continue;
                    for (int j = 0; j < p; j++) sums[u * p + j] += sum * vectors[c][j];
                }
            }
        } else if (sparseRows) {
            int dp = sparse.p();
            int dc = sparse.count();
            rowsOfUnitInDomain = new int[strata * dc];
            for (int i = 0; i < n; i++) {
                int u = str[i];
                nsubset[u]++;
                int d = sparse.domain()[i];
                if (d < 0) continue;
                rowsOfUnitInDomain[u * dc + d]++;
                int base = u * p + d * dp;
                for (int j = 0; j < dp; j++) sums[base + j] += sparse.x()[j][i];
            }
        } else if (byRow) {
            // rows in a few fixed chunks, each with its own accumulators, merged in chunk order (deterministic)
            int chunks = chunks(n);
            int[][] nsubsetPart = new int[chunks][units];
            double[][] sumsPart = new double[chunks][units * p];
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(part -> {
                double[][] buf = new double[p][BLOCK];
                int[] ns = nsubsetPart[part];
                double[] sm = sumsPart[part];
                int end = chunkEnd(n, chunks, part);
                for (int from = chunkEnd(n, chunks, part - 1); from < end; from += BLOCK) {
                    int to = Math.min(end, from + BLOCK);
                    rows.fill(from, to, buf);
                    for (int i = from; i < to; i++) {
                        int d = domain != null ? domain[i] : (present == null || present[i] ? 0 : -1);
                        if (d < 0) continue;
                        int u = d * strata + str[i];
                        ns[u]++;
                        int base = u * p;
                        int b = i - from;
                        for (int j = 0; j < p; j++) sm[base + j] += buf[j][b];
                    }
                }
            });
            for (int part = 0; part < chunks; part++) {
                for (int u = 0; u < units; u++) nsubset[u] += nsubsetPart[part][u];
                for (int a = 0; a < sums.length; a++) sums[a] += sumsPart[part][a];
            }
        } else {
            long slots = (long) count * k;
            if (slots * p > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("too many domains × clusters");
            totals = new double[(int) slots * p];
            totalsUnit = new int[(int) slots];
            Arrays.fill(totalsUnit, -1);
            int[] cl = st.clusterOfRow;
            for (int from = 0; from < n; from += BLOCK) {
                int to = Math.min(n, from + BLOCK);
                rows.fill(from, to, x);
                for (int i = from; i < to; i++) {
                    int d = domain != null ? domain[i] : (present == null || present[i] ? 0 : -1);
                    if (d < 0) continue;
                    int slot = d * k + cl[i];
                    totalsUnit[slot] = d * strata + str[i];
                    int base = slot * p;
                    int b = i - from;
                    for (int j = 0; j < p; j++) totals[base + j] += x[j][b];
                }
            }
            for (int slot = 0; slot < totalsUnit.length; slot++) {
                int u = totalsUnit[slot];
                if (u < 0) continue;
                nsubset[u]++;
                for (int j = 0; j < p; j++) sums[u * p + j] += totals[slot * p + j];
            }
        }
        // (2) per unit: R's onestrat decisions
        int parents = s == 0 ? 1 : design.stages[s - 1].clusterCount;
        int groups = count * parents;
        int[] nstrat = new int[groups];
        int[] nok = new int[groups];
        double[] groupAncestor = new double[groups];
        boolean[] active = new boolean[units];
        double[] scale = new double[units];
        double[] means = new double[units * p];
        LonelyPsu rule = design.lonelyPsu;
        boolean adjustDomain = design.adjustDomainLonely;
        for (int u = 0; u < units; u++) {
            if (nsubset[u] == 0) continue; // stratum not in this domain
            int d = u / strata;
            int h = u % strata;
            int g = d * parents + (s == 0 ? 0 : st.parentCluster[h]);
            nstrat[g]++;
            groupAncestor[g] = ancestor[h];
            int nPsu = st.sampledClusters[h];
            double pop = st.populationClusters[h];
            double f = pop == Double.POSITIVE_INFINITY ? 1 : (pop - nPsu) / pop;
            if (f < 1e-7) {
                nok[g]++;
                continue; // sampled with certainty at this stage: no variance
            }
            int ns = nsubset[u];
            boolean center = rule != LonelyPsu.ADJUST || ns > 1 || (nPsu > 1 && !adjustDomain);
            boolean na = ns == 1 && nPsu > 1 && adjustDomain && rule == LonelyPsu.AVERAGE;
            if (nPsu == 1) {
                if (rule == LonelyPsu.FAIL) {
                    throw Arguments.cannotCompute("stratum " + design.stratumLabel(s + 1, h), "only one PSU at stage "
                            + (s + 1) + " (lonely PSU rule 'fail')");
                }
                if (rule == LonelyPsu.AVERAGE) na = true;
            }
            if (na) continue;
            nok[g]++;
            active[u] = true;
            scale[u] = nPsu > 1 ? f * nPsu / (nPsu - 1) : f;
            if (center) {
                int m = Math.max(ns, nPsu); // absent PSUs of the stratum count as zero totals
                for (int j = 0; j < p; j++) means[u * p + j] = sums[u * p + j] / m;
            }
        }
        // (3) per unit: sum of (t - mean)(t - mean)' over present clusters (lower triangle)
        double[] cross = new double[units * p * p];
        double[] dev = new double[p];
        if (factorRows != null) {
            factorCross(factorRows.offset(), levelRows, levelSums, levelSquares, means, nsubset, active, cross);
        } else if (patternRows != null) {
            patternCross(patternRows.vectors(), levelRows, levelSums, levelSquares, means, nsubset, active, cross);
        } else if (sparseRows) {
            sparseCross(sparse, str, strata, active, means, rowsOfUnitInDomain, nsubset, cross);
        } else if (byRow) {
            int chunks = chunks(n);
            double[][] crossPart = new double[chunks][];
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(part -> {
                double[][] buf = new double[p][BLOCK];
                double[] cr = new double[units * p * p];
                double[] dv = new double[p];
                int end = chunkEnd(n, chunks, part);
                for (int from = chunkEnd(n, chunks, part - 1); from < end; from += BLOCK) {
                    int to = Math.min(end, from + BLOCK);
                    rows.fill(from, to, buf);
                    for (int i = from; i < to; i++) {
                        int d = domain != null ? domain[i] : (present == null || present[i] ? 0 : -1);
                        if (d < 0) continue;
                        int u = d * strata + str[i];
                        if (!active[u]) continue;
                        accumulate(buf, i - from, means, u * p, cr, u * p * p, dv, p);
                    }
                }
                crossPart[part] = cr;
            });
            for (int part = 0; part < chunks; part++) {
                for (int a = 0; a < cross.length; a++) cross[a] += crossPart[part][a];
            }
        } else {
            for (int slot = 0; slot < totalsUnit.length; slot++) {
                int u = totalsUnit[slot];
                if (u < 0 || !active[u]) continue;
                int mb = u * p;
                int cb = u * p * p;
                for (int j = 0; j < p; j++) dev[j] = totals[slot * p + j] - means[mb + j];
                for (int j = 0; j < p; j++) {
                    double dj = dev[j];
                    int row = cb + j * p;
                    for (int l = 0; l <= j; l++) cross[row + l] += dj * dev[l];
                }
            }
        }
        // (4) combine: padding for absent PSUs, scale, R's nstrat/nokstrat for "average", ancestor fractions
        double[][] group = new double[groups][];
        for (int u = 0; u < units; u++) {
            if (!active[u]) continue;
            int d = u / strata;
            int h = u % strata;
            int g = d * parents + (s == 0 ? 0 : st.parentCluster[h]);
            if (group[g] == null) group[g] = new double[p * p];
            int padding = Math.max(nsubset[u], st.sampledClusters[h]) - nsubset[u];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double mj = means[u * p + j];
                    double ml = means[u * p + l];
                    group[g][j * p + l] += (cross[u * p * p + j * p + l] + padding * mj * ml) * scale[u];
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            if (nstrat[g] == 0) continue;
            double factor = (double) nstrat[g] / nok[g] * groupAncestor[g];
            double[] target = v[g / parents];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double val = nok[g] == 0 ? Double.NaN : (group[g] == null ? 0 : group[g][j * p + l] * factor);
                    target[j * p + l] += val;
                }
            }
        }
    }

    /**
     * Step (3) of a stage whose rows are the clusters, for stacked domain columns without forming them. Row
     * {@code i} of domain {@code a} has deviation {@code e_i = x_i - mu_a} in the columns of {@code a} and
     * {@code -mu_b} in those of every other domain {@code b}. Per stratum, with {@code D_a = sum e_i e_i'} and
     * {@code C_a = sum e_i} over the rows of {@code a}, and {@code n_a} their number among the {@code n} rows:
     * block (a, a) is {@code D_a + (n - n_a) mu_a mu_a'}, block (a, b) is
     * {@code -C_a mu_b' - mu_a C_b' + (n - n_a - n_b) mu_a mu_b'}. Deviations are still summed as deviations.
     */
    private static void sparseCross(DomainInfluence sparse, int[] str, int strata, boolean[] active, double[] means,
            int[] rowsOfUnitInDomain, int[] nsubset, double[] cross) {
        int dp = sparse.p();
        int dc = sparse.count();
        int m = dp * dc;
        double[][] x = sparse.x();
        int[] domain = sparse.domain();
        double[] dsum = new double[strata * dc * dp * dp];
        double[] csum = new double[strata * dc * dp];
        double[] e = new double[dp];
        for (int i = 0; i < domain.length; i++) {
            int u = str[i];
            int a = domain[i];
            if (a < 0 || !active[u]) continue;
            int mb = u * m + a * dp;
            for (int j = 0; j < dp; j++) e[j] = x[j][i] - means[mb + j];
            int cb = (u * dc + a) * dp;
            int db = (u * dc + a) * dp * dp;
            for (int j = 0; j < dp; j++) {
                csum[cb + j] += e[j];
                for (int l = 0; l <= j; l++) dsum[db + j * dp + l] += e[j] * e[l];
            }
        }
        for (int u = 0; u < strata; u++) {
            if (!active[u]) continue;
            int n = nsubset[u];
            int base = u * m * m;
            for (int a = 0; a < dc; a++) {
                int na = rowsOfUnitInDomain[u * dc + a];
                for (int b = 0; b <= a; b++) {
                    int nb = rowsOfUnitInDomain[u * dc + b];
                    for (int j = 0; j < dp; j++) {
                        int row = a * dp + j;
                        double muRow = means[u * m + row];
                        for (int l = 0; l < dp; l++) {
                            int col = b * dp + l;
                            if (col > row) break;
                            double muCol = means[u * m + col];
                            double val;
                            if (a == b) {
                                int jj = Math.max(j, l);
                                int ll = Math.min(j, l);
                                val = dsum[(u * dc + a) * dp * dp + jj * dp + ll] + (n - na) * muRow * muCol;
                            } else {
                                val = -csum[(u * dc + a) * dp + j] * muCol - muRow * csum[(u * dc + b) * dp + l]
                                        + (double) (n - na - nb) * muRow * muCol;
                            }
                            cross[base + row * m + col] = val;
                        }
                    }
                }
            }
        }
    }

    /**
     * Step (3) for {@link PatternRows}. With {@code v_c} the pattern's vector and {@code m} the unit's mean, a row
     * of pattern c deviates by {@code a_i v_c - m = (abar_c v_c - m) + (a_i - abar_c) v_c}; over the pattern's
     * {@code n_c} rows the cross terms vanish, so the unit gives
     * {@code sum_c [n_c (abar_c v_c - m)(abar_c v_c - m)' + D_c v_c v_c'] + z m m'}, with {@code D_c} the sum of
     * squared deviations of {@code a_i} from their mean and {@code z} the unit's rows of weight 0 (lower
     * triangle). Every term is a sum of deviations, as the row-by-row form.
     */
    private static void patternCross(double[][] vectors, int[] levelRows, double[] levelSums, double[] levelSquares,
            double[] means, int[] nsubset, boolean[] active, double[] cross) {
        int levels = vectors.length;
        int p = levels == 0 ? 0 : vectors[0].length;
        double[] dev = new double[p];
        for (int u = 0; u < active.length; u++) {
            if (!active[u]) continue;
            int cb = u * p * p;
            int zero = nsubset[u];
            for (int c = 0; c < levels; c++) {
                int rowsOfLevel = levelRows[u * levels + c];
                if (rowsOfLevel == 0) continue;
                zero -= rowsOfLevel;
                double mean = levelSums[u * levels + c] / rowsOfLevel;
                double spread = levelSquares[u * levels + c];
                double[] v = vectors[c];
                for (int j = 0; j < p; j++) dev[j] = mean * v[j] - means[u * p + j];
                for (int j = 0; j < p; j++) {
                    for (int l = 0; l <= j; l++) {
                        cross[cb + j * p + l] += rowsOfLevel * dev[j] * dev[l] + spread * v[j] * v[l];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                double mj = means[u * p + j];
                for (int l = 0; l <= j; l++) cross[cb + j * p + l] += zero * mj * means[u * p + l];
            }
        }
    }

    /** Step (3) for {@link FactorRows}: {@link #patternCross} with a level's vector {@code v_c = e_c - b}. */
    private static void factorCross(double[] offset, int[] levelRows, double[] levelSums, double[] levelSquares,
            double[] means, int[] nsubset, boolean[] active, double[] cross) {
        // a level's vector is its unit vector minus the offset: the pattern case with one pattern per level
        int p = offset.length;
        double[][] vectors = new double[p][p];
        for (int c = 0; c < p; c++) {
            for (int j = 0; j < p; j++) vectors[c][j] = (c == j ? 1 : 0) - offset[j];
        }
        patternCross(vectors, levelRows, levelSums, levelSquares, means, nsubset, active, cross);
    }

    private static void accumulate(double[][] x, int i, double[] means, int mb, double[] cross, int cb, double[] d,
            int p) {
        if (p == 1) {
            double dj = x[0][i] - means[mb];
            cross[cb] += dj * dj;
            return;
        }
        for (int j = 0; j < p; j++) d[j] = x[j][i] - means[mb + j];
        for (int j = 0; j < p; j++) {
            double dj = d[j];
            int row = cb + j * p;
            for (int l = 0; l <= j; l++) cross[row + l] += dj * d[l];
        }
    }
}
