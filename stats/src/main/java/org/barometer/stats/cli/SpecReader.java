package org.barometer.stats.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.stats.design.ReplicateDesign;

/**
 * Reads an {@code estimate} spec: JSON syntax, keys, types and choices. Column names are checked later,
 * against the data ({@link SpecBinder}). Every problem is a {@link SpecException} naming the JSON path.
 */
public final class SpecReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> TOP = Set.of("data", "levels", "design", "replicates", "calibration",
            "estimates");
    private static final Set<String> DESIGN = Set.of("ids", "strata", "weights", "probs", "fpc", "nest",
            "lonely.psu");
    private static final Set<String> REPLICATES = Set.of("type", "columns", "scale", "rscales", "fay.rho", "mse",
            "replicates", "seed");
    private static final Set<String> COLUMN_RANGE = Set.of("first", "last");
    private static final Set<String> CALIBRATION = Set.of("poststratify", "rake", "calibrate", "trimWeights");
    private static final Set<String> MARGIN = Set.of("variable", "population");
    private static final Set<String> RAKE = Set.of("margins", "epsilon", "maxit", "accept.unconverged");
    private static final Set<String> CALIBRATE = Set.of("formula", "population", "calfun", "bounds", "trim",
            "epsilon", "maxit", "accept.unconverged");
    private static final Set<String> TRIM = Set.of("lower", "upper", "strict");
    private static final Set<String> ESTIMATE = Set.of("mean", "total", "ratio", "proportion", "table", "multiple.response",
            "denominator", "by", "na.rm", "category", "ci", "confidence", "df", "test", "deff", "difference",
            "quantile", "ttest", "glm", "probabilities", "rule", "interval", "subset", "group", "terms", "family",
            "term.test", "aliased");
    private static final Set<String> QUANTILE_KEYS = Set.of("probabilities", "rule", "interval");
    private static final Set<String> TTEST_KEYS = Set.of("group");
    private static final Set<String> GLM_KEYS = Set.of("terms", "family", "term.test", "aliased");

    private SpecReader() {}

    /** Reads and checks the spec file; relative paths in it are resolved against its folder. */
    public static Spec read(Path specFile) {
        String text;
        try {
            text = Files.readString(specFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException("", "spec file " + specFile + " does not exist");
        } catch (IOException e) {
            throw new SpecException("", "cannot read spec file " + specFile + ": " + e.getMessage());
        }
        Path folder = specFile.toAbsolutePath().getParent();
        return parse(text, specFile.toString(), folder);
    }

    /** Parses spec text; {@code source} names it in syntax errors, {@code folder} resolves the data path. */
    public static Spec parse(String text, String source, Path folder) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SpecException("", where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) throw new SpecException("", source + ": the spec is empty");
        Node top = new Node(root, "").requireObject(TOP);

        Path data = folder.resolve(top.required("data").text());
        Map<String, List<String>> levels = new LinkedHashMap<>();
        if (top.has("levels")) {
            Node lv = top.get("levels");
            if (!lv.json().isObject()) throw lv.error("expected an object mapping variables to level lists");
            lv.json().properties().stream().map(Map.Entry::getKey).forEach(name -> {
                Node list = lv.get(name);
                if (!list.json().isArray()) throw list.error("expected a list of levels, found "
                        + Node.describe(list.json()));
                List<String> order = list.textList();
                for (int i = 0; i < order.size(); i++) {
                    if (order.indexOf(order.get(i)) != i) {
                        throw list.element(i).error("level '" + order.get(i) + "' is listed twice");
                    }
                }
                levels.put(name, order);
            });
        }
        Spec.Design design = design(top.has("design") ? top.get("design") : null);
        Spec.Replicates replicates = top.has("replicates") ? replicates(top.get("replicates"), design) : null;
        List<Spec.Calibration> calibration = new ArrayList<>();
        if (top.has("calibration")) {
            Node c = top.get("calibration");
            if (c.json().isArray()) {
                for (Node step : c.elements()) calibration.add(calibration(step));
                if (calibration.isEmpty()) throw c.error("expected at least one calibration step");
            } else {
                calibration.add(calibration(c));
            }
        }
        List<Spec.Estimate> estimates = new ArrayList<>();
        List<Node> list = top.required("estimates").elements();
        if (list.isEmpty()) throw top.get("estimates").error("expected at least one estimate");
        for (Node e : list) estimates.add(estimate(e));
        return new Spec(data, levels, design, replicates, List.copyOf(calibration), List.copyOf(estimates));
    }

    private static Spec.Design design(Node d) {
        if (d == null) return new Spec.Design("design", List.of(), null, null, null, List.of(), false, "fail");
        d.requireObject(DESIGN);
        List<String> ids = d.has("ids") ? d.get("ids").textList() : List.of();
        List<String> fpc = d.has("fpc") ? d.get("fpc").textList() : List.of();
        if (!fpc.isEmpty() && fpc.size() > Math.max(1, ids.size())) {
            throw d.get("fpc").error(fpc.size() + " fpc variables for " + Math.max(1, ids.size())
                    + " sampling stage(s); give one per stage of 'ids'");
        }
        if (d.has("weights") && d.has("probs")) {
            throw d.get("probs").error("give either 'weights' or 'probs', not both");
        }
        String lonely = d.has("lonely.psu") ? d.get("lonely.psu").choice("lonely PSU rule", Spec.LONELY_PSU) : "fail";
        return new Spec.Design(d.path(), ids, d.optText("strata", null), d.optText("weights", null),
                d.optText("probs", null), fpc, d.optBool("nest", false), lonely);
    }

    private static Spec.Replicates replicates(Node r, Spec.Design design) {
        r.requireObject(REPLICATES);
        String type = r.required("type").choice("replicate type", Spec.REPLICATE_TYPES);
        List<String> columns = List.of();
        String first = null;
        String last = null;
        if (r.has("columns")) {
            Node c = r.get("columns");
            if (c.json().isObject()) {
                c.requireObject(COLUMN_RANGE);
                first = c.required("first").text();
                last = c.required("last").text();
            } else {
                columns = c.textList();
            }
        } else if (type.equals("other")) {
            throw r.error("replicate type 'other' needs the replicate weight 'columns'");
        }
        Double scale = r.has("scale") ? positive(r.get("scale")) : null;
        double[] rscales = null;
        if (r.has("rscales")) {
            List<Node> xs = r.get("rscales").elements();
            rscales = new double[xs.size()];
            for (int i = 0; i < rscales.length; i++) rscales[i] = positive(xs.get(i));
        }
        if (columns.isEmpty() && first == null && (scale != null || rscales != null)) {
            throw r.get(scale != null ? "scale" : "rscales").error(
                    "scales are set only for given replicate weight 'columns'; built replicates use their type's");
        }
        double rho = 0;
        if (r.has("fay.rho")) {
            if (!type.equals("Fay")) throw r.get("fay.rho").error("'fay.rho' applies only to type Fay");
            rho = r.get("fay.rho").number();
            if (!(rho > 0 && rho < 1)) throw r.get("fay.rho").error("must be between 0 and 1, found " + rho);
        } else if (type.equals("Fay")) {
            throw r.error("type Fay needs 'fay.rho'");
        }
        boolean given = !columns.isEmpty() || first != null;
        int count = 0;
        long seed = 0;
        if (Spec.BOOTSTRAP_TYPES.contains(type) && !given) {
            // drawn from the design: how many, and from which seed (required, so that a run can be repeated)
            count = ReplicateDesign.DEFAULT_BOOTSTRAP_REPLICATES;
            if (r.has("replicates")) {
                Node c = r.get("replicates");
                count = c.integer();
                if (count < 2) {
                    throw c.error("must be at least 2, found " + count + " (the bootstrap scale divides by the number"
                            + " of replicates minus 1)");
                }
            }
            if (!r.has("seed")) {
                throw r.error("bootstrap replicates drawn from the design need a 'seed' (a whole number): the same"
                        + " seed gives the same replicates");
            }
            Node s = r.get("seed");
            if (!s.json().isIntegralNumber() || !s.json().canConvertToLong()) {
                throw s.error("expected a whole number, found " + Node.describe(s.json()));
            }
            seed = s.json().asLong();
        } else {
            for (String k : List.of("replicates", "seed")) {
                if (r.has(k)) {
                    throw r.get(k).error("'" + k + "' applies only to bootstrap replicates drawn from the design"
                            + " (type " + String.join(" or ", Spec.BOOTSTRAP_TYPES) + ", without 'columns')");
                }
            }
        }
        if (Spec.BOOTSTRAP_TYPES.contains(type) && !type.equals("bootstrap") && given) {
            throw r.get("type").error("'" + type + "' replicates are drawn from the design; given replicate weight"
                    + " 'columns' take type 'bootstrap' (or 'other') with their 'scale'");
        }
        return new Spec.Replicates(r.path(), type, columns, first, last, scale, rscales, rho, r.optBool("mse", false),
                count, seed);
    }

    private static double positive(Node n) {
        double v = n.number();
        if (!(v > 0)) throw n.error("must be positive, found " + v);
        return v;
    }

    private static Spec.Calibration calibration(Node c) {
        c.requireObject(CALIBRATION);
        List<String> given = new ArrayList<>();
        c.json().properties().forEach(p -> given.add(p.getKey()));
        if (given.size() != 1) {
            throw c.error("give exactly one of poststratify, rake, calibrate, trimWeights per step (a list of"
                    + " steps is applied in order); found " + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        Node body = c.get(given.get(0));
        return switch (given.get(0)) {
            case "poststratify" -> new Spec.PostStratify(body.path(), margin(body));
            case "rake" -> {
                body.requireObject(RAKE);
                List<Spec.Margin> margins = new ArrayList<>();
                for (Node m : body.required("margins").elements()) margins.add(margin(m));
                if (margins.isEmpty()) throw body.get("margins").error("expected at least one margin");
                double eps = body.has("epsilon") ? positive(body.get("epsilon")) : 1.0;
                int maxit = body.has("maxit") ? positiveInt(body.get("maxit")) : 10;
                yield new Spec.Rake(body.path(), List.copyOf(margins), eps, maxit,
                        body.optBool("accept.unconverged", false));
            }
            case "trimWeights" -> {
                body.requireObject(TRIM);
                double lo = body.required("lower").number();
                double hi = body.required("upper").number();
                if (!(lo < hi)) throw body.error("lower " + lo + " is not below upper " + hi);
                yield new Spec.TrimWeights(body.path(), lo, hi, body.optBool("strict", false));
            }
            default -> {
                body.requireObject(CALIBRATE);
                List<String> terms = body.required("formula").textList();
                Map<String, Double> pop = body.required("population").numberMap();
                String calfun = body.has("calfun") ? body.get("calfun").choice("calibration function", Spec.CALFUNS)
                        : "linear";
                double[] bounds = body.has("bounds") ? pair(body.get("bounds")) : null;
                double[] trim = body.has("trim") ? pair(body.get("trim")) : null;
                double eps = body.has("epsilon") ? positive(body.get("epsilon")) : 1e-7;
                int maxit = body.has("maxit") ? positiveInt(body.get("maxit")) : 50;
                yield new Spec.Calibrate(body.path(), terms, pop, calfun, bounds, trim, eps, maxit,
                        body.optBool("accept.unconverged", false));
            }
        };
    }

    private static int positiveInt(Node n) {
        int v = n.integer();
        if (v < 1) throw n.error("must be at least 1, found " + v);
        return v;
    }

    private static double[] pair(Node n) {
        List<Node> xs = n.elements();
        if (xs.size() != 2) throw n.error("expected [lower, upper], found " + xs.size() + " numbers");
        double lo = xs.get(0).number();
        double hi = xs.get(1).number();
        if (!(lo < hi)) throw n.error("lower " + lo + " is not below upper " + hi);
        return new double[] {lo, hi};
    }

    private static Spec.Margin margin(Node m) {
        m.requireObject(MARGIN);
        return new Spec.Margin(m.path(), m.required("variable").text(), m.required("population").numberMap());
    }

    private static Spec.Estimate estimate(Node e) {
        e.requireObject(ESTIMATE);
        String kind = null;
        for (String k : Spec.ESTIMATORS) {
            if (e.json().has(k)) {
                if (kind != null) {
                    throw e.error("give one estimator per entry; found both '" + kind + "' and '" + k + "'");
                }
                kind = k;
            }
        }
        if (kind == null) throw e.error("no estimator; expected one of " + String.join(", ", Spec.ESTIMATORS));
        if (kind.equals("multiple.response") && !e.json().get(kind).isArray()) {
            throw e.get(kind).error("expected the list of 0/1 items of the question");
        }
        Node main = e.get(kind);
        for (String k : QUANTILE_KEYS) {
            if (e.has(k) && !kind.equals("quantile")) throw e.get(k).error("'" + k + "' applies only to a quantile");
        }
        for (String k : TTEST_KEYS) {
            if (e.has(k) && !kind.equals("ttest")) throw e.get(k).error("'" + k + "' applies only to a t-test");
        }
        for (String k : GLM_KEYS) {
            if (e.has(k) && !kind.equals("glm")) throw e.get(k).error("'" + k + "' applies only to a model (glm)");
        }
        boolean newKind = kind.equals("quantile") || kind.equals("ttest") || kind.equals("glm");
        if (e.has("subset") && !newKind) {
            throw e.get("subset").error("'subset' applies to quantile, ttest and glm; other estimates take 'by'");
        }
        if (!kind.equals("quantile") && newKind) {
            for (String k : List.of("by", "confidence", "df")) {
                if (e.has(k)) {
                    throw e.get(k).error("'" + k + "' does not apply to a " + (kind.equals("glm") ? "model" : "t-test")
                            + (k.equals("by") ? "; give the domain as 'subset'" : ""));
                }
            }
        }
        if ((kind.equals("glm") || kind.equals("ttest")) && e.has("na.rm")) {
            throw e.get("na.rm").error("'na.rm' does not apply to a " + kind + "; rows missing the response or a"
                    + " predictor are always left out, as R's svyglm does");
        }
        if (newKind) {
            for (String k : List.of("deff", "difference")) {
                if (e.has(k)) throw e.get(k).error("'" + k + "' does not apply to a " + kind);
            }
        }
        if (newKind && !main.json().isTextual()) {
            throw main.error("expected the name of one " + (kind.equals("quantile") ? "variable" : "response variable")
                    + ", found " + Node.describe(main.json()));
        }
        Map<String, String> subset = new LinkedHashMap<>();
        if (e.has("subset")) {
            Node sub = e.get("subset");
            if (!sub.json().isObject() || sub.json().isEmpty()) {
                throw sub.error("expected an object of variable -> level, e.g. {\"stype\": \"E\"}");
            }
            sub.json().properties().forEach(en -> subset.put(en.getKey(), sub.get(en.getKey()).text()));
        }
        Spec.QuantileSpec quantile = null;
        if (kind.equals("quantile")) {
            double[] probs = {0.5};
            if (e.has("probabilities")) {
                List<Node> ps = e.get("probabilities").elements();
                if (ps.isEmpty()) throw e.get("probabilities").error("expected at least one probability");
                probs = new double[ps.size()];
                for (int i = 0; i < probs.length; i++) {
                    probs[i] = ps.get(i).number();
                    if (!(probs[i] > 0 && probs[i] < 1)) {
                        throw ps.get(i).error("a quantile's probability must be in (0, 1), found " + probs[i]);
                    }
                }
            }
            String rule = e.has("rule") ? e.get("rule").choice("quantile rule", Spec.QUANTILE_RULES) : "math";
            String interval = e.has("interval") ? e.get("interval").choice("interval type", Spec.QUANTILE_INTERVALS)
                    : "mean";
            quantile = new Spec.QuantileSpec(probs, rule, interval);
        }
        Spec.ModelSpec model = null;
        if (kind.equals("ttest")) {
            model = new Spec.ModelSpec(e.required("group").text(), List.of(), "gaussian", List.of(), false);
        } else if (kind.equals("glm")) {
            // "terms": [] is the intercept-only model (R's y ~ 1), as is leaving the key out
            boolean noTerms = !e.has("terms") || e.get("terms").json().isArray() && e.get("terms").json().isEmpty();
            List<String> terms = noTerms ? List.of() : e.get("terms").textList();
            for (int i = 0; i < terms.size(); i++) {
                if (terms.indexOf(terms.get(i)) != i) {
                    throw e.get("terms").element(i).error("term '" + terms.get(i) + "' is listed twice");
                }
            }
            String family = e.has("family") ? e.get("family").choice("family", Spec.FAMILIES) : "gaussian";
            List<String> tt = e.has("term.test") ? e.get("term.test").textList() : List.of();
            for (int i = 0; i < tt.size(); i++) {
                if (!terms.contains(tt.get(i))) {
                    throw (tt.size() == 1 ? e.get("term.test") : e.get("term.test").element(i)).error("'" + tt.get(i)
                            + "' is not one of the model's terms (" + String.join(", ", terms) + ")");
                }
            }
            // a term aliased with those before it is refused unless asked to be left out as R's glm leaves it
            boolean dropAliased = e.has("aliased") && e.get("aliased").choice("aliased", List.of("refuse", "drop"))
                    .equals("drop");
            model = new Spec.ModelSpec(null, terms, family, tt, dropAliased);
        }
        List<String> vars = main.textList();
        String denominator = null;
        switch (kind) {
            case "ratio" -> {
                if (vars.size() != 1) throw main.error("a ratio has one numerator variable");
                denominator = e.required("denominator").text();
            }
            case "proportion" -> {
                if (vars.size() != 1) throw main.error("give one variable per proportion");
            }
            case "table" -> {
                if (vars.size() != 2) throw main.error("a table needs [row variable, column variable], found "
                        + vars.size() + " name(s)");
                if (vars.get(0).equals(vars.get(1))) throw main.error("the two table variables are the same");
            }
            default -> { }
        }
        if (!kind.equals("ratio") && e.has("denominator")) {
            throw e.get("denominator").error("'denominator' applies only to a ratio");
        }
        if (!kind.equals("proportion")) {
            for (String k : List.of("category", "ci")) {
                if (e.has(k)) throw e.get(k).error("'" + k + "' applies only to a proportion");
            }
        }
        if (!kind.equals("table") && e.has("test")) throw e.get("test").error("'test' applies only to a table");
        if (kind.equals("table") && e.has("by")) throw e.get("by").error("a table has no domains; add the variable to the table");
        String ci = e.has("ci") ? e.get("ci").choice("interval method", Spec.PROPORTION_CI) : "logit";
        String test = e.has("test") ? e.get("test").choice("test", Spec.TABLE_TESTS) : null;
        double confidence = 0.95;
        if (e.has("confidence")) {
            confidence = e.get("confidence").number();
            if (!(confidence > 0 && confidence < 1)) {
                throw e.get("confidence").error("must be between 0 and 1, found " + confidence);
            }
        }
        Double df = null;
        if (e.has("df")) {
            Node d = e.get("df");
            if (d.json().isTextual() && d.json().asText().equals("Inf")) {
                df = Double.POSITIVE_INFINITY;
            } else if (d.json().isNumber()) {
                df = d.number();
                if (!(df > 0)) throw d.error("must be positive, found " + df);
            } else {
                throw d.error("expected a positive number or \"Inf\", found " + Node.describe(d.json()));
            }
        }
        List<String> by = e.has("by") ? e.get("by").textList() : List.of();
        String category = e.optText("category", null);
        if (kind.equals("table") && e.has("deff")) throw e.get("deff").error("'deff' does not apply to a table");
        if (kind.equals("proportion")) {
            for (String k : List.of("deff", "difference")) {
                if (e.has(k)) {
                    throw e.get(k).error("'" + k + "' does not apply to a proportion; use {\"mean\": ...} of the"
                            + " variable for the shares' " + (k.equals("deff") ? "design effects" : "differences"));
                }
            }
        }
        if (kind.equals("table") && e.has("na.rm")) {
            throw e.get("na.rm").error("'na.rm' does not apply to a table; rows missing either variable are always"
                    + " left out");
        }
        List<String> difference = null;
        if (e.has("difference")) {
            Node d = e.get("difference");
            if (by.isEmpty()) throw d.error("a difference between domains needs 'by'");
            if (!d.json().isArray() || d.json().size() != 2) {
                throw d.error("expected two domains [\"first\", \"second\"], found " + Node.describe(d.json()));
            }
            difference = d.textList();
            if (difference.get(0).equals(difference.get(1))) throw d.error("the two domains are the same");
        }
        return new Spec.Estimate(e.path(), kind, vars, denominator, by, e.optBool("na.rm", false), category, ci,
                confidence, df, test, e.optBool("deff", false), difference, java.util.Collections.unmodifiableMap(subset), quantile, model);
    }
}
