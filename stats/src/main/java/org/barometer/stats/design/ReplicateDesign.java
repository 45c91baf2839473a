package org.barometer.stats.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.numeric.LinpackQr;

/**
 * A design with replicate weights (R's {@code svyrep.design}). The variance of any estimator is
 * <pre>V = scale * sum_r rscales[r] (theta_r - c)(theta_r - c)'</pre>
 * where {@code theta_r} is the estimator re-evaluated with replicate weights {@code r} and {@code c} is the mean
 * of the replicates (with {@code rscales > 0}) or, with {@link #mse()}, the full-sample estimate (R's
 * {@code svrVar}).
 *
 * <p>Replicate weights are stored either per PSU (factors times the full-sample weight, as R's compressed
 * weights made by {@link #fromDesign}) or per row (combined analysis weights, from
 * {@link #fromWeights} or {@link #withWeights}). Immutable.
 */
public final class ReplicateDesign implements SampleDesign {
    private final DataTable table;
    private final double[] weights;
    private final ReplicateType type;
    private final double scale;
    private final double[] rscales;
    private final boolean mse;
    // either per-unit factors (unitOfRow != null) or full per-row analysis weights
    private final double[][] replicates;
    private final int[] unitOfRow;
    /**
     * The rows of strata sampled exhaustively at the first stage (R's {@code selfrep}), or null when there are
     * none: survey 4.1-1's {@code svytotal} leaves them out of every replicate total (see {@link #replicateTotalsSkip}).
     */
    private final boolean[] selfRepresenting;
    private volatile Integer degf;

    private ReplicateDesign(DataTable table, double[] weights, ReplicateType type, double scale, double[] rscales,
            boolean mse, double[][] replicates, int[] unitOfRow, boolean[] selfRepresenting, Integer degf) {
        this.table = table;
        this.weights = weights;
        this.type = type;
        this.scale = scale;
        this.rscales = rscales;
        this.mse = mse;
        this.replicates = replicates;
        this.unitOfRow = unitOfRow;
        this.selfRepresenting = selfRepresenting;
        this.degf = degf;
    }

    /**
     * A design from supplied replicate weights that already include the sampling weight (R's
     * {@code svrepdesign(..., combined.weights=TRUE)}).
     *
     * @param table the data
     * @param weightVariable full-sample weight variable
     * @param replicateVariables replicate weight variables, one per replicate
     * @param type the kind of replicates
     * @param scale the scale, or NaN for the type's default (BRR 1/R, Fay 1/(R(1-rho)^2), bootstrap 1/(R-1),
     *     JK1 (R-1)/R, otherwise 1)
     * @param rscales per-replicate scales, or null for all 1 (required for {@link ReplicateType#JKN})
     * @param fayRho Fay's rho (only for {@link ReplicateType#FAY})
     * @param mse centre the replicates at the full-sample estimate instead of their mean
     */
    public static ReplicateDesign fromWeights(DataTable table, String weightVariable, List<String> replicateVariables,
            ReplicateType type, double scale, double[] rscales, double fayRho, boolean mse) {
        int n = table.rowCount();
        int r = replicateVariables.size();
        Arguments.requireNonEmpty("replicate weight variables", replicateVariables);
        double[] w = checkedWeights(table.numeric(weightVariable), false);
        double[][] reps = new double[r][];
        for (int k = 0; k < r; k++) reps[k] = checkedWeights(table.numeric(replicateVariables.get(k)), true);
        if (rscales != null) Arguments.requireLength("rscales", rscales.length, r, "replicates");
        Arguments.require(type != ReplicateType.JKN || rscales != null, "rscales", "JKn replicate weights need them");
        double s = scale;
        if (Double.isNaN(s)) {
            s = switch (type) {
                case BRR -> 1.0 / r;
                case FAY -> 1.0 / (r * (1 - fayRho) * (1 - fayRho));
                case BOOTSTRAP -> 1.0 / (r - 1);
                case JK1 -> (r - 1.0) / r;
                default -> 1.0;
            };
        }
        double[] rs = rscales == null ? filled(r, 1.0) : rscales.clone();
        Arguments.require(n > 0, "data", "no rows");
        return new ReplicateDesign(table, w, type, s, rs, mse, reps, null, null, null);
    }

