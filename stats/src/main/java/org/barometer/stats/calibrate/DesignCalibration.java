package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;

/**
 * Calibration of whole designs, as R's {@code postStratify}, {@code rake}, {@code calibrate} and
 * {@code trimWeights} on a {@code survey.design2} or an {@code svyrep.design}: variables are taken from the
 * design's table by name, and a new design is returned.
 * <ul>
 * <li>A Taylor design ({@link Design}) gets the new weights and the calibration's variance step
 *     ({@link Design#withCalibration}), so later estimates use the calibration residuals.</li>
 * <li>A replicate design ({@link ReplicateDesign}) gets new full-sample weights and every replicate calibrated
 *     separately in the same way ({@link ReplicateDesign#withWeights}); its variance comes from the replicates.</li>
 * </ul>
 *
 * @param <D>           the design type
 * @param design        the calibrated design
 * @param iterations    sweeps (raking), Newton steps (iterative calibration), or 0
 * @param largestMisfit what is left to meet: weight units for raking, relative |T - t| / (1 + |T|) for
 *                      calibration, 0 for post-stratification and trimming
 * @param note          a remark worth showing with the result (e.g. that R ignores {@code trim} here), or empty
 */
public record DesignCalibration<D extends SampleDesign>(D design, int iterations, double largestMisfit, String note) {

    /**
     * R's {@code postStratify(design, ~variable, population)}; a margin variable such as {@code stype:sch.wide}
     * post-stratifies on the combinations of the joined variables, with labels such as {@code E.No}.
     */
    public static <D extends SampleDesign> DesignCalibration<D> postStratify(D design, PopulationMargin population) {
        CodedFactor f = factor(design.table(), population.variable());
        if (design instanceof ReplicateDesign r) {
            PostStratification.ReplicateResult res = PostStratification.applyReplicates(f, r.weights(), replicates(r),
                    population);
            return done(design, res.fullSample().weights(), res.replicates(), null, 0, 0, "");
        }
        PostStratification.Result res = PostStratification.apply(f, design.weights(), population);
        return done(design, res.weights(), null, res.adjustment(), 0, 0, "");
    }

    /**
     * R's {@code postStratify(design, ~v1 + v2 + ..., population)}: post-strata are the combinations of the
     * variables ({@link CodedFactor#interaction}); the population counts are keyed by the combined labels
     * ({@code E.No}) and the margin's variable is the names joined by {@code ":"} ({@code stype:sch.wide}).
     */
    public static <D extends SampleDesign> DesignCalibration<D> postStratify(D design, List<String> variables,
            PopulationMargin population) {
        List<CodedFactor> fs = new ArrayList<>();
        for (String v : variables) {
            fs.add(factor(design.table(), v));
        }
        CodedFactor cells = CodedFactor.interaction(fs);
        if (design instanceof ReplicateDesign r) {
            PostStratification.ReplicateResult res = PostStratification.applyReplicates(cells, r.weights(),
                    replicates(r), population);
            return done(design, res.fullSample().weights(), res.replicates(), null, 0, 0, "");
        }
        PostStratification.Result res = PostStratification.apply(cells, design.weights(), population);
        return done(design, res.weights(), null, res.adjustment(), 0, 0, "");
    }

    /**
     * R's {@code rake(design, list(~v1, ~v2, ...), list(pop1, pop2, ...), control)}; a margin variable such as
     * {@code stype:sch.wide} is a margin on the combinations of the joined variables (R's {@code ~stype + sch.wide}).
     */
    public static <D extends SampleDesign> DesignCalibration<D> rake(D design, List<PopulationMargin> margins,
            RakeControl control) {
        List<CodedFactor> fs = new ArrayList<>();
        for (PopulationMargin m : margins) {
            fs.add(factor(design.table(), m.variable()));
        }
        if (design instanceof ReplicateDesign r) {
            Raking.ReplicateResult res = Raking.rakeReplicates(fs, margins, r.weights(), replicates(r), control);
            Raking.Result full = res.fullSample();
            return done(design, full.weights(), res.replicates(), null, full.sweeps(), full.largestMisfit(),
                    misfitNote(full));
        }
        Raking.Result res = Raking.rake(fs, margins, design.weights(), control);
        return done(design, res.weights(), null, res.adjustment(), res.sweeps(), res.largestMisfit(), misfitNote(res));
    }

    /**
     * R's {@code calibrate(design, ~t1 + t2 + ..., population, ...)}: each term is a variable of the table;
     * factors give treatment-contrast dummies, numeric variables enter as they are (an intercept is always
     * included).
     *
     * @param terms   the formula's variables, in order
     * @param totals  population total per model-matrix column name ({@code (Intercept)}, {@code stypeH}, ...)
     * @param options the calibration function, bounds, iteration control and trimming
     */
    public static <D extends SampleDesign> DesignCalibration<D> calibrate(D design, List<String> terms,
            Map<String, Double> totals, CalibrationOptions options) {
        ModelMatrix mm = modelMatrix(design.table(), terms);
        String note = "";
        Calibration.Result res;
        double[][] reps = null;
        List<Integer> unconvergedReplicates = List.of();
        if (design instanceof ReplicateDesign r) {
            Calibration.ReplicateResult rr = Calibration.calibrateReplicates(mm, r.weights(), replicates(r), totals,
                    options);
            res = rr.fullSample();
            reps = rr.replicates();
            unconvergedReplicates = rr.unconverged();
        } else {
            res = Calibration.calibrate(mm, design.weights(), totals, options);
        }
        if (res.trimIgnored()) {
            note = "trimming is not applied to linear calibration without bounds (as in R); give bounds to limit g";
        }
        if (!res.converged()) {
            note = String.format("calibration did not converge after %d iterations: largest relative misfit %.6g",
                    res.iterations(), res.misfit());
        }
        if (!unconvergedReplicates.isEmpty()) {
            note = (note.isEmpty() ? "" : note + "; ") + "calibration did not converge in replicates "
                    + unconvergedReplicates;
        }
        return done(design, res.weights(), reps, res.adjustment(), res.iterations(), res.misfit(), note);
    }

