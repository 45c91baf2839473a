package org.barometer.stats.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;

/**
 * A probability sample design for Taylor-linearisation variance (R's {@code svydesign}): the data, one
 * weight per row, one {@link Stage} per stage of cluster sampling (strata, clusters, sample and population
 * cluster counts), the lonely-PSU rule and the calibration steps applied so far. Immutable: calibration and
 * option changes return new designs that share the unchanged arrays.
 *
 * <p>Build one with {@link #builder(DataTable)}:
 * <pre>{@code
 * Design d = Design.builder(table).ids("dnum").weights("pw").fpc("fpc").build();  // svydesign(id=~dnum, weights=~pw, fpc=~fpc)
 * }</pre>
 *
 * <h2>Rules (as R's svydesign unless stated)</h2>
 * <ul>
 *   <li>No ids means every row is its own PSU ({@code id=~1}); several ids are nested stages.</li>
 *   <li>fpc per stage: all values &le; 1 are sampling fractions, all &ge; 1 population counts of clusters;
 *       mixing is an error, as is a population smaller than the sample. Unlike R (which warns) an fpc that varies
 *       within a stratum is an error naming the stratum.</li>
 *   <li>Without weights and probabilities, weights come from the fpc (product over stages of population/sample
 *       clusters), or are 1 without fpc.</li>
 *   <li>Weights must be finite and positive; probabilities in (0, 1]. R accepts zero weights in a design and
 *       treats the rows as outside the sample; here a zero weight at design creation is refused, because it is
 *       nearly always a data error. Zero weights do occur legitimately in domains (rows outside the domain) and
 *       after calibration ({@link #withCalibration}), where they are allowed.</li>
 *   <li>Missing values in ids, strata, fpc, weights or probabilities are errors naming the variable and row.</li>
 *   <li>Without {@code nest}, a PSU id that appears in two strata is an error (R's {@code check.strata}).</li>
 * </ul>
 */
public final class Design implements SampleDesign {
    final DataTable table;
    final double[] weights;
    final Stage[] stages;
    final boolean hasStrata;
    final boolean hasFpc;
    final LonelyPsu lonelyPsu;
    final boolean adjustDomainLonely;
    final List<CalibrationStep> calibration;
    final String[] strataNames;
    final String[] idNames;
    private volatile int degf = Integer.MIN_VALUE;

    Design(DataTable table, double[] weights, Stage[] stages, boolean hasStrata, boolean hasFpc, LonelyPsu lonelyPsu,
            boolean adjustDomainLonely, List<CalibrationStep> calibration, String[] strataNames, String[] idNames) {
        this.table = table;
        this.weights = weights;
        this.stages = stages;
        this.hasStrata = hasStrata;
        this.hasFpc = hasFpc;
        this.lonelyPsu = lonelyPsu;
        this.adjustDomainLonely = adjustDomainLonely;
        this.calibration = List.copyOf(calibration);
        this.strataNames = strataNames;
        this.idNames = idNames;
    }

    /** Starts a design on {@code table}. */
    public static Builder builder(DataTable table) {
        return new Builder(table);
    }

    /** The data. */
    @Override
    public DataTable table() {
        return table;
    }

    /** Number of rows. */
    @Override
    public int rowCount() {
        return weights.length;
    }

    /** The weight of a row (0-based). */
    @Override
    public double weight(int row) {
        return weights[row];
    }

