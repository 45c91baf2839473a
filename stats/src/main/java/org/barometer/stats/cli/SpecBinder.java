package org.barometer.stats.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;

/**
 * Checks a {@link Spec} against its data before anything is estimated: every named column exists and has the
 * right kind, every category named in the spec exists, and the level orders are applied. Problems are
 * {@link SpecException}s naming the JSON path, so that a spec is either run whole or not at all.
 */
final class SpecBinder {
    private final DataTable table;

    private SpecBinder(DataTable table) {
        this.table = table;
    }

    /** The table with the spec's level orders applied, after checking every reference in the spec. */
    static DataTable bind(Spec spec, DataTable data) {
        DataTable t = data;
        for (Map.Entry<String, List<String>> e : spec.levels().entrySet()) {
            String path = "levels." + e.getKey();
            new SpecBinder(t).column(path, e.getKey());
            try {
                t = t.withLevelOrder(e.getKey(), e.getValue());
            } catch (SurveyInputException ex) {
                throw new SpecException(path, ex.getMessage());
            }
        }
        SpecBinder b = new SpecBinder(t);
        b.design(spec.design());
        if (spec.replicates() != null) b.replicateColumns(spec.replicates());
        spec.calibration().forEach(b::calibration);
        for (Spec.Estimate e : spec.estimates()) b.estimate(e);
        return t;
    }

    private Column column(String path, String name) {
        if (!table.has(name)) {
            throw new SpecException(path, "unknown column '" + name + "'; the data have " + String.join(", ",
                    table.columnNames()));
        }
        return table.column(name);
    }

    private NumericColumn numeric(String path, String name, String role) {
        Column c = column(path, name);
        if (c instanceof NumericColumn n) return n;
        throw new SpecException(path, "column '" + name + "' is categorical; " + role + " must be numeric");
    }

    private FactorColumn factor(String path, String name) {
        column(path, name);
        return table.factor(name);
    }

    private void design(Spec.Design d) {
        String p = d.path();
        for (int i = 0; i < d.ids().size(); i++) column(indexed(p + ".ids", i, d.ids().size()), d.ids().get(i));
        if (d.strata() != null) column(p + ".strata", d.strata());
        if (d.weights() != null) numeric(p + ".weights", d.weights(), "weights");
        if (d.probs() != null) numeric(p + ".probs", d.probs(), "selection probabilities");
        for (int i = 0; i < d.fpc().size(); i++) {
            numeric(indexed(p + ".fpc", i, d.fpc().size()), d.fpc().get(i), "a finite population correction");
        }
    }

    /** {@code path[i]} when the JSON value was a list, plain {@code path} when it was a single string. */
    private static String indexed(String path, int i, int size) {
        return size == 1 ? path : path + "[" + i + "]";
    }

    /** The replicate weight column names, with a column range resolved against the file order. */
    static List<String> replicateColumns(Spec.Replicates r, DataTable table) {
        if (r.first() == null) return r.columns();
        List<String> names = table.columnNames();
        int a = names.indexOf(r.first());
        int b = names.indexOf(r.last());
        if (a < 0) throw new SpecException(r.path() + ".columns.first", "unknown column '" + r.first() + "'");
        if (b < 0) throw new SpecException(r.path() + ".columns.last", "unknown column '" + r.last() + "'");
        if (b < a) {
            throw new SpecException(r.path() + ".columns", "column '" + r.last() + "' comes before '" + r.first()
                    + "' in the data");
        }
        return names.subList(a, b + 1);
    }

    private void replicateColumns(Spec.Replicates r) {
        if (!r.given()) return;
        List<String> cols = replicateColumns(r, table);
        for (int i = 0; i < cols.size(); i++) {
            String path = r.first() == null ? indexed(r.path() + ".columns", i, cols.size()) : r.path() + ".columns";
            numeric(path, cols.get(i), "replicate weights");
        }
        if (r.rscales() != null && r.rscales().length != cols.size()) {
            throw new SpecException(r.path() + ".rscales", r.rscales().length + " scales for " + cols.size()
                    + " replicate weight columns");
        }
    }

