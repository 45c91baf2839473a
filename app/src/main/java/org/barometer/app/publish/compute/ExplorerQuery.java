package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionReader;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.LocalizedText;
import org.barometer.app.text.Message;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionPolicy;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.model.Question;

/**
 * A question a visitor asks the explorer: a publishable variable with categories ({@code q}), optionally broken
 * down by another ({@code by}), for the respondents a filter selects. The filter is parsed under the public
 * expression policy ({@link ExpressionPolicy#PUBLIC}: no text functions, no regular expressions, bounded length
 * and depth) and may name only the edition's publishable variables ({@link EditionSpec.Explorer}).
 *
 * @param spec   the figure, estimated, tested, suppressed and captioned exactly as a published one; its base is
 *               "answered {@code q}" only: the filter is evaluated apart, under a budget ({@link Explorer})
 * @param filter the parsed filter, or null for none
 */
public record ExplorerQuery(FigureSpec spec, Expression filter, String filterSource) {

    /** The "file" an explorer figure comes from, in messages. */
    public static final String FILE = "explorer";

    /** A variable the explorer offers, with its label. */
    public record Choice(String name, LocalizedText label) {
    }

    /** The publishable variables with categories: what a visitor may tabulate and break down by. */
    public static List<Choice> variables(EditionSpec edition) {
        List<Choice> out = new ArrayList<>();
        for (Map.Entry<String, EditionReader.VariableInfo> e : publishable(edition).entrySet()) {
            if (!e.getValue().categories().isEmpty()) {
                out.add(new Choice(e.getKey(), e.getValue().label()));
            }
        }
        return out;
    }

    /**
     * A filter to show as an example, made from the edition's own filter variables: the first category of each of
     * the first two with categories (empty when there are none).
     */
    public static String example(EditionSpec edition) {
        List<String> parts = new ArrayList<>();
        Map<String, EditionReader.VariableInfo> known = known(edition);
        for (String name : edition.explorer().filters()) {
            EditionReader.VariableInfo v = known.get(name);
            if (v != null && !v.categories().isEmpty() && parts.size() < 2) {
                parts.add(v.condition(v.categories().keySet().iterator().next()).toSource());
            }
        }
        return String.join(" and ", parts);
    }

    /** Every variable of the edition: the questionnaire's questions, the coded open questions, the derived variables. */
    static Map<String, EditionReader.VariableInfo> known(EditionSpec edition) {
        Map<String, EditionReader.VariableInfo> known = new LinkedHashMap<>();
        for (Question q : edition.form().questions()) {
            known.put(q.name(), EditionReader.VariableInfo.of(q, edition.form()));
        }
        for (CodedVariable c : edition.coded()) {
            known.put(c.name(), EditionReader.VariableInfo.of(c, known.get(c.question()).label()));
        }
        for (DerivedVariable d : edition.derived()) {
            known.put(d.name(), EditionReader.VariableInfo.of(d));
        }
        return known;
    }

    /** The edition's publishable variables, in the edition's order. */
    static Map<String, EditionReader.VariableInfo> publishable(EditionSpec edition) {
        Map<String, EditionReader.VariableInfo> known = known(edition);
        Map<String, EditionReader.VariableInfo> out = new LinkedHashMap<>();
        for (String name : edition.explorer().variables()) {
            if (known.containsKey(name)) {
                out.put(name, known.get(name));
            }
        }
        return out;
    }

    /**
     * Reads a visitor's question: {@code variable} and {@code breakdown} (null or blank for none) must be
     * publishable variables with categories, the filter (null or blank for none) a public expression naming only
     * publishable variables.
     *
     * @throws ExplorerRefusal naming each parameter at fault with its reason and, for a filter, its position
     */
    public static ExplorerQuery parse(EditionSpec edition, String variable, String breakdown, String filter)
            throws ExplorerRefusal {
        Map<String, EditionReader.VariableInfo> publishable = publishable(edition);
        List<ExplorerRefusal.Problem> problems = new ArrayList<>();
        EditionReader.VariableInfo info = variable == null ? null : publishable.get(variable);
        if (info == null || info.categories().isEmpty()) {
            problems.add(problem("q", ExplorerRefusal.Reason.QUESTION, -1, "portal.explorer.error.question"));
            info = null;
        }
        EditionReader.VariableInfo by = null;
        if (breakdown != null && !breakdown.isBlank()) {
            by = publishable.get(breakdown);
            if (by == null || by.categories().isEmpty()) {
                problems.add(problem("by", ExplorerRefusal.Reason.BREAKDOWN, -1, "portal.explorer.error.breakdown"));
                by = null;
            } else if (breakdown.equals(variable)) {
                problems.add(problem("by", ExplorerRefusal.Reason.BREAKDOWN, -1, "portal.explorer.error.itself"));
                by = null;
            }
        }
        String filterSource = filter == null ? "" : filter.strip();
        Expression filterExpression = filterSource.isEmpty() ? null : filter(edition, filterSource, problems);
        if (!problems.isEmpty()) {
            throw new ExplorerRefusal(problems);
        }
        return new ExplorerQuery(spec(info, variable, by, breakdown, filterSource), filterExpression, filterSource);
    }

