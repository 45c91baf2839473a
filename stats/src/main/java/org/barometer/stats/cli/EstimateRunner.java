package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.calibrate.CalibrationException;
import org.barometer.stats.calibrate.CalibrationFunction;
import org.barometer.stats.calibrate.CalibrationOptions;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.RakeControl;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.LonelyPsu;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.QuantileRule;
import org.barometer.stats.estimate.Quantiles;
import org.barometer.stats.estimate.SurveyGlm;
import org.barometer.stats.estimate.Statistic;
import org.barometer.stats.estimate.Survey;

/**
 * Runs a checked {@link Spec}: reads the data, builds the design (with replicate weights and calibration when
 * asked) and computes every estimate, returning the whole result as one JSON tree. Any refusal by the engine
 * becomes a {@link SpecException} carrying the JSON path of the part being run, so no partial result escapes.
 */
final class EstimateRunner {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DataTable table;
    private final SampleDesign design;
    private final ObjectNode designInfo = F.objectNode();

    private EstimateRunner(DataTable table, SampleDesign design) {
        this.table = table;
        this.design = design;
    }

    static JsonNode run(Spec spec) {
        if (!Files.isRegularFile(spec.data())) {
            throw new SpecException("data", "data file " + spec.data() + " does not exist");
        }
        DataTable raw;
        try {
            raw = DataTable.readCsv(spec.data());
        } catch (SurveyInputException e) {
            throw new SpecException("data", e.getMessage());
        }
        DataTable table = SpecBinder.bind(spec, raw);
        ObjectNode info = F.objectNode();
        SampleDesign design = design(spec, table, info);
        EstimateRunner runner = new EstimateRunner(table, design);
        runner.designInfo.setAll(info);

        ObjectNode root = F.objectNode();
        root.put("data", spec.data().getFileName().toString());
        root.put("rows", table.rowCount());
        root.set("design", runner.designInfo);
        ArrayNode out = root.putArray("estimates");
        for (Spec.Estimate e : spec.estimates()) {
            try {
                out.add(runner.estimate(e));
            } catch (SurveyInputException | CalibrationException | IllegalArgumentException ex) {
                throw new SpecException(e.path(), ex.getMessage());
            }
        }
        return root;
    }

    // ---------------------------------------------------------------- design

    private static SampleDesign design(Spec spec, DataTable table, ObjectNode info) {
        Spec.Design d = spec.design();
        Spec.Replicates r = spec.replicates();
        SampleDesign design;
        if (r != null && r.given()) {
            for (String k : List.of("ids", "strata", "fpc", "probs")) {
                boolean set = switch (k) {
                    case "ids" -> !d.ids().isEmpty();
                    case "strata" -> d.strata() != null;
                    case "fpc" -> !d.fpc().isEmpty();
                    default -> d.probs() != null;
                };
                if (set) {
                    throw new SpecException(d.path() + "." + k, "not used with given replicate weights; the design is"
                            + " then the full-sample 'weights' and the replicate 'columns'");
                }
            }
            if (d.weights() == null) {
                throw new SpecException(d.path(), "given replicate weights need the full-sample 'weights'");
            }
            List<String> cols = SpecBinder.replicateColumns(r, table);
            try {
                design = ReplicateDesign.fromWeights(table, d.weights(), cols, type(r.type()),
                        r.scale() == null ? Double.NaN : r.scale(), r.rscales(), r.fayRho(), r.mse());
            } catch (SurveyInputException e) {
                throw new SpecException(r.path(), e.getMessage());
            }
            info.put("variance", "replicate weights");
            info.put("replicates", cols.size());
            info.put("type", r.type());
        } else {
            Design taylor;
            try {
                Design.Builder b = Design.builder(table).ids(d.ids().toArray(String[]::new))
                        .fpc(d.fpc().toArray(String[]::new)).nest(d.nest()).lonelyPsu(LonelyPsu.fromR(d.lonelyPsu()));
                if (d.strata() != null) b.strata(d.strata());
                if (d.weights() != null) b.weights(d.weights());
                if (d.probs() != null) b.probabilities(d.probs());
                taylor = b.build();
            } catch (SurveyInputException e) {
                throw new SpecException(d.path(), e.getMessage());
            }
            if (r != null) {
                if (r.type().equals("other")) {
                    throw new SpecException(r.path() + ".type", "replicates of type '" + r.type()
                            + "' cannot be built from the design; give the replicate weight 'columns'");
                }
                boolean drawn = Spec.BOOTSTRAP_TYPES.contains(r.type());
                try {
                    design = drawn ? ReplicateDesign.bootstrap(taylor, type(r.type()), r.count(), r.seed(), r.mse())
                            : ReplicateDesign.fromDesign(taylor, type(r.type()), r.fayRho(), r.mse());
                } catch (SurveyInputException e) {
                    throw new SpecException(r.path(), e.getMessage());
                }
                if (drawn) {
                    info.put("seed", r.seed());
                    info.put("scale", ((ReplicateDesign) design).scale());
                }
                info.put("variance", "replicate weights");
                info.put("replicates", ((ReplicateDesign) design).replicateCount());
                info.put("type", r.type());
            } else {
                design = taylor;
                info.put("variance", "Taylor linearisation");
                info.put("stages", taylor.stageCount());
                info.put("lonely.psu", d.lonelyPsu());
            }
        }
        if (!spec.calibration().isEmpty()) {
            ArrayNode steps = info.putArray("calibration");
            for (Spec.Calibration c : spec.calibration()) {
                try {
                    design = calibrate(design, table, c, steps.addObject());
                } catch (SurveyInputException | CalibrationException e) {
                    throw new SpecException(c.path(), e.getMessage());
                }
            }
        }
        info.put("df", design.degreesOfFreedom());
        info.put("weight.sum", sum(design.weights()));
        return design;
    }

