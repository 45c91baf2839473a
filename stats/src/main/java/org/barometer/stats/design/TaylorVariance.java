package org.barometer.stats.design;

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
        double[][] v = new double[p][p];
        int lastStage = design.hasFpc ? design.stages.length : 1;
        double[] fractionOfParentStratum = null; // per stratum of previous stage: product of sampling fractions
        for (int s = 0; s < lastStage; s++) {
            Stage st = design.stages[s];
            double[] ancestor = new double[st.strataCount];
            if (s == 0) {
                java.util.Arrays.fill(ancestor, 1.0);
            } else {
                Stage prev = design.stages[s - 1];
                for (int h = 0; h < st.strataCount; h++) {
                    int parentStratum = prev.stratumOfCluster[st.parentCluster[h]];
                    ancestor[h] = fractionOfParentStratum[parentStratum];
                }
            }
            stageVariance(design, s, st, x, present, ancestor, v);
            double[] frac = new double[st.strataCount];
            for (int h = 0; h < st.strataCount; h++) {
                frac[h] = ancestor[h] * st.sampledClusters[h] / st.populationClusters[h];
            }
            fractionOfParentStratum = frac;
        }
        return v;
    }

    private static void stageVariance(Design design, int s, Stage st, double[][] x, boolean[] present,
            double[] ancestor, double[][] v) {
        int p = x.length;
        int n = design.rowCount();
        int k = st.clusterCount;
        double[] totals = new double[k * p];
        boolean[] clusterPresent = new boolean[k];
        int[] cl = st.clusterOfRow;
        for (int i = 0; i < n; i++) {
            if (present != null && !present[i]) continue;
            int c = cl[i];
            clusterPresent[c] = true;
            int base = c * p;
            for (int j = 0; j < p; j++) totals[base + j] += x[j][i];
        }
        // Strata are grouped by their enclosing cluster of the previous stage (one group at stage 1): R's onestage
        // call per group, whose "average" rule rescales by strata present / strata with a variance.
        int groups = s == 0 ? 1 : design.stages[s - 1].clusterCount;
        int[] nstrat = new int[groups];
        int[] nok = new int[groups];
        double[][][] groupSum = new double[groups][][];
        double[] groupAncestor = new double[groups];
        double[] mean = new double[p];
        for (int h = 0; h < st.strataCount; h++) {
            int from = st.clusterStart[h];
            int to = st.clusterStart[h + 1];
            int nsubset = 0;
            for (int a = from; a < to; a++) if (clusterPresent[st.clustersByStratum[a]]) nsubset++;
            if (nsubset == 0) continue; // stratum not in this subset
            int g = s == 0 ? 0 : st.parentCluster[h];
            nstrat[g]++;
            groupAncestor[g] = ancestor[h];
            int nPsu = st.sampledClusters[h];
            double pop = st.populationClusters[h];
            double f = pop == Double.POSITIVE_INFINITY ? 1 : (pop - nPsu) / pop;
            double scale = nPsu > 1 ? f * nPsu / (nPsu - 1) : f;
            if (f < 1e-7) {
                nok[g]++;
                continue; // certainty stratum: no variance at this stage
            }
            int m = Math.max(nsubset, nPsu);
            boolean adjustDomain = design.adjustDomainLonely;
            LonelyPsu rule = design.lonelyPsu;
            boolean center = rule != LonelyPsu.ADJUST || nsubset > 1 || (nPsu > 1 && !adjustDomain);
            boolean na = false;
            if (nsubset == 1 && nPsu > 1 && adjustDomain && rule == LonelyPsu.AVERAGE) na = true;
            if (nPsu == 1) {
                switch (rule) {
                    case FAIL -> throw new SurveyInputException("stratum " + design.stratumLabel(s + 1, h)
                            + " has only one PSU at stage " + (s + 1) + " (lonely PSU rule 'fail')");
                    case AVERAGE -> na = true;
                    default -> { }
                }
            }
            if (na) continue;
            nok[g]++;
            java.util.Arrays.fill(mean, 0);
            if (center) {
                for (int a = from; a < to; a++) {
                    int c = st.clustersByStratum[a];
                    if (!clusterPresent[c]) continue;
                    for (int j = 0; j < p; j++) mean[j] += totals[c * p + j];
                }
                for (int j = 0; j < p; j++) mean[j] /= m;
            }
            double[][] acc = groupSum[g];
            if (acc == null) acc = groupSum[g] = new double[p][p];
            double[][] local = new double[p][p];
            for (int a = from; a < to; a++) {
                int c = st.clustersByStratum[a];
                if (!clusterPresent[c]) continue;
                int base = c * p;
                for (int j = 0; j < p; j++) {
                    double dj = totals[base + j] - mean[j];
                    for (int l = 0; l <= j; l++) local[j][l] += dj * (totals[base + l] - mean[l]);
                }
            }
            int padding = m - nsubset; // PSUs of the stratum absent from the subset: zero totals
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double val = (local[j][l] + padding * mean[j] * mean[l]) * scale;
                    acc[j][l] += val;
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            if (nstrat[g] == 0) continue;
            double[][] acc = groupSum[g];
            double factor = (double) nstrat[g] / nok[g];
            double anc = s == 0 ? 1 : groupAncestor[g];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    double val = acc == null ? 0 : acc[j][l] * factor * anc;
                    if (nok[g] == 0) val = Double.NaN;
                    v[j][l] += val;
                    if (l != j) v[l][j] += val;
                }
            }
        }
    }

}
