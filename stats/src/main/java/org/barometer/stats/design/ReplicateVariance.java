package org.barometer.stats.design;

import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.Arguments;

/** The replicate-weights variance route (R's {@code svrVar}), for {@link ReplicateDesign}. */
final class ReplicateVariance {
    private ReplicateVariance() {}

    /**
     * Refuses {@code estimator} on a design without replicates (a census) unless R survey gives it zero
     * variance there ({@link WeightedEstimator#zeroVarianceWithoutReplicates}).
     */
    static void requireDefinedWithoutReplicates(ReplicateDesign r, WeightedEstimator estimator) {
        if (r.replicateCount() == 0 && !estimator.zeroVarianceWithoutReplicates()) {
            throw Arguments.cannotCompute("replicates", "none: the sample is the whole population; R survey gives"
                    + " means, totals, shares, quantiles and models a zero variance there and fails for this estimate");
        }
    }

    /**
     * Estimates of {@code estimator} under each replicate's weights (rows outside {@code in} weigh 0; null: all;
     * and so do the rows {@link ReplicateDesign#replicateTotalsSkip} names).
     */
    static double[][] replicates(ReplicateDesign r, WeightedEstimator estimator, boolean[] in) {
        int n = r.rowCount();
        double[][] thetas = new double[r.replicateCount()][];
        double[] wr = new double[n];
        boolean[] skip = r.replicateTotalsSkip(estimator);
        for (int k = 0; k < thetas.length; k++) {
            r.replicateWeightsInto(k, wr);
            if (in != null) for (int i = 0; i < n; i++) if (!in[i]) wr[i] = 0;
            if (skip != null) for (int i = 0; i < n; i++) if (skip[i]) wr[i] = 0;
            thetas[k] = estimator.estimate(wr);
        }
        return thetas;
    }

    /**
     * R's {@code svrVar}: {@code scale * sum_r rscales[r] (theta_r - c)(theta_r - c)'}, {@code c} the mean of
     * the replicates with positive rscales, or {@code coef} when {@code mse}. Replicates with a NaN estimate are
     * dropped, as R's default {@code na.action}. Without replicates (a census) the variance is zero, as R
     * survey's shortcut for designs whose rows are all self-representing.
     */
    static double[][] svrVar(ReplicateDesign design, double[][] thetas, double[] coef) {
        if (design.replicateCount() == 0) return new double[coef.length][coef.length];
        double scale = design.scale();
        double[] rscales = design.rscales();
        int p = coef.length;
        List<Integer> ok = new ArrayList<>();
        for (int r = 0; r < thetas.length; r++) {
            boolean good = true;
            for (double t : thetas[r]) if (Double.isNaN(t)) good = false;
            if (good) ok.add(r);
        }
        if (ok.isEmpty()) {
            throw Arguments.cannotCompute("replicate variance", "every replicate gave a missing estimate");
        }
        double[] centre = new double[p];
        if (design.mse()) {
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
     * Domains of a replicate design, as R's {@code svyby} on an {@code svyrep.design}: each domain is the subset
     * of its rows (without {@code naRm}, a missing value with nonzero weight makes the domain's estimate missing),
     * re-estimated under every replicate; the joint covariance comes from the stacked replicate estimates.
     */
    static DomainVariance domains(ReplicateDesign r, WeightedEstimator estimator, int[] ofRow, int count,
            boolean naRm) {
        requireDefinedWithoutReplicates(r, estimator);
        int n = r.rowCount();
        int p = estimator.dimension();
        double[] weights = r.weightsReadOnly();
        boolean[] miss = new boolean[n];
        estimator.markMissing(miss);
        double[][] estimates = new double[count][];
        double[][][] covariances = new double[count][][];
        double[][][] thetaSets = new double[count][][];
        for (int d = 0; d < count; d++) {
            boolean[] in = new boolean[n];
            double[] w = new double[n];
            boolean missing = false;
            for (int i = 0; i < n; i++) {
                if (ofRow[i] != d) continue;
                if (miss[i]) {
                    if (naRm) continue;
                    if (weights[i] != 0) missing = true;
                }
                in[i] = true;
                w[i] = weights[i];
            }
            if (!missing) estimates[d] = estimator.estimate(w);
            thetaSets[d] = replicates(r, estimator, in);
            if (!missing) covariances[d] = svrVar(r, thetaSets[d], estimates[d]);
        }
        double[][] thetas = new double[r.replicateCount()][count * p];
        double[] coef = new double[count * p];
        for (int d = 0; d < count; d++) {
            for (int k = 0; k < thetas.length; k++) System.arraycopy(thetaSets[d][k], 0, thetas[k], d * p, p);
            for (int j = 0; j < p; j++) coef[d * p + j] = estimates[d] == null ? Double.NaN : estimates[d][j];
        }
        // without replicates R's svyby(covmat = TRUE) fails: no joint covariance
        return new DomainVariance(estimates, covariances, r.replicateCount() == 0 ? null : svrVar(r, thetas, coef));
    }
}