    /**
     * R's {@code trimWeights(design, upper, lower, strict)}. The design keeps its calibration steps (as R
     * keeps {@code postStrata}). For a replicate design the full-sample weights and each replicate are trimmed
     * separately by the same rule, rows a replicate leaves out (weight 0) staying out (R's
     * {@code trimWeights.svyrep.design} means to trim each replicate but its code does not do it, and would
     * lift those zeros). A Taylor design gets a step that leaves influence values unchanged, since the design takes new
     * weights only with a step; it then counts as calibrated, so domain estimates keep zero-weight rows as
     * R does for calibrated designs (the same variances, except for lonely-PSU and degrees-of-freedom counts
     * in domains of a design that was not calibrated before trimming).
     */
    public static <D extends SampleDesign> DesignCalibration<D> trimWeights(D design, double lower, double upper,
            boolean strict) {
        double[] w = WeightTrimming.trim(design.weights(), lower, upper, strict);
        if (design instanceof ReplicateDesign r) {
            double[][] reps = replicates(r);
            for (int k = 0; k < reps.length; k++) {
                try {
                    reps[k] = WeightTrimming.trim(reps[k], lower, upper, strict, true);
                } catch (CalibrationException e) {
                    throw new CalibrationException(e.problem(), e.variable(), e.category(),
                            "replicate " + (k + 1) + ": " + e.getMessage());
                }
            }
            return done(design, w, reps, null, 0, 0, "");
        }
        return done(design, w, null, x -> x, 0, 0, "");
    }

    // ---------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static <D extends SampleDesign> DesignCalibration<D> done(D design, double[] w, double[][] reps,
            org.barometer.stats.design.CalibrationStep step, int iterations, double misfit, String note) {
        SampleDesign out;
        if (design instanceof ReplicateDesign r) {
            out = r.withWeights(w, reps);
        } else if (design instanceof Design d) {
            out = d.withCalibration(w, step);
        } else {
            throw CalibrationException.invalid("cannot calibrate a design of type " + design.getClass().getSimpleName());
        }
        return new DesignCalibration<>((D) out, iterations, misfit, note);
    }

    private static String misfitNote(Raking.Result r) {
        if (!r.converged()) {
            return String.format("raking did not converge after %d sweeps: largest misfit %.6g on %s=%s",
                    r.sweeps(), r.largestMisfit(), r.misfitVariable(), r.misfitCategory());
        }
        return r.largestMisfit() > 0 ? String.format("largest remaining misfit %.6g on %s=%s after %d sweeps",
                r.largestMisfit(), r.misfitVariable(), r.misfitCategory(), r.sweeps()) : "";
    }

    private static double[][] replicates(ReplicateDesign r) {
        double[][] reps = new double[r.replicateCount()][];
        for (int k = 0; k < reps.length; k++) {
            reps[k] = r.replicateWeights(k);
        }
        return reps;
    }

    private static Column column(DataTable table, String name) {
        if (!table.has(name)) {
            throw new CalibrationException(CalibrationException.Problem.UNKNOWN_VARIABLE, name, null,
                    "calibration variable " + name + " is not in the data (variables: " + table.columnNames() + ")");
        }
        return table.column(name);
    }

    /**
     * The variable {@code name} of the table as a coded factor; a name such as {@code stype:sch.wide} that is
     * not itself a variable is the cross-classification of the variables it joins (R's {@code ~stype + sch.wide}
     * as a post-stratum or raking margin).
     */
    static CodedFactor factor(DataTable table, String name) {
        if (!table.has(name) && name.contains(":")) {
            List<CodedFactor> parts = new ArrayList<>();
            for (String part : name.split(":", -1)) {
                parts.add(factor(table, part));
            }
            return CodedFactor.interaction(parts);
        }
        Column c = column(table, name);
        FactorColumn f = c instanceof FactorColumn fc ? fc : table.factor(name);
        int[] codes = f.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, name, null,
                        "calibration variable " + name + " is missing at row " + (i + 1));
            }
        }
        return new CodedFactor(name, codes, f.levels().toArray(String[]::new));
    }

    static ModelMatrix modelMatrix(DataTable table, List<String> terms) {
        List<ModelMatrix.Term> ts = new ArrayList<>();
        for (String name : terms) {
            Column c = column(table, name);
            if (c instanceof NumericColumn n) {
                ts.add(new ModelMatrix.NumericTerm(name, n.values()));
            } else {
                ts.add(new ModelMatrix.FactorTerm(factor(table, name)));
            }
        }
        return ModelMatrix.of(true, ts);
    }
}
