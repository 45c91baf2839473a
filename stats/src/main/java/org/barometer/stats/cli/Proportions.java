package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.ProportionInterval;
import org.barometer.stats.estimate.Survey;

/**
 * Proportions with confidence intervals (R's {@code svyciprop(~I(x == category), design, method)}): for a 0/1
 * variable the share of ones; for a categorical variable the share of the given category, or of each category
 * in turn. The standard error is that of the weighted mean of the indicator.
 */
final class Proportions {
    private Proportions() {}

    static void add(Spec.Estimate e, ObjectNode node, SampleDesign design, DataTable table) {
        if (!e.by().isEmpty()) {
            throw new SpecException(e.path() + ".by", "proportions with intervals are estimated for the whole sample"
                    + " only; use {\"mean\": ...} with 'by' for domain shares");
        }
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
        double df = e.df() != null ? e.df() : design.degreesOfFreedom();
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
                d = design instanceof Design taylor ? taylor.withTable(t) : ((ReplicateDesign) design).withTable(t);
            }
            ProportionInterval pi = ProportionInterval.of(d, indicator, method, e.confidence(), df);
            Estimate mean = Survey.estimate(d, Estimators.mean(d.table(), indicator));
            ObjectNode r = out.addObject();
            r.put("variable", variable);
            if (category != null) r.put("category", category);
            EstimateRunner.number(r, "estimate", pi.proportion());
            EstimateRunner.number(r, "se", mean.standardError(0));
            if (Double.isNaN(pi.lower()) || Double.isNaN(pi.upper())) {
                r.putNull("ci");
            } else {
                ArrayNode ci = r.putArray("ci");
                EstimateRunner.number(ci, pi.lower());
                EstimateRunner.number(ci, pi.upper());
            }
            EstimateRunner.number(r, "df", df);
        }
    }
}
