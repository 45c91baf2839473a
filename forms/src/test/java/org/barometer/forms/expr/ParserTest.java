package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.barometer.forms.expr.Expression.Binary;
import org.barometer.forms.expr.Expression.ChoiceColumn;
import org.barometer.forms.expr.Expression.CurrentAnswer;
import org.barometer.forms.expr.Expression.FunctionCall;
import org.barometer.forms.expr.Expression.Negation;
import org.barometer.forms.expr.Expression.NumberLiteral;
import org.barometer.forms.expr.Expression.Reference;
import org.barometer.forms.expr.Expression.StringLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing, precedence, canonical printing and syntax errors with their positions. */
class ParserTest {

    private static Expression parse(String source) {
        try {
            return Expression.parse(source);
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
    }

    private static ExpressionSyntaxException error(String source) {
        ExpressionSyntaxException e = catchThrowableOfType(ExpressionSyntaxException.class,
                () -> Expression.parse(source));
        assertThat(e).as("syntax error for %s", source).isNotNull();
        return e;
    }

    private static NumberLiteral n(double v) {
        return new NumberLiteral(v);
    }

    private static Binary bin(BinaryOperator op, Expression l, Expression r) {
        return new Binary(op, l, r);
    }

    @Test
    void buildsTheTreeWithXPathPrecedence() {
        assertThat(parse("1 + 2 * 3")).isEqualTo(bin(BinaryOperator.ADD, n(1), bin(BinaryOperator.MUL, n(2), n(3))));
        assertThat(parse("1 - 2 - 3")).isEqualTo(bin(BinaryOperator.SUB, bin(BinaryOperator.SUB, n(1), n(2)), n(3)));
        assertThat(parse("-2 * 3")).isEqualTo(bin(BinaryOperator.MUL, new Negation(n(2)), n(3)));
        assertThat(parse("${a} or ${b} and ${c}")).isEqualTo(bin(BinaryOperator.OR, new Reference("a"),
                bin(BinaryOperator.AND, new Reference("b"), new Reference("c"))));
        assertThat(parse("1 < 2 = 3 >= 4")).isEqualTo(bin(BinaryOperator.EQ,
                bin(BinaryOperator.LT, n(1), n(2)), bin(BinaryOperator.GE, n(3), n(4))));
        assertThat(parse("1 = 2 and 3 != 4")).isEqualTo(bin(BinaryOperator.AND,
                bin(BinaryOperator.EQ, n(1), n(2)), bin(BinaryOperator.NE, n(3), n(4))));
        assertThat(parse("1 + 2 < 3 * 4")).isEqualTo(bin(BinaryOperator.LT,
                bin(BinaryOperator.ADD, n(1), n(2)), bin(BinaryOperator.MUL, n(3), n(4))));
        assertThat(parse("7 mod 4 div 2")).isEqualTo(bin(BinaryOperator.DIV,
                bin(BinaryOperator.MOD, n(7), n(4)), n(2)));
    }

    @Test
    void keywordsAreOperatorsOnlyInOperatorPosition() {
        ChoiceColumn and = new ChoiceColumn("and");
        assertThat(parse("and and and")).isEqualTo(bin(BinaryOperator.AND, and, and));
        assertThat(parse("div div mod")).isEqualTo(bin(BinaryOperator.DIV, new ChoiceColumn("div"),
                new ChoiceColumn("mod")));
        assertThat(parse("or")).isEqualTo(new ChoiceColumn("or"));
        assertThat(parse("android or order")).isEqualTo(bin(BinaryOperator.OR, new ChoiceColumn("android"),
                new ChoiceColumn("order")));
    }

    @Test
    void readsEveryKindOfNode() {
        assertThat(parse("selected( ${q1} ,\"it's\" )")).isEqualTo(new FunctionCall("selected",
                List.of(new Reference("q1"), new StringLiteral("it's"))));
        assertThat(parse(".")).isEqualTo(new CurrentAnswer());
        assertThat(parse(".5")).isEqualTo(n(0.5));
        assertThat(parse("today()")).isEqualTo(new FunctionCall("today", List.of()));
        assertThat(parse("cf = ${q-1.x}")).isEqualTo(bin(BinaryOperator.EQ, new ChoiceColumn("cf"),
                new Reference("q-1.x")));
        assertThat(parse("${a}-1")).isEqualTo(bin(BinaryOperator.SUB, new Reference("a"), n(1)));
        assertThat(parse("\t${a}\n>=\r\n1 ")).isEqualTo(bin(BinaryOperator.GE, new Reference("a"), n(1)));
        assertThat(parse("'' = \"\"")).isEqualTo(bin(BinaryOperator.EQ, new StringLiteral(""),
                new StringLiteral("")));
    }

    @Test
    void recordsSourcePositionsWithoutMakingThemPartOfEquality() {
        Expression e = parse("  ${a} + f(cf)");
        Binary b = (Binary) e;
        assertThat(((Reference) b.left()).position()).isEqualTo(2);
        FunctionCall f = (FunctionCall) b.right();
        assertThat(f.position()).isEqualTo(9);
        assertThat(((ChoiceColumn) f.arguments().get(0)).position()).isEqualTo(11);
        assertThat(e).isEqualTo(parse("${a}+f(cf)")).hasSameHashCodeAs(parse("${a}+f(cf)"));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            (1+2)*3                      | (1 + 2) * 3
            1+(2*3)                      | 1 + 2 * 3
            (1-2)-3                      | 1 - 2 - 3
            1-(2-3)                      | 1 - (2 - 3)
            1-(2+3)                      | 1 - (2 + 3)
            (1 or 2) and 3               | (1 or 2) and 3
            1 or (2 and 3)               | 1 or 2 and 3
            -(1+2)                       | -(1 + 2)
            -(-(1))                      | --1
            2*-3                         | 2 * -3
            ((((${x}))))                 | ${x}
            selected( ${q1} ,'a' )       | selected(${q1}, 'a')
            "it's"                       | "it's"
            'say "hi"'                   | 'say "hi"'
            1.50                         | 1.5
            007                          | 7
            1.                           | 1
            123456789012345678901234     | 123456789012345690000000
            0.000001                     | 0.000001
            and and and                  | and and and
            today()                      | today()
            concat(.,'x')                | concat(., 'x')
            """)
    void printsCanonicalSourceWithMinimalParentheses(String source, String expected) {
        Expression e = parse(source);
        assertThat(e.toSource()).isEqualTo(expected);
        assertThat(parse(expected)).isEqualTo(e);
    }

    @ParameterizedTest(name = "{0}: {2} at {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                  | 0  | expected a value, ${name}, '(' or a function call but found the end of the expression
            `   `               | 3  | expected a value, ${name}, '(' or a function call but found the end of the expression
            (1 + 2              | 6  | expected ')' (to close the '(' at position 0) but found the end of the expression
            1 +                 | 3  | expected a value, ${name}, '(' or a function call but found the end of the expression
            1 2                 | 2  | expected an operator or the end of the expression but found the number 2
            1 = = 2             | 4  | expected a value, ${name}, '(' or a function call but found '='
            )                   | 0  | expected a value, ${name}, '(' or a function call but found ')'
            ${a                 | 0  | expected '}' to close ${
            ${1a} + 1           | 2  | expected a name inside ${} (a letter or '_' followed by letters, digits, '_', '-' or '.') but found '1a'
            ${}                 | 2  | expected a name inside ${} (a letter or '_' followed by letters, digits, '_', '-' or '.') but found ''
            $a                  | 0  | expected '{' after '$' (write ${name})
            'abc                | 0  | unterminated text: expected a closing ' for the text starting here
            1 ! 2               | 2  | expected '=' after '!' (write != or not())
            /data/x = 1         | 0  | unexpected '/': paths are not supported, refer to questions as ${name}
            1 # 2               | 2  | unexpected character '#'
            f(1,)               | 4  | expected a value, ${name}, '(' or a function call but found ')'
            f(1 2)              | 4  | expected ',' or ')' to close the arguments of f() but found the number 2
            f(1                 | 3  | expected ',' or ')' to close the arguments of f() but found the end of the expression
            1e5                 | 1  | expected an operator or the end of the expression but found the name 'e5'
            ..                  | 0  | '..' is only understood in position(..)
            ${a} ${b}           | 5  | expected an operator or the end of the expression but found ${b}
            'a' 'b'             | 4  | expected an operator or the end of the expression but found the text 'b'
            """)
    void reportsSyntaxErrorsWithPosition(String source, int position, String detail) {
        ExpressionSyntaxException e = error(source);
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.getMessage()).isEqualTo(detail + " at position " + position);
    }

