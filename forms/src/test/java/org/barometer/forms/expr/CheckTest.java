package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** check(): unknown names, unknown functions, argument counts and patterns, each with its position. */
class CheckTest {

    private static final Set<String> KNOWN = Set.of("age", "fruit", "region", "consent");

    private static List<ExpressionProblem> check(String source) throws ExpressionSyntaxException {
        return inEnglish(Expression.parse(source).check(KNOWN));
    }

    /** The problems with their texts worded in English, to compare with problems written out. */
    private static List<ExpressionProblem> inEnglish(List<ExpressionProblem> problems) {
        return problems.stream().map(p -> new ExpressionProblem(p.position(), p.message())).toList();
    }

    @Test
    void aCorrectExpressionHasNoProblems() throws ExpressionSyntaxException {
        assertThat(check("${age} >= 18 and selected(${fruit}, 'apple') or count-selected(${fruit}) > 2"))
                .isEmpty();
        assertThat(check("if(${consent} = 'yes', concat('a', ${age}), round(${age} div 3, 1))")).isEmpty();
        assertThat(check("regex(., '^[0-9]{4}$') and string-length() < 10 and today() > date('2020-01-01')"))
                .isEmpty();
    }

    @Test
    void unknownNameIsReportedAtItsDollarSignWithASuggestion() throws ExpressionSyntaxException {
        assertThat(check("${age} > 18 and ${agee} < 30")).containsExactly(new ExpressionProblem(16,
                "unknown name ${agee}: no question or calculation has this name; did you mean ${age}?"));
        assertThat(check("${zzzzzz} = 1")).containsExactly(new ExpressionProblem(0,
                "unknown name ${zzzzzz}: no question or calculation has this name"));
        assertThat(check("${Region} = 'x'").get(0).message()).endsWith("did you mean ${region}?");
    }

    @Test
    void unknownFunctionIsReportedAtItsName() throws ExpressionSyntaxException {
        List<ExpressionProblem> problems = check("1 + selectd(${fruit}, 'a')");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).position()).isEqualTo(4);
        assertThat(problems.get(0).message()).startsWith("unknown function selectd(); did you mean selected()?; "
                + "the functions are abs, acos, asin, atan, atan2, base64-decode, boolean, boolean-from-string, "
                + "ceiling, checklist, coalesce, concat, contains, cos, count, count-non-empty, count-selected, date")
                .contains(", indexed-repeat, ", ", jr:choice-name, ", ", pulldata, ", ", sum, ")
                .endsWith(", today, translate, true, uuid, weighted-checklist");
    }

    @Test
    void wrongArgumentCountsSayWhatWasExpected() throws ExpressionSyntaxException {
        assertThat(check("1 + count-selected(${fruit}, 2)")).containsExactly(
                new ExpressionProblem(4, "count-selected() takes 1 argument, got 2"));
        assertThat(check("round(1, 2, 3)")).containsExactly(
                new ExpressionProblem(0, "round() takes 1 or 2 arguments, got 3"));
        assertThat(check("today(1)")).containsExactly(new ExpressionProblem(0, "today() takes no arguments, got 1"));
        assertThat(check("concat()")).containsExactly(
                new ExpressionProblem(0, "concat() takes at least 1 argument, got 0"));
        assertThat(check("if(1, 2)")).containsExactly(new ExpressionProblem(0, "if() takes 3 arguments, got 2"));
        assertThat(check("string(1, 2)")).containsExactly(
                new ExpressionProblem(0, "string() takes 0 or 1 arguments, got 2"));
    }

    @Test
    void invalidLiteralPatternIsReported() throws ExpressionSyntaxException {
        List<ExpressionProblem> problems = check("${age} = 1 or regex(., '[0-9')");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).position()).isEqualTo(14);
        assertThat(problems.get(0).message()).startsWith("regex() pattern '[0-9' is not a valid regular expression");
    }

    @Test
    void invalidLiteralDateIsReported() throws ExpressionSyntaxException {
        assertThat(check("today() > date('2020-1-31')")).containsExactly(new ExpressionProblem(10,
                "date() of '2020-1-31' is always empty: expected a date written yyyy-mm-dd, e.g. '2026-01-31'"));
        assertThat(check("date('2023-02-29')")).hasSize(1);
        assertThat(check("date('2024-02-29') < date(${age})")).isEmpty();
    }

    @Test
    void everyProblemIsReportedInSourceOrder() throws ExpressionSyntaxException {
        String source = "if(${nope}, foo(${age}), count-selected()) + round()";
        assertThat(check(source)).extracting(ExpressionProblem::position).containsExactly(3, 12, 25, 45);
        assertThat(check(source)).extracting(ExpressionProblem::message).containsExactly(
                "unknown name ${nope}: no question or calculation has this name",
                "unknown function foo(); the functions are " + String.join(", ", Function.names()),
                "count-selected() takes 1 argument, got 0",
                "round() takes 1 or 2 arguments, got 0");
    }

    @Test
    void bareNamesAreCheckedAgainstChoiceColumnsWhenGiven() throws ExpressionSyntaxException {
        Expression filter = Expression.parse("cf = ${region} or  filtr = 'x'");
        assertThat(filter.check(KNOWN)).isEmpty();
        assertThat(inEnglish(filter.check(KNOWN, Set.of("cf", "filter")))).containsExactly(new ExpressionProblem(19,
                "unknown choice column 'filtr': the choices sheet has no such column; did you mean 'filter'?"));

        Expression relevant = Expression.parse("age > 18");
        assertThat(inEnglish(relevant.check(KNOWN, Set.of()))).containsExactly(new ExpressionProblem(0,
                "bare name 'age' is only allowed in a choice_filter (as a column of the choices sheet); "
                        + "refer to a question as ${age}"));
    }

    @Test
    void referencesInOrderOfFirstAppearance() throws ExpressionSyntaxException {
        assertThat(Expression.parse("${b} + ${a} * ${b} + f(${c}, cf, .)").references())
                .containsExactly("b", "a", "c");
        assertThat(Expression.parse("1 + 2").references()).isEmpty();
        assertThat(Expression.parse("cf = ${a} and (filter = cf or f(${b}, div))").choiceColumns())
                .containsExactly("cf", "filter", "div");
    }
}
