package org.barometer.forms.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions from people who are not trusted: the public policy's limits and allow-list, evaluation budgets per
 * evaluation and per batch, and the guard on regular expressions that also protects trusted forms.
 */
class ExpressionPolicyTest {

    private static final EvaluationContext ANSWERS = EvaluationContext.of(Map.of(
            "gov_level", Value.of("region"), "area", Value.of("health"), "employees", Value.of(120),
            "collaboration", Value.of("citizens private"), "initiators", Value.of("management employees")),
            Value.EMPTY, LocalDate.of(2026, 11, 27));

    private static ExpressionSyntaxException refused(String source, ExpressionPolicy policy) {
        ExpressionSyntaxException e = catchThrowableOfType(ExpressionSyntaxException.class,
                () -> policy.parse(source));
        assertThat(e).as("%s should be refused under %s", source, policy.name()).isNotNull();
        return e;
    }

    private static ExpressionLimitException stopped(Expression e, EvaluationBudget budget) {
        ExpressionLimitException x = catchThrowableOfType(ExpressionLimitException.class,
                () -> e.evaluate(ANSWERS, budget));
        assertThat(x).as("%s should be stopped", e.toSource()).isNotNull();
        return x;
    }

    private static Expression parse(String source, ExpressionPolicy policy) {
        try {
            return policy.parse(source);
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- the attacks

    private static final String BACKTRACKING = "regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')";

    @Test
    void theBacktrackingRegexIsRefusedByThePublicPolicyAtItsName() {
        ExpressionSyntaxException e = refused(BACKTRACKING, ExpressionPolicy.PUBLIC);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.FUNCTION_NOT_ALLOWED);
        assertThat(e.position()).isZero();
        assertThat(e.detail()).startsWith("the function regex() is not allowed here; the functions allowed are ")
                .contains("selected").doesNotContain("regex,");
    }

    @Test
    void theBacktrackingRegexIsStoppedInATrustedExpressionAfterAFixedNumberOfReads() {
        Expression attack = parse(BACKTRACKING, ExpressionPolicy.TRUSTED);
        ExpressionLimitException e = stopped(attack, ExpressionPolicy.TRUSTED.newBudget());
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.REGEX_STEPS);
        assertThat(e.limit()).isEqualTo(ExpressionPolicy.TRUSTED.maxRegexSteps());
        assertThat(e.position()).isZero();
        // Evaluating without a budget of one's own uses the trusted one: the same refusal.
        ExpressionLimitException plain = catchThrowableOfType(ExpressionLimitException.class,
                () -> attack.evaluate(ANSWERS));
        assertThat(plain.reason()).isEqualTo(ExpressionRefusal.REGEX_STEPS);
        // The constraint a questionnaire author would write, on a respondent's 24 a's.
        Expression constraint = parse("regex(., '^(.*a){7}$')", ExpressionPolicy.TRUSTED);
        ExpressionLimitException onAnswer = catchThrowableOfType(ExpressionLimitException.class,
                () -> constraint.evaluate(EvaluationContext.of(Map.of(), Value.of("a".repeat(24) + "!"),
                        LocalDate.EPOCH)));
        assertThat(onAnswer.reason()).isEqualTo(ExpressionRefusal.REGEX_STEPS);
        assertThat(onAnswer.getMessage()).contains("read more than 100000 characters");
    }

    @Test
    void aRegexThatRecursesPerCharacterIsRefusedNotAStackOverflow() {
        // Java's matcher recurses once per repetition of (a|b); on long input that overflows any stack.
        Expression e = parse("regex(${long}, '^(a|b)*$')", ExpressionPolicy.TRUSTED);
        EvaluationContext longAnswer = EvaluationContext.of(Map.of("long", Value.of("ab".repeat(100_000))),
                Value.EMPTY, LocalDate.EPOCH);
        ExpressionLimitException x = catchThrowableOfType(ExpressionLimitException.class,
                () -> e.evaluate(longAnswer));
        assertThat(x).isNotNull();
        assertThat(x.reason()).isEqualTo(ExpressionRefusal.REGEX_STEPS);
        // The same pattern on an ordinary answer is fine.
        assertThat(e.evaluate(EvaluationContext.of(Map.of("long", Value.of("abba")), Value.EMPTY,
                LocalDate.EPOCH)).asBoolean()).isTrue();
    }

