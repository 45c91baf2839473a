package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raking (iterative proportional fitting) to several population margins, ported from R survey's
 * {@code rake}: each sweep post-stratifies the weights on every margin in turn; after each sweep the
 * weighted joint table of all margin variables is compared with the table before the sweep, and raking
 * stops when no cell moved by the threshold of {@link RakeControl}.
 *
 * <p>The variance treats the margins of the last sweep as successive post-stratifications
 * ({@link RakingAdjustment}), as {@code svyrecvar} does with R's {@code "raking"} entry.
 *
 * <p>Each sweep is one pass over the rows per margin: the pass that applies margin k also sums the new
 * weights by the categories of margin k+1, and the last one also builds the joint table.
 */
public final class Raking {

    /**
     * When the stopping rule is met, every margin must be within this many stopping thresholds of its
     * population; otherwise the margins cannot be met together and the result is refused.
     */
    static final double MISFIT_FACTOR = 10;

    /** Joint tables beyond this many cells are refused rather than allocated. */
    private static final long MAX_JOINT_CELLS = 1L << 26;

    private Raking() {
    }

    /**
     * @param weights        the raked weights (a fresh array)
     * @param sweeps         the number of sweeps made
     * @param lastChange     the largest change of a joint-table cell in the last sweep (R's {@code delta})
     * @param largestMisfit  the largest |population total - weighted sample total| over all margins and
     *                       categories after raking, in weight units
     * @param misfitVariable the margin variable where that misfit is
     * @param misfitCategory the category where that misfit is
     * @param adjustment     the variance contribution of the raking
     */
    public record Result(double[] weights, int sweeps, double lastChange, double largestMisfit, String misfitVariable,
            String misfitCategory, RakingAdjustment adjustment) {
    }

    /**
     * Rakes {@code weights} to the population margins.
     *
     * @param factors    the sample variables, one per margin
     * @param margins    the population counts, in the same order as {@code factors}
     * @param weights    the starting weights (not modified)
     * @param control    the stopping rule
     * @return the raked weights and their variance adjustment
     * @throws CalibrationNotConvergedException if the stopping rule is not met within {@code maxSweeps}
     * @throws CalibrationException for categories absent from the sample or the population, bad totals,
     *     or mismatched variable names
     */
    public static Result rake(List<CodedFactor> factors, List<PopulationMargin> margins, double[] weights,
            RakeControl control) {
        Plan plan = Plan.of(factors, margins, weights);
        double[] w = weights.clone();
        Run run = run(plan, w, new double[][] {}, control);
        return finish(plan, w, run);
    }

    /**
     * Rakes a replicate design as R does: every sweep post-stratifies the full-sample weights and each set of
     * replicate weights on every margin; the stopping rule looks at the full-sample weights only, so every
     * replicate gets the same number of sweeps.
     *
     * @param factors     the sample variables
     * @param margins     the population counts
     * @param weights     the full-sample analysis weights (not modified)
     * @param replicates  the replicate analysis weights, {@code replicates[r][i]} (not modified)
     * @param control     the stopping rule
     * @return the raked full-sample and replicate weights
     */
    public static ReplicateResult rakeReplicates(List<CodedFactor> factors, List<PopulationMargin> margins,
            double[] weights, double[][] replicates, RakeControl control) {
        Plan plan = Plan.of(factors, margins, weights);
        double[][] reps = new double[replicates.length][];
        for (int r = 0; r < reps.length; r++) {
            Checks.weights(replicates[r], weights.length, "replicate " + (r + 1) + " weights");
            reps[r] = replicates[r].clone();
        }
        double[] w = weights.clone();
        Run run = run(plan, w, reps, control);
        Result full = finish(plan, w, run);
        return new ReplicateResult(full, reps);
    }

    /**
     * @param fullSample the raked full-sample weights with sweeps and misfit
     * @param replicates the raked replicate weights, {@code replicates[r][i]}
     */
    public record ReplicateResult(Result fullSample, double[][] replicates) {
    }

