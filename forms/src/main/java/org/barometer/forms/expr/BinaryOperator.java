package org.barometer.forms.expr;

/**
 * The binary operators, with XPath 1.0 precedence (higher binds tighter); all are left-associative:
 * {@code or} &lt; {@code and} &lt; {@code = !=} &lt; {@code < <= > >=} &lt; {@code + -} &lt; {@code * div mod}.
 */
public enum BinaryOperator {
    OR("or", 1),
    AND("and", 2),
    EQ("=", 3),
    NE("!=", 3),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    ADD("+", 5),
    SUB("-", 5),
    MUL("*", 6),
    DIV("div", 6),
    MOD("mod", 6);

    private final String symbol;
    private final int precedence;

    BinaryOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator as written in source, e.g. {@code "<="} or {@code "div"}. */
    public String symbol() {
        return symbol;
    }

    /** Binding strength: 1 for {@code or} up to 6 for {@code * div mod}. */
    public int precedence() {
        return precedence;
    }
}