    @Test
    void rejectsNullAndHugeNumbers() {
        assertThat(error(null).position()).isZero();
        ExpressionSyntaxException huge = error("1 + " + "9".repeat(400));
        assertThat(huge.position()).isEqualTo(4);
        assertThat(huge.detail()).startsWith("number too large: 99999");
    }

    @Test
    void boundsNestingInsteadOfOverflowingTheStack() {
        String parens = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        ExpressionSyntaxException e = error(parens);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.TOO_DEEP);
        assertThat(e.detail()).startsWith("expression is nested too deeply");
        assertThat(e.position()).isEqualTo(Expression.MAX_DEPTH);
        assertThat(e.detail()).isEqualTo("expression is nested too deeply (more than 200 open parentheses and "
                + "function calls)");

        ExpressionSyntaxException minus = error("1 + " + "-".repeat(20_000) + "1");
        assertThat(minus.detail()).isEqualTo("expression is nested too deeply (more than 200 levels)");
        assertThat(minus.position()).isEqualTo(4);
        assertThat(parse("-".repeat(Expression.MAX_DEPTH - 1) + "1")).isInstanceOf(Negation.class);
        assertThat(error("f(".repeat(8_000) + ")".repeat(8_000)).detail())
                .startsWith("expression is nested too deeply");