    /** Validated margins, resolved to population counts per level. */
    private record Plan(CodedFactor[] factors, double[][] population, int[] jointStride, int jointCells,
            int[][] jointCodes) {

        static Plan of(List<CodedFactor> factors, List<PopulationMargin> margins, double[] weights) {
            if (factors.isEmpty()) {
                throw CalibrationException.invalid("raking needs at least one margin");
            }
            if (factors.size() != margins.size()) {
                throw CalibrationException.invalid("raking was given " + factors.size() + " sample margins and "
                        + margins.size() + " population margins");
            }
            int n = factors.get(0).size();
            Checks.weights(weights, n, "weights");
            CodedFactor[] f = factors.toArray(CodedFactor[]::new);
            double[][] pop = new double[f.length][];
            for (int m = 0; m < f.length; m++) {
                if (f[m].size() != n) {
                    throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, f[m].name(), null,
                            "variable " + f[m].name() + " has " + f[m].size() + " rows, the sample " + n);
                }
                pop[m] = Checks.populationByLevel(f[m], margins.get(m), Checks.levelTotals(f[m], weights));
            }
            double firstTotal = sum(pop[0]);
            for (int m = 1; m < f.length; m++) {
                double t = sum(pop[m]);
                if (Math.abs(t - firstTotal) > 1e-9 * Math.max(Math.abs(t), Math.abs(firstTotal))) {
                    throw new CalibrationException(CalibrationException.Problem.TOTALS_DO_NOT_MATCH_MODEL, f[m].name(),
                            null, "the population margins do not describe the same population: " + f[0].name()
                                    + " sums to " + firstTotal + " but " + f[m].name() + " to " + t
                                    + ", so raking cannot meet both");
                }
            }
            // the joint table is over the distinct variables (R's svytable(~a+b+...))
            Map<String, CodedFactor> distinct = new LinkedHashMap<>();
            for (CodedFactor x : f) {
                distinct.putIfAbsent(x.name(), x);
            }
            List<CodedFactor> vars = new ArrayList<>(distinct.values());
            int[] stride = new int[vars.size()];
            int[][] codes = new int[vars.size()][];
            long cells = 1;
            for (int k = 0; k < vars.size(); k++) {
                stride[k] = (int) cells;
                codes[k] = vars.get(k).codes();
                cells *= vars.get(k).levels().length;
                if (cells > MAX_JOINT_CELLS) {
                    throw CalibrationException.invalid("the joint table of the raking margins would have more than "
                            + MAX_JOINT_CELLS + " cells");
                }
            }
            return new Plan(f, pop, stride, (int) cells, codes);
        }

        int rows() {
            return factors[0].size();
        }