    private static ReplicateType type(String name) {
        return switch (name) {
            case "JK1" -> ReplicateType.JK1;
            case "JKn" -> ReplicateType.JKN;
            case "BRR" -> ReplicateType.BRR;
            case "Fay" -> ReplicateType.FAY;
            case "bootstrap" -> ReplicateType.BOOTSTRAP;
            case "subbootstrap" -> ReplicateType.SUBBOOTSTRAP;
            case "mrbbootstrap" -> ReplicateType.MRBBOOTSTRAP;
            default -> ReplicateType.OTHER;
        };
    }

    /** One calibration step through the engine's design calibration; what it did goes into {@code info}. */
    private static SampleDesign calibrate(SampleDesign design, DataTable table, Spec.Calibration c, ObjectNode info) {
        DesignCalibration<SampleDesign> res;
        switch (c) {
            case Spec.PostStratify ps -> {
                noMissing(table, ps.margin().variable(), ps.margin().path() + ".variable");
                res = DesignCalibration.postStratify(design,
                        new PopulationMargin(ps.margin().variable(), ps.margin().totals()));
                info.put("method", "poststratify");
            }
            case Spec.Rake rk -> {
                List<PopulationMargin> ms = new ArrayList<>();
                for (Spec.Margin m : rk.margins()) {
                    noMissing(table, m.variable(), m.path() + ".variable");
                    ms.add(new PopulationMargin(m.variable(), m.totals()));
                }
                RakeControl control = new RakeControl(rk.maxit(), rk.epsilon(), rk.accept());
                res = DesignCalibration.rake(design, ms, control);
                info.put("method", "rake");
                info.put("sweeps", res.iterations());
                info.put("largest.misfit", res.largestMisfit());
            }
            case Spec.TrimWeights t -> {
                res = DesignCalibration.trimWeights(design, t.lower(), t.upper(), t.strict());
                info.put("method", "trimWeights");
            }
            case Spec.Calibrate cal -> {
                for (int i = 0; i < cal.terms().size(); i++) {
                    if (table.column(cal.terms().get(i)) instanceof FactorColumn) {
                        noMissing(table, cal.terms().get(i), cal.path() + ".formula"
                                + (cal.terms().size() == 1 ? "" : "[" + i + "]"));
                    }
                }
                CalibrationOptions options;
                if (cal.calfun().equals("logit")) {
                    if (cal.bounds() == null) {
                        throw new SpecException(cal.path(), "logit calibration needs 'bounds' [lower, upper]");
                    }
                    options = CalibrationOptions.logit(cal.bounds()[0], cal.bounds()[1]);
                } else {
                    options = CalibrationOptions.of(cal.calfun().equals("raking") ? CalibrationFunction.RAKING
                            : CalibrationFunction.LINEAR);
                    if (cal.bounds() != null) options = options.withBounds(cal.bounds()[0], cal.bounds()[1]);
                }
                options = options.withMaxit(cal.maxit()).withEpsilon(cal.epsilon());
                if (cal.trim() != null) options = options.withTrim(cal.trim()[0], cal.trim()[1]);
                if (cal.accept()) options = options.acceptingUnconverged();
                res = DesignCalibration.calibrate(design, cal.terms(), cal.population(), options);
                info.put("method", "calibrate " + cal.calfun());
                info.put("iterations", res.iterations());
                info.put("largest.relative.misfit", res.largestMisfit());
            }
        }
        if (!res.note().isEmpty()) info.put("note", res.note());
        return res.design();
    }