        // A long flat chain is a deep tree too; it is bounded so that printing and evaluating stay safe.
        String chain = "1" + " + 1".repeat(Expression.MAX_DEPTH);
        ExpressionSyntaxException tooLong = error(chain);
        assertThat(tooLong.detail()).isEqualTo("expression is nested too deeply (more than 200 levels)");
        assertThat(tooLong.position()).isEqualTo(chain.length() - 3);

        String longest = "1" + " + 1".repeat(Expression.MAX_DEPTH - 1);
        assertThat(parse(longest).evaluate(EvaluationContext.of(java.util.Map.of(), Value.EMPTY,
                java.time.LocalDate.EPOCH)).asNumber()).isEqualTo(Expression.MAX_DEPTH);
        String deepest = "(".repeat(Expression.MAX_DEPTH) + "1" + ")".repeat(Expression.MAX_DEPTH);
        assertThat(parse(deepest)).isEqualTo(n(1));
    }

    @Test
    void theDeepestAcceptedInputsParsePrintAndEvaluateOnHalfTheDefaultStack() throws InterruptedException {
        int d = Expression.MAX_DEPTH;
        List<String> deepest = List.of(
                "(".repeat(d) + "1" + ")".repeat(d),
                "-(1 + ".repeat(d / 2 - 1) + "1" + ")".repeat(d / 2 - 1),
                "f(".repeat(d - 1) + "1" + ")".repeat(d - 1),
                "1" + " - 1".repeat(d - 1),
                "1 - (".repeat(d - 1) + "1" + ")".repeat(d - 1));
        List<Object> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread small = new Thread(null, () -> {
            for (String source : deepest) {
                try {
                    Expression e = Expression.parse(source);
                    outcomes.add(Expression.parse(e.toSource()).equals(e));
                    e.evaluate(EvaluationContext.of(java.util.Map.of(), Value.EMPTY, java.time.LocalDate.EPOCH));
                } catch (ExpressionSyntaxException | ExpressionEvaluationException | StackOverflowError e) {
                    outcomes.add(e);
                }
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        // f() is unknown, so evaluating it fails by name; everything else parses, round-trips and evaluates.
        assertThat(outcomes).hasSize(deepest.size() + 1);
        assertThat(outcomes.get(0)).isEqualTo(true);
        assertThat(outcomes.get(1)).isEqualTo(true);
        assertThat(outcomes.get(2)).isEqualTo(true);
        assertThat(outcomes.get(3)).isInstanceOf(ExpressionEvaluationException.class);
        assertThat(outcomes.subList(4, outcomes.size())).containsOnly(true);
    }

    @Test
    void treeConstructorsRejectWhatCannotBeWritten() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new NumberLiteral(-1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new NumberLiteral(Double.NaN));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new NumberLiteral(-0.0));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new StringLiteral("both ' and \""));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Reference("two words"))
                .withMessageContaining("not a valid name: two words");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new FunctionCall("1f", List.of()));
    }
}
