package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.ProportionInterval;
import org.barometer.stats.estimate.Survey;

/**
 * Proportions with confidence intervals (R's {@code svyciprop(~I(x == category), design, method)}): for a 0/1
 * variable the share of ones; for a categorical variable the share of the given category, or of each category
 * in turn. The standard error is that of the weighted mean of the indicator. With {@code by}, one interval per
 * domain, each R's {@code svyciprop} on the subset design, whose degrees of freedom are the default.
 */
final class Proportions {
    private Proportions() {}

    static void add(Spec.Estimate e, ObjectNode node, SampleDesign design, DataTable table) {
        if (e.naRm()) {
            throw new SpecException(e.path() + ".na.rm", "proportion intervals with na.rm are not available;"
                    + " use {\"mean\": ..., \"na.rm\": true} for the share and its standard error");
        }
        String variable = e.variables().get(0);
        node.put("ci.method", e.ci());
        Column col = table.column(variable);
        List<String> categories = new ArrayList<>();
        if (e.category() != null) {
            categories.add(e.category());
        } else if (col instanceof FactorColumn f) {
            categories.addAll(f.levels());
        } else {
            categories.add(null); // a 0/1 variable: the share of ones
        }
        ProportionInterval.Method method = switch (e.ci()) {
            case "beta" -> ProportionInterval.Method.BETA;
            case "xlogit" -> ProportionInterval.Method.XLOGIT;
            case "asin" -> ProportionInterval.Method.ASIN;
            case "mean" -> ProportionInterval.Method.MEAN;
            default -> ProportionInterval.Method.LOGIT;
        };
        Survey.Domains domains = e.by().isEmpty() ? null : Survey.domains(design, e.by().toArray(String[]::new));
        ArrayNode out = node.putArray("results");
        for (String category : categories) {
            String indicator = variable;
            SampleDesign d = design;
            if (category != null) {
                indicator = variable + "=" + category;
                double[] v = new double[table.rowCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = col.isMissing(i) ? Double.NaN : col.text(i).equals(category) ? 1 : 0;
                }
                DataTable t = table.with(new NumericColumn(indicator, v));
                d = design.withTable(t);
            }
            for (int k = 0; k < (domains == null ? 1 : domains.count()); k++) {
                boolean[] rows = domains == null ? null : domains.rows(k);
                double df = e.df() != null ? e.df() : design.degreesOfFreedom(rows);
                ProportionInterval pi = ProportionInterval.of(d, indicator, rows, method, e.confidence(), df);
                ObjectNode r = out.addObject();
                r.put("variable", variable);
                if (category != null) r.put("category", category);
                if (domains != null) {
                    ObjectNode dom = r.putObject("domain");
                    for (int v = 0; v < e.by().size(); v++) dom.put(e.by().get(v), domains.labels().get(k).get(v));
                }
                EstimateRunner.number(r, "estimate", pi.proportion());
                EstimateRunner.number(r, "se", pi.standardError());
                if (Double.isNaN(pi.lower()) && Double.isNaN(pi.upper())) {
                    r.putNull("ci"); // a single missing limit is null within the interval, e.g. R's (0, NA)
                } else {
                    ArrayNode ci = r.putArray("ci");
                    EstimateRunner.number(ci, pi.lower());
                    EstimateRunner.number(ci, pi.upper());
                }
                EstimateRunner.number(r, "df", df);
            }
        }
    }
}