    /** Calibration variables cannot be missing: say where, with the spec path. */
    private static void noMissing(DataTable table, String name, String path) {
        if (!table.has(name)) return; // a joined name such as a:b; the engine checks its parts
        Column col = table.column(name);
        for (int i = 0; i < col.size(); i++) {
            if (col.isMissing(i)) {
                throw new SpecException(path, "variable '" + name + "' is missing in data row " + (i + 1)
                        + "; calibration variables cannot be missing");
            }
        }
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) s += x;
        return s;
    }

    // ---------------------------------------------------------------- estimates

    private ObjectNode estimate(Spec.Estimate e) {
        ObjectNode node = F.objectNode();
        node.put("kind", e.kind());
        if (e.kind().equals("table")) {
            ArrayNode t = node.putArray("table");
            e.variables().forEach(t::add);
        } else {
            ArrayNode v = node.putArray("variables");
            e.variables().forEach(v::add);
        }
        if (e.denominator() != null) node.put("denominator", e.denominator());
        if (!e.by().isEmpty()) {
            ArrayNode b = node.putArray("by");
            e.by().forEach(b::add);
        }
        if (e.naRm()) node.put("na.rm", true);
        switch (e.kind()) {
            case "mean", "total" -> meansOrTotals(e, node);
            case "ratio" -> {
                Statistic s = Estimators.ratio(table, e.variables().get(0), e.denominator());
                results(e, node, s, List.of(new Label(e.variables().get(0) + "/" + e.denominator(), null)));
            }
            case "proportion" -> Proportions.add(e, node, design, table);
            case "multiple.response" -> {
                // one share per item; a value other than 0, 1 or missing is refused naming item and row
                Statistic s = Estimators.multipleResponse(table, e.variables().toArray(String[]::new));
                results(e, node, s, e.variables().stream().map(v -> new Label(v, null)).toList());
            }
            case "quantile" -> quantile(e, node);
            case "ttest" -> ttest(e, node);
            case "glm" -> glm(e, node);
            default -> Tables.add(e, node, design, table);
        }
        return node;
    }

    /** The rows of the estimate's {@code subset} (null when it has none); a subset without rows is refused. */
    private boolean[] subsetRows(Spec.Estimate e, ObjectNode node) {
        if (e.subset().isEmpty()) return null;
        ObjectNode sub = node.putObject("subset");
        boolean[] in = new boolean[table.rowCount()];
        java.util.Arrays.fill(in, true);
        for (java.util.Map.Entry<String, String> s : e.subset().entrySet()) {
            sub.put(s.getKey(), s.getValue());
            FactorColumn f = table.factor(s.getKey());
            int code = f.levelIndex(s.getValue());
            for (int i = 0; i < in.length; i++) in[i] &= f.code(i) == code;
        }
        boolean any = false;
        for (int i = 0; i < in.length; i++) any |= in[i] && design.weight(i) != 0;
        if (!any) throw new SpecException(e.path() + ".subset", "no rows of nonzero weight in the subset");
        return in;
    }

    /** Quantiles (R's {@code svyquantile}), whole-sample, in a subset or by domain. */
    private void quantile(Spec.Estimate e, ObjectNode node) {
        Spec.QuantileSpec q = e.quantile();
        String v = e.variables().get(0);
        node.put("rule", q.rule());
        node.put("interval", q.interval());
        if (!e.by().isEmpty() && !e.subset().isEmpty()) {
            throw new SpecException(e.path() + ".subset", "give either 'by' or 'subset' for a quantile, not both");
        }
        Quantiles.Options o = new Quantiles.Options(QuantileRule.fromR("rule", q.rule()),
                Quantiles.Interval.fromR("interval", q.interval()), e.confidence(), e.df(), e.naRm());
        ArrayNode out = node.putArray("results");
        if (e.by().isEmpty()) {
            boolean[] in = subsetRows(e, node);
            for (Quantiles.QuantileEstimate r : Quantiles.of(design, v, q.probabilities(), in, o)) {
                out.add(quantileRow(v, null, r));
            }
        } else {
            for (Quantiles.DomainQuantiles d : Quantiles.by(design, v, q.probabilities(), o,
                    e.by().toArray(String[]::new))) {
                ObjectNode dom = F.objectNode();
                for (int k = 0; k < e.by().size(); k++) dom.put(e.by().get(k), d.domain().get(k));
                for (Quantiles.QuantileEstimate r : d.quantiles()) out.add(quantileRow(v, dom, r));
            }
        }
    }

    private static ObjectNode quantileRow(String variable, ObjectNode domain, Quantiles.QuantileEstimate r) {
        ObjectNode row = F.objectNode();
        row.put("variable", variable);
        row.put("probability", r.probability());
        if (domain != null) row.set("domain", domain.deepCopy());
        number(row, "estimate", r.quantile());
        number(row, "se", r.standardError());
        ArrayNode ci = row.putArray("ci");
        number(ci, r.lower());
        number(ci, r.upper());
        number(row, "df", r.degreesOfFreedom());
        return row;
    }

    /** R's {@code svyttest(y ~ g, design)}, in a subset if given. */
    private void ttest(Spec.Estimate e, ObjectNode node) {
        String g = e.model().group();
        node.put("group", g);
        boolean[] in = subsetRows(e, node);
        SurveyGlm.TTest t = SurveyGlm.tTest(design, e.variables().get(0), g, in);
        ObjectNode r = node.putObject("result");
        r.put("coefficient", t.coefficient());
        number(r, "estimate", t.difference());
        number(r, "se", t.standardError());
        ArrayNode ci = r.putArray("ci");
        number(ci, t.lower());
        number(ci, t.upper());
        number(r, "statistic", t.t());
        number(r, "df", t.df());
        number(r, "p", t.p());
    }

    /** R's {@code svyglm}: coefficients with design-based standard errors, and {@code regTermTest} if asked. */
    private void glm(Spec.Estimate e, ObjectNode node) {
        Spec.ModelSpec m = e.model();
        node.put("family", m.family());
        ArrayNode terms = node.putArray("terms");
        m.terms().forEach(terms::add);
        boolean[] in = subsetRows(e, node);
        SurveyGlm.Fit f = SurveyGlm.fit(design, e.variables().get(0), m.terms(),
                SurveyGlm.Family.fromR("family", m.family()), in);
        if (!m.dropAliased()) {
            refuseAliased(e, f);
        }
        number(node, "df", f.residualDf());
        ArrayNode out = node.putArray("coefficients");
        for (int j = 0; j < f.names().size(); j++) {
            ObjectNode r = out.addObject();
            r.put("name", f.names().get(j));
            number(r, "estimate", f.coefficient(j));
            number(r, "se", f.standardError(j));
            ArrayNode ci = r.putArray("ci");
            double[] c = f.confidenceInterval(j, 0.95);
            number(ci, c[0]);
            number(ci, c[1]);
            number(r, "statistic", f.t(j));
            number(r, "p", f.p(j));
        }
        if (!m.termTest().isEmpty()) {
            SurveyGlm.TermTest t = f.termTest(m.termTest());
            ObjectNode test = node.putObject("test");
            ArrayNode tt = test.putArray("terms");
            m.termTest().forEach(tt::add);
            test.put("name", "Wald");
            number(test, "statistic", Double.isNaN(t.f()) ? t.chisq() : t.f());
            ArrayNode df = test.putArray("df");
            df.add(t.df());
            number(df, t.ddf());
            number(test, "p", t.p());
        }
    }

    /**
     * A model with a coefficient aliased with those before it (its column a linear combination of theirs among the
     * model's rows) is refused, naming its term: R's {@code glm} leaves such a coefficient out as {@code NA}, which
     * an analyst easily misses; {@code "aliased": "drop"} asks for R's answer.
     */
    private static void refuseAliased(Spec.Estimate e, SurveyGlm.Fit f) {
        for (int j = 0; j < f.names().size(); j++) {
            if (Double.isNaN(f.coefficient(j))) {
                String name = f.names().get(j);
                int term = -1; // the term the coefficient belongs to: its name, or a factor's name and a level
                for (int k = 0; k < e.model().terms().size(); k++) {
                    String t = e.model().terms().get(k);
                    if (name.startsWith(t) && (term < 0 || t.length() > e.model().terms().get(term).length())) {
                        term = k;
                    }
                }
                String place = term < 0 ? e.path() : e.path() + ".terms[" + term + "]";
                throw new SpecException(place, "coefficient '" + name + "' is aliased with the"
                        + " coefficients before it (a linear combination of them among the model's rows); drop the"
                        + " term, or give \"aliased\": \"drop\" to leave the coefficient out as R's glm does (NA)");
            }
        }
    }

    /** What one estimate of a statistic is: a variable and, for a share or count of a category, the category. */
    record Label(String variable, String category) {
    }

    private void meansOrTotals(Spec.Estimate e, ObjectNode node) {
        boolean mean = e.kind().equals("mean");
        List<String> numeric = new ArrayList<>();
        for (String v : e.variables()) if (table.column(v) instanceof NumericColumn) numeric.add(v);
        if (numeric.size() == e.variables().size()) {
            // several numeric variables together, as R's svymean(~a+b): na.rm drops rows missing in any of them
            Statistic s = mean ? Estimators.mean(table, numeric.toArray(String[]::new))
                    : Estimators.total(table, numeric.toArray(String[]::new));
            results(e, node, s, numeric.stream().map(v -> new Label(v, null)).toList());
            return;
        }
        ArrayNode all = F.arrayNode();
        for (String v : e.variables()) {
            Statistic s;
            List<Label> labels;
            if (table.column(v) instanceof FactorColumn f) {
                s = mean ? Estimators.shares(table, v) : Estimators.levelTotals(table, v);
                labels = f.levels().stream().map(l -> new Label(v, l)).toList();
            } else {
                s = mean ? Estimators.mean(table, v) : Estimators.total(table, v);
                labels = List.of(new Label(v, null));
            }
            ObjectNode part = F.objectNode();
            results(e, part, s, labels);
            part.withArray("results").forEach(all::add);
        }
        node.set("results", all);
    }

    /** Whole-sample or domain results of one statistic, with intervals and design effects as asked. */
    private void results(Spec.Estimate e, ObjectNode node, Statistic s, List<Label> labels) {
        ArrayNode out = node.putArray("results");
        if (e.by().isEmpty()) {
            Estimate est = Survey.estimate(design, s, e.naRm());
            double[] deff = e.deff() ? Survey.designEffect(design, s, e.naRm()) : null;
            for (int j = 0; j < labels.size(); j++) {
                ObjectNode r = row(labels.get(j), null, est, j, e);
                if (deff != null) number(r, "deff", deff[j]);
                out.add(r);
            }
        } else {
            if (e.deff()) throw new SpecException(e.path() + ".deff", "design effects are given for whole-sample"
                    + " estimates only; drop 'by' or 'deff'");
            DomainEstimates d = Survey.by(design, s, e.naRm(), e.by().toArray(String[]::new));
            for (int k = 0; k < d.size(); k++) {
                ObjectNode dom = F.objectNode();
                for (int v = 0; v < e.by().size(); v++) dom.put(e.by().get(v), d.domains().get(k).get(v));
                for (int j = 0; j < labels.size(); j++) out.add(row(labels.get(j), dom, d.estimates().get(k), j, e));
            }
            if (e.difference() != null) difference(e, node, labels, d);
        }
    }

    /**
     * The difference between two domains of each estimate, with its standard error from the joint covariance of
     * the two domains (R's {@code svycontrast(svyby(..., covmat = TRUE), ...)}) and the t-test of "no difference"
     * on the degrees of freedom used for intervals.
     */
    private void difference(Spec.Estimate e, ObjectNode node, List<Label> labels, DomainEstimates d) {
        int a = -1;
        int b = -1;
        List<String> known = new ArrayList<>();
        for (int k = 0; k < d.size(); k++) {
            known.add(d.label(k));
            if (d.label(k).equals(e.difference().get(0))) a = k;
            if (d.label(k).equals(e.difference().get(1))) b = k;
        }
        for (int m = 0; m < 2; m++) {
            if ((m == 0 ? a : b) < 0) {
                throw new SpecException(e.path() + ".difference[" + m + "]", "no domain '" + e.difference().get(m)
                        + "'; the domains are " + String.join(", ", known));
            }
        }
        int p = labels.size();
        double df = e.df() != null ? e.df() : design.degreesOfFreedom();
        ArrayNode out = node.putArray("difference");
        for (int j = 0; j < p; j++) {
            DomainEstimates.Contrast c = d.difference(d.label(a), d.label(b), j).withDegreesOfFreedom(df);
            double est = c.estimate();
            double se = c.standardError();
            ObjectNode r = out.addObject();
            r.put("variable", labels.get(j).variable());
            if (labels.get(j).category() != null) r.put("category", labels.get(j).category());
            ArrayNode doms = r.putArray("domains");
            doms.add(e.difference().get(0));
            doms.add(e.difference().get(1));
            number(r, "estimate", est);
            number(r, "se", se);
            double q = Double.isInfinite(df) ? NormalDistribution.of(0, 1).inverseCumulativeProbability((1 + e.confidence()) / 2)
                    : TDistribution.of(df).inverseCumulativeProbability((1 + e.confidence()) / 2);
            ArrayNode ci = r.putArray("ci");
            number(ci, est - q * se);
            number(ci, est + q * se);
            number(r, "df", df);
            number(r, "statistic", c.statistic());
            number(r, "p", c.pValue());
        }
    }

    private ObjectNode row(Label label, ObjectNode domain, Estimate est, int j, Spec.Estimate e) {
        ObjectNode r = F.objectNode();
        r.put("variable", label.variable());
        if (label.category() != null) r.put("category", label.category());
        if (domain != null) r.set("domain", domain.deepCopy());
        number(r, "estimate", est.value(j));
        number(r, "se", est.standardError(j));
        double df = e.df() != null ? e.df() : design.degreesOfFreedom();
        if (Double.isNaN(est.value(j)) || Double.isNaN(est.variance(j))) {
            r.putNull("ci");
        } else {
            double[] ci = est.confidenceInterval(j, e.confidence(), df);
            ArrayNode a = r.putArray("ci");
            number(a, ci[0]);
            number(a, ci[1]);
        }
        number(r, "df", df);
        return r;
    }

    /**
     * A number; an infinite one as the string "Inf" or "-Inf" (JSON has no infinities; R's interval limits are
     * infinite where its t quantile turns into a normal level that rounds to 1), and null for one that does not
     * exist (R's NA and NaN).
     */
    static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            if (key.equals("df") && v == Math.rint(v)) node.put(key, (long) v);
            else node.put(key, v);
        } else if (Double.isInfinite(v)) {
            node.put(key, v > 0 ? "Inf" : "-Inf");
        } else {
            node.putNull(key);
        }
    }

    static void number(ArrayNode node, double v) {
        if (Double.isFinite(v)) node.add(v);
        else if (Double.isInfinite(v)) node.add(v > 0 ? "Inf" : "-Inf");
        else node.addNull();
    }
}
