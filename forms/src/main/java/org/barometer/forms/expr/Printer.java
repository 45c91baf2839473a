package org.barometer.forms.expr;

import java.util.List;

/**
 * Prints a tree as canonical source: single spaces around binary operators, ", " between arguments, and only
 * the parentheses that precedence and left-associativity require, so that parsing the text gives the same tree.
 */
final class Printer {
    private Printer() {
    }

    static String print(Expression e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    private static void print(Expression e, StringBuilder out) {
        switch (e) {
            case Expression.NumberLiteral n -> out.append(Values.numberToText(n.value()));
            case Expression.StringLiteral s -> {
                char quote = s.value().indexOf('\'') >= 0 ? '"' : '\'';
                out.append(quote).append(s.value()).append(quote);
            }
            case Expression.Reference r -> out.append("${").append(r.name()).append('}');
            case Expression.CurrentAnswer c -> out.append('.');
            case Expression.ChoiceColumn c -> out.append(c.name());
            case Expression.Negation n -> {
                out.append('-');
                printWrapped(n.operand(), n.operand() instanceof Expression.Binary, out);
            }
            case Expression.Binary b -> {
                int p = b.operator().precedence();
                printWrapped(b.left(), precedence(b.left()) < p, out);
                out.append(' ').append(b.operator().symbol()).append(' ');
                // Operators are left-associative: an equal-precedence right operand needs parentheses.
                printWrapped(b.right(), precedence(b.right()) <= p, out);
            }
            case Expression.FunctionCall f when f.name().equals("position") && f.arguments().isEmpty() ->
                    out.append("position(..)");
            case Expression.FunctionCall f -> {
                out.append(f.name()).append('(');
                List<Expression> arguments = f.arguments();
                for (int i = 0; i < arguments.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    print(arguments.get(i), out);
                }
                out.append(')');
            }
        }
    }

    private static int precedence(Expression e) {
        return e instanceof Expression.Binary b ? b.operator().precedence() : Integer.MAX_VALUE;
    }

    private static void printWrapped(Expression e, boolean parentheses, StringBuilder out) {
        if (parentheses) {
            out.append('(');
            print(e, out);
            out.append(')');
        } else {
            print(e, out);
        }
    }
}
