package org.barometer.bench.forms;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.barometer.forms.expr.EvaluationContext;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionLimitException;
import org.barometer.forms.expr.ExpressionPolicy;
import org.barometer.forms.expr.ExpressionRefusal;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.expr.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long refusing hostile expressions takes (each must be well under 100 ms):
 * <ul>
 *   <li>{@code publicRegexFilter}: the public explorer's policy refusing
 *       {@code regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')} at parse time;</li>
 *   <li>{@code publicNestedParentheses}: the same policy refusing a filter of 200 nested parentheses;</li>
 *   <li>{@code trustedBacktrackingRegex}: a questionnaire's constraint {@code regex(., '^(.*a){7}$')} on an answer
 *       of 24 a's and '!', stopped by the regex guard after 100,000 characters read; its peer
 *       {@code unguardedBacktrackingRegex} is the JDK's matcher on the same text without the guard, the time
 *       the refusal saves;</li>
 *   <li>{@code publicOrdinaryFilter}: parsing and evaluating an ordinary filter under the public policy, for scale.</li>
 * </ul>
 * Every refusal is checked for its reason in setup, so the benchmark measures refusals, not some other outcome.
 * <pre>
 * ./barometer bench forms        (or: java -jar bench/target-bench/benchmarks.jar ExpressionLimitsBench)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExpressionLimitsBench {
    private static final String REGEX_FILTER = "regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')";
    private static final String NESTED_FILTER = "(".repeat(200) + "${gov_level} = 'region'" + ")".repeat(200);
    private static final String ORDINARY_FILTER = "${gov_level} = 'region' and not(${area} = 'education')";
    private static final String ATTACK_ANSWER = "a".repeat(24) + "!";

    private Expression constraint;
    private EvaluationContext attackAnswer;
    private EvaluationContext ordinaryAnswers;
    private Pattern unguarded;

    @Setup
    public void setUp() throws ExpressionSyntaxException {
        constraint = Expression.parse("regex(., '^(.*a){7}$')");
        attackAnswer = EvaluationContext.of(Map.of(), Value.of(ATTACK_ANSWER), LocalDate.of(2026, 11, 27));
        ordinaryAnswers = EvaluationContext.of(Map.of("gov_level", Value.of("region"), "area", Value.of("health")),
                Value.EMPTY, LocalDate.of(2026, 11, 27));
        unguarded = Pattern.compile("^(.*a){7}$");
        expect(ExpressionRefusal.FUNCTION_NOT_ALLOWED, publicRegexFilter());
        expect(ExpressionRefusal.TOO_DEEP, publicNestedParentheses());
        expect(ExpressionRefusal.REGEX_STEPS, trustedBacktrackingRegex());
        if (unguardedBacktrackingRegex() || !publicOrdinaryFilter()) {
            throw new IllegalStateException("the peers do not give the expected results");
        }
    }

    private static void expect(ExpressionRefusal wanted, ExpressionRefusal got) {
        if (wanted != got) {
            throw new IllegalStateException("expected the refusal " + wanted + ", got " + got);
        }
    }

    @Benchmark
    public ExpressionRefusal publicRegexFilter() {
        return refusal(REGEX_FILTER);
    }

    @Benchmark
    public ExpressionRefusal publicNestedParentheses() {
        return refusal(NESTED_FILTER);
    }

    private static ExpressionRefusal refusal(String filter) {
        try {
            ExpressionPolicy.PUBLIC.parse(filter);
            return null;
        } catch (ExpressionSyntaxException e) {
            return e.reason();
        }
    }

    @Benchmark
    public ExpressionRefusal trustedBacktrackingRegex() {
        try {
            constraint.evaluate(attackAnswer);
            return null;
        } catch (ExpressionLimitException e) {
            return e.reason();
        }
    }

    @Benchmark
    public boolean unguardedBacktrackingRegex() {
        return unguarded.matcher(ATTACK_ANSWER).find();
    }

    @Benchmark
    public boolean publicOrdinaryFilter() throws ExpressionSyntaxException {
        return ExpressionPolicy.PUBLIC.parse(ORDINARY_FILTER)
                .evaluate(ordinaryAnswers, ExpressionPolicy.PUBLIC.newBudget()).asBoolean();
    }
}
