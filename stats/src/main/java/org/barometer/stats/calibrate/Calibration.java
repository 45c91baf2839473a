package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.estimate.Linear;
import org.barometer.stats.numeric.LinpackQr;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Calibration of weights to population totals of auxiliary variables, ported from R survey's
 * {@code calibrate.survey.design2}, {@code regcalibrate.survey.design2} and {@code grake}.
 *
 * <p>With model matrix X, weights d and population totals T, the new weights are {@code w_i = g_i d_i}
 * with {@code sum_i w_i x_i = T}:
 * <ul>
 * <li>linear without bounds (GREG, R's {@code regcalibrate}): {@code g = 1 + X (X'DX)^{-1} (T - X'd)},
 *     solved directly by LU;</li>
 * <li>otherwise (R's {@code grake}): Newton steps on {@code eta} with {@code g = 1 + Fm1(X eta)}, the step
 *     {@code ginv(X' D F'(X eta) X) (T - t(eta))}, the generalised inverse by SVD with R's tolerance
 *     {@code 256 * .Machine$double.eps}, step halving on non-finite g, weights rescaled when every total
 *     is more than 20 times its sample estimate, stopping when {@code |T - t| / (1 + |T|) < epsilon} for
 *     every total.</li>
 * </ul>
 * The variance goes through regression residuals ({@link GregAdjustment}), as R's {@code greg_calibration}.
 *
 * <p>Where R warns and returns weights anyway (no convergence), this refuses with
 * {@link CalibrationNotConvergedException}.
 */
public final class Calibration {

    /** R's default tolerance of {@code qr()}, with which {@code calibrate} decomposes {@code mm * whalf}. */
    private static final double QR_TOLERANCE = 1e-7;
    /** R's {@code SOMETHRESHOLD} in {@code grake}. */
    private static final double RESCALE_THRESHOLD = 20;
    /** R's tolerance for {@code MASS::ginv} in {@code grake}: {@code 256 * .Machine$double.eps}. */
    static final double GINV_TOLERANCE = 256 * Math.ulp(1.0);

    private Calibration() {
    }

    /**
     * @param weights     the calibrated weights (a fresh array)
     * @param g           the g-weights, new weight over old weight
     * @param columns     the model-matrix columns calibrated on (columns empty in sample and population dropped)
     * @param iterations  Newton steps made (0 for the direct linear solution)
     * @param misfit      the largest relative misfit |T - t| / (1 + |T|) left (before any trimming)
     * @param trimmed     the number of g-weights that trimming moved to a limit
     * @param trimIgnored true when trimming was asked for but, as in R, not applied to unbounded linear calibration
     * @param converged   false only when {@link CalibrationOptions#acceptingUnconverged()} let the weights of an
     *                    unconverged iteration through
     * @param adjustment  the variance contribution (R's {@code greg_calibration})
     */
    public record Result(double[] weights, double[] g, List<String> columns, int iterations, double misfit,
            int trimmed, boolean trimIgnored, boolean converged, GregAdjustment adjustment) {
    }

    /**
     * Calibrates to totals given by model-matrix column name (R's named {@code population} vector; the order
     * of the map does not matter).
     *
     * @throws CalibrationException when a total is missing, unknown or negative, a category with a
     *     population total has no sample weight, the model is collinear (linear calibration), the bounds
     *     cannot be met, or the iteration does not converge
     */
    public static Result calibrate(ModelMatrix mm, double[] weights, Map<String, Double> totals,
            CalibrationOptions options) {
        return calibrate(mm, weights, totalsInColumnOrder(mm, totals), options);
    }

    /**
     * Calibrates to totals given in the order of the model-matrix columns.
     *
     * @param mm      the model matrix
     * @param weights the current weights (not modified)
     * @param totals  the population total of every column of {@code mm}, in column order
     * @param options the calibration function, bounds, iteration control and trimming
     * @return the calibrated weights
     */
    public static Result calibrate(ModelMatrix mm, double[] weights, double[] totals, CalibrationOptions options) {
        Prepared prep = prepare(mm, weights, totals);
        ModelMatrix x = prep.mm;
        double[] pop = prep.population;
        double[] whalf = new double[weights.length];
        for (int i = 0; i < whalf.length; i++) {
            whalf[i] = Math.sqrt(weights[i]);
        }
        double[][] weighted = new double[x.columnCount()][];
        for (int j = 0; j < weighted.length; j++) {
            double[] c = x.columns()[j];
            double[] d = new double[c.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = c[i] * whalf[i];
            }
            weighted[j] = d;
        }
        // R's qr(mm * whalf): dqrdc2 at qr()'s default tolerance
        LinpackQr qr = LinpackQr.of(weighted, QR_TOLERANCE);
        double[] g;
        int iterations;
        double misfit;
        int trimmed = 0;
        boolean trimIgnored = false;
        boolean converged = true;
        if (options.isDirectLinear()) {
            if (qr.rank() < x.columnCount()) {
                throw collinear(x, qr);
            }
            g = directLinearG(x, weights, pop, null);
            iterations = 0;
            misfit = relativeMisfit(x, weights, g, pop);
            trimIgnored = options.hasTrim();
        } else {
            checkBoundsReachable(x, weights, pop, options);
            Grake gr = grake(x, weights, pop, options, "");
            g = gr.g;
            iterations = gr.iterations;
            misfit = gr.misfit;
            converged = gr.converged;
            if (options.hasTrim()) {
                trimmed = trimG(g, weights, options.trimLower(), options.trimUpper());
            }
        }
        double[] w = new double[weights.length];
        double[] gw = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] * g[i];
            gw[i] = g[i] * whalf[i];
        }
        return new Result(w, g, x.columnNames(), iterations, misfit, trimmed, trimIgnored, converged,
                new GregAdjustment(qr, gw));
    }

    /**
     * Calibrates a replicate design as R's {@code calibrate.svyrep.design}: the full-sample weights and each
     * set of replicate weights are calibrated to the same totals separately.
     *
     * @param mm         the model matrix
     * @param weights    full-sample analysis weights (not modified)
     * @param replicates replicate analysis weights {@code replicates[r][i]} (not modified)
     * @param totals     population totals in column order
     * @param options    as for {@link #calibrate(ModelMatrix, double[], double[], CalibrationOptions)}
     * @return the full-sample result and the calibrated replicate analysis weights
     * @throws CalibrationNotConvergedException naming the replicate when one does not converge (R goes on)
     */
    public static ReplicateResult calibrateReplicates(ModelMatrix mm, double[] weights, double[][] replicates,
            double[] totals, CalibrationOptions options) {
        Result full = calibrate(mm, weights, totals, options);
        Prepared prep = prepare(mm, weights, totals);
        double[][] out = new double[replicates.length][];
        List<Integer> unconverged = new ArrayList<>();
        for (int r = 0; r < replicates.length; r++) {
            double[] wr = replicates[r];
            CalibrationException.requireReplicateWeights("replicate " + (r + 1) + " weights", wr, weights.length);
            double[] g;
            if (options.isDirectLinear()) {
                g = directLinearG(prep.mm, wr, prep.population, "the calibration equations of replicate " + (r + 1));
            } else {
                Grake gr = grake(prep.mm, wr, prep.population, options, " in replicate " + (r + 1));
                g = gr.g;
                if (!gr.converged) {
                    unconverged.add(r + 1);
                }
                if (options.hasTrim()) {
                    trimG(g, wr, options.trimLower(), options.trimUpper());
                }
            }
            double[] o = new double[wr.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = wr[i] * g[i];
            }
            out[r] = o;
        }
        return new ReplicateResult(full, out, List.copyOf(unconverged));
    }

    /** Same as {@link #calibrateReplicates(ModelMatrix, double[], double[][], double[], CalibrationOptions)} with named totals. */
    public static ReplicateResult calibrateReplicates(ModelMatrix mm, double[] weights, double[][] replicates,
            Map<String, Double> totals, CalibrationOptions options) {
        return calibrateReplicates(mm, weights, replicates, totalsInColumnOrder(mm, totals), options);
    }

    /**
     * @param fullSample  the full-sample calibration
     * @param replicates  calibrated replicate analysis weights {@code replicates[r][i]}
     * @param unconverged the replicates (numbered from 1) whose iteration did not converge; empty unless
     *                    {@link CalibrationOptions#acceptingUnconverged()} let them through
     */
    public record ReplicateResult(Result fullSample, double[][] replicates, List<Integer> unconverged) {
    }

    // ---------------------------------------------------------------------------------------------------

    private record Prepared(ModelMatrix mm, double[] population) {
    }

    /** R's checks before calibrating, with named refusals where R would fail obscurely. */
    private static Prepared prepare(ModelMatrix mm, double[] weights, double[] totals) {
        CalibrationException.requireWeights("weights", weights, mm.rows());
        int p = mm.columnCount();
        if (totals.length != p) {
            throw new CalibrationException(CalibrationException.Problem.TOTALS_DO_NOT_MATCH_MODEL, null, null,
                    "the calibration model has " + p + " columns " + mm.columnNames() + " but " + totals.length
                            + " population totals were given");
        }
        boolean[] keep = new boolean[p];
        int kept = 0;
        for (int j = 0; j < p; j++) {
            ModelMatrix.ColumnSource src = mm.source(j);
            double total = totals[j];
            String name = mm.columnNames().get(j);
            if (!Double.isFinite(total)) {
                throw new CalibrationException(CalibrationException.Problem.NON_POSITIVE_TOTAL, src.variable(),
                        src.category(), "population total for " + name + " is not a finite number: " + total);
            }
            if (src.countLike() && total < 0) {
                throw new CalibrationException(CalibrationException.Problem.NON_POSITIVE_TOTAL, src.variable(),
                        src.category(), "population total for " + name + " is negative: " + total);
            }
            double[] c = mm.columns()[j];
            boolean anyNonZero = false;
            boolean weighted = false;
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0) {
                    anyNonZero = true;
                    if (weights[i] > 0) {
                        weighted = true;
                        break;
                    }
                }
            }
            if (!anyNonZero && total == 0) {
                continue; // R drops columns empty in both sample and population
            }
            if (!weighted) {
                throw new CalibrationException(CalibrationException.Problem.CATEGORY_ABSENT_FROM_SAMPLE, src.variable(),
                        src.category(), (src.category() != null ? "category " + src.variable() + "=" + src.category()
                                : "variable " + name) + " has population total " + total
                                + " but no weight in the sample, so its total cannot be met");
            }
            if (src.countLike() && total == 0) {
                throw new CalibrationException(CalibrationException.Problem.NON_POSITIVE_TOTAL, src.variable(),
                        src.category(), "population total for " + name + " is 0 but the sample has weight there");
            }
            keep[j] = true;
            kept++;
        }
        if (kept == p) {
            return new Prepared(mm, totals.clone());
        }
        double[] pop = new double[kept];
        for (int j = 0, k = 0; j < p; j++) {
            if (keep[j]) {
                pop[k++] = totals[j];
            }
        }
        return new Prepared(mm.keep(keep), pop);
    }

    private static double[] totalsInColumnOrder(ModelMatrix mm, Map<String, Double> totals) {
        Map<String, Double> left = new LinkedHashMap<>(totals);
        double[] t = new double[mm.columnCount()];
        for (int j = 0; j < t.length; j++) {
            String name = mm.columnNames().get(j);
            Double v = left.remove(name);
            if (v == null) {
                ModelMatrix.ColumnSource src = mm.source(j);
                if (src.category() != null) {
                    throw new CalibrationException(CalibrationException.Problem.CATEGORY_MISSING_FROM_POPULATION,
                            src.variable(), src.category(), "no population total for category " + src.variable() + "="
                                    + src.category() + " (model column " + name + ")");
                }
                throw new CalibrationException(CalibrationException.Problem.TOTALS_DO_NOT_MATCH_MODEL, src.variable(),
                        null, "no population total for model column " + name);
            }
            t[j] = v;
        }
        if (!left.isEmpty()) {
            String extra = left.keySet().iterator().next();
            throw new CalibrationException(CalibrationException.Problem.UNKNOWN_VARIABLE, extra, null,
                    "population total given for " + extra + ", which is not a column of the calibration model "
                            + mm.columnNames());
        }
        return t;
    }

    private static CalibrationException collinear(ModelMatrix x, LinpackQr qr) {
        int j = qr.firstLeftOut();
        String name = x.columnNames().get(j);
        ModelMatrix.ColumnSource src = x.source(j);
        return new CalibrationException(CalibrationException.Problem.COLLINEAR_MODEL, src.variable(), src.category(),
                "model column " + name + " is a linear combination of the other columns in the sample "
                        + x.columnNames() + ", so the calibration equations have no unique solution");
    }

    /**
     * R's {@code regcalibrate}: {@code g = 1 + X solve(X'DX, T - X'd)}. For a replicate ({@code replicate} names it;
     * null for the full sample) the solve is R's, with its refusals: a replicate can leave a category without
     * rows (a bootstrap draw that misses it, a jackknife replicate that drops its only PSU), so that its equations
     * are singular, and R's {@code solve} refuses them ("computationally singular") where an LU without R's
     * condition estimate would answer with numbers that are rounding noise. The full sample's collinearity is
     * refused before, from the QR's rank.
     */
    private static double[] directLinearG(ModelMatrix x, double[] w, double[] pop, String replicate) {
        int p = x.columnCount();
        double[][] c = x.columns();
        int n = x.rows();
        double[] whalf = new double[n];
        for (int i = 0; i < n; i++) {
            whalf[i] = Math.sqrt(w[i]);
        }
        DMatrixRMaj tmat = new DMatrixRMaj(p, p);
        for (int j = 0; j < p; j++) {
            for (int k = j; k < p; k++) {
                double s = 0;
                double[] a = c[j];
                double[] b = c[k];
                for (int i = 0; i < n; i++) {
                    s += (a[i] * whalf[i]) * (b[i] * whalf[i]);
                }
                tmat.set(j, k, s);
                tmat.set(k, j, s);
            }
        }
        double[] sample = x.weightedTotals(w);
        DMatrixRMaj rhs = new DMatrixRMaj(p, 1);
        for (int j = 0; j < p; j++) {
            rhs.set(j, 0, pop[j] - sample[j]);
        }
        if (replicate != null) {
            double[][] a = new double[p][p];
            double[] b = new double[p];
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    a[j][k] = tmat.get(j, k);
                }
                b[j] = rhs.get(j, 0);
            }
            double[] t = Linear.solve(a, b, replicate);
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += c[j][i] * t[j];
                }
                g[i] = 1 + s;
            }
            return g;
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(p);
        // collinearity has been refused already from the QR's rank, which does not depend on column scales
        if (!lu.setA(tmat)) {
            throw new CalibrationException(CalibrationException.Problem.COLLINEAR_MODEL, null, null,
                    "the calibration equations are singular for columns " + x.columnNames());
        }
        DMatrixRMaj tT = new DMatrixRMaj(p, 1);
        lu.solve(rhs, tT);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += c[j][i] * tT.get(j, 0);
            }
            g[i] = 1 + s;
        }
        return g;
    }

    private record Grake(double[] g, int iterations, double misfit, boolean converged) {
    }

    /** R's {@code grake}, with refusal instead of a warning when it does not converge. */
    private static Grake grake(ModelMatrix x, double[] weights, double[] pop, CalibrationOptions o, String where) {
        CalibrationFunction f = o.function();
        double lo = o.lower();
        double up = o.upper();
        int p = x.columnCount();
        int n = x.rows();
        double[][] c = x.columns();
        double[] ww = weights.clone();
        double[] sampleTotal = x.weightedTotals(ww);
        double[] eta = new double[p];
        double[] xeta = new double[n];
        double[] g = new double[n];
        double[] deriv = new double[n];
        evaluate(f, lo, up, xeta, g, deriv);
        int iter = 1;
        double minScale = Double.POSITIVE_INFINITY;
        double sumScale = 0;
        for (int j = 0; j < p; j++) {
            double s = pop[j] / sampleTotal[j];
            minScale = Math.min(minScale, s);
            sumScale += s;
        }
        double scale = Double.NaN;
        if (minScale > RESCALE_THRESHOLD) {
            scale = sumScale / p;
            for (int i = 0; i < n; i++) {
                ww[i] *= scale;
            }
            for (int j = 0; j < p; j++) {
                sampleTotal[j] *= scale;
            }
        }
        double achieved;
        boolean failed = false;
        while (true) {
            DMatrixRMaj tmat = new DMatrixRMaj(p, p);
            // X' diag(ww * deriv) X, symmetric: one pass per pair of columns
            double[] wd = new double[n];
            for (int i = 0; i < n; i++) {
                wd[i] = ww[i] * deriv[i];
            }
            for (int j = 0; j < p; j++) {
                for (int k = j; k < p; k++) {
                    double s = 0;
                    double[] a = c[j];
                    double[] b = c[k];
                    for (int i = 0; i < n; i++) {
                        s += a[i] * wd[i] * b[i];
                    }
                    tmat.set(j, k, s);
                    tmat.set(k, j, s);
                }
            }
            double[] misfit = misfit(x, ww, f, lo, up, xeta, pop, sampleTotal);
            double[] deta = times(ginv(tmat), misfit);
            for (int j = 0; j < p; j++) {
                eta[j] += deta[j];
            }
            linearPredictor(c, eta, xeta);
            evaluate(f, lo, up, xeta, g, deriv);
            while (iter < o.maxit() && !allFinite(g, deriv)) {
                iter++;
                for (int j = 0; j < p; j++) {
                    deta[j] /= 2;
                    eta[j] -= deta[j];
                }
                linearPredictor(c, eta, xeta);
                evaluate(f, lo, up, xeta, g, deriv);
            }
            misfit = misfit(x, ww, f, lo, up, xeta, pop, sampleTotal);
            achieved = 0;
            int worst = 0;
            boolean done = true;
            for (int j = 0; j < p; j++) {
                double rel = Math.abs(misfit[j]) / (1 + Math.abs(pop[j]));
                if (!(rel < o.epsilon())) {
                    done = false;
                }
                if (rel > achieved || Double.isNaN(rel)) {
                    achieved = rel;
                    worst = j;
                }
            }
            if (done) {
                break;
            }
            iter++;
            if (iter > o.maxit()) {
                if (o.acceptUnconverged()) {
                    failed = true;
                    break;
                }
                ModelMatrix.ColumnSource src = x.source(worst);
                String bounded = Double.isFinite(lo) || Double.isFinite(up)
                        ? "; the bounds [" + lo + ", " + up + "] may not allow these totals" : "";
                throw new CalibrationNotConvergedException(iter, achieved, src.variable(), src.category(),
                        f.name().toLowerCase() + " calibration" + where + " did not converge after " + o.maxit()
                                + " iterations: largest relative misfit " + String.format("%.6g", achieved) + " on "
                                + x.columnNames().get(worst) + bounded);
            }
        }
        if (!Double.isNaN(scale)) {
            for (int i = 0; i < n; i++) {
                g[i] *= scale;
            }
        }
        return new Grake(g, iter, achieved, !failed);
    }

    private static double[] misfit(ModelMatrix x, double[] ww, CalibrationFunction f, double lo, double up,
            double[] xeta, double[] pop, double[] sampleTotal) {
        double[][] c = x.columns();
        int n = x.rows();
        double[] fm = new double[n];
        for (int i = 0; i < n; i++) {
            fm[i] = f.fm1(xeta[i], lo, up);
        }
        double[] m = new double[pop.length];
        for (int j = 0; j < m.length; j++) {
            double s = 0;
            double[] a = c[j];
            for (int i = 0; i < n; i++) {
                s += a[i] * ww[i] * fm[i];
            }
            m[j] = pop[j] - sampleTotal[j] - s;
        }
        return m;
    }

    private static void linearPredictor(double[][] c, double[] eta, double[] xeta) {
        Arrays.fill(xeta, 0.0);
        for (int j = 0; j < c.length; j++) {
            double e = eta[j];
            double[] a = c[j];
            for (int i = 0; i < xeta.length; i++) {
                xeta[i] += a[i] * e;
            }
        }
    }

    private static void evaluate(CalibrationFunction f, double lo, double up, double[] xeta, double[] g, double[] deriv) {
        for (int i = 0; i < xeta.length; i++) {
            g[i] = 1 + f.fm1(xeta[i], lo, up);
            deriv[i] = f.dF(xeta[i], lo, up);
        }
    }

    private static boolean allFinite(double[] g, double[] deriv) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i]) || !Double.isFinite(deriv[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code MASS::ginv(a, tol = 256 * .Machine$double.eps)} by SVD. */
    static DMatrixRMaj ginv(DMatrixRMaj a) {
        int p = a.numRows;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(p, a.numCols, true, true, false);
        if (!svd.decompose(a.copy())) {
            throw CalibrationException.invalid("the singular value decomposition of the calibration matrix failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double d1 = w.get(0, 0);
        double cut = Math.max(GINV_TOLERANCE * d1, 0);
        DMatrixRMaj out = new DMatrixRMaj(a.numCols, a.numRows);
        int k = Math.min(w.numRows, w.numCols);
        for (int s = 0; s < k; s++) {
            double d = w.get(s, s);
            if (!(d > cut)) {
                continue;
            }
            for (int r = 0; r < out.numRows; r++) {
                double vr = v.get(r, s) / d;
                for (int col = 0; col < out.numCols; col++) {
                    out.add(r, col, vr * u.get(col, s));
                }
            }
        }
        return out;
    }

    private static double[] times(DMatrixRMaj m, double[] v) {
        double[] out = new double[m.numRows];
        for (int r = 0; r < m.numRows; r++) {
            double s = 0;
            for (int k = 0; k < m.numCols; k++) {
                s += m.get(r, k) * v[k];
            }
            out[r] = s;
        }
        return out;
    }

    private static double relativeMisfit(ModelMatrix x, double[] w, double[] g, double[] pop) {
        double[] gw = new double[w.length];
        for (int i = 0; i < gw.length; i++) {
            gw[i] = g[i] * w[i];
        }
        double[] t = x.weightedTotals(gw);
        double worst = 0;
        for (int j = 0; j < t.length; j++) {
            worst = Math.max(worst, Math.abs(pop[j] - t[j]) / (1 + Math.abs(pop[j])));
        }
        return worst;
    }

    /**
     * R's trimming of g in {@code calibrate}: clamp to the limits and spread what was cut off over the
     * g-weights inside, in proportion to their sampling weights.
     *
     * @return the number of g-weights that were outside the limits
     */
    private static int trimG(double[] g, double[] ww, double lo, double up) {
        int outside = 0;
        double trimmings = 0;
        double insideWeight = 0;
        boolean[] out = new boolean[g.length];
        for (int i = 0; i < g.length; i++) {
            double gi = g[i];
            if (gi < lo || gi > up) {
                out[i] = true;
                outside++;
                double gnew = Math.max(lo, Math.min(gi, up));
                trimmings += (gi - gnew) * ww[i];
                g[i] = gnew;
            } else {
                insideWeight += ww[i];
            }
        }
        if (outside == 0) {
            return 0;
        }
        if (!(insideWeight > 0)) {
            throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, null, null,
                    "every g-weight is outside the trimming limits [" + lo + ", " + up + "]");
        }
        double add = trimmings / insideWeight;
        for (int i = 0; i < g.length; i++) {
            if (!out[i]) {
                g[i] += add;
            }
        }
        return outside;
    }

    /**
     * A necessary condition for bounded calibration: a column with no negative values can reach at most
     * {@code U} and at least {@code L} times its sample total.
     */
    private static void checkBoundsReachable(ModelMatrix x, double[] w, double[] pop, CalibrationOptions o) {
        if (!Double.isFinite(o.lower()) && !Double.isFinite(o.upper())) {
            return;
        }
        double[] t = x.weightedTotals(w);
        for (int j = 0; j < t.length; j++) {
            boolean nonNegative = true;
            for (double v : x.columns()[j]) {
                if (v < 0) {
                    nonNegative = false;
                    break;
                }
            }
            if (!nonNegative) {
                continue;
            }
            // g can go down to L (linear) or to max(L, 0) (raking and logit keep g positive)
            double gMin = o.function() == CalibrationFunction.LINEAR ? o.lower() : Math.max(o.lower(), 0);
            double lo = gMin * t[j];
            double hi = o.upper() * t[j];
            // only checked where R would not rescale the weights first (all totals 20 times their estimates)
            if (pop[j] > hi * (1 + 1e-12) || pop[j] < lo * (1 - 1e-12)) {
                boolean rescaled = true;
                for (int k = 0; k < t.length; k++) {
                    if (!(pop[k] / t[k] > RESCALE_THRESHOLD)) {
                        rescaled = false;
                    }
                }
                if (rescaled) {
                    return;
                }
                ModelMatrix.ColumnSource src = x.source(j);
                throw new CalibrationException(CalibrationException.Problem.BOUNDS_NOT_SATISFIABLE, src.variable(),
                        src.category(), "the total " + pop[j] + " for " + x.columnNames().get(j)
                                + " cannot be met with g-weights in [" + o.lower() + ", " + o.upper()
                                + "]: the reachable range is [" + lo + ", " + hi + "]");
            }
        }
    }
}