    /**
     * Replicate weights made from a design (R's {@code as.svrepdesign}): {@link ReplicateType#JK1} for an
     * unstratified design, {@link ReplicateType#JKN} for a stratified one, {@link ReplicateType#BRR} or
     * {@link ReplicateType#FAY} (with {@code fayRho}) for two PSUs per stratum. Jackknife replicates use the
     * stage-1 fpc; BRR/Fay drop it, as R does. Lonely PSUs under JKn follow the design's rule.
     */
    public static ReplicateDesign fromDesign(Design design, ReplicateType type, double fayRho, boolean mse) {
        Arguments.require(!design.isCalibrated(), "design", "calibrated; make replicate weights before calibrating,"
                + " then calibrate the replicate design");
        return switch (type) {
            case JK1 -> ReplicateBuilders.jk1(design, mse);
            case JKN -> ReplicateBuilders.jkn(design, mse);
            case BRR -> ReplicateBuilders.brr(design, 0, mse);
            case FAY -> ReplicateBuilders.brr(design, fayRho, mse);
            case BOOTSTRAP, SUBBOOTSTRAP, MRBBOOTSTRAP -> throw Arguments.refused("replicate type", type
                    + " replicates are drawn at random: make them with bootstrap(design, type, replicates, seed, mse)");
            default -> throw Arguments.refused("replicate type", type
                    + " cannot be made from a design here; supply the weights (fromWeights)");
        };
    }

    /** R's default number of bootstrap replicates ({@code replicates = 50}). */
    public static final int DEFAULT_BOOTSTRAP_REPLICATES = 50;

    /**
     * Bootstrap replicate weights made from a design (R's {@code as.svrepdesign(design, type = "bootstrap")} for
     * {@link ReplicateType#BOOTSTRAP}, {@code type = "subbootstrap"} for {@link ReplicateType#SUBBOOTSTRAP}, {@code type = "mrbbootstrap"}
     * for {@link ReplicateType#MRBBOOTSTRAP}),
     * drawn with the engine's seeded generator: the same design, {@code replicates} and {@code seed} give the same
     * replicates (R's own random numbers cannot be reproduced). See {@link BootstrapReplicates} for what is
     * drawn and the scales.
     *
     * @param replicates the number of replicates, at least 2 (R's default is 50)
     */
    public static ReplicateDesign bootstrap(Design design, ReplicateType type, int replicates, long seed,
            boolean mse) {
        Arguments.require(!design.isCalibrated(), "design", "calibrated; make replicate weights before calibrating,"
                + " then calibrate the replicate design");
        return switch (type) {
            case BOOTSTRAP -> BootstrapReplicates.bootstrap(design, replicates, seed, mse);
            case SUBBOOTSTRAP -> BootstrapReplicates.subbootstrap(design, replicates, seed, mse);
            case MRBBOOTSTRAP -> BootstrapReplicates.mrbbootstrap(design, replicates, seed, mse);
            default -> throw Arguments.refused("replicate type", type + " is not a bootstrap; use fromDesign");
        };
    }

    /** {@link #fromDesign} with R's automatic choice: JK1 without strata, JKn with strata. */
    public static ReplicateDesign jackknife(Design design, boolean mse) {
        return fromDesign(design, design.hasStrata() ? ReplicateType.JKN : ReplicateType.JK1, 0, mse);
    }

    /**
     * Replicate factors per unit ({@code unitOfRow}), as R's compressed weights; {@code selfRepresenting} marks
     * the rows of strata sampled exhaustively (null: none).
     */
    static ReplicateDesign compressed(DataTable table, double[] weights, ReplicateType type, double scale,
            double[] rscales, boolean mse, double[][] factors, int[] unitOfRow, boolean[] selfRepresenting) {
        // R's as.svrepdesign keeps pweights = 1/prob, the design's weights through 1/(1/w): the same to the last
        // bit, which matters where a cumulative weight share meets a quantile's p exactly
        double[] pweights = new double[weights.length];
        for (int i = 0; i < pweights.length; i++) pweights[i] = 1 / (1 / weights[i]);
        return new ReplicateDesign(table, pweights, type, scale, rscales, mse, factors, unitOfRow, selfRepresenting,
                null);
    }

