package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.barometer.forms.expr.Expression.Binary;
import org.barometer.forms.expr.Expression.ChoiceColumn;
import org.barometer.forms.expr.Expression.CurrentAnswer;
import org.barometer.forms.expr.Expression.FunctionCall;
import org.barometer.forms.expr.Expression.Negation;
import org.barometer.forms.expr.Expression.NumberLiteral;
import org.barometer.forms.expr.Expression.Reference;
import org.barometer.forms.expr.Expression.StringLiteral;

/**
 * Properties: printing any tree and parsing it back gives the same tree; any text, and any mutation of a valid
 * expression, either parses or fails with a typed syntax error at a position within the text; evaluating any
 * tree never fails with anything but the documented evaluation error.
 */
class ExpressionPropertiesTest {

    private static final int MAX_GENERATED_DEPTH = 6;

    // ------------------------------------------------------------------ generators

    /*
     * Trees are built from jqwik's random source by hand: composing jqwik's combinators level by level gives the
     * same trees but costs about ten milliseconds per tree, which would make these properties take a minute.
     */

    private static final String[] SPECIAL_NAMES = {"and", "or", "div", "mod", "selected", "if", "count-selected",
        "today", "a-b", "a.b", "e5", "andor", "_", "a", "b", "x", "q"};
    private static final String NAME_FIRST = "abqxz_AQæøé";
    private static final String NAME_REST = "abcxyz_09-.AÅ";
    private static final double[] EXTREME_NUMBERS = {Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.1, 1e21,
        123456789.123456789, 4.35, 0.5, 0, 1e15, 1e15 + 0.5, 2.675};
    private static final String[] AWKWARD_TEXTS = {"", "it's", "say \"hi\"", " ", "${x}", "a b", "'", "\"",
        "1.0", "2026-11-27", "-0", "NaN"};
    private static final List<String> FUNCTION_NAMES = Function.names();

    private static String name(java.util.Random r) {
        if (r.nextInt(4) == 0) {
            return SPECIAL_NAMES[r.nextInt(SPECIAL_NAMES.length)];
        }
        StringBuilder s = new StringBuilder().append(NAME_FIRST.charAt(r.nextInt(NAME_FIRST.length())));
        for (int i = r.nextInt(6); i > 0; i--) {
            s.append(NAME_REST.charAt(r.nextInt(NAME_REST.length())));
        }
        return s.toString();
    }

