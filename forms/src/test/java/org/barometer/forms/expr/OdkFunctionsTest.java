package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The functions ODK adds to XPath that mean something on a server: math, text, dates, lists, repeats, pulldata. */
class OdkFunctionsTest {

    private static final Map<String, Value> ANSWERS = new HashMap<>();

    static {
        ANSWERS.put("name", Value.of("Ada Lovelace"));
        ANSWERS.put("at", Value.of("2026-11-27T14:05"));
        ANSWERS.put("time", Value.of("09:30"));
        ANSWERS.put("day", Value.of("2026-11-27"));
        ANSWERS.put("empty", Value.EMPTY);
    }

    /** A context as the answer engine gives: values per instance, a seed, a clock, a pre-fill table. */
    private static final EvaluationContext CONTEXT = new EvaluationContext() {
        @Override
        public Value valueOf(String name) {
            return name.equals("size") ? Value.of("10") : ANSWERS.getOrDefault(name, Value.EMPTY);
        }

        @Override
        public List<Value> valuesOf(String name) {
            return switch (name) {
                case "size" -> List.of(Value.of("10"), Value.of("32"), Value.EMPTY);
                case "sites" -> List.of(Value.of(1), Value.of(2), Value.of(3));
                default -> List.of(valueOf(name));
            };
        }

        @Override
        public Value valueAt(String name, Map<String, Integer> instanceOf) {
            return name.equals("size") && instanceOf.equals(Map.of("sites", 2)) ? Value.of("32") : Value.EMPTY;
        }

        @Override
        public int position() {
            return 2;
        }

        @Override
        public Value currentAnswer() {
            return Value.EMPTY;
        }

        @Override
        public LocalDate today() {
            return LocalDate.of(2026, 11, 27);
        }

        @Override
        public LocalDateTime now() {
            return LocalDateTime.of(2026, 11, 27, 10, 15, 30);
        }

        @Override
        public long seed() {
            return 42;
        }

        @Override
        public Value pulldata(String table, String column, String keyColumn, String key) {
            return table.equals("fruits") && column.equals("name") && keyColumn.equals("key") && key.equals("m")
                    ? Value.of("Mango") : Value.EMPTY;
        }

        @Override
        public String choiceLabel(String question, String choice) {
            return question.equals("fruit") && choice.equals("m") ? "Mango" : choice;
        }
    };

