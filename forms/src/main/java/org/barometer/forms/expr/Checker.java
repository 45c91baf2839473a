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
import org.barometer.forms.i18n.FormText;

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

    static List<Expression.FunctionCall> functionCalls(Expression e) {
        List<Expression.FunctionCall> calls = new ArrayList<>();
        walk(e, node -> {
            if (node instanceof Expression.FunctionCall f) {
                calls.add(f);
            }
        });
        return List.copyOf(calls);
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
                        new ExpressionProblem(r.position(), withSuggestion("expr.check.unknown_name",
                                "expr.check.unknown_name_suggest", r.name(),
                                suggestion(r.name(), knownNames))));
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

    private static FormText bareNameMessage(String name, Set<String> knownNames, Set<String> choiceColumns) {
        if (choiceColumns.isEmpty()) {
            return withSuggestion("expr.check.bare_name", "expr.check.bare_name_suggest", name,
                    knownNames.contains(name) ? null : suggestion(name, knownNames));
        }
        return withSuggestion("expr.check.unknown_column", "expr.check.unknown_column_suggest", name,
                suggestion(name, choiceColumns));
    }

    /** The text naming {@code name}, or the one naming a close candidate too when there is one. */
    private static FormText withSuggestion(String key, String suggestKey, String name, String suggestion) {
        return suggestion == null ? FormText.of(key, name) : FormText.of(suggestKey, name, suggestion);
    }

    private static void checkCall(Expression.FunctionCall f, List<ExpressionProblem> problems) {
        Function function = Function.named(f.name());
        if (function == null) {
            String close = suggestion(f.name(), Function.names());
            String all = String.join(", ", Function.names());
            problems.add(new ExpressionProblem(f.position(), close == null
                    ? FormText.of("expr.check.unknown_function", f.name(), all)
                    : FormText.of("expr.check.unknown_function_suggest", f.name(), close, all)));
            return;
        }
        int count = f.arguments().size();
        if (!function.accepts(count)) {
            problems.add(new ExpressionProblem(f.position(), function.arityMessage(count)));
            return;
        }
        if (function.takesInstances()) {
            for (int i = 0; i < count; i++) {
                boolean named = i == 0 || function == Function.INDEXED_REPEAT && i % 2 == 1;
                if (named && !(f.arguments().get(i) instanceof Expression.Reference)) {
                    problems.add(new ExpressionProblem(f.position(), FormText.of("expr.check.needs_reference",
                            f.name(), i + 1)));
                }
            }
        }
        if (function == Function.DATE && f.arguments().get(0) instanceof Expression.StringLiteral text
                && Values.textToDate(text.value().strip()) == null) {
            problems.add(new ExpressionProblem(f.position(), FormText.of("expr.check.date_literal", text.value())));
        }
        if (function == Function.REGEX && f.arguments().get(1) instanceof Expression.StringLiteral pattern) {
            try {
                Pattern.compile(pattern.value());
            } catch (PatternSyntaxException e) {
                problems.add(new ExpressionProblem(f.position(), FormText.of("expr.check.regex_literal",
                        pattern.value(), e.getDescription(), e.getIndex())));
            }
        }
    }

    /**
     * The candidate closest to {@code name} (ignoring case) if it is close: one edit for names up to five
     * characters, two for longer ones, so that short names are not matched to unrelated ones. Else null.
     */
    private static String suggestion(String name, Collection<String> candidates) {
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
        return best;
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
