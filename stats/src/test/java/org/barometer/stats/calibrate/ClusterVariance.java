package org.barometer.stats.calibrate;

import org.barometer.stats.design.CalibrationStep;
/**
 * The reference designs' variances, written out for these tests only: {@code dclus1} (one-stage cluster
 * sample of districts {@code dnum} with fpc) through calibration adjustments, and its JK1 replicate design.
 * The engine's own variance routine lives elsewhere; this is the textbook formula for one design, enough to
 * check that the calibration adjustments give R's numbers.
 */
final class ClusterVariance {

    private ClusterVariance() {
    }

    /** R's {@code onestage} for one stratum with fpc: (1 - n/N) n/(n-1) sum_c (z_c - zbar)^2. */
    static double clusterVariance(double[] x, double[] cluster, double populationClusters) {
        java.util.TreeMap<Double, Double> totals = new java.util.TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            totals.merge(cluster[i], x[i], Double::sum);
        }
        int n = totals.size();
        double mean = 0;
        for (double z : totals.values()) {
            mean += z;
        }
        mean /= n;
        double ss = 0;
        for (double z : totals.values()) {
            ss += (z - mean) * (z - mean);
        }
        return (1 - n / populationClusters) * n / (n - 1.0) * ss;
    }

    /** SE of svymean(~y) on dclus1 with weights {@code w} and the given calibration adjustments. */
    static double meanSe(double[] y, double[] w, double[] cluster, double fpc, CalibrationStep... steps) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            swy += w[i] * y[i];
        }
        double mean = swy / sw;
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = (y[i] - mean) * w[i] / sw;
        }
        double[][] infl = {x};
        for (CalibrationStep s : steps) {
            s.residuals(infl);
        }
        return Math.sqrt(clusterVariance(infl[0], cluster, fpc));
    }

    /** SE of svytotal(~y) on dclus1 with weights {@code w} and the given calibration adjustments. */
    static double totalSe(double[] y, double[] w, double[] cluster, double fpc, CalibrationStep... steps) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = y[i] * w[i];
        }
        double[][] infl = {x};
        for (CalibrationStep s : steps) {
            s.residuals(infl);
        }
        return Math.sqrt(clusterVariance(infl[0], cluster, fpc));
    }

    static double mean(double[] y, double[] w) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            swy += w[i] * y[i];
        }
        return swy / sw;
    }

    static double total(double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += w[i] * y[i];
        }
        return s;
    }

    /** R's {@code jk1weights} analysis weights: cluster c dropped, the others times n/(n-1). */
    static double[][] jk1Replicates(double[] w, double[] cluster) {
        double[] ids = java.util.Arrays.stream(cluster).distinct().sorted().toArray();
        int n = ids.length;
        double[][] reps = new double[n][w.length];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < w.length; i++) {
                reps[r][i] = cluster[i] == ids[r] ? 0 : w[i] * (n / (n - 1.0));
            }
        }
        return reps;
    }

    /**
     * JK1 SE of a mean as R's {@code as.svrepdesign(dclus1)}: scale (n-1)/n times the fpc factor 1 - n/N,
     * centred at the mean of the replicates (R's mse = FALSE).
     */
    static double jk1MeanSe(double[] y, double[][] reps, double populationClusters) {
        int n = reps.length;
        double[] est = new double[n];
        double centre = 0;
        for (int r = 0; r < n; r++) {
            est[r] = mean(y, reps[r]);
            centre += est[r];
        }
        centre /= n;
        double ss = 0;
        for (double e : est) {
            ss += (e - centre) * (e - centre);
        }
        return Math.sqrt((n - 1.0) / n * (1 - n / populationClusters) * ss);
    }
}
