package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
     * Each property runs over many cases drawn from a seeded java.util.Random (see Trials): a failing case names
     * its seed, so it can be replayed exactly.
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
    static Expression expression(Random r) {
        return tree(r, r.nextInt(MAX_GENERATED_DEPTH + 1));
    }

    private static final String SYNTAX_CHARACTERS = "()${}'\",.-+*=!<>/ \t0123456789abdivmornf_";
    private static final String[] TOKENS = {"${a}", "(", ")", "'x'", "\"y\"", " and ", " or ", " div ", " mod ",
        "-", "+", "=", "!=", "<=", ">", ".", "1.5", ",", "selected(", "if(", "cf", "$", "{", "}"};

    /**
     * Texts drawn mostly from the characters the language uses (3 in 7), from its tokens (3 in 7), and from any
     * UTF-16 units (1 in 7).
     */
    static String inputText(Random r) {
        StringBuilder s = new StringBuilder();
        int kind = r.nextInt(7);
        if (kind < 3) {
            for (int i = r.nextInt(41); i > 0; i--) {
                s.append(SYNTAX_CHARACTERS.charAt(r.nextInt(SYNTAX_CHARACTERS.length())));
            }
        } else if (kind < 6) {
            for (int i = r.nextInt(13); i > 0; i--) {
                s.append(TOKENS[r.nextInt(TOKENS.length)]);
            }
        } else {
            for (int i = r.nextInt(31); i > 0; i--) {
                s.append((char) r.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return s.toString();
    }

    private static final String[] OPENERS = {"(", "(", "-", "-(", "f(", "if(1, ", "${a} + ("};
    private static final String[] CLOSERS = {")", ")", ")", " + 1", ", 2", "))", " and 1", ""};

    /**
     * Up to 600 random openers, a value, then random closers and continuations: reaches the depth limits
     * (and the balanced and unbalanced cases around them) from every direction.
     */
    static String deepText(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(600); i > 0; i--) {
            s.append(OPENERS[r.nextInt(OPENERS.length)]);
        }
        s.append('1');
        for (int i = r.nextInt(800); i > 0; i--) {
            s.append(CLOSERS[r.nextInt(CLOSERS.length)]);
        }
        return s.toString();
    }

    /** Valid expressions with one to three random edits: deleted, inserted, replaced or swapped characters. */
    static String mutatedExpression(Random r) {
        List<int[]> edits = new java.util.ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            edits.add(new int[] {r.nextInt(4), r.nextInt(10_001), r.nextInt(10_001)});
        }
        return mutate(expression(r).toSource(), edits);
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

    @Test
    void printingAndParsingGivesTheSameTree() {
        Trials.forAll(2000, 1L, ExpressionPropertiesTest::expression, e -> {
            try {
                printAndParse(e);
            } catch (ExpressionSyntaxException x) {
                throw new AssertionError(x);
            }
        });
    }

    private static void printAndParse(Expression e) throws ExpressionSyntaxException {
        String source = e.toSource();
        Expression parsed = Expression.parse(source);
        assertThat(parsed).isEqualTo(e);
        assertThat(parsed.toSource()).isEqualTo(source);
        assertThat(parsed.references()).isEqualTo(e.references());
    }

    @Test
    void canonicalSourceHasNoRedundantParentheses() {
        Trials.forAll(1000, 2L, ExpressionPropertiesTest::expression, ExpressionPropertiesTest::hasNoRedundantParentheses);
    }

    private static void hasNoRedundantParentheses(Expression e) {
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

    @Test
    void anyTextParsesOrFailsWithATypedErrorInsideTheText() {
        Trials.forAll(2000, 3L, ExpressionPropertiesTest::inputText, ExpressionPropertiesTest::assertParsesOrFailsCleanly);
    }

    @Test
    void deeplyNestedTextsParseOrFailWithATypedError() {
        Trials.forAll(300, 4L, ExpressionPropertiesTest::deepText, ExpressionPropertiesTest::assertParsesOrFailsCleanly);
    }

    @Test
    void mutatedExpressionsParseOrFailWithATypedErrorInsideTheText() {
        Trials.forAll(2000, 5L, ExpressionPropertiesTest::mutatedExpression,
                ExpressionPropertiesTest::assertParsesOrFailsCleanly);
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

    @Test
    void evaluationOfCheckedExpressionsNeverFails() {
        Trials.forAll(2000, 6L, ExpressionPropertiesTest::expression, ExpressionPropertiesTest::evaluatesOrFailsByName);
    }

    private static void evaluatesOrFailsByName(Expression e) {
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
