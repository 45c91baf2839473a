package org.barometer.app.portal;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.text.Language;

/**
 * The methods page's content, generated from the edition: design, response, weighting as the edition's settings
 * made it (steps, method, margins) and its diagnostics.
 *
 * @param weighting the weighting's steps in words
 * @param sweeps    raking sweeps used, or null when the weights were not raked
 */
public record MethodsView(String design, String frame, String sample, String respondents, String responseRate, List<String> weighting,
                          String weightRange, String cv, String deff, String sweeps, List<String[]> margins,
                          List<String[]> derived, String minCount, String level) {

    static MethodsView of(PublishedEdition e, Language m) {
        Weights.Diagnostics d = e.weights().diagnostics();
        java.util.Map<String, String> marginNames = new java.util.HashMap<>();
        for (List<String> margin : e.spec().weighting().margins()) {
            marginNames.put(WeightingSettings.marginName(margin),
                    String.join(" × ", margin.stream().map(v -> m.t("portal.methods.frame." + v)).toList()));
        }
        List<String[]> margins = new ArrayList<>();
        for (Weights.MarginCheck c : d.marginChecks()) {
            margins.add(new String[] {marginNames.getOrDefault(c.margin(), c.margin()) + ": " + c.category(),
                    m.integer(Math.round(c.frameTotal())), m.decimal(c.weightedTotal(), 1)});
        }
        List<String[]> derived = new ArrayList<>();
        for (DerivedVariable v : e.spec().derived()) {
            derived.add(new String[] {v.name(), v.label().get(m.locale().getLanguage()), v.source()});
        }
        int n = e.weights().size();
        WeightingSettings settings = e.spec().weighting();
        WeightingOptions.Method method = settings.options().method();
        return new MethodsView(e.spec().portal().design() == null ? null : e.spec().portal().design().in(m.locale()),
                m.integer(e.frameSize()), m.integer(e.sampleSize()), m.integer(n),
                m.percent((double) n / e.sampleSize(), 0), steps(settings, m),
                m.decimal(d.min(), 2) + "–" + m.decimal(d.max(), 2), m.decimal(d.cv(), 3), m.decimal(d.kishDeff(), 3),
                method == WeightingOptions.Method.RAKING ? String.valueOf(d.iterations()) : null, margins, derived,
                String.valueOf(e.spec().minCellCount()), m.decimal(e.spec().level(), 2));
    }

    /** The weighting's steps as the edition's settings made them. */
    private static List<String> steps(WeightingSettings settings, Language m) {
        List<String> steps = new ArrayList<>();
        steps.add(m.t("portal.methods.step1"));
        List<String> groups = settings.nonresponseGroups();
        steps.add(groups == null ? m.t("portal.methods.step2")
                : groups.isEmpty() ? m.t("portal.methods.step2.all")
                : m.t("portal.methods.step2.groups", variables(groups, m)));
        List<String> margins = new ArrayList<>();
        for (List<String> margin : settings.margins()) {
            margins.add(m.t("portal.methods.by", variables(margin, m)));
        }
        steps.add(m.t("portal.methods.step3." + settings.methodName(), m.list(margins)));
        if (settings.options().trimAbove() > 0) {
            steps.add(m.t("portal.methods.trim", m.decimal(settings.options().trimAbove(), 1)));
        }
        return steps;
    }

    /** Frame variables in words: "government level and area". */
    private static String variables(List<String> names, Language m) {
        return m.list(names.stream().map(v -> m.t("portal.methods.frame." + v)).toList());
    }
}