    private static double[] checkedWeights(NumericColumn c, boolean zeroAllowed) {
        double[] v = c.values();
        String place = "weights '" + c.name() + "'";
        if (zeroAllowed) {
            Arguments.requireNonNegative(place, v);
        } else {
            // the row's place is written only for a refusal
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] > 0 && Double.isFinite(v[i]))) Arguments.requirePositive(Arguments.atRow(place, i), v[i]);
            }
        }
        return v.clone();
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The seam for calibration: the same design with new full-sample weights and new replicate weights (one
     * array of row weights per replicate, combined with the sampling weight), e.g. after calibrating every
     * replicate. Scale, rscales and mse stay. Values must be finite.
     */
    public ReplicateDesign withWeights(double[] full, double[][] replicateWeights) {
        int n = weights.length;
        Arguments.requireLength("full-sample weights", full.length, n, "rows");
        Arguments.require(replicateWeights.length == rscales.length, "replicate weights",
                replicateWeights.length + " replicate weight vectors for " + rscales.length + " replicates");
        double[][] reps = new double[replicateWeights.length][];
        for (int r = 0; r < reps.length; r++) {
            Arguments.requireLength("replicate " + (r + 1) + " weights", replicateWeights[r].length, n, "rows");
            reps[r] = Arguments.requireFinite("replicate " + (r + 1) + " weights", replicateWeights[r].clone());
        }
        Arguments.requireFinite("full-sample weights", full);
        // the degrees of freedom are counted again on the new weights (as R's postStratify and rake do)
        return new ReplicateDesign(table, full.clone(), type, scale, rscales, mse, reps, null, selfRepresenting, null);
    }

    /** The same design with the mse option set (R's {@code survey.replicates.mse}). */
    public ReplicateDesign withMse(boolean on) {
        return new ReplicateDesign(table, weights, type, scale, rscales, on, replicates, unitOfRow, selfRepresenting,
                degf);
    }

    @Override
    public ReplicateDesign withTable(DataTable newTable) {
        Arguments.requireLength("rows of the new table", newTable.rowCount(), weights.length, "rows of the design");
        return new ReplicateDesign(newTable, weights, type, scale, rscales, mse, replicates, unitOfRow,
                selfRepresenting, degf);
    }

    @Override
    public VarianceMethod varianceMethod() {
        return VarianceMethod.REPLICATE_WEIGHTS;
    }

    @Override
    public double[][] variance(WeightedEstimator estimator, double[] weights, double[] estimate, boolean[] rows) {
        ReplicateVariance.requireDefinedWithoutReplicates(this, estimator);
        return ReplicateVariance.svrVar(this, ReplicateVariance.replicates(this, estimator, rows), estimate);
    }

    @Override
    public DomainVariance domainVariance(WeightedEstimator estimator, int[] ofRow, int count, boolean naRm) {
        return ReplicateVariance.domains(this, estimator, ofRow, count, naRm);
    }

    /** The design's {@code degf}, as R's {@code svychisq} takes it for replicate designs. */
    @Override
    public int sampleDegreesOfFreedom() {
        return degreesOfFreedom();
    }

    /** False: R's subset of a replicate design drops the rows outside the domain. */
    @Override
    public boolean domainsKeepAllRows() {
        return false;
    }

    /** Takes new full-sample weights and new weights for every replicate ({@link #withWeights}). */
    @Override
    public <R> Reweighting.Reweighted<ReplicateDesign, R> reweighted(Reweighting<R> reweighting) {
        double[][] reps = new double[replicateCount()][];
        for (int k = 0; k < reps.length; k++) reps[k] = replicateWeights(k);
        Reweighting.Replicates<R> s = reweighting.replicates(weights(), reps);
        ReplicateDesign d = withWeights(s.weights(), s.replicateWeights());
        if (!reweighting.recountsDegreesOfFreedom()) d.degf = degreesOfFreedom();
        return new Reweighting.Reweighted<>(d, s.report());
    }

    @Override
    public DataTable table() {
        return table;
    }

    @Override
    public int rowCount() {
        return weights.length;
    }

    @Override
    public double weight(int row) {
        return weights[row];
    }

    @Override
    public double[] weightsReadOnly() {
        return weights;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The replicate type. */
    public ReplicateType type() {
        return type;
    }

    /** The overall scale. */
    public double scale() {
        return scale;
    }

    /** A copy of the per-replicate scales. */
    public double[] rscales() {
        return rscales.clone();
    }

    /** Whether replicates are centred at the full-sample estimate. */
    public boolean mse() {
        return mse;
    }

    /**
     * The rows whose weights a replicate estimate of {@code estimator} sets to zero, or null for none: for a
     * total ({@link WeightedEstimator#isTotal}), the rows of exhaustively sampled strata. survey 4.1-1's
     * {@code svytotal} on a replicate design drops them from every replicate total (and only there) while the
     * full-sample total keeps them: after calibration their replicate weights differ from the full-sample
     * ones, so this changes the variance, and with {@code mse} it does even without calibration.
     */
    boolean[] replicateTotalsSkip(WeightedEstimator estimator) {
        return estimator.isTotal() ? selfRepresenting : null;
    }

    /** Number of replicates. */
    public int replicateCount() {
        return rscales.length;
    }

    /** The analysis weights of replicate {@code r} (0-based), one per row. */
    public double[] replicateWeights(int r) {
        double[] out = new double[weights.length];
        replicateWeightsInto(r, out);
        return out;
    }

    /** Writes the analysis weights of replicate {@code r} into {@code out}. */
    public void replicateWeightsInto(int r, double[] out) {
        double[] f = replicates[r];
        if (unitOfRow == null) {
            System.arraycopy(f, 0, out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) out[i] = weights[i] * f[unitOfRow[i]];
        }
    }

    /**
     * Degrees of freedom as R's {@code degf} for replicate designs: the rank of the analysis weights (one row per
     * data row, one column per replicate: {@code weights(design, "analysis")}) minus one, by R's {@code qr} with
     * tolerance 1e-5 ({@link LinpackQr}). Computed on first use.
     */
    @Override
    public int degreesOfFreedom() {
        Integer d = degf;
        if (d == null) {
            d = LinpackQr.rank(analysisWeights(null), 1e-5) - 1;
            degf = d;
        }
        return d;
    }

    /**
     * Degrees of freedom of the subset of rows {@code rows} (null: all), as R's {@code degf} of a subset of a
     * replicate design: the rank of the analysis weights of those rows, minus one.
     */
    @Override
    public int degreesOfFreedom(boolean[] rows) {
        if (rows == null) return degreesOfFreedom();
        if (rows.length != weights.length) {
            throw new IllegalArgumentException("rows has " + rows.length + " values, the design " + weights.length);
        }
        return LinpackQr.rank(analysisWeights(rows), 1e-5) - 1;
    }

    /** The analysis weights of the rows {@code rows} (null: all), by replicate: {@code out[r][k]}. */
    private double[][] analysisWeights(boolean[] rows) {
        int kept = 0;
        for (int i = 0; i < weights.length; i++) if (rows == null || rows[i]) kept++;
        double[][] out = new double[replicates.length][kept];
        for (int r = 0; r < replicates.length; r++) {
            int k = 0;
            for (int i = 0; i < weights.length; i++) {
                if (rows != null && !rows[i]) continue;
                out[r][k++] = unitOfRow == null ? replicates[r][i] : replicates[r][unitOfRow[i]] * weights[i];
            }
        }
        return out;
    }

    /** Orders labels as R orders character strata (used for BRR). */
    static final Comparator<String> LABEL_ORDER = org.barometer.stats.data.LevelOrder.TEXT;
}
