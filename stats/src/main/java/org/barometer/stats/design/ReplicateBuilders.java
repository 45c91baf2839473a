package org.barometer.stats.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.barometer.stats.Arguments;

/**
 * Ports of R's {@code jk1weights}, {@code jknweights} and {@code brrweights} (its Hadamard matrices:
 * {@link Hadamard}); the bootstrap kinds are in {@link BootstrapReplicates}.
 */
final class ReplicateBuilders {
    private ReplicateBuilders() {}

    static ReplicateDesign jk1(Design d, boolean mse) {
        Arguments.require(!d.hasStrata(), "design", "stratified, and JK1 replicates need an unstratified design;"
                + " use JKn");
        Stage st = d.stages[0];
        int n = st.clusterCount;
        double fpc = 1;
        if (d.hasFpc) {
            double pop = st.populationClusters[0];
            fpc = (pop - n) / pop;
        }
        // a census has no replicates (R's survey.drop.replicates): every row is self-representing, and the
        // replicate variance is zero where R survey has that shortcut (ReplicateVariance)
        double[][] factors = new double[fpc == 0 ? 0 : n][n];
        for (int r = 0; r < factors.length; r++) {
            Arrays.fill(factors[r], (double) n / (n - 1));
            factors[r][r] = 0;
        }
        double[] rscales = new double[factors.length];
        Arrays.fill(rscales, 1.0);
        return ReplicateDesign.compressed(d.table, d.weights, ReplicateType.JK1, fpc * (n - 1) / n, rscales, mse,
                factors, st.clusterOfRow, selfRepresentingRows(d));
    }

    static ReplicateDesign jkn(Design d, boolean mse) {
        Stage st = d.stages[0];
        int k = st.clusterCount;
        int nstrat = st.strataCount;
        List<double[]> reps = new ArrayList<>();
        List<Double> rscales = new ArrayList<>();
        for (int h = 0; h < nstrat; h++) {
            int nh = st.sampledClusters[h];
            double pop = st.populationClusters[h];
            double thisFpc = d.hasFpc ? (pop - nh) / pop : 1;
            // a stratum sampled exhaustively has no replicates, as R's survey.drop.replicates (its default): they
            // would add nothing to the variance but would count in the degrees of freedom (the rank)
            if (thisFpc == 0) continue;
            if (nh == 1 && thisFpc != 0) {
                switch (d.lonelyPsu) {
                    case FAIL -> throw Arguments.cannotCompute("stratum " + d.stratumLabel(1, h),
                            "only one PSU (lonely PSU rule 'fail')");
                    case REMOVE, CERTAINTY, AVERAGE -> {
                        continue;
                    }
                    case ADJUST -> {
                        double[] f = new double[k];
                        for (int c = 0; c < k; c++) {
                            f[c] = st.stratumOfCluster[c] == h ? 0 : (double) nstrat / (nstrat - 1);
                        }
                        reps.add(f);
                        rscales.add((nstrat - 1.0) / nstrat);
                        continue;
                    }
                    default -> { }
                }
            }
            for (int a = st.clusterStart[h]; a < st.clusterStart[h + 1]; a++) {
                int dropped = st.clustersByStratum[a];
                double[] f = new double[k];
                Arrays.fill(f, 1.0);
                for (int b = st.clusterStart[h]; b < st.clusterStart[h + 1]; b++) {
                    f[st.clustersByStratum[b]] = (double) nh / (nh - 1);
                }
                f[dropped] = 0;
                reps.add(f);
                rscales.add(thisFpc * (nh - 1) / nh);
            }
        }
        if (reps.isEmpty()) {
            throw Arguments.cannotCompute("design", "every stratum was sampled exhaustively: there is no sampling"
                    + " variance");
        }
        double scale = 1;
        if (reps.size() < k && d.lonelyPsu == LonelyPsu.AVERAGE) scale = (double) k / reps.size();
        double[] rs = new double[rscales.size()];
        for (int i = 0; i < rs.length; i++) rs[i] = rscales.get(i);
        return ReplicateDesign.compressed(d.table, d.weights, ReplicateType.JKN, scale, rs, mse,
                reps.toArray(new double[0][]), st.clusterOfRow, selfRepresentingRows(d));
    }

