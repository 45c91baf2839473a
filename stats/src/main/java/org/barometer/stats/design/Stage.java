package org.barometer.stats.design;

/**
 * One sampling stage of a {@link Design}: which stratum and which cluster (PSU at stage 1, SSU at stage 2, ...)
 * each row belongs to, how many clusters each stratum has in the sample and in the population.
 *
 * <p>Codes are dense and global for the stage: strata are numbered {@code 0..strataCount()-1} and clusters
 * {@code 0..clusterCount()-1}. As in R, a stage-{@code s} cluster is the combination of the cluster ids of
 * stages 1..s, and a stage-{@code s} stratum ({@code s > 1}) lies inside one stage-{@code (s-1)} cluster, its
 * {@link #parentCluster(int)}. Immutable; the arrays are never exposed for writing.
 */
public final class Stage {
    final int[] stratumOfRow;
    final int[] clusterOfRow;
    final int strataCount;
    final int clusterCount;
    final int[] stratumOfCluster;
    final int[] sampledClusters;
    final double[] populationClusters;
    final int[] parentCluster;
    final int[] clusterStart;
    final int[] clustersByStratum;
    final int[] stratumFirstRow;
    final int[] clusterFirstRow;
    /** Whether cluster c is exactly row c (every row its own PSU), which lets the variance skip cluster totals. */
    final boolean rowsAreClusters;

    Stage(int[] stratumOfRow, int strataCount, int[] stratumFirstRow, int[] clusterOfRow, int clusterCount,
            int[] clusterFirstRow, double[] populationClusters, int[] parentCluster) {
        this.stratumOfRow = stratumOfRow;
        this.clusterOfRow = clusterOfRow;
        this.strataCount = strataCount;
        this.clusterCount = clusterCount;
        this.stratumFirstRow = stratumFirstRow;
        this.clusterFirstRow = clusterFirstRow;
        this.stratumOfCluster = new int[clusterCount];
        for (int c = 0; c < clusterCount; c++) stratumOfCluster[c] = stratumOfRow[clusterFirstRow[c]];
        this.sampledClusters = new int[strataCount];
        for (int c = 0; c < clusterCount; c++) sampledClusters[stratumOfCluster[c]]++;
        this.clusterStart = new int[strataCount + 1];
        for (int h = 0; h < strataCount; h++) clusterStart[h + 1] = clusterStart[h] + sampledClusters[h];
        this.clustersByStratum = new int[clusterCount];
        int[] fill = clusterStart.clone();
        for (int c = 0; c < clusterCount; c++) clustersByStratum[fill[stratumOfCluster[c]]++] = c;
        this.populationClusters = populationClusters;
        this.parentCluster = parentCluster;
        boolean identity = clusterCount == clusterOfRow.length;
        for (int i = 0; identity && i < clusterOfRow.length; i++) identity = clusterOfRow[i] == i;
        this.rowsAreClusters = identity;
    }

    /** Number of strata at this stage. */
    public int strataCount() {
        return strataCount;
    }

    /** Number of clusters at this stage (over all strata). */
    public int clusterCount() {
        return clusterCount;
    }

    /** The stratum code of a data row (0-based row). */
    public int stratum(int row) {
        return stratumOfRow[row];
    }

    /** The cluster code of a data row. */
    public int cluster(int row) {
        return clusterOfRow[row];
    }

    /** The stratum a cluster belongs to. */
    public int stratumOfCluster(int cluster) {
        return stratumOfCluster[cluster];
    }

    /** Number of clusters of {@code stratum} in the sample (R's {@code fpc$sampsize}). */
    public int sampledClusters(int stratum) {
        return sampledClusters[stratum];
    }

    /** Number of clusters of {@code stratum} in the population ({@code +Infinity} without fpc). */
    public double populationClusters(int stratum) {
        return populationClusters[stratum];
    }

    /** The enclosing cluster of the previous stage, or -1 at stage 1. */
    public int parentCluster(int stratum) {
        return parentCluster == null ? -1 : parentCluster[stratum];
    }

    /** A data row that belongs to {@code stratum} (the first one), for labels and messages. */
    public int firstRowOfStratum(int stratum) {
        return stratumFirstRow[stratum];
    }

    /** A data row that belongs to {@code cluster} (the first one). */
    public int firstRowOfCluster(int cluster) {
        return clusterFirstRow[cluster];
    }

    /** A copy of the per-row stratum codes. */
    public int[] strataCodes() {
        return stratumOfRow.clone();
    }

    /** A copy of the per-row cluster codes. */
    public int[] clusterCodes() {
        return clusterOfRow.clone();
    }
}
