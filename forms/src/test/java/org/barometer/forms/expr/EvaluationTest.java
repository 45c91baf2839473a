package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Example tests of every operator and function, and of ODK's treatment of empty answers. */
class EvaluationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** Answers used by the examples: ${empty} is unanswered, ${fruit} a select_multiple answer. */
    private static final Map<String, Value> ANSWERS = new HashMap<>();

    static {
        ANSWERS.put("age", Value.of(42));
        ANSWERS.put("age_text", Value.of("42"));
        ANSWERS.put("half", Value.of(2.5));
        ANSWERS.put("name", Value.of("Ada"));
        ANSWERS.put("fruit", Value.of("apple  banana cherry"));
        ANSWERS.put("one", Value.of("banana"));
        ANSWERS.put("yes", Value.of(true));
        ANSWERS.put("born", Value.of("1990-05-17"));
        ANSWERS.put("zero", Value.of(0));
        ANSWERS.put("cf", Value.of("north"));
        ANSWERS.put("div", Value.of(6));
    }

    private static Value eval(String source) {
        return eval(source, Value.of("7"));
    }

    private static Value eval(String source, Value current) {
        try {
            return Expression.parse(source).evaluate(EvaluationContext.of(ANSWERS, current, TODAY));
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
    }

    private static String text(String source) {
        return eval(source).asString();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2                      | 3
            7 - 10                     | -3
            6 * 7                      | 42
            7 div 2                    | 3.5
            7 mod 3                    | 1
            -7 mod 3                   | -1
            7 mod -3                   | 1
            1 div 0                    | Infinity
            -1 div 0                   | -Infinity
            0 div 0                    | NaN
            -${age}                    | -42
            - - 3                      | 3
            2 + 3 * 4                  | 14
            (2 + 3) * 4                | 20
            10 - 4 - 3                 | 3
            10 - (4 - 3)               | 9
            24 div 4 div 2             | 3
            2 * -3                     | -6
            -2 * 3                     | -6
            ${age} + 0.5               | 42.5
            ${age_text} * 2            | 84
            ${half} * 2                | 5
            0.1 + 0.2                  | 0.30000000000000004
            .5 + 1.                    | 1.5
            ${div} div ${div}          | 1
            div div div                | 1
            """)
    void arithmetic(String source, String expected) {
        assertThat(text(source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 < 2                          | true
            2 < 1                          | false
            2 <= 2                         | true
            3 > 2                          | true
            2 >= 3                         | false
            1 = 1                          | true
            1 != 1                         | false
            '1.0' = '1'                    | true
            '01' = 1                       | true
            '01' = '1'                     | true
            0.1 + 0.2 = 0.3                | true
            33.3 + 33.3 + 33.4 = 100       | true
            33.3 + 33.3 + 33.4 != 100      | false
            '0.30000000000000004' = '0.3'  | true
            1 = 1.000000001                | false
            1 div 0 = 1 div 0              | true
            0 div 0 = 0 div 0              | false
            '1e1' = '10'                   | false
            'a' = 'a'                      | true
            'a' = 'A'                      | false
            'a' != 'b'                     | true
            'b' < 'c'                      | false
            ${age} = '42'                  | true
            ${age_text} = 42.0             | true
            ${yes} = 'false'               | true
            ${yes} = 1                     | true
            true() = 'x'                   | true
            false() = ''                   | true
            1 < 2 = true()                 | true
            1 = 1 and 2 = 2                | true
            1 = 1 and 2 = 3                | false
            1 = 2 or 2 = 2                 | true
            1 = 2 or 2 = 3                 | false
            1 = 1 or 1 = 2 and 1 = 2       | true
            (1 = 1 or 1 = 2) and 1 = 2     | false
            not(1 = 2)                     | true
            not('')                        | true
            not('x')                       | false
            not(0)                         | true
            not(0 div 0)                   | true
            true()                         | true
            false()                        | false
            boolean('0')                   | true
            boolean(0)                     | false
            boolean(${empty})              | false
            """)
    void comparisonsAndLogic(String source, boolean expected) {
        assertThat(eval(source).asBoolean()).isEqualTo(expected);
        assertThat(eval(source)).isInstanceOf(Value.BooleanValue.class);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ${empty} = ''                      | true
            ${empty} != ''                     | false
            ${empty} = 0                       | false
            ${empty} != 0                      | true
            ${empty} < 1                       | false
            ${empty} >= 1                      | false
            ${empty} + 1 = ${empty} + 1        | false
            string(${empty} + 1) = 'NaN'       | true
            selected(${empty}, 'a')            | false
            count-selected('') = 0             | true
            count-selected(${empty}) = 0       | true
            coalesce('', 'b') = 'b'            | true
            coalesce(${empty}, ${name}) = 'Ada'| true
            string-length(${empty}) = 0        | true
            concat(${empty}, 'x') = 'x'        | true
            ${empty}                           | false
            ${unknown_at_runtime} = ''         | true
            """)
    void emptyAnswersBehaveAsInOdk(String source, boolean expected) {
        assertThat(eval(source).asBoolean()).isEqualTo(expected);
    }

    @Test
    void emptyAnswerInArithmeticIsNaN() {
        assertThat(eval("${empty} + 1").asNumber()).isNaN();
        assertThat(eval("-${empty}").asNumber()).isNaN();
        assertThat(eval("${empty}")).isEqualTo(Value.EMPTY);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            selected(${fruit}, 'banana')        | true
            selected(${fruit}, ' cherry ')      | true
            selected(${fruit}, 'ban')           | false
            selected(${fruit}, '')              | false
            selected(${one}, 'banana')          | true
            count-selected(${fruit})            | 3
            count-selected(' a ')               | 1
            selected-at(${fruit}, 0)            | apple
            selected-at(${fruit}, 2)            | cherry
            selected-at(${fruit}, 1.9)          | banana
            selected-at(${fruit}, 3)            | ''
            selected-at(${fruit}, -1)           | ''
            if(${age} > 18, 'adult', 'child')   | adult
            if(${empty}, 'a', 'b')              | b
            coalesce(${name}, 'x')              | Ada
            concat('a', 1, 'b', 2.5, true())    | a1b2.5true
            concat(${name})                     | Ada
            string-length('hello')              | 5
            string-length('æøå')                | 3
            string-length()                     | 1
            string()                            | 7
            number()                            | 7
            string(12.0)                        | 12
            string(1 div 3)                     | 0.3333333333333333
            number(' -12.5 ')                   | -12.5
            number('1e3')                       | NaN
            number('+1')                        | NaN
            number('abc')                       | NaN
            number(true())                      | 1
            int(3.9)                            | 3
            int(-3.9)                           | -3
            int(${empty})                       | NaN
            round(2.5)                          | 3
            round(-2.5)                         | -2
            round(2.4)                          | 2
            round(0.49999999999999994)          | 0
            round(2.675, 2)                     | 2.68
            round(-2.5, 0)                      | -3
            round(1234.5, -2)                   | 1200
            round(${empty}, 1)                  | NaN
            regex('12345', '^[0-9]{5}$')        | true
            regex('1234', '^[0-9]{5}$')         | false
            regex('abc12', '[0-9]')             | true
            regex(${name}, '(')                 | false
            contains(${name}, 'd')              | true
            contains(${name}, 'x')              | false
            starts-with(${name}, 'Ad')          | true
            starts-with(${name}, 'd')           | false
            today()                             | 2026-11-27
            date('2024-02-29')                  | 2024-02-29
            date('2023-02-29')                  | ''
            date(0)                             | 1970-01-01
            cf                                  | north
            .                                   | 7
            floor(-2.5)                         | -3
            ceiling(2.1)                        | 3
            abs(-${age})                        | 42
            pow(2, 10)                          | 1024
            pow(${empty}, 2)                    | NaN
            min(3, ${age}, 1.5)                 | 1.5
            max(3, ${age}, 1.5)                 | 42
            max(3, ${empty})                    | NaN
            substr('abcdef', 2)                 | cdef
            substr('abcdef', 1, 3)              | bc
            substr('abcdef', -5, 100)           | abcdef
            substr('abcdef', 4, 2)              | ''
            substr('æøå', 1, 2)                 | ø
            substr('abc', ${empty})             | ''
            ends-with(${name}, 'da')            | true
            ends-with(${name}, 'A')             | false
            normalize-space('  a   b  ')        | a b
            normalize-space(${empty})           | ''
            """)
    void functions(String source, String expected) {
        assertThat(text(source)).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            today() = '2026-11-27'              | true
            today() > '2026-11-26'              | true
            today() < '2026-11-26'              | false
            ${born} < today()                   | true
            ${born} < '2000-01-01'              | true
            ${born} > '2000-01-01'              | false
            ${born} = '1990-05-17'              | true
            date(${born}) = date('1990-05-17')  | true
            today() - date('2026-11-20') = 7    | true
            today() > ${empty}                  | false
            today() = ${empty}                  | false
            today() < 'soon'                    | false
            """)
    void dates(String source, boolean expected) {
        assertThat(eval(source).asBoolean()).isEqualTo(expected);
    }

    @Test
    void currentAnswerIsTheValueBeingChecked() {
        assertThat(eval(". >= 18 and . <= 120", Value.of(42)).asBoolean()).isTrue();
        assertThat(eval(". >= 18 and . <= 120", Value.of("17")).asBoolean()).isFalse();
        assertThat(eval(". = ''", Value.EMPTY).asBoolean()).isTrue();
        assertThat(eval("regex(., '^[A-Z]')", Value.of("Ada")).asBoolean()).isTrue();
    }

    @Test
    void andAndOrDoNotEvaluateTheirRightSideWhenTheLeftDecides() throws ExpressionSyntaxException {
        // The right side would throw (unknown function) if it were evaluated.
        EvaluationContext context = EvaluationContext.of(ANSWERS, Value.EMPTY, TODAY);
        assertThat(Expression.parse("false() and nosuch()").evaluate(context).asBoolean()).isFalse();
        assertThat(Expression.parse("true() or nosuch()").evaluate(context).asBoolean()).isTrue();
        assertThat(Expression.parse("if(true(), 1, nosuch())").evaluate(context).asNumber()).isEqualTo(1);
        assertThat(Expression.parse("coalesce('a', nosuch())").evaluate(context).asString()).isEqualTo("a");
    }

    @Test
    void uncheckedUnknownFunctionOrWrongArityFailsWithPositionWhenEvaluated() throws ExpressionSyntaxException {
        EvaluationContext context = EvaluationContext.of(ANSWERS, Value.EMPTY, TODAY);
        assertThatThrownBy(() -> Expression.parse("1 + nosuch(2)").evaluate(context))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessage("unknown function nosuch() at position 4");
        assertThatThrownBy(() -> Expression.parse("  count-selected(1, 2)").evaluate(context))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessage("count-selected() takes 1 argument, got 2 at position 2")
                .extracting(e -> ((ExpressionEvaluationException) e).position()).isEqualTo(2);
    }

    @Test
    void choiceColumnsAreLookedUpThroughTheContext() throws ExpressionSyntaxException {
        Expression filter = Expression.parse("cf = ${region}");
        Map<String, Value> choiceRow = Map.of("cf", Value.of("north"), "region", Value.of("north"));
        Map<String, Value> otherRow = Map.of("cf", Value.of("south"), "region", Value.of("north"));
        assertThat(filter.evaluate(EvaluationContext.of(choiceRow, Value.EMPTY, TODAY)).asBoolean()).isTrue();
        assertThat(filter.evaluate(EvaluationContext.of(otherRow, Value.EMPTY, TODAY)).asBoolean()).isFalse();
    }

    @Test
    void valueConversions() {
        assertThat(Value.of("")).isSameAs(Value.EMPTY);
        assertThat(Value.of((String) null)).isSameAs(Value.EMPTY);
        assertThat(Value.of(3.0).asString()).isEqualTo("3");
        assertThat(Value.of(-0.0).asString()).isEqualTo("0");
        assertThat(Value.of(1e20).asString()).isEqualTo("100000000000000000000");
        assertThat(Value.of(1.5e-7).asString()).isEqualTo("0.00000015");
        assertThat(Value.of(Double.NaN).asString()).isEqualTo("NaN");
        assertThat(Value.of(Double.NaN).asBoolean()).isFalse();
        assertThat(Value.of(Double.NaN).isEmpty()).isFalse();
        assertThat(Value.of("2026-01-02").asNumber()).isEqualTo(LocalDate.of(2026, 1, 2).toEpochDay());
        assertThat(Value.of("2026-13-02").asNumber()).isNaN();
        assertThat(Value.of(LocalDate.of(1970, 1, 11)).asNumber()).isEqualTo(10);
        assertThat(Value.of(" 12 ").asNumber()).isEqualTo(12);
        assertThat(Value.of(" ").asBoolean()).isTrue();
        assertThat(Value.EMPTY.isEmpty()).isTrue();
        assertThat(Value.EMPTY.asNumber()).isNaN();
    }

    @Test
    void aCalculationThatIsNotANumberIsStoredAsNoAnswer() {
        assertThat(eval("${empty} + 1").asAnswer()).isSameAs(Value.EMPTY);
        assertThat(eval("${age} + 1").asAnswer()).isEqualTo(Value.of(43));
        assertThat(eval("1 div 0").asAnswer()).isEqualTo(Value.of(Double.POSITIVE_INFINITY));
        assertThat(eval("concat('a', 'b')").asAnswer()).isEqualTo(Value.of("ab"));
        assertThat(Value.EMPTY.asAnswer()).isSameAs(Value.EMPTY);
    }
}