    /**
     * The rows of strata whose first-stage population count equals their number of sampled PSUs (R's
     * {@code selfrep}, which {@code as.svrepdesign} keeps for jackknife replicates; BRR drops the fpc), or null
     * when the design has no fpc or no such stratum.
     */
    static boolean[] selfRepresentingRows(Design d) {
        if (!d.hasFpc) return null;
        Stage st = d.stages[0];
        boolean[] rows = new boolean[d.weights.length];
        boolean any = false;
        for (int i = 0; i < rows.length; i++) {
            int h = st.stratumOfCluster[st.clusterOfRow[i]];
            rows[i] = st.populationClusters[h] == st.sampledClusters[h];
            any |= rows[i];
        }
        return any ? rows : null;
    }

    static ReplicateDesign brr(Design d, double rho, boolean mse) {
        Arguments.require(d.hasStrata(), "design", "unstratified, and BRR replicates need a stratified design");
        Stage st = d.stages[0];
        int k = st.clusterCount;
        // R orders strata by their labels as character strings, PSUs within stratum by first appearance.
        String var = d.strataNames[0];
        String[] label = new String[st.strataCount];
        for (int h = 0; h < st.strataCount; h++) label[h] = d.table.column(var).text(st.stratumFirstRow[h]);
        Integer[] order = new Integer[st.strataCount];
        for (int h = 0; h < order.length; h++) order[h] = h;
        Arrays.sort(order, (a, b) -> ReplicateDesign.LABEL_ORDER.compare(label[a], label[b]));
        double[][] half = new double[k][2];
        int[] pairOf = new int[k];
        int upto = 0;
        for (int h : order) {
            int nh = st.sampledClusters[h];
            Arguments.require(nh >= 2, "stratum " + d.stratumLabel(1, h), nh + " PSU; BRR needs 2");
        }
        // strata with more than two PSUs are split into pairs (R's large="split") before the 2-PSU strata
        for (int h : order) {
            int nh = st.sampledClusters[h];
            if (nh <= 2) continue;
            Arguments.require(nh % 2 == 0, "stratum " + d.stratumLabel(1, h), nh
                    + " PSUs, an odd number; BRR cannot split them into pairs");
            int pos = 0;
            for (int a = st.clusterStart[h]; a < st.clusterStart[h + 1]; a++, pos++) {
                int c = st.clustersByStratum[a];
                half[c][0] = pos % 2;
                half[c][1] = 1 - pos % 2;
                pairOf[c] = upto + pos / 2;
            }
            upto += nh / 2;
        }
        for (int h : order) {
            if (st.sampledClusters[h] != 2) continue;
            int pos = 0;
            for (int a = st.clusterStart[h]; a < st.clusterStart[h + 1]; a++, pos++) {
                int c = st.clustersByStratum[a];
                half[c][0] = pos;
                half[c][1] = 1 - pos;
                pairOf[c] = upto;
            }
            upto++;
        }
        int[][] hMat = Hadamard.forStrata(upto);
        int r = hMat.length;
        double[][] factors = new double[r][k];
        for (int i = 0; i < r; i++) {
            for (int c = 0; c < k; c++) {
                int col = hMat[1 + pairOf[c]][i]; // 0 -> first half-sample column, 1 -> second
                double wa = half[c][col];
                double wb = half[c][1 - col];
                factors[i][c] = wa * (2 - rho) + wb * rho;
            }
        }
        double[] rs = new double[r];
        Arrays.fill(rs, 1.0);
        return ReplicateDesign.compressed(d.table, d.weights, rho == 0 ? ReplicateType.BRR : ReplicateType.FAY,
                1.0 / (r * (1 - rho) * (1 - rho)), rs, mse, factors, st.clusterOfRow, null);
    }
}