    private void calibration(Spec.Calibration c) {
        switch (c) {
            case Spec.PostStratify ps -> margin(ps.margin());
            case Spec.Rake rk -> rk.margins().forEach(this::margin);
            case Spec.TrimWeights t -> { }
            case Spec.Calibrate cal -> {
                List<String> terms = cal.terms();
                // the population's names are checked against the model matrix when calibrating
                for (int i = 0; i < terms.size(); i++) column(indexed(cal.path() + ".formula", i, terms.size()), terms.get(i));
            }
        }
    }

    /** The margin's variable exists, and its categories and the population's are the same set. */
    private void margin(Spec.Margin m) {
        FactorColumn f = factor(m.path() + ".variable", m.variable());
        for (String label : m.totals().keySet()) {
            if (!f.levels().contains(label)) {
                throw new SpecException(m.path() + ".population." + label, "variable '" + m.variable()
                        + "' has no category '" + label + "' (categories: " + String.join(", ", f.levels()) + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String level : presentLevels(f)) if (!m.totals().containsKey(level)) missing.add(level);
        if (!missing.isEmpty()) {
            throw new SpecException(m.path() + ".population", "no population count for categor"
                    + (missing.size() == 1 ? "y '" : "ies '") + String.join("', '", missing) + "' of variable '"
                    + m.variable() + "', which occur in the data");
        }
    }

    private static List<String> presentLevels(FactorColumn f) {
        boolean[] seen = new boolean[f.levelCount()];
        for (int c : f.codes()) if (c >= 0) seen[c] = true;
        List<String> out = new ArrayList<>();
        for (int j = 0; j < seen.length; j++) if (seen[j]) out.add(f.levels().get(j));
        return out;
    }

    private void estimate(Spec.Estimate e) {
        String main = e.path() + "." + e.kind();
        List<String> vars = e.variables();
        for (int i = 0; i < vars.size(); i++) {
            String path = indexed(main, i, vars.size());
            switch (e.kind()) {
                case "ratio" -> numeric(path, vars.get(i), "the numerator of a ratio");
                case "table" -> factor(path, vars.get(i));
                case "proportion" -> proportion(e, path, vars.get(i));
                case "multiple.response" -> numeric(path, vars.get(i), "a multiple-response item (0/1)");
                case "quantile" -> numeric(path, vars.get(i), "the variable of a quantile");
                case "ttest" -> numeric(path, vars.get(i), "the response of a t-test");
                case "glm" -> {
                    if (e.model().family().contains("binomial")) column(path, vars.get(i));
                    else numeric(path, vars.get(i), "the response of a " + e.model().family() + " model");
                }
                default -> column(path, vars.get(i));
            }
        }
        if (e.denominator() != null) numeric(e.path() + ".denominator", e.denominator(), "the denominator of a ratio");
        for (int i = 0; i < e.by().size(); i++) factor(indexed(e.path() + ".by", i, e.by().size()), e.by().get(i));
        for (Map.Entry<String, String> s : e.subset().entrySet()) {
            String path = e.path() + ".subset." + s.getKey();
            FactorColumn f = factor(path, s.getKey());
            if (!f.levels().contains(s.getValue())) {
                throw new SpecException(path, "variable '" + s.getKey() + "' has no category '" + s.getValue()
                        + "' (categories: " + String.join(", ", f.levels()) + ")");
            }
        }
        if (e.model() != null) {
            if (e.model().group() != null) column(e.path() + ".group", e.model().group());
            List<String> terms = e.model().terms();
            for (int i = 0; i < terms.size(); i++) column(indexed(e.path() + ".terms", i, terms.size()), terms.get(i));
        }
    }

    private void proportion(Spec.Estimate e, String path, String name) {
        Column c = column(path, name);
        if (c instanceof NumericColumn n && e.category() == null) {
            double[] v = n.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && v[i] != 0 && v[i] != 1) {
                    throw new SpecException(path, "numeric column '" + name + "' has the value " + n.text(i)
                            + " in data row " + (i + 1) + "; a proportion needs 0/1 values or a 'category'");
                }
            }
        }
        if (e.category() != null) {
            FactorColumn f = table.factor(name);
            if (!f.levels().contains(e.category())) {
                throw new SpecException(e.path() + ".category", "variable '" + name + "' has no category '"
                        + e.category() + "' (categories: " + String.join(", ", f.levels()) + ")");
            }
        }
    }
}