        int jointCell(int i) {
            int cell = 0;
            for (int k = 0; k < jointStride.length; k++) {
                cell += jointCodes[k][i] * jointStride[k];
            }
            return cell;
        }
    }

    /** What the loop leaves behind: sweeps, last change and the ratios of the last sweep. */
    private record Run(int sweeps, double lastChange, double[][] lastRatios) {
    }

    /**
     * R's loop: {@code while (iter < maxit) { sweep; delta <- max|old - new|; if (delta < eps) break; iter++ }}.
     * Replicate weights, when given, are post-stratified on every margin of every sweep as well.
     */
    private static Run run(Plan plan, double[] w, double[][] reps, RakeControl control) {
        int n = plan.rows();
        int nm = plan.factors.length;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double eps = control.threshold(total);
        double[] oldTable = jointTable(plan, w);
        double[] newTable = new double[plan.jointCells];
        double[][] lastRatios = new double[nm][];
        // totals of margin 0 for the first sweep; later ones come from the previous sweep's last pass
        double[] nextTotals = Checks.levelTotals(plan.factors[0], w);
        double delta = Double.NaN;
        int iter = 0;
        while (iter < control.maxSweeps()) {
            for (int m = 0; m < nm; m++) {
                int[] c = plan.factors[m].codes();
                double[] ratio = ratios(plan, m, nextTotals);
                lastRatios[m] = ratio;
                boolean last = m == nm - 1;
                if (!last) {
                    int[] c2 = plan.factors[m + 1].codes();
                    double[] t2 = new double[plan.population[m + 1].length];
                    for (int i = 0; i < n; i++) {
                        double wi = w[i] * ratio[c[i]];
                        w[i] = wi;
                        t2[c2[i]] += wi;
                    }
                    nextTotals = t2;
                } else {
                    int[] c0 = plan.factors[0].codes();
                    double[] t0 = new double[plan.population[0].length];
                    java.util.Arrays.fill(newTable, 0.0);
                    for (int i = 0; i < n; i++) {
                        double wi = w[i] * ratio[c[i]];
                        w[i] = wi;
                        t0[c0[i]] += wi;
                        newTable[plan.jointCell(i)] += wi;
                    }
                    nextTotals = t0;
                }
                for (double[] rep : reps) {
                    double[] ratioRep = ratios(plan, m, Checks.levelTotals(plan.factors[m], rep));
                    for (int i = 0; i < n; i++) {
                        rep[i] *= ratioRep[c[i]];
                    }
                }
            }
            delta = 0;
            for (int k = 0; k < newTable.length; k++) {
                delta = Math.max(delta, Math.abs(oldTable[k] - newTable[k]));
            }
            if (delta < eps) {
                Misfit misfit = misfit(plan, w);
                if (misfit.value > MISFIT_FACTOR * eps) {
                    // the joint table stopped moving but a margin is still off: the weights cycle between
                    // margins that cannot hold together (e.g. a margin needing weight in empty cells)
                    throw new CalibrationNotConvergedException(iter + 1, misfit.value, misfit.variable,
                            misfit.category, "raking did not converge after " + (iter + 1) + " sweeps: largest misfit "
                                    + String.format("%.6g", misfit.value) + " on margin " + misfit.variable + "="
                                    + misfit.category + "; the weights stopped changing but the margins cannot all"
                                    + " be met (categories that never occur together in the sample?)");
                }
                return new Run(iter + 1, delta, lastRatios);
            }
            double[] swap = oldTable;
            oldTable = newTable;
            newTable = swap;
            iter++;
        }
        Misfit misfit = misfit(plan, w);
        throw new CalibrationNotConvergedException(iter, misfit.value, misfit.variable, misfit.category,
                "raking did not converge after " + iter + " sweeps: largest misfit " + String.format("%.6g", misfit.value)
                        + " on margin " + misfit.variable + "=" + misfit.category + " (last change " + String.format("%.6g", delta)
                        + ", threshold " + String.format("%.6g", eps) + ")");
    }

    private static double[] ratios(Plan plan, int m, double[] sampleTotals) {
        double[] pop = plan.population[m];
        for (int j = 0; j < pop.length; j++) {
            if (pop[j] > 0 && sampleTotals[j] == 0) {
                CodedFactor f = plan.factors[m];
                throw new CalibrationException(CalibrationException.Problem.CATEGORY_ABSENT_FROM_SAMPLE, f.name(),
                        f.levels()[j], "category " + f.name() + "=" + f.levels()[j]
                                + " lost all its weight while raking, so its total cannot be met");
            }
        }
        return Checks.ratios(pop, sampleTotals);
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double[] jointTable(Plan plan, double[] w) {
        double[] t = new double[plan.jointCells];
        for (int i = 0; i < w.length; i++) {
            t[plan.jointCell(i)] += w[i];
        }
        return t;
    }

    private record Misfit(double value, String variable, String category) {
    }

    private static Misfit misfit(Plan plan, double[] w) {
        Misfit worst = new Misfit(-1, null, null);
        for (int m = 0; m < plan.factors.length; m++) {
            CodedFactor f = plan.factors[m];
            double[] t = Checks.levelTotals(f, w);
            for (int j = 0; j < t.length; j++) {
                double d = Math.abs(plan.population[m][j] - t[j]);
                if (d > worst.value) {
                    worst = new Misfit(d, f.name(), f.levels()[j]);
                }
            }
        }
        return worst;
    }

    private static Result finish(Plan plan, double[] w, Run run) {
        Misfit misfit = misfit(plan, w);
        RakingAdjustment adjustment = new RakingAdjustment(plan.factors, w.clone(), run.lastRatios);
        return new Result(w, run.sweeps, run.lastChange, misfit.value, misfit.variable, misfit.category, adjustment);
    }
}