    /** A copy of all weights. */
    @Override
    public double[] weightsReadOnly() {
        return weights;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** Sum of the weights (the estimated population size). */
    public double weightSum() {
        double s = 0;
        for (double w : weights) s += w;
        return s;
    }

    /** Number of strata at the first stage (1 without strata). */
    public int strataCount() {
        return stages[0].strataCount;
    }

    /** Number of sampling stages (1 for a one-stage design). */
    public int stageCount() {
        return stages.length;
    }

    /** Stage {@code s}, counted from 1 as in survey texts. */
    public Stage stage(int s) {
        if (s < 1 || s > stages.length) {
            throw new IllegalArgumentException("stage " + s + " of a " + stages.length + "-stage design");
        }
        return stages[s - 1];
    }

    /** Whether strata were given. */
    public boolean hasStrata() {
        return hasStrata;
    }

    /** Whether a finite population correction was given. */
    public boolean hasFpc() {
        return hasFpc;
    }

    /** The lonely-PSU rule. */
    public LonelyPsu lonelyPsu() {
        return lonelyPsu;
    }

    /** Whether PSUs that are alone in their stratum within a domain get the lonely-PSU rule. */
    public boolean adjustDomainLonely() {
        return adjustDomainLonely;
    }

    /** Calibration steps applied so far, oldest first. */
    public List<CalibrationStep> calibrationSteps() {
        return calibration;
    }

    /** Whether the design has been calibrated (then domains keep all rows with zero weights, as in R). */
    public boolean isCalibrated() {
        return !calibration.isEmpty();
    }

    /** Names of the id (cluster) variables per stage; empty for {@code id=~1}. */
    public List<String> idVariables() {
        return List.of(idNames);
    }

    /** Names of the strata variables; empty without strata. */
    public List<String> strataVariables() {
        return List.of(strataNames);
    }

    /** A readable name of a stratum for messages, e.g. {@code stype=E}. */
    public String stratumLabel(int stage, int stratum) {
        Stage st = stage(stage);
        int row = st.firstRowOfStratum(stratum);
        StringBuilder sb = new StringBuilder();
        if (strataNames.length > 0) {
            String var = strataNames[Math.min(stage, strataNames.length) - 1];
            sb.append(var).append('=').append(table.column(var).text(row));
        } else {
            sb.append("(unstratified)");
        }
        if (stage > 1) {
            sb.append(" within ").append(idNames[stage - 2]).append('=').append(table.column(idNames[stage - 2])
                    .text(row));
        }
        return sb.toString();
    }

    /**
     * Design degrees of freedom as R's {@code degf}: PSUs minus strata at stage 1, counting only rows with a
     * nonzero weight.
     */
    @Override
    public int degreesOfFreedom() {
        int d = degf;
        if (d == Integer.MIN_VALUE) {
            d = degreesOfFreedom(null);
            degf = d;
        }
        return d;
    }

    /**
     * Degrees of freedom counting only rows in {@code rows} (null: all) that have a nonzero weight: PSUs minus
     * strata at stage 1 among them, as R's {@code degf} of a subset.
     */
    @Override
    public int degreesOfFreedom(boolean[] rows) {
        int[] domain = new int[weights.length];
        if (rows != null) for (int i = 0; i < domain.length; i++) domain[i] = rows[i] ? 0 : -1;
        return degreesOfFreedom(domain, 1)[0];
    }

    /**
     * {@link #degreesOfFreedom(boolean[])} of every domain in one pass: row {@code i} belongs to domain
     * {@code domain[i]} (to none when negative).
     */
    public int[] degreesOfFreedom(int[] domain, int count) {
        Stage s = stages[0];
        // rows outside every domain or of weight zero are counted in an extra domain, left out of the answer:
        // without a branch on the row, since a domain's rows come in no order and mispredicted branches would
        // cost more than the counting
        int none = count;
        int[] psus = new int[count + 1];
        boolean[] str = new boolean[(count + 1) * s.strataCount];
        // a PSU counted once per domain: where each row is its own PSU every row counted is one, else the
        // domains' PSUs are marked in one set of (domain, PSU) pairs
        java.util.BitSet psu = s.rowsAreClusters ? null : new java.util.BitSet();
        int[] stratumOfRow = s.stratumOfRow;
        for (int i = 0; i < weights.length; i++) {
            int d = domain[i];
            int at = d >= 0 & weights[i] != 0 ? d : none;
            str[at * s.strataCount + stratumOfRow[i]] = true;
            if (psu == null) {
                psus[at]++;
            } else if (at != none) {
                long pair = (long) at * s.clusterCount + s.clusterOfRow[i];
                if (pair > Integer.MAX_VALUE) return degreesOfFreedomOneByOne(domain, count);
                if (!psu.get((int) pair)) {
                    psu.set((int) pair);
                    psus[at]++;
                }
            }
        }
        int[] out = new int[count];
        for (int d = 0; d < count; d++) {
            int strata = 0;
            for (int h = 0; h < s.strataCount; h++) strata += str[d * s.strataCount + h] ? 1 : 0;
            out[d] = psus[d] - strata;
        }
        return out;
    }

    /** Domain by domain, where the (domain, PSU) pairs of all domains do not fit one set. */
    private int[] degreesOfFreedomOneByOne(int[] domain, int count) {
        int[] out = new int[count];
        int[] one = new int[domain.length];
        for (int d = 0; d < count; d++) {
            for (int i = 0; i < one.length; i++) one[i] = domain[i] == d ? 0 : -1;
            out[d] = degreesOfFreedom(one, 1)[0];
        }
        return out;
    }

    @Override
    public VarianceMethod varianceMethod() {
        return VarianceMethod.TAYLOR_LINEARISATION;
    }

    @Override
    public double[][] variance(WeightedEstimator estimator, double[] weights, double[] estimate, boolean[] rows) {
        if (isCalibrated()) {
            // R keeps every row of a calibrated design's subset, and the calibration steps need whole columns
            return TaylorVariance.variance(this, estimator.influence(weights, estimate), null);
        }
        return TaylorVariance.variance(this, estimator.influenceRows(weights, estimate), rows);
    }

    @Override
    public DomainVariance domainVariance(WeightedEstimator estimator, int[] ofRow, int count, boolean naRm) {
        return TaylorVariance.domains(this, estimator, ofRow, count, naRm);
    }

    /** PSUs minus strata at stage 1, every sampled PSU counted whatever its weight now. */
    @Override
    public int sampleDegreesOfFreedom() {
        return stages[0].clusterCount - stages[0].strataCount;
    }

    /** True once calibrated: R's subset of a calibrated design sets the weights outside the domain to zero. */
    @Override
    public boolean domainsKeepAllRows() {
        return isCalibrated();
    }

    /** Takes the new weights with their variance step ({@link #withCalibration}). */
    @Override
    public <R> Reweighting.Reweighted<Design, R> reweighted(Reweighting<R> reweighting) {
        Reweighting.Sample<R> s = reweighting.sample(weights());
        return new Reweighting.Reweighted<>(withCalibration(s.weights(), s.step()), s.report());
    }

    /** The same design with another lonely-PSU rule (and domain rule). */
    public Design withLonelyPsu(LonelyPsu rule, boolean adjustDomainLonely) {
        return new Design(table, weights, stages, hasStrata, hasFpc, rule, adjustDomainLonely, calibration, strataNames,
                idNames);
    }

    /**
     * A calibrated design: the same sample with {@code newWeights} (one per row, finite; zero and negative
     * values allowed since calibration may produce them) and {@code step} appended to the calibration steps that
     * the variance engine applies.
     */
    public Design withCalibration(double[] newWeights, CalibrationStep step) {
        Arguments.requireLength("calibrated weights", newWeights.length, weights.length, "rows");
        Arguments.requireFinite("calibrated weights", newWeights);
        Arguments.requireGiven("calibration step of the calibrated weights", step);
        List<CalibrationStep> steps = new ArrayList<>(calibration);
        steps.add(step);
        return new Design(table, newWeights.clone(), stages, hasStrata, hasFpc, lonelyPsu, adjustDomainLonely, steps,
                strataNames, idNames);
    }

    @Override
    public Design withTable(DataTable newTable) {
        Arguments.requireLength("rows of the new table", newTable.rowCount(), weights.length, "rows of the design");
        return new Design(newTable, weights, stages, hasStrata, hasFpc, lonelyPsu, adjustDomainLonely, calibration,
                strataNames, idNames);
    }

    /** Builder for {@link Design}; each setter returns the builder. */
    public static final class Builder {
        private final DataTable table;
        private String[] ids = new String[0];
        private String[] strata = new String[0];
        private String[] fpc = new String[0];
        private String weights;
        private String probabilities;
        private boolean nest;
        private LonelyPsu lonely = LonelyPsu.FAIL;
        private boolean adjustDomainLonely;

        Builder(DataTable table) {
            this.table = table;
        }

        /** Cluster id variables, one per stage (none: each row is a PSU). */
        public Builder ids(String... names) {
            this.ids = names.clone();
            return this;
        }

        /** Strata variable(s): the first for stage 1, further ones for later stages. */
        public Builder strata(String... names) {
            this.strata = names.clone();
            return this;
        }

        /** Finite population correction variable per stage (population cluster counts or sampling fractions). */
        public Builder fpc(String... names) {
            this.fpc = names.clone();
            return this;
        }

        /** Sampling weight variable. */
        public Builder weights(String name) {
            this.weights = name;
            return this;
        }

        /** Selection probability variable (alternative to weights). */
        public Builder probabilities(String name) {
            this.probabilities = name;
            return this;
        }

        /** Whether cluster ids are only unique within strata (R's {@code nest=TRUE}). */
        public Builder nest(boolean nest) {
            this.nest = nest;
            return this;
        }

        /** The lonely-PSU rule (default {@link LonelyPsu#FAIL}, as R). */
        public Builder lonelyPsu(LonelyPsu rule) {
            this.lonely = rule;
            return this;
        }

        /** Apply the lonely-PSU rule to PSUs that are alone in a stratum within a domain (default false, as R). */
        public Builder adjustDomainLonely(boolean on) {
            this.adjustDomainLonely = on;
            return this;
        }

        /** Validates everything and builds the design; errors name the variable and row. */
        public Design build() {
            int n = table.rowCount();
            Arguments.require(n > 0, "data", "no rows");
            Arguments.require(weights == null || probabilities == null, "weights and probabilities",
                    "give either weights ('" + weights + "') or probabilities ('" + probabilities + "'), not both");
            int stagesN = Math.max(1, ids.length);
            Arguments.require(fpc.length == 0 || fpc.length == stagesN, "fpc", fpc.length + " variables for "
                    + stagesN + " stages; give one per stage");
            // Stage-1 strata codes.
            int[][] strataCodes = new int[Math.max(1, strata.length)][];
            for (int k = 0; k < strata.length; k++) strataCodes[k] = requireCodes(strata[k], "strata");
            if (strata.length == 0) strataCodes[0] = new int[n];
            // Cluster codes per stage: combination of ids 1..s (and stratum when nested).
            int[] prevCluster = null;
            Stage[] stages = new Stage[stagesN];
            double[][] popPerRow = new double[stagesN][];
            for (int s = 0; s < stagesN; s++) {
                int[] stratumKey = s == 0 ? strataCodes[0] : strataCodes[Math.min(s, strataCodes.length - 1)];
                Coder.Coded stratum = s == 0 ? Coder.pairs(null, stratumKey, n) : Coder.pairs(stratumKey, prevCluster, n);
                Coder.Coded cluster;
                if (ids.length == 0) {
                    int[] rowIds = new int[n];
                    for (int i = 0; i < n; i++) rowIds[i] = i;
                    cluster = Coder.pairs(null, rowIds, n);
                } else {
                    int[] idCodes = requireCodes(ids[s], "id");
                    int[] parent = s == 0 ? (nest ? stratumKey : null) : prevCluster;
                    if (s > 0 && nest) {
                        parent = Coder.pairs(prevCluster, stratumKey, n).codes();
                    }
                    cluster = Coder.pairs(parent, idCodes, n);
                    if (s == 0 && !nest && strata.length > 0) checkNested(cluster, stratum, ids[0]);
                }
                double[] pop = new double[stratum.count()];
                Arrays.fill(pop, Double.POSITIVE_INFINITY);
                int[] parentCluster = null;
                if (s > 0) {
                    parentCluster = new int[stratum.count()];
                    for (int h = 0; h < stratum.count(); h++) parentCluster[h] = prevCluster[stratum.firstRow()[h]];
                }
                Stage st = new Stage(stratum.codes(), stratum.count(), stratum.firstRow(), cluster.codes(), cluster.count(),
                        cluster.firstRow(), pop, parentCluster);
                if (fpc.length > 0) {
                    popPerRow[s] = fillPopulation(st, fpc[s], s + 1);
                }
                stages[s] = st;
                prevCluster = cluster.codes();
            }
            if (stages[0].clusterCount == 1 && !(nest && strata.length > 0)) {
                throw Arguments.refused("design", "only one primary sampling unit");
            }
            double[] w = new double[n];
            if (weights != null) {
                double[] v = requireNumbers(weights, "weights");
                for (int i = 0; i < n; i++) {
                    // the row's place is spelt out only for a refusal (a million rows)
                    if (!(v[i] > 0 && Double.isFinite(v[i]))) {
                        Arguments.requirePositive(Arguments.atRow("weights '" + weights + "'", i), v[i]);
                    }
                    w[i] = v[i];
                }
            } else if (probabilities != null) {
                double[] v = requireNumbers(probabilities, "probabilities");
                for (int i = 0; i < n; i++) {
                    if (!(v[i] > 0 && v[i] <= 1)) {
                        Arguments.requireInRange(Arguments.atRow("probabilities '" + probabilities + "'", i), v[i], 0,
                                true, 1);
                    }
                    w[i] = 1 / v[i];
                }
            } else if (fpc.length > 0) {
                for (int i = 0; i < n; i++) {
                    double p = 1;
                    for (int s = 0; s < stagesN; s++) {
                        Stage st = stages[s];
                        int h = st.stratumOfRow[i];
                        p *= st.populationClusters[h] / st.sampledClusters[h];
                    }
                    if (!Double.isFinite(p)) {
                        throw Arguments.refused(Arguments.atRow("fpc", i), "an infinite population, so the weights"
                                + " cannot be computed from fpc; give weights");
                    }
                    w[i] = p;
                }
            } else {
                Arrays.fill(w, 1.0);
            }
            return new Design(table, w, stages, strata.length > 0, fpc.length > 0, lonely, adjustDomainLonely, List.of(),
                    strata.clone(), ids.clone());
        }

        private void checkNested(Coder.Coded cluster, Coder.Coded stratum, String idName) {
            int[] stratumOf = new int[cluster.count()];
            Arrays.fill(stratumOf, -1);
            int[] c = cluster.codes();
            int[] h = stratum.codes();
            for (int i = 0; i < c.length; i++) {
                if (stratumOf[c[i]] < 0) {
                    stratumOf[c[i]] = h[i];
                } else if (stratumOf[c[i]] != h[i]) {
                    Column id = table.column(idName);
                    throw Arguments.refused(Arguments.atRow("id '" + idName + "'", i), "PSU " + id.text(i)
                            + " appears in two strata; PSUs must be nested in strata, or use nest");
                }
            }
        }

        private double[] fillPopulation(Stage st, String name, int stageNo) {
            double[] v = requireNumbers(name, "fpc");
            boolean anyAbove = false;
            boolean allAtLeastOne = true;
            for (double x : v) {
                if (x < 0) throw Arguments.refused("fpc '" + name + "'", "negative value " + x);
                if (x > 1) anyAbove = true;
                if (x < 1) allAtLeastOne = false;
            }
            if (anyAbove && !allAtLeastOne) {
                throw Arguments.refused("fpc '" + name + "' (stage " + stageNo + ")",
                        "mixes sampling fractions (< 1) and population counts (> 1)");
            }
            double[] perRow = new double[v.length];
            double[] pop = st.populationClusters;
            boolean[] set = new boolean[pop.length];
            for (int i = 0; i < v.length; i++) {
                int h = st.stratumOfRow[i];
                double p = anyAbove ? v[i] : st.sampledClusters[h] / v[i];
                perRow[i] = p;
                if (!set[h]) {
                    set[h] = true;
                    pop[h] = p;
                    if (p < st.sampledClusters[h]) {
                        throw Arguments.refused(Arguments.atRow("fpc '" + name + "'", i), "population " + p
                                + " is smaller than the " + st.sampledClusters[h] + " sampled clusters of its stratum");
                    }
                } else if (pop[h] != p) {
                    throw Arguments.refused(Arguments.atRow("fpc '" + name + "'", i),
                            "value differs from earlier rows of the same stratum (stage " + stageNo + ")");
                }
            }
            return perRow;
        }

        private int[] requireCodes(String name, String role) {
            FactorColumn f = table.factor(name);
            int[] codes = f.codes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) throw Arguments.refused(Arguments.atRow(role + " '" + name + "'", i), "missing value");
            }
            return codes;
        }

        private double[] requireNumbers(String name, String role) {
            NumericColumn c = table.numeric(name);
            double[] v = c.values();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) Arguments.requirePresent(Arguments.atRow(role + " '" + name + "'", i), v[i]);
            }
            return v;
        }
    }
}
