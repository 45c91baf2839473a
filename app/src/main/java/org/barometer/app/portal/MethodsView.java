package org.barometer.app.portal;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.Messages;

/** The methods page's content, generated from the edition: design, response, weighting and its diagnostics. */
public record MethodsView(String frame, String sample, String respondents, String responseRate, String weightRange,
                          String cv, String deff, String sweeps, List<String[]> margins, List<String[]> derived,
                          String minCount, String level) {

    static MethodsView of(PublishedEdition e, Messages m) {
        Weights.Diagnostics d = e.weights().diagnostics();
        List<String[]> margins = new ArrayList<>();
        for (Weights.MarginCheck c : d.marginChecks()) {
            margins.add(new String[] {c.margin() + ": " + c.category(), m.integer(Math.round(c.frameTotal())),
                    m.decimal(c.weightedTotal(), 1)});
        }
        List<String[]> derived = new ArrayList<>();
        for (DerivedVariable v : e.spec().derived()) {
            derived.add(new String[] {v.name(), v.label().get(m.locale().getLanguage()), v.source()});
        }
        int n = e.weights().size();
        return new MethodsView(m.integer(e.frameSize()), m.integer(e.sampleSize()), m.integer(n),
                m.percent((double) n / e.sampleSize(), 0),
                m.decimal(d.min(), 2) + "–" + m.decimal(d.max(), 2), m.decimal(d.cv(), 3), m.decimal(d.kishDeff(), 3),
                String.valueOf(d.iterations()), margins, derived, String.valueOf(e.spec().minCellCount()),
                m.decimal(e.spec().level(), 2));
    }
}
