package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
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
     * When the stopping rule is met, every margin must be within this factor of what the rule allows: the
     * threshold itself, or the last change summed over the joint-table cells of one category (a margin's
     * misfit is at most what the next sweep would move in its cells). A larger misfit means the weights
     * cycle between margins that cannot hold together, and the result is refused.
     */
    static final double MISFIT_FACTOR = 10;

    /**
     * Joint tables up to this many cells are held densely; larger ones keep only the combinations that occur
     * in the sample (the others have weight 0 in every sweep, so the largest change is the same).
     */
    private static final long DENSE_CELLS = 1L << 20;

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
     * @param converged      whether the stopping rule was met with every margin close to its population (false
     *                       only when {@link RakeControl#acceptingUnconverged()} let unconverged weights through)
     * @param adjustment     the variance contribution of the raking
     */
    public record Result(double[] weights, int sweeps, double lastChange, double largestMisfit, String misfitVariable,
            String misfitCategory, boolean converged, RakingAdjustment adjustment) {
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
            CalibrationException.requireReplicateWeights("replicate " + (r + 1) + " weights", replicates[r], weights.length);
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

    /**
     * Validated margins, resolved to population counts per level, with each row's cell in the joint table
     * of the distinct margin variables (R's {@code svytable(~a + b + ...)}) and that table for the starting
     * weights. Margin totals are read off the joint table, so they cost no pass over the rows.
     */
    private record Plan(CodedFactor[] factors, double[][] population, int[] cellOfRow, int[][] variableCodes,
            int cells, int[] stride, int[] levels, int[][] codesOfCell, int[] variableOfMargin, double[] startTable) {

        static Plan of(List<CodedFactor> factors, List<PopulationMargin> margins, double[] weights) {
            if (factors.isEmpty()) {
                throw CalibrationException.invalid("raking needs at least one margin");
            }
            if (factors.size() != margins.size()) {
                throw CalibrationException.invalid("raking was given " + factors.size() + " sample margins and "
                        + margins.size() + " population margins");
            }
            int n = factors.get(0).size();
            CalibrationException.requireWeights("weights", weights, n);
            CodedFactor[] f = factors.toArray(CodedFactor[]::new);
            List<CodedFactor> vars = new ArrayList<>();
            Map<String, Integer> distinct = new LinkedHashMap<>();
            int[] varOf = new int[f.length];
            for (int m = 0; m < f.length; m++) {
                if (f[m].size() != n) {
                    throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, f[m].name(), null,
                            "variable " + f[m].name() + " has " + f[m].size() + " rows, the sample " + n);
                }
                Integer k = distinct.get(f[m].name());
                if (k == null) {
                    k = vars.size();
                    distinct.put(f[m].name(), k);
                    vars.add(f[m]);
                }
                varOf[m] = k;
            }
            int[] stride = new int[vars.size()];
            int[] levels = new int[vars.size()];
            long cells = 1;
            for (int k = 0; k < vars.size(); k++) {
                levels[k] = vars.get(k).levels().length;
                if (cells <= DENSE_CELLS) {
                    stride[k] = (int) cells;
                }
                cells = cells > Long.MAX_VALUE / levels[k] ? Long.MAX_VALUE : cells * levels[k];
            }
            int[][] varCodes = vars.stream().map(CodedFactor::codes).toArray(int[][]::new);
            Plan plan;
            if (cells > DENSE_CELLS) {
                plan = compact(f, varCodes, levels, varOf, weights);
            } else {
                // one or two variables: cells are computed on the fly; more: once per row
                int[] cellOfRow = vars.size() > 2 ? new int[n] : null;
                double[] table = new double[(int) cells];
                if (cellOfRow != null) {
                    for (int k = 0; k < vars.size(); k++) {
                        int[] c = varCodes[k];
                        int st = stride[k];
                        for (int i = 0; i < n; i++) {
                            cellOfRow[i] += c[i] * st;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        table[cellOfRow[i]] += weights[i];
                    }
                } else {
                    int[] c0 = varCodes[0];
                    int[] c1 = vars.size() > 1 ? varCodes[1] : null;
                    int s1 = vars.size() > 1 ? stride[1] : 0;
                    for (int i = 0; i < n; i++) {
                        table[c1 == null ? c0[i] : c0[i] + c1[i] * s1] += weights[i];
                    }
                }
                plan = new Plan(f, new double[f.length][], cellOfRow, varCodes, (int) cells, stride, levels, null, varOf,
                        table);
            }
            double[] table = plan.startTable;
            for (int m = 0; m < f.length; m++) {
                plan.population[m] = MarginTotals.populationByLevel(f[m], margins.get(m), plan.marginTotals(m, table));
            }
            double firstTotal = sum(plan.population[0]);
            for (int m = 1; m < f.length; m++) {
                double t = sum(plan.population[m]);
                if (Math.abs(t - firstTotal) > 1e-9 * Math.max(Math.abs(t), Math.abs(firstTotal))) {
                    throw new CalibrationException(CalibrationException.Problem.TOTALS_DO_NOT_MATCH_MODEL, f[m].name(),
                            null, "the population margins do not describe the same population: " + f[0].name()
                                    + " sums to " + firstTotal + " but " + f[m].name() + " to " + t
                                    + ", so raking cannot meet both");
                }
            }
            return plan;
        }

        int rows() {
            return factors[0].size();
        }

        /** The largest number of joint-table cells that fall in one category of a margin. */
        double largestCategoryCells() {
            double most = 1;
            for (int k : variableOfMargin) {
                most = Math.max(most, Math.ceil((double) cells / levels[k]));
            }
            return most;
        }

        /** Weighted sample count per level of margin {@code m}, summed from a joint table. */
        double[] marginTotals(int m, double[] table) {
            int k = variableOfMargin[m];
            int l = levels[k];
            double[] t = new double[l];
            if (codesOfCell != null) {
                int[] code = codesOfCell[k];
                for (int cell = 0; cell < table.length; cell++) {
                    t[code[cell]] += table[cell];
                }
                return t;
            }
            int s = stride[k];
            for (int cell = 0; cell < table.length; cell++) {
                t[(cell / s) % l] += table[cell];
            }
            return t;
        }

        /** A joint table over the combinations that occur in the sample, numbered in order of first row. */
        static Plan compact(CodedFactor[] f, int[][] varCodes, int[] levels, int[] varOf, double[] weights) {
            int n = weights.length;
            int vars = varCodes.length;
            Map<List<Integer>, Integer> index = new java.util.HashMap<>();
            int[] cellOfRow = new int[n];
            List<int[]> firstCodes = new ArrayList<>();
            Integer[] key = new Integer[vars];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < vars; k++) {
                    key[k] = varCodes[k][i];
                }
                List<Integer> kl = List.of(key);
                Integer cell = index.get(kl);
                if (cell == null) {
                    cell = firstCodes.size();
                    index.put(kl, cell);
                    int[] codes = new int[vars];
                    for (int k = 0; k < vars; k++) {
                        codes[k] = key[k];
                    }
                    firstCodes.add(codes);
                }
                cellOfRow[i] = cell;
            }
            int cells = firstCodes.size();
            int[][] codesOfCell = new int[vars][cells];
            for (int c = 0; c < cells; c++) {
                for (int k = 0; k < vars; k++) {
                    codesOfCell[k][c] = firstCodes.get(c)[k];
                }
            }
            double[] table = new double[cells];
            for (int i = 0; i < n; i++) {
                table[cellOfRow[i]] += weights[i];
            }
            return new Plan(f, new double[f.length][], cellOfRow, varCodes, cells, null, levels, codesOfCell, varOf,
                    table);
        }
    }

    /** What the loop leaves behind: sweeps, last change, the ratios of the last sweep and the misfit. */
    private record Run(int sweeps, double lastChange, double[][] lastRatios, Misfit misfit, boolean converged) {
    }

    /**
     * R's loop: {@code while (iter < maxit) { sweep; delta <- max|old - new|; if (delta < eps) break; iter++ }}.
     * Replicate weights, when given, are post-stratified on every margin of every sweep as well.
     */
    private static Run run(Plan plan, double[] w, double[][] reps, RakeControl control) {
        int n = plan.rows();
        int nm = plan.factors.length;
        double total = sum(plan.startTable);
        double eps = control.threshold(total);
        double[] oldTable = plan.startTable.clone();
        double[] newTable = new double[plan.cells];
        int[] cell = plan.cellOfRow;
        double[][] lastRatios = new double[nm][];
        // totals of margin 0; later ones come from the pass before, the next sweep's from the joint table
        double[] nextTotals = plan.marginTotals(0, oldTable);
        double delta = Double.NaN;
        int iter = 0;
        while (iter < control.maxSweeps()) {
            for (int m = 0; m < nm; m++) {
                int[] c = plan.factors[m].codes();
                double[] ratio = ratios(plan, m, nextTotals);
                lastRatios[m] = ratio;
                if (m < nm - 1) {
                    int[] c2 = plan.factors[m + 1].codes();
                    double[] t2 = new double[plan.population[m + 1].length];
                    for (int i = 0; i < n; i++) {
                        double wi = w[i] * ratio[c[i]];
                        w[i] = wi;
                        t2[c2[i]] += wi;
                    }
                    nextTotals = t2;
                } else {
                    Arrays.fill(newTable, 0.0);
                    if (cell != null) {
                        for (int i = 0; i < n; i++) {
                            double wi = w[i] * ratio[c[i]];
                            w[i] = wi;
                            newTable[cell[i]] += wi;
                        }
                    } else if (plan.variableCodes.length == 1) {
                        int[] c0 = plan.variableCodes[0];
                        for (int i = 0; i < n; i++) {
                            double wi = w[i] * ratio[c[i]];
                            w[i] = wi;
                            newTable[c0[i]] += wi;
                        }
                    } else {
                        int[] c0 = plan.variableCodes[0];
                        int[] c1 = plan.variableCodes[1];
                        int s1 = plan.stride[1];
                        for (int i = 0; i < n; i++) {
                            double wi = w[i] * ratio[c[i]];
                            w[i] = wi;
                            newTable[c0[i] + c1[i] * s1] += wi;
                        }
                    }
                    nextTotals = plan.marginTotals(0, newTable);
                }
                for (int r = 0; r < reps.length; r++) {
                    double[] rep = reps[r];
                    double[] ratioRep = replicateRatios(plan, m, MarginTotals.levelTotals(plan.factors[m], rep), r);
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
                Misfit misfit = misfit(plan, newTable);
                double allowed = MISFIT_FACTOR * Math.max(eps, plan.largestCategoryCells() * delta);
                if (misfit.value > allowed && !control.acceptUnconverged()) {
                    // the joint table stopped moving but a margin is still off: the weights cycle between
                    // margins that cannot hold together (e.g. a margin needing weight in empty cells)
                    throw new CalibrationNotConvergedException(iter + 1, misfit.value, misfit.variable,
                            misfit.category, "raking did not converge after " + (iter + 1) + " sweeps: largest misfit "
                                    + String.format("%.6g", misfit.value) + " on margin " + misfit.variable + "="
                                    + misfit.category + "; the weights stopped changing but the margins cannot all"
                                    + " be met (categories that never occur together in the sample?)");
                }
                return new Run(iter + 1, delta, lastRatios, misfit, misfit.value <= allowed);
            }
            double[] swap = oldTable;
            oldTable = newTable;
            newTable = swap;
            iter++;
        }
        Misfit misfit = misfit(plan, oldTable);
        if (control.acceptUnconverged()) {
            return new Run(iter, delta, lastRatios, misfit, false);
        }
        throw new CalibrationNotConvergedException(iter, misfit.value, misfit.variable, misfit.category,
                "raking did not converge after " + iter + " sweeps: largest misfit " + String.format("%.6g", misfit.value)
                        + " on margin " + misfit.variable + "=" + misfit.category + " (last change " + String.format("%.6g", delta)
                        + ", threshold " + String.format("%.6g", eps) + ")");
    }

    private static double[] replicateRatios(Plan plan, int m, double[] sampleTotals, int replicate) {
        double[] pop = plan.population[m];
        for (int j = 0; j < pop.length; j++) {
            if (pop[j] > 0 && sampleTotals[j] == 0) {
                CodedFactor f = plan.factors[m];
                throw new CalibrationException(CalibrationException.Problem.CATEGORY_ABSENT_FROM_SAMPLE, f.name(),
                        f.levels()[j], "replicate " + (replicate + 1) + " has no weight in category " + f.name() + "="
                                + f.levels()[j] + ", so it cannot be raked");
            }
        }
        return MarginTotals.ratios(pop, sampleTotals);
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
        return MarginTotals.ratios(pop, sampleTotals);
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private record Misfit(double value, String variable, String category) {
    }

    /** The largest |population - sample| over all margins and categories, from a joint table. */
    private static Misfit misfit(Plan plan, double[] table) {
        Misfit worst = new Misfit(-1, null, null);
        for (int m = 0; m < plan.factors.length; m++) {
            CodedFactor f = plan.factors[m];
            double[] t = plan.marginTotals(m, table);
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
        Misfit misfit = run.misfit;
        RakingAdjustment adjustment = new RakingAdjustment(plan.factors, w.clone(), run.lastRatios);
        return new Result(w, run.sweeps, run.lastChange, misfit.value, misfit.variable, misfit.category, run.converged,
                adjustment);
    }
}
