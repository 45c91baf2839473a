package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.model.Question;

import org.barometer.app.text.Language;
import org.barometer.app.text.LocalizedText;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.spec.EditionReader;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionException;
/**
 * The explorer's ad-hoc figures: any categorical question or derived variable, broken down by any other, for
 * the respondents a filter expression selects, built as a {@link FigureSpec} so that it is estimated,
 * tested, suppressed and captioned exactly as a published figure.
 */
public final class ExplorerQuery {

    /** The "file" an explorer figure comes from, in messages. */
    public static final String FILE = "explorer";

    private ExplorerQuery() {
    }

    /** A variable the explorer offers, with its label. */
    public record Choice(String name, LocalizedText label) {
    }

    /** Every categorical variable of the edition: the questionnaire's select questions and derived categories. */
    public static List<Choice> variables(EditionSpec edition) {
        List<Choice> out = new ArrayList<>();
        for (Map.Entry<String, EditionReader.VariableInfo> e : known(edition).entrySet()) {
            if (!e.getValue().categories().isEmpty()) {
                out.add(new Choice(e.getKey(), e.getValue().label()));
            }
        }
        return out;
    }

    static Map<String, EditionReader.VariableInfo> known(EditionSpec edition) {
        Map<String, EditionReader.VariableInfo> known = new LinkedHashMap<>();
        for (Question q : edition.form().questions()) {
            known.put(q.name(), EditionReader.VariableInfo.of(q, edition.form()));
        }
        for (DerivedVariable d : edition.derived()) {
            known.put(d.name(), EditionReader.VariableInfo.of(d));
        }
        return known;
    }

    /**
     * Builds the figure for a question, a breakdown (null for none) and a filter (null or blank for none).
     *
     * @throws EditionException naming the field ({@code q}, {@code by}, {@code filter}) and, for a filter,
     *                          the character position of the problem
     */
    public static FigureSpec build(EditionSpec edition, String variable, String breakdown, String filter)
            throws EditionException {
        return build(edition, variable, breakdown, filter, Language.of(Language.ENGLISH));
    }

    /** As {@link #build(EditionSpec, String, String, String)}, with the problems worded in a language. */
    public static FigureSpec build(EditionSpec edition, String variable, String breakdown, String filter, Language m)
            throws EditionException {
        Map<String, EditionReader.VariableInfo> known = known(edition);
        List<EditionProblem> problems = new ArrayList<>();
        EditionReader.VariableInfo info = variable == null ? null : known.get(variable);
        if (info == null || info.categories().isEmpty()) {
            problems.add(EditionProblem.at(FILE, "q", "portal.explorer.error.question"));
        }
        EditionReader.VariableInfo by = null;
        if (breakdown != null && !breakdown.isBlank()) {
            by = known.get(breakdown);
            if (by == null || by.categories().isEmpty()) {
                problems.add(EditionProblem.at(FILE, "by", "portal.explorer.error.breakdown"));
            } else if (breakdown.equals(variable)) {
                problems.add(EditionProblem.at(FILE, "by", "portal.explorer.error.itself"));
            }
        }
        Expression filterExpression = null;
        String filterSource = filter == null ? "" : filter.strip();
        if (!filterSource.isEmpty()) {
            try {
                filterExpression = Expression.parse(filterSource);
                for (ExpressionProblem p : filterExpression.check(known.keySet(), Set.of())) {
                    problems.add(new EditionProblem(FILE, "filter", p.position(), "portal.explorer.error.filterName", p.text()));
                }
            } catch (ExpressionSyntaxException e) {
                problems.add(new EditionProblem(FILE, "filter", e.position(), "portal.explorer.error.filterSyntax", e.text()));
            }
        }
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        List<FigureSpec.Item> items = new ArrayList<>();
        for (Map.Entry<String, LocalizedText> c : info.categories().entrySet()) {
            items.add(new FigureSpec.Item(c.getKey(), c.getValue(), info.condition(c.getKey())));
        }
        String answered = "${" + variable + "} != ''";
        String baseSource = filterSource.isEmpty() ? answered : "(" + answered + ") and (" + filterSource + ")";
        Expression base = EditionReader.parseTrusted(baseSource);
        List<FigureSpec.Item> groups = new ArrayList<>();
        if (by != null) {
            for (Map.Entry<String, LocalizedText> c : by.categories().entrySet()) {
                groups.add(new FigureSpec.Item(c.getKey(), c.getValue(), by.condition(c.getKey())));
            }
        }
        FigureSpec.ChartType chart = by == null || items.size() == 1 ? FigureSpec.ChartType.BARS
                : info.multiple() ? FigureSpec.ChartType.GROUPED_BARS : FigureSpec.ChartType.STACKED;
        FigureSpec.TestKind test = by == null ? FigureSpec.TestKind.NONE
                : info.multiple() ? FigureSpec.TestKind.PER_ITEM : FigureSpec.TestKind.OVERALL;
        LocalizedText baseText = filterSource.isEmpty() ? null
                : new LocalizedText("de svarpersoner, der opfylder filteret " + filterSource,
                "the respondents who meet the filter " + filterSource);
        String id = "explore-" + variable + (by == null ? "" : "-by-" + breakdown);
        return new FigureSpec(FILE, id, null, null, info.label(), null, info.label(), variable, items, List.of(),
                info.multiple(), base, baseSource, baseText, by == null ? null : breakdown, groups, chart, List.of(), 0, test);
    }
}