    /** The filter parsed under the public policy, its names checked; null (with problems added) when refused. */
    private static Expression filter(EditionSpec edition, String source, List<ExplorerRefusal.Problem> problems) {
        Expression parsed;
        try {
            parsed = ExpressionPolicy.PUBLIC.parse(source);
        } catch (ExpressionSyntaxException e) {
            problems.add(problem("filter", e.reason().key(), e.position(), "portal.explorer.error.filterSyntax",
                    e.text()));
            return null;
        }
        Set<String> known = known(edition).keySet();
        Set<String> publishable = new HashSet<>(edition.explorer().variables());
        Set<String> filters = new HashSet<>(edition.explorer().filters());
        int before = problems.size();
        for (String name : new java.util.LinkedHashSet<>(parsed.references())) {
            if (known.contains(name) && !publishable.contains(name)) {
                problems.add(problem("filter", ExplorerRefusal.Reason.NOT_PUBLISHABLE, source.indexOf("${" + name),
                        "portal.explorer.error.notPublishable", name));
            } else if (known.contains(name) && !filters.contains(name)) {
                // an answer in a filter would let a visitor ask whether one workplace's answer is v: the set a
                // filter selects must depend on what classifies workplaces only
                problems.add(problem("filter", ExplorerRefusal.Reason.NOT_FILTERABLE, source.indexOf("${" + name),
                        "portal.explorer.error.notFilterable", name));
            }
        }
        for (ExpressionProblem p : parsed.check(known, Set.of())) {
            problems.add(problem("filter", ExplorerRefusal.Reason.UNKNOWN_NAME, p.position(),
                    "portal.explorer.error.filterName", p.text()));
        }
        return problems.size() == before ? parsed : null;
    }

    private static ExplorerRefusal.Problem problem(String parameter, String reason, int position, String key,
                                                   Object... args) {
        return new ExplorerRefusal.Problem(reason, new EditionProblem(FILE, parameter, position, key, args));
    }

    /** The figure of a question: its categories as items, the breakdown's categories as groups. */
    private static FigureSpec spec(EditionReader.VariableInfo info, String variable, EditionReader.VariableInfo by,
                                   String breakdown, String filterSource) {
        List<FigureSpec.Item> items = new ArrayList<>();
        for (Map.Entry<String, LocalizedText> c : info.categories().entrySet()) {
            items.add(new FigureSpec.Item(c.getKey(), c.getValue(), info.condition(c.getKey())));
        }
        String answered = "${" + variable + "} != ''";
        Expression base = EditionReader.parseTrusted(answered);
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
                : LocalizedText.of(Message.of("portal.explorer.baseText", filterSource));
        String id = "explore-" + variable + (by == null ? "" : "-by-" + breakdown);
        String baseSource = filterSource.isEmpty() ? answered : "(" + answered + ") and (" + filterSource + ")";
        return new FigureSpec(FILE, id, null, null, info.label(), null, info.label(), variable, items, List.of(),
                info.multiple(), base, baseSource, baseText, by == null ? null : breakdown, groups, chart, List.of(), 0,
                test);
    }

    /** The same question broken down only by the groups kept (the others have too few respondents to show). */
    ExplorerQuery keepingGroups(List<FigureSpec.Item> kept) {
        FigureSpec s = spec;
        return new ExplorerQuery(new FigureSpec(s.file(), s.id(), s.number(), s.theme(), s.title(), s.description(),
                s.question(), s.variable(), s.items(), s.excluded(), s.multiple(), s.base(), s.baseSource(),
                s.baseText(), s.breakdown(), kept, s.chart(), s.negative(), s.decimals(), s.test()), filter, filterSource);
    }
}
