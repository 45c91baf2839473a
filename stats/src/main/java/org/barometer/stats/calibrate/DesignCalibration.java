package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.Reweighting;
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
        return postStratify(design, factor(design.table(), population.variable()), population);
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
        return postStratify(design, CodedFactor.interaction(fs), population);
    }

    private static <D extends SampleDesign> DesignCalibration<D> postStratify(D design, CodedFactor cells,
            PopulationMargin population) {
        return reweighted(design, new Reweighting<Report>() {
            @Override
            public Reweighting.Sample<Report> sample(double[] weights) {
                PostStratification.Result res = PostStratification.apply(cells, weights, population);
                return new Reweighting.Sample<>(res.weights(), res.adjustment(), Report.NONE);
            }

            @Override
            public Reweighting.Replicates<Report> replicates(double[] weights, double[][] replicateWeights) {
                PostStratification.ReplicateResult res = PostStratification.applyReplicates(cells, weights,
                        replicateWeights, population);
                return new Reweighting.Replicates<>(res.fullSample().weights(), res.replicates(), Report.NONE);
            }
        });
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
        return reweighted(design, new Reweighting<Report>() {
            @Override
            public Reweighting.Sample<Report> sample(double[] weights) {
                Raking.Result res = Raking.rake(fs, margins, weights, control);
                return new Reweighting.Sample<>(res.weights(), res.adjustment(), raked(res));
            }

            @Override
            public Reweighting.Replicates<Report> replicates(double[] weights, double[][] replicateWeights) {
                Raking.ReplicateResult res = Raking.rakeReplicates(fs, margins, weights, replicateWeights, control);
                Raking.Result full = res.fullSample();
                return new Reweighting.Replicates<>(full.weights(), res.replicates(), raked(full));
            }
        });
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
        return reweighted(design, new Reweighting<Report>() {
            @Override
            public Reweighting.Sample<Report> sample(double[] weights) {
                Calibration.Result res = Calibration.calibrate(mm, weights, totals, options);
                return new Reweighting.Sample<>(res.weights(), res.adjustment(), calibrated(res, List.of()));
            }

            @Override
            public Reweighting.Replicates<Report> replicates(double[] weights, double[][] replicateWeights) {
                if (replicateWeights.length == 0) {
                    // R's calibrate of a replicate design fails there too (subscript out of bounds)
                    throw Arguments.cannotCompute("calibration", "the replicate design has no replicates (the sample"
                            + " is the whole population); post-stratify or rake it instead");
                }
                Calibration.ReplicateResult rr = Calibration.calibrateReplicates(mm, weights, replicateWeights, totals,
                        options);
                Calibration.Result res = rr.fullSample();
                return new Reweighting.Replicates<>(res.weights(), rr.replicates(), calibrated(res, rr.unconverged()));
            }

            @Override
            public boolean recountsDegreesOfFreedom() {
                // R's calibrate of a replicate design goes two ways: linear calibration without bounds
                // (regcalibrate) counts degf again on the new weights, the iterative one (grake) keeps the degf
                // of the design it was given
                return options.function() == CalibrationFunction.LINEAR && options.lower() == Double.NEGATIVE_INFINITY
                        && options.upper() == Double.POSITIVE_INFINITY;
            }
        });
    }

    /** Iterations, misfit and note of a calibration to totals, with the replicates that did not converge. */
    private static Report calibrated(Calibration.Result res, List<Integer> unconvergedReplicates) {
        String note = "";
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
        return new Report(res.iterations(), res.misfit(), note);
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
        return reweighted(design, new Reweighting<Report>() {
            @Override
            public Reweighting.Sample<Report> sample(double[] weights) {
                double[] w = WeightTrimming.trim(weights, lower, upper, strict);
                return new Reweighting.Sample<>(w, x -> x, Report.NONE);
            }

            @Override
            public Reweighting.Replicates<Report> replicates(double[] weights, double[][] replicateWeights) {
                double[] w = WeightTrimming.trim(weights, lower, upper, strict);
                double[][] reps = replicateWeights;
                for (int k = 0; k < reps.length; k++) {
                    try {
                        reps[k] = WeightTrimming.trim(reps[k], lower, upper, strict, true);
                    } catch (CalibrationException e) {
                        throw new CalibrationException(e.problem(), e.variable(), e.category(),
                                "replicate " + (k + 1) + ": " + e.getMessage());
                    }
                }
                return new Reweighting.Replicates<>(w, reps, Report.NONE);
            }

            @Override
            public boolean recountsDegreesOfFreedom() {
                return false; // R's trimWeights leaves degf as it was
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------

    /** What a calibration reports besides the weights. */
    private record Report(int iterations, double largestMisfit, String note) {
        static final Report NONE = new Report(0, 0, "");
    }

    @SuppressWarnings("unchecked") // a design reweights to a design of its own class
    private static <D extends SampleDesign> DesignCalibration<D> reweighted(D design, Reweighting<Report> reweighting) {
        Reweighting.Reweighted<? extends SampleDesign, Report> r = design.reweighted(reweighting);
        Report report = r.report();
        return new DesignCalibration<>((D) r.design(), report.iterations(), report.largestMisfit(), report.note());
    }

    private static Report raked(Raking.Result r) {
        return new Report(r.sweeps(), r.largestMisfit(), misfitNote(r));
    }

    private static String misfitNote(Raking.Result r) {
        if (!r.converged()) {
            return String.format("raking did not converge after %d sweeps: largest misfit %.6g on %s=%s",
                    r.sweeps(), r.largestMisfit(), r.misfitVariable(), r.misfitCategory());
        }
        return r.largestMisfit() > 0 ? String.format("largest remaining misfit %.6g on %s=%s after %d sweeps",
                r.largestMisfit(), r.misfitVariable(), r.misfitCategory(), r.sweeps()) : "";
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
