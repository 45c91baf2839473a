package org.barometer.app.publish;

import java.util.List;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.forms.model.Form;

/**
 * A whole edition as declared in its folder: {@code edition.json} (titles, the questionnaire, disclosure
 * threshold, significance level, derived variables, themes, the list of figure files) and one JSON file per
 * figure. Built only by {@link EditionReader}.
 */
public record EditionSpec(String id, LocalizedText title, Form form, int minCellCount, double level,
                          List<DerivedVariable> derived, List<Theme> themes, List<FigureSpec> figures) {

    public EditionSpec {
        derived = List.copyOf(derived);
        themes = List.copyOf(themes);
        figures = List.copyOf(figures);
    }

    /** A theme page. */
    public record Theme(String id, LocalizedText title, LocalizedText intro) {
    }

    public FigureSpec figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