    @Test
    void ordinaryRegexConstraintsStillWork() {
        EvaluationContext number = EvaluationContext.of(Map.of(), Value.of("12345678"), LocalDate.EPOCH);
        assertThat(parse("regex(., '^[0-9]{8}$')", ExpressionPolicy.TRUSTED).evaluate(number).asBoolean()).isTrue();
        EvaluationContext text = EvaluationContext.of(Map.of(), Value.of("x".repeat(10_000) + "@example.invalid"),
                LocalDate.EPOCH);
        assertThat(parse("regex(., '[a-z]+@[a-z]+\\.invalid$')", ExpressionPolicy.TRUSTED).evaluate(text)
                .asBoolean()).isTrue();
    }

    @Test
    void twoHundredNestedParenthesesAreRefusedAsTooDeep() {
        String filter = "(".repeat(200) + "${gov_level} = 'region'" + ")".repeat(200);
        ExpressionSyntaxException e = refused(filter, ExpressionPolicy.PUBLIC);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.TOO_DEEP);
        assertThat(e.position()).isEqualTo(ExpressionPolicy.PUBLIC.maxDepth());
        // Trusted parsing accepts exactly 200 levels; a server wrapping such a filter in one more pair of
        // parentheses gets a refusal, not a stack overflow.
        assertThat(parse(filter, ExpressionPolicy.TRUSTED).evaluate(ANSWERS).asBoolean()).isTrue();
        ExpressionSyntaxException wrapped = refused("(${area} != '') and (" + filter + ")",
                ExpressionPolicy.TRUSTED);
        assertThat(wrapped.reason()).isEqualTo(ExpressionRefusal.TOO_DEEP);
        // A public filter, however it is wrapped by the server afterwards, stays far from the trusted depth.
        String deepestPublic = "(".repeat(ExpressionPolicy.PUBLIC.maxDepth()) + "${gov_level} = 'region'"
                + ")".repeat(ExpressionPolicy.PUBLIC.maxDepth());
        assertThat(parse(deepestPublic, ExpressionPolicy.PUBLIC)).isNotNull();
        assertThat(parse("(${area} != '') and (" + deepestPublic + ")", ExpressionPolicy.TRUSTED)).isNotNull();
    }

    @Test
    void overLongTextsAreRefusedBeforeTheyAreRead() {
        String filter = "${gov_level} = 'region' or ".repeat(19) + "${gov_level} = 'state'";
        assertThat(filter.length()).isGreaterThan(500);
        ExpressionSyntaxException e = refused(filter, ExpressionPolicy.PUBLIC);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.TOO_LONG);
        assertThat(e.position()).isEqualTo(500);
        assertThat(e.detail()).isEqualTo("the expression is longer than 500 characters (it has "
                + filter.length() + ")");
        // An unterminated text of a million characters is refused for its length, at once.
        ExpressionSyntaxException huge = refused("'" + "a".repeat(1_000_000), ExpressionPolicy.TRUSTED);
        assertThat(huge.reason()).isEqualTo(ExpressionRefusal.TOO_LONG);
        assertThat(huge.position()).isEqualTo(32_767);
    }

    @Test
    void malformedPublicFiltersAreSyntaxErrors() {
        ExpressionSyntaxException e = refused("${gov_level} = 'region", ExpressionPolicy.PUBLIC);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.SYNTAX);
        assertThat(e.position()).isEqualTo(15);
    }

    // ---------------------------------------------------------------- the allow-list

    @ParameterizedTest
    @ValueSource(strings = {"regex(${area}, 'e')", "substr(${area}, 0, 1) = 'h'", "string-length(${area}) = 6",
        "contains(${area}, 'h')", "starts-with(${area}, 'h')", "selected-at(${collaboration}, 0) = 'citizens'",
        "ends-with(${area}, 'h')", "concat(${area}, 'x') = 'healthx'", "normalize-space(${area}) = 'health'",
        "string(${area}) = 'health'", "number(${employees}) > 1", "today() > date('2020-01-01')",
        "pulldata('register', 'size', 'id', ${area}) = 1", "random() < 0.5", "now() != ''",
        "substring-before(${area}, 'l') = 'hea'", "string-length() > 0"})
    void thePublicPolicyRefusesFunctionsThatReadTextOrAreNotRepeatable(String filter) {
        ExpressionSyntaxException e = refused("${gov_level} = 'region' and " + filter, ExpressionPolicy.PUBLIC);
        assertThat(e.reason()).isEqualTo(ExpressionRefusal.FUNCTION_NOT_ALLOWED);
        assertThat(e.position()).isEqualTo("${gov_level} = 'region' and ".length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"${gov_level} = 'region' and not(${area} = 'education')",
        "selected(${collaboration}, 'citizens') and count-selected(${initiators}) >= 2",
        "${employees} >= 100 or ${employees} < 10", "if(${employees} > 50, 1, 0) = 1",
        "coalesce(${area}, 'other') = 'health'", "(${employees} div 10) mod 3 = 0 and -${employees} < 0",
        "round(${employees} div 7) = 17 and abs(-1) = 1 and max(1, 2) = 2 and int(2.5) = 2",
        "boolean(${area}) and true() and not(false())"})
    void ordinaryFiltersAreAcceptedAndEvaluated(String filter) {
        Expression e = parse(filter, ExpressionPolicy.PUBLIC);
        assertThat(e.check(Set.of("gov_level", "area", "employees", "collaboration", "initiators"), Set.of()))
                .isEmpty();
        assertThat(e.evaluate(ANSWERS, ExpressionPolicy.PUBLIC.newBudget()).asBoolean()).isTrue();
    }

    @Test
    void theAllowListIsTheDocumentedOne() {
        assertThat(ExpressionPolicy.PUBLIC.allowedFunctions()).containsExactly("abs", "boolean", "ceiling",
                "coalesce", "count-selected", "false", "floor", "if", "int", "max", "min", "not", "round",
                "selected", "true");
        assertThat(ExpressionPolicy.PUBLIC.allows("selected")).isTrue();
        assertThat(ExpressionPolicy.PUBLIC.allows("regex")).isFalse();
        assertThat(ExpressionPolicy.PUBLIC.allows("no-such-function")).isFalse();
        assertThat(ExpressionPolicy.TRUSTED.allows("regex")).isTrue();
    }

    @Test
    void unknownFunctionsAreLeftToCheckUnderTheTrustedPolicy() throws ExpressionSyntaxException {
        Expression e = ExpressionPolicy.TRUSTED.parse("selectd(${a}, 'x')");
        assertThat(e.check(Set.of("a"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean selected()?"));
    }

    @Test
    void aTreeParsedAsTrustedIsStoppedWhenEvaluatedUnderThePublicBudget() {
        Expression e = parse("string-length(${area}) = 6", ExpressionPolicy.TRUSTED);
        ExpressionLimitException x = stopped(e, ExpressionPolicy.PUBLIC.newBudget());
        assertThat(x.reason()).isEqualTo(ExpressionRefusal.FUNCTION_NOT_ALLOWED);
        assertThat(x.position()).isZero();
    }

    @Test
    void policiesAreChangedByCopy() {
        ExpressionPolicy strict = ExpressionPolicy.PUBLIC.withName("strict").withMaxLength(40).withMaxDepth(3)
                .withAllowedFunctions(Set.of("selected"));
        assertThat(strict.name()).isEqualTo("strict");
        assertThat(strict.allowedFunctions()).containsExactly("selected");
        assertThat(ExpressionPolicy.PUBLIC.maxLength()).isEqualTo(500);
        assertThat(refused("not(${a} = 1)", strict).reason()).isEqualTo(ExpressionRefusal.FUNCTION_NOT_ALLOWED);
        assertThat(refused("((((${a}))))", strict).reason()).isEqualTo(ExpressionRefusal.TOO_DEEP);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ExpressionPolicy.PUBLIC.withMaxDepth(Expression.MAX_DEPTH + 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ExpressionPolicy.PUBLIC.withAllowedFunctions(Set.of("selectd")))
                .withMessageContaining("no function selectd()");
    }

    // ---------------------------------------------------------------- budgets

    @Test
    void oneEvaluationIsStoppedPastItsSteps() {
        ExpressionPolicy tiny = ExpressionPolicy.PUBLIC.withMaxSteps(5);
        Expression e = parse("${employees} + 1 + 2 + 3 > 0", tiny); // 9 nodes
        ExpressionLimitException x = stopped(e, tiny.newBudget());
        assertThat(x.reason()).isEqualTo(ExpressionRefusal.EVALUATION_STEPS);
        assertThat(x.limit()).isEqualTo(5);
        assertThat(parse("${employees} > 0", tiny).evaluate(ANSWERS, tiny.newBudget()).asBoolean()).isTrue();
    }

    @Test
    void aBatchIsStoppedPastItsStepsWhileEachEvaluationFits() {
        ExpressionPolicy policy = ExpressionPolicy.PUBLIC.withMaxBatchSteps(100);
        Expression filter = parse("${gov_level} = 'region'", policy); // 3 steps per row
        EvaluationBudget budget = policy.newBudget();
        int rows = 0;
        ExpressionLimitException x = null;
        while (x == null && rows < 1000) {
            try {
                filter.evaluate(ANSWERS, budget);
                rows++;
            } catch (ExpressionLimitException e) {
                x = e;
            }
        }
        assertThat(x).isNotNull();
        assertThat(x.reason()).isEqualTo(ExpressionRefusal.BATCH_STEPS);
        assertThat(rows).isEqualTo(33);
        assertThat(budget.stepsUsed()).isEqualTo(101);
        // A new batch starts afresh.
        assertThat(filter.evaluate(ANSWERS, policy.newBudget()).asBoolean()).isTrue();
    }

    @Test
    void theTrustedPolicyHasNoBatchLimitButBoundsEachEvaluation() {
        assertThat(ExpressionPolicy.TRUSTED.maxBatchSteps()).isEqualTo(Long.MAX_VALUE);
        assertThat(ExpressionPolicy.TRUSTED.maxSteps()).isEqualTo(1_000_000);
        EvaluationBudget budget = ExpressionPolicy.TRUSTED.newBudget();
        Expression e = parse("${employees} > 100", ExpressionPolicy.TRUSTED);
        for (int i = 0; i < 400_000; i++) {
            e.evaluate(ANSWERS, budget);
        }
        assertThat(budget.stepsUsed()).isEqualTo(1_200_000);
    }

    // ---------------------------------------------------------------- whatever the input

    @Test
    void anyTextUnderThePublicPolicyParsesOrIsRefusedWithAReasonEvenOnASmallStack() throws InterruptedException {
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        Thread small = new Thread(null, () -> Trials.forAll(2000, 11L, r -> r.nextBoolean()
                ? ExpressionPropertiesTest.deepText(r) : ExpressionPropertiesTest.mutatedExpression(r), text -> {
                    try {
                        Expression e = ExpressionPolicy.PUBLIC.parse(text);
                        e.check(Set.of("a"), Set.of());
                        e.toSource();
                        e.evaluate(ANSWERS, ExpressionPolicy.PUBLIC.newBudget());
                    } catch (ExpressionSyntaxException e) {
                        assertThat(e.position()).isBetween(0, text.length());
                    } catch (ExpressionLimitException | ExpressionEvaluationException e) {
                        // a generated call of an unknown function, or a refused one: a typed outcome
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                }), "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void everyReasonHasAnExampleAndAStableKey() {
        Set<ExpressionRefusal> seen = EnumSet.noneOf(ExpressionRefusal.class);
        ExpressionPolicy small = ExpressionPolicy.PUBLIC.withMaxSteps(3).withMaxBatchSteps(4);
        for (String source : List.of("1 +", "1" + " ".repeat(500), "((((((((((((((((((((((1))))))))))))))))))))))",
                "regex('a', 'a')")) {
            seen.add(refused(source, ExpressionPolicy.PUBLIC).reason());
        }
        seen.add(stopped(parse("1 + 2 + 3", small), small.newBudget()).reason());
        EvaluationBudget batch = small.newBudget();
        parse("1 + 2", small).evaluate(ANSWERS, batch);
        seen.add(stopped(parse("1 + 2", small), batch).reason());
        seen.add(stopped(parse(BACKTRACKING, ExpressionPolicy.TRUSTED), ExpressionPolicy.TRUSTED.newBudget())
                .reason());
        assertThat(seen).isEqualTo(EnumSet.of(ExpressionRefusal.SYNTAX, ExpressionRefusal.TOO_LONG,
                ExpressionRefusal.TOO_DEEP, ExpressionRefusal.FUNCTION_NOT_ALLOWED, ExpressionRefusal.EVALUATION_STEPS,
                ExpressionRefusal.BATCH_STEPS, ExpressionRefusal.REGEX_STEPS));
        assertThat(seen).containsExactlyInAnyOrder(ExpressionRefusal.values());
        assertThat(EnumSet.allOf(ExpressionRefusal.class)).extracting(ExpressionRefusal::key).containsExactly(
                "syntax", "too_long", "too_deep", "function_not_allowed", "evaluation_steps", "batch_steps",
                "regex_steps");
    }
}
