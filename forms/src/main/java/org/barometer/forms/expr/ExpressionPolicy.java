package org.barometer.forms.expr;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an expression may be and do, decided by who wrote it. A questionnaire's author and an edition's analyst
 * are trusted ({@link #TRUSTED}); a visitor typing a filter into the public explorer is not ({@link #PUBLIC}).
 * A policy bounds
 * <ul>
 *   <li>the source: at most {@link #maxLength()} characters, nested at most {@link #maxDepth()} levels
 *       (parentheses, function calls and operator chains alike), only the {@link #allowedFunctions()} — checked by
 *       {@link #parse}, which refuses anything else with an {@link ExpressionSyntaxException} naming the
 *       {@link ExpressionRefusal reason} and the position;</li>
 *   <li>the work: at most {@link #maxSteps()} steps per evaluation and {@link #maxBatchSteps()} over a batch of
 *       evaluations sharing one {@link EvaluationBudget} (a filter over every row of a table), and at most
 *       {@link #maxRegexSteps()} characters read by one regular-expression match, so that a pattern that
 *       backtracks catastrophically is stopped after a fixed amount of work whatever the machine's speed —
 *       enforced while evaluating with an {@link ExpressionLimitException}.</li>
 * </ul>
 * A step is one node of the syntax tree evaluated; a function over a repeat counts one step per instance.
 * Policies are immutable; {@code withX} methods return a changed copy.
 *
 * <p>The trusted depth keeps every recursive walk of a tree (parsing, checking, printing, evaluating, routing
 * in words) within a few hundred stack frames, so no expression can overflow a thread's stack.
 */
public final class ExpressionPolicy {

    /** Names of the functions a public filter may call: logic, choices, arithmetic; nothing that reads text. */
    private static final Set<Function> PUBLIC_FUNCTIONS = EnumSet.of(Function.NOT, Function.TRUE, Function.FALSE,
            Function.BOOLEAN, Function.SELECTED, Function.COUNT_SELECTED, Function.IF, Function.COALESCE,
            Function.INT, Function.ROUND, Function.FLOOR, Function.CEILING, Function.ABS, Function.MIN,
            Function.MAX);

    /**
     * Questionnaires, derived variables and figure specifications: every function, 32,767 characters (what a
     * spreadsheet cell holds), 200 levels, a million steps per evaluation, no limit over a batch, and 100,000
     * characters read per regular-expression match (ten per character of a 10,000-character answer; a pattern
     * that reads each character once, as most constraints do, reads as many as the answer has).
     */
    public static final ExpressionPolicy TRUSTED = new ExpressionPolicy("trusted", 32_767, Expression.MAX_DEPTH,
            EnumSet.allOf(Function.class), 1_000_000, Long.MAX_VALUE, 100_000);

    /**
     * Filters typed by anonymous visitors: the functions {@code not true false boolean selected count-selected
     * if coalesce int round floor ceiling abs min max} (no text functions, no {@code regex}, no {@code pulldata},
     * nothing random or time-dependent), 500 characters, 20 levels, 2,000 steps per evaluation and 10,000,000
     * over a batch.
     */
    public static final ExpressionPolicy PUBLIC = new ExpressionPolicy("public", 500, 20, PUBLIC_FUNCTIONS, 2_000,
            10_000_000, 0);

    private final String name;
    private final int maxLength;
    private final int maxDepth;
    private final Set<Function> functions;
    private final long maxSteps;
    private final long maxBatchSteps;
    private final long maxRegexSteps;

    private ExpressionPolicy(String name, int maxLength, int maxDepth, Set<Function> functions, long maxSteps,
                             long maxBatchSteps, long maxRegexSteps) {
        this.name = Objects.requireNonNull(name, "name");
        if (maxLength < 1 || maxDepth < 1 || maxSteps < 1 || maxBatchSteps < 1 || maxRegexSteps < 0) {
            throw new IllegalArgumentException("a policy's limits are positive: length " + maxLength + ", depth "
                    + maxDepth + ", steps " + maxSteps + ", batch steps " + maxBatchSteps + ", regex steps "
                    + maxRegexSteps);
        }
        if (maxDepth > Expression.MAX_DEPTH) {
            throw new IllegalArgumentException("a policy's depth is at most " + Expression.MAX_DEPTH
                    + " (deeper trees could overflow the stack), got " + maxDepth);
        }
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
        this.functions = functions.isEmpty() ? EnumSet.noneOf(Function.class) : EnumSet.copyOf(functions);
        this.maxSteps = maxSteps;
        this.maxBatchSteps = maxBatchSteps;
        this.maxRegexSteps = maxRegexSteps;
    }

    /** The policy's name ({@code trusted}, {@code public}), for logs and messages. */
    public String name() {
        return name;
    }

    /** The longest source accepted, in characters. */
    public int maxLength() {
        return maxLength;
    }

    /** The deepest nesting accepted (at most {@link Expression#MAX_DEPTH}). */
    public int maxDepth() {
        return maxDepth;
    }

    /** Steps one evaluation may take. */
    public long maxSteps() {
        return maxSteps;
    }

    /** Steps all evaluations sharing one {@link EvaluationBudget} may take together. */
    public long maxBatchSteps() {
        return maxBatchSteps;
    }

    /** Characters one regular-expression match may read (0: {@code regex} cannot run at all). */
    public long maxRegexSteps() {
        return maxRegexSteps;
    }

    /** The names of the functions this policy allows, sorted. */
    public List<String> allowedFunctions() {
        TreeSet<String> names = new TreeSet<>();
        functions.forEach(f -> names.add(f.functionName));
        return List.copyOf(names);
    }

    /** Whether the policy allows calling the function of this name (false for unknown names). */
    public boolean allows(String functionName) {
        Function f = Function.named(functionName);
        return f != null && functions.contains(f);
    }

    boolean allows(Function function) {
        return functions.contains(function);
    }

    /**
     * Whether the parser lets a call of this name through: an allowed function, or an unknown name under a policy
     * that allows every function (there {@link Expression#check} reports it, suggesting the closest name).
     */
    boolean parses(String functionName) {
        Function f = Function.named(functionName);
        return f == null ? functions.size() == Function.values().length : functions.contains(f);
    }

    /** This policy with another name, so that a changed copy is told apart in logs. */
    public ExpressionPolicy withName(String newName) {
        return new ExpressionPolicy(newName, maxLength, maxDepth, functions, maxSteps, maxBatchSteps, maxRegexSteps);
    }

    public ExpressionPolicy withMaxLength(int characters) {
        return new ExpressionPolicy(name, characters, maxDepth, functions, maxSteps, maxBatchSteps, maxRegexSteps);
    }

    public ExpressionPolicy withMaxDepth(int levels) {
        return new ExpressionPolicy(name, maxLength, levels, functions, maxSteps, maxBatchSteps, maxRegexSteps);
    }

    public ExpressionPolicy withMaxSteps(long steps) {
        return new ExpressionPolicy(name, maxLength, maxDepth, functions, steps, maxBatchSteps, maxRegexSteps);
    }

    public ExpressionPolicy withMaxBatchSteps(long steps) {
        return new ExpressionPolicy(name, maxLength, maxDepth, functions, maxSteps, steps, maxRegexSteps);
    }

    public ExpressionPolicy withMaxRegexSteps(long characters) {
        return new ExpressionPolicy(name, maxLength, maxDepth, functions, maxSteps, maxBatchSteps, characters);
    }

    /**
     * This policy allowing exactly the named functions; throws IllegalArgumentException for a name that is no
     * function of the language.
     */
    public ExpressionPolicy withAllowedFunctions(Set<String> functionNames) {
        Set<Function> chosen = EnumSet.noneOf(Function.class);
        for (String functionName : functionNames) {
            Function f = Function.named(functionName);
            if (f == null) {
                throw new IllegalArgumentException("no function " + functionName + "(); the functions are "
                        + String.join(", ", Function.names()));
            }
            chosen.add(f);
        }
        return new ExpressionPolicy(name, maxLength, maxDepth, chosen, maxSteps, maxBatchSteps, maxRegexSteps);
    }

    /**
     * Parses source text under this policy. Refuses, with an {@link ExpressionSyntaxException} carrying the
     * position and {@link ExpressionSyntaxException#reason()}: malformed text ({@code SYNTAX}), a text longer
     * than {@link #maxLength()} ({@code TOO_LONG}, at the first character past the limit), nesting deeper than
     * {@link #maxDepth()} ({@code TOO_DEEP}), a call of a function the policy does not allow
     * ({@code FUNCTION_NOT_ALLOWED}, at the function's name). Never fails in any other way.
     */
    public Expression parse(String source) throws ExpressionSyntaxException {
        return Parser.parse(source, this);
    }

    /** A fresh budget for one evaluation or for a batch of evaluations (one per row of a table). */
    public EvaluationBudget newBudget() {
        return new EvaluationBudget(this);
    }

    @Override
    public String toString() {
        return "ExpressionPolicy[" + name + ": " + maxLength + " characters, depth " + maxDepth + ", "
                + maxSteps + " steps, " + (maxBatchSteps == Long.MAX_VALUE ? "no batch limit" : maxBatchSteps
                + " per batch") + ", " + maxRegexSteps + " regex characters, functions " + allowedFunctions() + "]";
    }
}
