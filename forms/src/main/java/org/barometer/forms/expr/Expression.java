package org.barometer.forms.expr;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed XLSForm (XPath subset) expression: an immutable syntax tree, parsed once and evaluated many times.
 *
 * <p>Node positions ({@link Reference}, {@link ChoiceColumn}, {@link FunctionCall}) are 0-based character offsets
 * in the source the node was parsed from; they are used for error messages and are <em>not</em> part of a node's
 * identity, so {@code parse(e.toSource()).equals(e)} holds for every tree. See {@code docs/expressions.md}.
 *
 * <p>Trees are immutable and evaluation keeps no state in them, so one parsed expression may be evaluated by
 * many threads at once.
 */
public sealed interface Expression
        permits Expression.NumberLiteral, Expression.StringLiteral, Expression.Reference, Expression.CurrentAnswer,
        Expression.ChoiceColumn, Expression.Negation, Expression.Binary, Expression.FunctionCall {

    /**
     * Deepest nesting any policy accepts (that of {@link ExpressionPolicy#TRUSTED}); deeper input is a syntax error
     * rather than a stack overflow.
     */
    int MAX_DEPTH = 200;

    /**
     * Parses source text under {@link ExpressionPolicy#TRUSTED} (questionnaires, derived variables, figure
     * specifications); throws ExpressionSyntaxException with a 0-based character position and its reason.
     */
    static Expression parse(String source) throws ExpressionSyntaxException {
        return Parser.parse(source, ExpressionPolicy.TRUSTED);
    }

    /** Parses source text under a policy: see {@link ExpressionPolicy#parse}. */
    static Expression parse(String source, ExpressionPolicy policy) throws ExpressionSyntaxException {
        return Parser.parse(source, Objects.requireNonNull(policy, "policy"));
    }

    /** Canonical source text with minimal parentheses; {@code parse(e.toSource())} equals {@code e}. */
    default String toSource() {
        return Printer.print(this);
    }

    /** Names referenced as {@code ${name}}, in order of first appearance, without repeats. */
    default List<String> references() {
        return Checker.references(this);
    }

    /** Every function call in the tree, outer calls before the calls in their arguments, left to right. */
    default List<FunctionCall> functionCalls() {
        return Checker.functionCalls(this);
    }

    /** Bare names (choice-sheet columns in a choice_filter), in order of first appearance, without repeats. */
    default List<String> choiceColumns() {
        return Checker.choiceColumns(this);
    }

    /**
     * Checks names and function arities; each problem has a 0-based position within the source. Bare names
     * (choice-sheet columns in a choice_filter) are not checked here; use {@link #check(Set, Set)} for that.
     */
    default List<ExpressionProblem> check(Set<String> knownNames) {
        return Checker.check(this, Objects.requireNonNull(knownNames, "knownNames"), null);
    }

    /**
     * Like {@link #check(Set)}, and also reports every bare name that is not in {@code choiceColumns}. Pass the
     * choices sheet's columns for a choice_filter, and an empty set for any other expression (where a bare name
     * is almost always a forgotten {@code ${}}).
     */
    default List<ExpressionProblem> check(Set<String> knownNames, Set<String> choiceColumns) {
        return Checker.check(this, Objects.requireNonNull(knownNames, "knownNames"),
                Objects.requireNonNull(choiceColumns, "choiceColumns"));
    }

    /**
     * Evaluates with ODK semantics for empty answers, within the limits of {@link ExpressionPolicy#TRUSTED} for
     * one evaluation (an {@link ExpressionLimitException} past them).
     */
    default Value evaluate(EvaluationContext context) {
        return Evaluator.evaluate(this, Objects.requireNonNull(context, "context"),
                ExpressionPolicy.TRUSTED.newBudget());
    }

    /**
     * Evaluates as one evaluation of a budget: stops with an {@link ExpressionLimitException} when this evaluation
     * takes more steps than the budget's policy allows, when all evaluations with the budget together take more
     * than its batch allows, when a regular-expression match reads too many characters, or when the tree calls a
     * function the policy does not allow.
     */
    default Value evaluate(EvaluationContext context, EvaluationBudget budget) {
        return Evaluator.evaluate(this, Objects.requireNonNull(context, "context"),
                Objects.requireNonNull(budget, "budget"));
    }

    /** A number literal such as {@code 3} or {@code 2.5}; negative numbers are a {@link Negation}. */
    record NumberLiteral(double value) implements Expression {
        public NumberLiteral {
            if (!(value >= 0) || Double.isInfinite(value) || Double.doubleToRawLongBits(value) != 0 && value == 0) {
                throw new IllegalArgumentException("a number literal is finite and not negative, got " + value);
            }
        }
    }

    /**
     * A text literal in single or double quotes. XPath has no escapes, so a literal cannot hold both quote
     * characters.
     */
    record StringLiteral(String value) implements Expression {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\'') >= 0 && value.indexOf('"') >= 0) {
                throw new IllegalArgumentException("a text literal cannot contain both ' and \": " + value);
            }
        }
    }

    /** A reference {@code ${name}} to a question or calculation; position is that of the {@code $}. */
    record Reference(String name, int position) implements Expression {
        public Reference {
            Names.requireName(name);
        }

        public Reference(String name) {
            this(name, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reference r && r.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** The current answer {@code .} (the value being checked by a constraint). */
    record CurrentAnswer() implements Expression {
    }

    /**
     * A bare name such as {@code cf} in the choice_filter {@code cf = ${q1}}: a column of the choices sheet,
     * looked up through {@link EvaluationContext#valueOf}. Position is that of its first character.
     */
    record ChoiceColumn(String name, int position) implements Expression {
        public ChoiceColumn {
            Names.requireName(name);
        }

        public ChoiceColumn(String name) {
            this(name, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ChoiceColumn c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + 1;
        }
    }

    /** Unary minus. */
    record Negation(Expression operand) implements Expression {
        public Negation {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** A binary operation such as {@code ${a} + 1} or {@code ${b} = 'yes'}. */
    record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** A function call such as {@code selected(${q}, 'a')}; position is that of the function name. */
    record FunctionCall(String name, List<Expression> arguments, int position) implements Expression {
        public FunctionCall {
            Names.requireFunctionName(name);
            arguments = List.copyOf(arguments);
        }

        public FunctionCall(String name, List<Expression> arguments) {
            this(name, arguments, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FunctionCall f && f.name.equals(name) && f.arguments.equals(arguments);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + arguments.hashCode();
        }
    }
}