    private static String text(java.util.Random r) {
        if (r.nextInt(3) == 0) {
            return AWKWARD_TEXTS[r.nextInt(AWKWARD_TEXTS.length)];
        }
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            // Any UTF-16 unit, surrogates and control characters included.
            s.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(Character.MAX_VALUE + 1)));
        }
        String t = s.toString();
        return t.indexOf('\'') >= 0 && t.indexOf('"') >= 0 ? t.replace("'", "") : t;
    }

    private static Expression leaf(java.util.Random r) {
        return switch (r.nextInt(16)) {
            case 0, 1, 2 -> new NumberLiteral(r.nextInt(100_000));
            case 3, 4 -> new NumberLiteral(Math.abs(r.nextDouble() * Math.pow(10, r.nextInt(12) - 4)));
            case 5 -> new NumberLiteral(EXTREME_NUMBERS[r.nextInt(EXTREME_NUMBERS.length)]);
            case 6, 7, 8 -> new StringLiteral(text(r));
            case 9, 10, 11, 12 -> new Reference(name(r));
            case 13, 14 -> new ChoiceColumn(name(r));
            default -> new CurrentAnswer();
        };
    }

    static Expression tree(java.util.Random r, int depth) {
        if (depth == 0) {
            return leaf(r);
        }
        return switch (r.nextInt(9)) {
            case 0, 1 -> leaf(r);
            case 2 -> new Negation(tree(r, depth - 1));
            case 3, 4, 5, 6 -> new Binary(BinaryOperator.values()[r.nextInt(BinaryOperator.values().length)],
                    tree(r, depth - 1), tree(r, depth - 1));
            default -> {
                String name = r.nextInt(4) == 0 ? name(r) : FUNCTION_NAMES.get(r.nextInt(FUNCTION_NAMES.size()));
                List<Expression> arguments = new java.util.ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    arguments.add(tree(r, depth - 1));
                }
                yield new FunctionCall(name, arguments);
            }
        };
    }

    /** Trees up to a fixed depth: every node type, operator keywords as names, awkward numbers and texts. */
    @Provide
    static Arbitrary<Expression> expressions() {
        return Arbitraries.integers().between(0, MAX_GENERATED_DEPTH)
                .flatMap(depth -> Arbitraries.randomValue(r -> tree(r, depth)));
    }

    /** Texts drawn mostly from the characters the language uses, with some arbitrary characters. */
    @Provide
    static Arbitrary<String> texts() {
        Arbitrary<String> syntaxy = Arbitraries.strings().withChars("()${}'\",.-+*=!<>/ \t0123456789abdivmornf_")
                .ofMaxLength(40);
        Arbitrary<String> tokens = Arbitraries.of("${a}", "(", ")", "'x'", "\"y\"", " and ", " or ", " div ",
                " mod ", "-", "+", "=", "!=", "<=", ">", ".", "1.5", ",", "selected(", "if(", "cf", "$", "{", "}")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.frequencyOf(Tuple.of(3, syntaxy), Tuple.of(3, tokens), Tuple.of(1, anything));
    }

    private static final String[] OPENERS = {"(", "(", "-", "-(", "f(", "if(1, ", "${a} + ("};
    private static final String[] CLOSERS = {")", ")", ")", " + 1", ", 2", "))", " and 1", ""};

    /**
     * Up to 600 random openers, a value, then random closers and continuations: reaches the depth limits
     * (and the balanced and unbalanced cases around them) from every direction.
     */
    @Provide
    static Arbitrary<String> deepTexts() {
        return Arbitraries.randomValue(r -> {
            StringBuilder s = new StringBuilder();
            for (int i = r.nextInt(600); i > 0; i--) {
                s.append(OPENERS[r.nextInt(OPENERS.length)]);
            }
            s.append('1');
            for (int i = r.nextInt(800); i > 0; i--) {
                s.append(CLOSERS[r.nextInt(CLOSERS.length)]);
            }
            return s.toString();
        });
    }

    /** Valid expressions with one to three random edits: deleted, inserted, replaced or swapped characters. */
    @Provide
    static Arbitrary<String> mutatedExpressions() {
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000))
                .as((kind, where, what) -> new int[] {kind, where, what}).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(expressions(), edits).as((e, list) -> mutate(e.toSource(), list));
    }

    private static final String INSERTABLE = "()${}'\",.-+*=!<>/ 0a";

    private static String mutate(String source, List<int[]> edits) {
        StringBuilder s = new StringBuilder(source);
        for (int[] edit : edits) {
            int at = s.isEmpty() ? 0 : edit[1] % s.length();
            char c = INSERTABLE.charAt(edit[2] % INSERTABLE.length());
            switch (edit[0]) {
                case 0 -> {
                    if (!s.isEmpty()) {
                        s.deleteCharAt(at);
                    }
                }
                case 1 -> s.insert(at, c);
                case 2 -> {
                    if (!s.isEmpty()) {
                        s.setCharAt(at, c);
                    }
                }
                default -> {
                    if (s.length() > 1) {
                        int other = edit[2] % s.length();
                        char x = s.charAt(at);
                        s.setCharAt(at, s.charAt(other));
                        s.setCharAt(other, x);
                    }
                }
            }
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 2000)
    void printingAndParsingGivesTheSameTree(@ForAll("expressions") Expression e) throws ExpressionSyntaxException {
        String source = e.toSource();
        Expression parsed = Expression.parse(source);
        assertThat(parsed).isEqualTo(e);
        assertThat(parsed.toSource()).isEqualTo(source);
        assertThat(parsed.references()).isEqualTo(e.references());
    }

    @Property(tries = 1000)
    void canonicalSourceHasNoRedundantParentheses(@ForAll("expressions") Expression e) {
        String source = e.toSource();
        for (int[] pair : groupingParentheses(source)) {
            String without = source.substring(0, pair[0]) + source.substring(pair[0] + 1, pair[1])
                    + source.substring(pair[1] + 1);
            Expression other;
            try {
                other = Expression.parse(without);
            } catch (ExpressionSyntaxException x) {
                continue; // the parentheses were needed for the text to parse at all
            }
            assertThat(other).as("parentheses at %d..%d of %s are redundant", pair[0], pair[1], source)
                    .isNotEqualTo(e);
        }
    }

    /** Positions of matching '(' ')' that group (not function-call parentheses), outside text literals. */
    private static List<int[]> groupingParentheses(String source) {
        List<int[]> pairs = new java.util.ArrayList<>();
        java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                boolean call = i > 0 && Names.isNamePart(source.charAt(i - 1));
                open.push(new int[] {i, call ? 1 : 0});
            } else if (c == ')') {
                int[] o = open.pop();
                if (o[1] == 0) {
                    pairs.add(new int[] {o[0], i});
                }
            }
        }
        return pairs;
    }

    @Property(tries = 2000)
    void anyTextParsesOrFailsWithATypedErrorInsideTheText(@ForAll("texts") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property(tries = 300)
    void deeplyNestedTextsParseOrFailWithATypedError(@ForAll("deepTexts") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property(tries = 2000)
    void mutatedExpressionsParseOrFailWithATypedErrorInsideTheText(@ForAll("mutatedExpressions") String text) {
        assertParsesOrFailsCleanly(text);
    }

    private static void assertParsesOrFailsCleanly(String text) {
        Expression parsed;
        try {
            parsed = Expression.parse(text);
        } catch (ExpressionSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
            assertThat(e.detail()).isNotBlank();
            return;
        }
        // Whatever parses prints canonically and evaluates without any unexpected exception.
        try {
            assertThat(Expression.parse(parsed.toSource())).isEqualTo(parsed);
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError("canonical form of " + text + " does not parse: " + e.getMessage(), e);
        }
        evaluateSafely(parsed);
    }

    @Property(tries = 2000)
    void evaluationOfCheckedExpressionsNeverFails(@ForAll("expressions") Expression e) {
        boolean clean = e.check(java.util.Set.copyOf(e.references())).isEmpty();
        Value v = evaluateSafely(e);
        if (clean) {
            assertThat(v).as("a checked expression evaluates: %s", e.toSource()).isNotNull();
        }
        // check() positions lie within the canonical source.
        String source = e.toSource();
        try {
            Expression reparsed = Expression.parse(source);
            assertThat(reparsed.check(java.util.Set.of())).allSatisfy(p ->
                    assertThat(p.position()).isBetween(0, source.length() - 1));
        } catch (ExpressionSyntaxException x) {
            throw new AssertionError(x);
        }
    }

    private static final Map<String, Value> ANSWERS = new HashMap<>();

    static {
        ANSWERS.put("a", Value.of("x y z"));
        ANSWERS.put("b", Value.of(2.5));
        ANSWERS.put("x", Value.of(true));
        ANSWERS.put("q", Value.of(LocalDate.of(2020, 2, 29)));
        ANSWERS.put("and", Value.of("2024-01-01"));
    }

    /** Returns the value, or null when an unknown function or wrong argument count was rejected by name. */
    private static Value evaluateSafely(Expression e) {
        try {
            Value v = e.evaluate(EvaluationContext.of(ANSWERS, Value.of("7"), LocalDate.of(2026, 11, 27)));
            assertThat(v).isNotNull();
            return v;
        } catch (ExpressionEvaluationException x) {
            assertThat(e.check(java.util.Set.copyOf(e.references()))).isNotEmpty();
            return null;
        }
    }
}