    private static Value eval(String source) {
        try {
            Expression e = Expression.parse(source);
            assertThat(e.check(Set.of("name", "at", "time", "day", "empty", "size", "sites", "fruit"))).as(source)
                    .isEmpty();
            return e.evaluate(CONTEXT);
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sqrt(16)                               | 4
            pow(2, 10)                             | 1024
            exp(0)                                 | 1
            exp10(3)                               | 1000
            log(1)                                 | 0
            log10(1000)                            | 3
            round(sin(pi() div 2), 6)              | 1
            round(cos(0), 6)                       | 1
            round(tan(0), 6)                       | 0
            round(asin(1) * 2, 6)                  | 3.141593
            round(acos(1), 6)                      | 0
            round(atan(1) * 4, 6)                  | 3.141593
            round(atan2(1, 1) * 4, 6)              | 3.141593
            sqrt(-1)                               | NaN
            substring-before(${name}, ' ')         | Ada
            substring-after(${name}, ' ')          | Lovelace
            substring-before(${name}, 'x')         | ''
            substring-after(${name}, '')           | Ada Lovelace
            translate('abc', 'abc', 'AB')          | AB
            translate('2026-11-27', '-', '/')      | 2026/11/27
            boolean-from-string('true')            | true
            boolean-from-string('1')               | true
            boolean-from-string('yes')             | false
            digest('abc', 'SHA-256', 'hex')        | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            digest('abc', 'MD5')                   | kAFQmDzST7DWlj99KOF/cg==
            digest('abc', 'ROT13')                 | ''
            base64-decode('aGVq')                  | hej
            base64-decode('@@@')                   | ''
            count(${sites})                        | 3
            sum(${size})                           | NaN
            count-non-empty(${size})               | 2
            max(${size})                           | NaN
            join('+', ${size})                     | 10+32
            join(', ', 'a', 'b', 'c')              | a, b, c
            indexed-repeat(${size}, ${sites}, 2)   | 32
            indexed-repeat(${size}, ${sites}, 9)   | ''
            position(..)                           | 2
            pulldata('fruits', 'name', 'key', 'm') | Mango
            pulldata('fruits', 'name', 'key', 'x') | ''
            jr:choice-name('m', '${fruit}')        | Mango
            once(1 + 1)                            | 2
            checklist(1, 2, true(), false(), 'x') | true
            checklist(-1, 1, true(), true())       | false
            weighted-checklist(3, -1, true(), 2, true(), 1, false(), 5) | true
            """)
    void functions(String source, String expected) {
        assertThat(eval(source).asString()).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            now()                                       | 2026-11-27T10:15:30
            date-time('2026-11-27T14:05')               | 2026-11-27T14:05:00
            date-time(20784.5)                          | 2026-11-27T12:00:00
            decimal-date-time('2026-11-27T12:00')       | 20784.5
            decimal-time('18:00')                       | 0.75
            decimal-time(${at})                         | 0.586805555555556
            date(${at})                                 | 2026-11-27
            format-date(${day}, '%e %b %Y, %a')         | 27 Nov 2026, Fri
            format-date(${day}, '%d/%m/%y')             | 27/11/26
            format-date-time(${at}, '%Y-%m-%d %H:%M:%S.%3') | 2026-11-27 14:05:00.000
            format-date('x', '%Y')                      | ''
            """)
    void datesAndTimes(String source, String expected) {
        String got = eval(source).asString();
        if (source.startsWith("decimal-time(${at})")) {
            assertThat(Double.parseDouble(got)).isCloseTo(Double.parseDouble(expected), org.assertj.core.data.Offset
                    .offset(1e-12));
        } else {
            assertThat(got).isEqualTo(expected.equals("''") ? "" : expected);
        }
    }

    @Test
    void timesAndDateTimesCompareAsTheyReadAndADateTimeAnswerIsNoLongerPlainText() {
        assertThat(eval("${time} < '10:00'").asBoolean()).isTrue();
        assertThat(eval("${at} > '2026-11-27T09:00'").asBoolean()).isTrue();
        assertThat(eval("${at} < now()").asBoolean()).isFalse();
        assertThat(eval("now() > today()").asBoolean()).isTrue();
        assertThat(eval("'10:00' = '10:00:00'").asBoolean()).as("texts compare as texts").isFalse();
        assertThat(eval("${day} = date-time(${day})").asBoolean()).isTrue();
    }

    @Test
    void randomAndUuidAreDrawnFromTheContextsSeedSoTheyRepeat() throws ExpressionSyntaxException {
        double first = eval("random()").asNumber();
        assertThat(first).isBetween(0.0, 1.0).isEqualTo(eval("random()").asNumber());
        assertThat(eval("random() = random()").asBoolean()).as("two draws in one evaluation differ").isFalse();
        String uuid = eval("uuid()").asString();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isEqualTo(eval("uuid()").asString());
        assertThat(eval("string-length(uuid(12))").asNumber()).isEqualTo(12);
        EvaluationContext otherSeed = EvaluationContext.of(Map.of(), Value.EMPTY, LocalDate.EPOCH);
        assertThat(Expression.parse("random()").evaluate(otherSeed).asNumber()).isNotEqualTo(first);
    }

    @Test
    void positionPrintsAsOdkWritesIt() throws ExpressionSyntaxException {
        Expression e = Expression.parse("concat('Site ', position( .. ))");
        assertThat(e.toSource()).isEqualTo("concat('Site ', position(..))");
        assertThat(Expression.parse(e.toSource())).isEqualTo(e);
        assertThat(Expression.parse("jr:choice-name(${a}, '${a}')").toSource())
                .isEqualTo("jr:choice-name(${a}, '${a}')");
    }

    @Test
    void functionsOverInstancesNeedAName() throws ExpressionSyntaxException {
        assertThat(Expression.parse("sum(1 + 2)").check(Set.of())).singleElement().satisfies(p -> assertThat(
                p.message()).isEqualTo("sum() works on the instances of a question or repeat: argument 1 must be "
                + "a ${name}"));
        assertThat(Expression.parse("indexed-repeat(${a}, 2, 1)").check(Set.of("a"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("argument 2 must be a ${name}"));
        assertThat(Expression.parse("indexed-repeat(${a}, ${r})").check(Set.of("a", "r"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("indexed-repeat() takes ${question}, then pairs "
                        + "of ${repeat} and instance number, got 2 arguments"));
    }

    @Test
    void aBudgetCountsEveryInstanceOfARepeat() throws ExpressionSyntaxException {
        ExpressionPolicy small = ExpressionPolicy.TRUSTED.withMaxSteps(3); // the call, then one per instance
        ExpressionLimitException stopped = org.assertj.core.api.Assertions.catchThrowableOfType(
                ExpressionLimitException.class, () -> Expression.parse("sum(${size})").evaluate(CONTEXT,
                        small.newBudget()));
        assertThat(stopped.reason()).isEqualTo(ExpressionRefusal.EVALUATION_STEPS);
        assertThat(Expression.parse("sum(${size})").evaluate(CONTEXT, ExpressionPolicy.TRUSTED.withMaxSteps(4)
                .newBudget()).isEmpty()).isFalse();
    }
}
