package org.barometer.stats.design;

import java.util.Arrays;
import org.barometer.stats.SurveyInputException;

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
        int p = x.length;
        int n = design.rowCount();
        for (double[] col : x) {
            if (col.length != n) throw new IllegalArgumentException("influence column of length " + col.length);
        }
        if (design.isCalibrated()) {
            present = null;
            for (CalibrationStep step : design.calibration) x = step.residuals(x);
        }
        double[] v = new double[p * p];
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
            stageVariance(design, s, st, x, present, ancestor, v);
            double[] frac = new double[st.strataCount];
            for (int h = 0; h < st.strataCount; h++) {
                frac[h] = ancestor[h] * st.sampledClusters[h] / st.populationClusters[h];
            }
            fractionOfParentStratum = frac;
        }
        double[][] out = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int l = 0; l <= j; l++) {
                out[j][l] = v[j * p + l];
                out[l][j] = v[j * p + l];
            }
        }
        return out;
    }

    /** Whether cluster {@code c} is row {@code c} at this stage (every row its own PSU, R's {@code id=~1}). */
    private static boolean rowsAreClusters(Stage st, int n) {
        return st.clusterCount == n && st.clusterOfRow[0] == 0 && st.clusterOfRow[n - 1] == n - 1
                && st.rowsAreClusters;
    }

    private static void stageVariance(Design design, int s, Stage st, double[][] x, boolean[] present,
            double[] ancestor, double[] v) {
        int p = x.length;
        int n = design.rowCount();
        int strata = st.strataCount;
        boolean byRow = rowsAreClusters(st, n);
        // (1) cluster totals (unless every row is a cluster) and, per stratum, clusters present and their sum
        double[] totals = null;
        boolean[] clusterPresent = null;
        int[] nsubset = new int[strata];
        double[] sums = new double[strata * p];
        if (byRow) {
            int[] str = st.stratumOfRow;
            for (int i = 0; i < n; i++) {
                if (present != null && !present[i]) continue;
                int h = str[i];
                nsubset[h]++;
                int base = h * p;
                for (int j = 0; j < p; j++) sums[base + j] += x[j][i];
            }
        } else {
            int k = st.clusterCount;
            totals = new double[k * p];
            clusterPresent = new boolean[k];
            int[] cl = st.clusterOfRow;
            for (int i = 0; i < n; i++) {
                if (present != null && !present[i]) continue;
                int c = cl[i];
                clusterPresent[c] = true;
                int base = c * p;
                for (int j = 0; j < p; j++) totals[base + j] += x[j][i];
            }
            for (int c = 0; c < k; c++) {
                if (!clusterPresent[c]) continue;
                int h = st.stratumOfCluster[c];
                nsubset[h]++;
                for (int j = 0; j < p; j++) sums[h * p + j] += totals[c * p + j];
            }
        }
        // (2) per stratum: R's onestrat decisions
        int groups = s == 0 ? 1 : design.stages[s - 1].clusterCount;
        int[] nstrat = new int[groups];
        int[] nok = new int[groups];
        double[] groupAncestor = new double[groups];
        boolean[] active = new boolean[strata];
        double[] scale = new double[strata];
        double[] means = new double[strata * p];
        LonelyPsu rule = design.lonelyPsu;
        boolean adjustDomain = design.adjustDomainLonely;
        for (int h = 0; h < strata; h++) {
            if (nsubset[h] == 0) continue; // stratum not in this subset
            int g = s == 0 ? 0 : st.parentCluster[h];
            nstrat[g]++;
            groupAncestor[g] = ancestor[h];
            int nPsu = st.sampledClusters[h];
            double pop = st.populationClusters[h];
            double f = pop == Double.POSITIVE_INFINITY ? 1 : (pop - nPsu) / pop;
            if (f < 1e-7) {
                nok[g]++;
                continue; // sampled with certainty at this stage: no variance
            }
            int ns = nsubset[h];
            boolean center = rule != LonelyPsu.ADJUST || ns > 1 || (nPsu > 1 && !adjustDomain);
            boolean na = ns == 1 && nPsu > 1 && adjustDomain && rule == LonelyPsu.AVERAGE;
            if (nPsu == 1) {
                if (rule == LonelyPsu.FAIL) {
                    throw new SurveyInputException("stratum " + design.stratumLabel(s + 1, h)
                            + " has only one PSU at stage " + (s + 1) + " (lonely PSU rule 'fail')");
                }
                if (rule == LonelyPsu.AVERAGE) na = true;
            }
            if (na) continue;
            nok[g]++;
            active[h] = true;
            scale[h] = nPsu > 1 ? f * nPsu / (nPsu - 1) : f;
            if (center) {
                int m = Math.max(ns, nPsu); // absent PSUs of the stratum count as zero totals
                for (int j = 0; j < p; j++) means[h * p + j] = sums[h * p + j] / m;
            }
        }
        // (3) per stratum: sum of (t - mean)(t - mean)' over present clusters (lower triangle)
        double[] cross = new double[strata * p * p];
        double[] d = new double[p];
        if (byRow) {
            int[] str = st.stratumOfRow;
            for (int i = 0; i < n; i++) {
                if (present != null && !present[i]) continue;
                int h = str[i];
                if (!active[h]) continue;
                accumulate(x, i, means, h * p, cross, h * p * p, d, p);
            }
        } else {
            for (int c = 0; c < st.clusterCount; c++) {
                if (!clusterPresent[c]) continue;
                int h = st.stratumOfCluster[c];
                if (!active[h]) continue;
                int mb = h * p;
                int cb = h * p * p;
                for (int j = 0; j < p; j++) d[j] = totals[c * p + j] - means[mb + j];
                for (int j = 0; j < p; j++) {
                    double dj = d[j];
                    int row = cb + j * p;
                    for (int l = 0; l <= j; l++) cross[row + l] += dj * d[l];
                }
            }
        }
        // (4) combine: padding for absent PSUs, scale, R's nstrat/nokstrat for "average", ancestor fractions
        double[][] group = new double[groups][];
        for (int h = 0; h < strata; h++) {
            if (!active[h]) continue;
            int g = s == 0 ? 0 : st.parentCluster[h];
            if (group[g] == null) group[g] = new double[p * p];
            int padding = Math.max(nsubset[h], st.sampledClusters[h]) - nsubset[h];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double mj = means[h * p + j];
                    double ml = means[h * p + l];
                    group[g][j * p + l] += (cross[h * p * p + j * p + l] + padding * mj * ml) * scale[h];
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            if (nstrat[g] == 0) continue;
            double factor = (double) nstrat[g] / nok[g] * groupAncestor[g];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double val = nok[g] == 0 ? Double.NaN : (group[g] == null ? 0 : group[g][j * p + l] * factor);
                    v[j * p + l] += val;
                }
            }
        }
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
