package org.barometer.forms.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Static checks of a parsed tree: names, functions, argument counts and literal regular expressions. */
final class Checker {
    private Checker() {
    }

    static List<String> references(Expression e) {
        Set<String> names = new LinkedHashSet<>();
        walk(e, node -> {
            if (node instanceof Expression.Reference r) {
                names.add(r.name());
            }
        });
        return List.copyOf(names);
    }

    static List<String> choiceColumns(Expression e) {
        Set<String> names = new LinkedHashSet<>();
        walk(e, node -> {
            if (node instanceof Expression.ChoiceColumn c) {
                names.add(c.name());
            }
        });
        return List.copyOf(names);
    }

    /**
     * @param choiceColumns allowed bare names, or null to accept every bare name
     */
    static List<ExpressionProblem> check(Expression e, Set<String> knownNames, Set<String> choiceColumns) {
        List<ExpressionProblem> problems = new ArrayList<>();
        walk(e, node -> {
            switch (node) {
                case Expression.Reference r when !knownNames.contains(r.name()) -> problems.add(
                        new ExpressionProblem(r.position(), "unknown name ${" + r.name() + "}: no question or "
                                + "calculation has this name" + suggestion(r.name(), knownNames, "${", "}")));
                case Expression.ChoiceColumn c when choiceColumns != null && !choiceColumns.contains(c.name()) ->
                        problems.add(new ExpressionProblem(c.position(), bareNameMessage(c.name(), knownNames,
                                choiceColumns)));
                case Expression.FunctionCall f -> checkCall(f, problems);
                default -> {
                }
            }
        });
        problems.sort(Comparator.comparingInt(ExpressionProblem::position));
        return List.copyOf(problems);
    }

    private static String bareNameMessage(String name, Set<String> knownNames, Set<String> choiceColumns) {
        if (choiceColumns.isEmpty()) {
            return "bare name '" + name + "' is only allowed in a choice_filter (as a column of the choices "
                    + "sheet); refer to a question as ${" + name + "}"
                    + (knownNames.contains(name) ? "" : suggestion(name, knownNames, "${", "}"));
        }
        return "unknown choice column '" + name + "': the choices sheet has no such column"
                + suggestion(name, choiceColumns, "'", "'");
    }

    private static void checkCall(Expression.FunctionCall f, List<ExpressionProblem> problems) {
        Function function = Function.named(f.name());
        if (function == null) {
            problems.add(new ExpressionProblem(f.position(), "unknown function " + f.name() + "()"
                    + suggestion(f.name(), Function.names(), "", "()")
                    + "; the functions are " + String.join(", ", Function.names())));
            return;
        }
        int count = f.arguments().size();
        if (!function.accepts(count)) {
            problems.add(new ExpressionProblem(f.position(), function.arityMessage(count)));
            return;
        }
        if (function == Function.DATE && f.arguments().get(0) instanceof Expression.StringLiteral text
                && Values.textToDate(text.value().strip()) == null) {
            problems.add(new ExpressionProblem(f.position(), "date() of '" + text.value()
                    + "' is always empty: expected a date written yyyy-mm-dd, e.g. '2026-01-31'"));
        }
        if (function == Function.REGEX && f.arguments().get(1) instanceof Expression.StringLiteral pattern) {
            try {
                Pattern.compile(pattern.value());
            } catch (PatternSyntaxException e) {
                problems.add(new ExpressionProblem(f.position(), "regex() pattern '" + pattern.value()
                        + "' is not a valid regular expression: " + e.getDescription()
                        + " near pattern index " + e.getIndex()));
            }
        }
    }

    /**
     * "; did you mean ${age}?" when a candidate is close (ignoring case): one edit for names up to five
     * characters, two for longer ones, so that short names are not matched to unrelated ones. Else "".
     */
    private static String suggestion(String name, Collection<String> candidates, String before, String after) {
        int allowed = name.length() <= 5 ? 1 : 2;
        String best = null;
        int bestDistance = allowed + 1;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - name.length()) >= bestDistance) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + before + best + after + "?";
    }

    /** Levenshtein edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Visits every node, parents before children, left to right. */
    private static void walk(Expression e, java.util.function.Consumer<Expression> visitor) {
        visitor.accept(e);
        switch (e) {
            case Expression.Negation n -> walk(n.operand(), visitor);
            case Expression.Binary b -> {
                walk(b.left(), visitor);
                walk(b.right(), visitor);
            }
            case Expression.FunctionCall f -> {
                for (Expression a : f.arguments()) {
                    walk(a, visitor);
                }
            }
            default -> {
            }
        }
    }
}
