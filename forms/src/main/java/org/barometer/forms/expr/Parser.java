package org.barometer.forms.expr;

import java.util.ArrayList;
import java.util.List;
import org.barometer.forms.i18n.FormText;

/**
 * Lexer and recursive-descent parser for the expression language. Every malformed input ends in an
 * {@link ExpressionSyntaxException} with a position in [0, source length]; a text longer than the policy's
 * {@link ExpressionPolicy#maxLength()} is refused before it is read, nesting deeper than its
 * {@link ExpressionPolicy#maxDepth()} is refused before the parser recurses further (so the stack never holds more
 * than a few frames per level), and a function the policy does not allow is refused at its name.
 *
 * <p>As in XPath 1.0, the names {@code and or div mod} are operators only where an operator is expected; where
 * an operand is expected they are ordinary names.
 */
final class Parser {

    private enum Kind {
        NUMBER, STRING, REFERENCE, NAME, DOT, PARENT, LPAREN, RPAREN, COMMA, OPERATOR, END
    }

    /** One token; {@code text} is the number text, string content, name, or operator symbol. */
    private record Token(Kind kind, String text, int start) {
    }

    /** A parsed subtree with its depth, so that long operator chains are bounded as well as parentheses. */
    private record Node(Expression expression, int depth) {
    }

    private final List<Token> tokens;
    private final ExpressionPolicy policy;
    private final int maxDepth;
    private int next;
    private int nesting;

    private Parser(String source, ExpressionPolicy policy) throws ExpressionSyntaxException {
        this.policy = policy;
        this.maxDepth = policy.maxDepth();
        this.tokens = tokenize(source);
    }

    static Expression parse(String source, ExpressionPolicy policy) throws ExpressionSyntaxException {
        if (source == null) {
            throw syntax(0, FormText.of("expr.syntax.null"));
        }
        if (source.length() > policy.maxLength()) {
            throw new ExpressionSyntaxException(policy.maxLength(), ExpressionRefusal.TOO_LONG,
                    FormText.of("expr.syntax.too_long", policy.maxLength(), source.length()));
        }
        Parser parser = new Parser(source, policy);
        Node node = parser.expression();
        Token end = parser.peek();
        if (end.kind != Kind.END) {
            throw syntax(end.start, FormText.of("expr.syntax.expected_end", describe(end)));
        }
        return node.expression;
    }

    // ---------------------------------------------------------------- lexer

    private static List<Token> tokenize(String s) throws ExpressionSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Values.isXPathSpace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
                // "..", the parent node: understood only as the argument of position(..)
                out.add(new Token(Kind.PARENT, "..", start));
                i += 2;
            } else if (Values.isDigit(c) || c == '.' && i + 1 < n && Values.isDigit(s.charAt(i + 1))) {
                while (i < n && Values.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && Values.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) {
                    throw syntax(start, FormText.of("expr.syntax.unterminated_text", String.valueOf(c)));
                }
                out.add(new Token(Kind.STRING, s.substring(i + 1, close), start));
                i = close + 1;
            } else if (c == '$') {
                if (i + 1 >= n || s.charAt(i + 1) != '{') {
                    throw syntax(start, FormText.of("expr.syntax.dollar"));
                }
                int close = s.indexOf('}', i + 2);
                if (close < 0) {
                    throw syntax(start, FormText.of("expr.syntax.unclosed_reference"));
                }
                String name = s.substring(i + 2, close);
                if (!Names.isName(name)) {
                    throw syntax(i + 2, FormText.of("expr.syntax.reference_name", name));
                }
                out.add(new Token(Kind.REFERENCE, name, start));
                i = close + 1;
            } else if (Names.isNameStart(c)) {
                while (i < n && Names.isNamePart(s.charAt(i))) {
                    i++;
                }
                // A prefixed function name such as jr:choice-name (one prefix; "::" is no prefix).
                if (i + 1 < n && s.charAt(i) == ':' && Names.isNameStart(s.charAt(i + 1))) {
                    i++;
                    while (i < n && Names.isNamePart(s.charAt(i))) {
                        i++;
                    }
                }
                out.add(new Token(Kind.NAME, s.substring(start, i), start));
            } else {
                i++;
                switch (c) {
                    case '.' -> out.add(new Token(Kind.DOT, ".", start));
                    case '(' -> out.add(new Token(Kind.LPAREN, "(", start));
                    case ')' -> out.add(new Token(Kind.RPAREN, ")", start));
                    case ',' -> out.add(new Token(Kind.COMMA, ",", start));
                    case '+', '-', '*', '=' -> out.add(new Token(Kind.OPERATOR, String.valueOf(c), start));
                    case '<', '>' -> {
                        if (i < n && s.charAt(i) == '=') {
                            i++;
                            out.add(new Token(Kind.OPERATOR, c + "=", start));
                        } else {
                            out.add(new Token(Kind.OPERATOR, String.valueOf(c), start));
                        }
                    }
                    case '!' -> {
                        if (i < n && s.charAt(i) == '=') {
                            i++;
                            out.add(new Token(Kind.OPERATOR, "!=", start));
                        } else {
                            throw syntax(start, FormText.of("expr.syntax.bang"));
                        }
                    }
                    case '/' -> throw syntax(start, FormText.of("expr.syntax.path"));
                    default -> throw syntax(start, FormText.of("expr.syntax.character", describeChar(s, start)));
                }
            }
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }

    private static String describeChar(String s, int at) {
        int cp = s.codePointAt(at);
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    // ---------------------------------------------------------------- parser

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        return tokens.get(next++);
    }

    private Node expression() throws ExpressionSyntaxException {
        return binary(1);
    }

    /**
     * Precedence climbing: parses operands joined by operators of at least the given precedence (1 = or ...
     * 6 = multiplicative), left-associatively. One loop for all levels keeps the stack shallow: each level of
     * parentheses costs three frames.
     */
    private Node binary(int minPrecedence) throws ExpressionSyntaxException {
        Node left = unary();
        while (true) {
            BinaryOperator op = operatorAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return left;
            }
            Token opToken = advance();
            Node right = binary(op.precedence() + 1);
            int depth = Math.max(left.depth, right.depth) + 1;
            if (depth > maxDepth) {
                throw tooDeep(opToken.start);
            }
            left = new Node(new Expression.Binary(op, left.expression, right.expression), depth);
        }
    }

    /** The operator a token stands for in operator position, or null. */
    private static BinaryOperator operatorAt(Token t) {
        if (t.kind == Kind.OPERATOR) {
            return switch (t.text) {
                case "+" -> BinaryOperator.ADD;
                case "-" -> BinaryOperator.SUB;
                case "*" -> BinaryOperator.MUL;
                case "=" -> BinaryOperator.EQ;
                case "!=" -> BinaryOperator.NE;
                case "<" -> BinaryOperator.LT;
                case "<=" -> BinaryOperator.LE;
                case ">" -> BinaryOperator.GT;
                case ">=" -> BinaryOperator.GE;
                default -> null;
            };
        }
        if (t.kind == Kind.NAME) {
            return switch (t.text) {
                case "and" -> BinaryOperator.AND;
                case "or" -> BinaryOperator.OR;
                case "div" -> BinaryOperator.DIV;
                case "mod" -> BinaryOperator.MOD;
                default -> null;
            };
        }
        return null;
    }

    /** Minus signs are counted in a loop, not by recursion, so that "- - - 1" costs no stack. */
    private Node unary() throws ExpressionSyntaxException {
        int first = next;
        while (peek().kind == Kind.OPERATOR && peek().text.equals("-")) {
            advance();
        }
        int signs = next - first;
        if (signs == 0) {
            return primary();
        }
        Node operand = primary();
        if (operand.depth + signs > maxDepth) {
            throw tooDeep(tokens.get(first).start);
        }
        Expression e = operand.expression;
        for (int i = 0; i < signs; i++) {
            e = new Expression.Negation(e);
        }
        return new Node(e, operand.depth + signs);
    }

    private Node primary() throws ExpressionSyntaxException {
        Token t = advance();
        switch (t.kind) {
            case NUMBER -> {
                double value = Double.parseDouble(t.text);
                if (Double.isInfinite(value)) {
                    throw syntax(t.start, FormText.of("expr.syntax.number_too_large", abbreviate(t.text)));
                }
                return new Node(new Expression.NumberLiteral(value), 1);
            }
            case STRING -> {
                return new Node(new Expression.StringLiteral(t.text), 1);
            }
            case REFERENCE -> {
                return new Node(new Expression.Reference(t.text, t.start), 1);
            }
            case DOT -> {
                return new Node(new Expression.CurrentAnswer(), 1);
            }
            case LPAREN -> {
                enter(t.start);
                Node inner = expression();
                expect(Kind.RPAREN, "expr.syntax.expected_close", t.start);
                nesting--;
                return inner;
            }
            case NAME -> {
                if (peek().kind != Kind.LPAREN) {
                    if (t.text.indexOf(':') >= 0) {
                        throw syntax(t.start, FormText.of("expr.syntax.prefixed_name", t.text));
                    }
                    return new Node(new Expression.ChoiceColumn(t.text, t.start), 1);
                }
                if (!policy.parses(t.text)) {
                    throw new ExpressionSyntaxException(t.start, ExpressionRefusal.FUNCTION_NOT_ALLOWED,
                            FormText.of("expr.syntax.function_not_allowed", t.text,
                                    String.join(", ", policy.allowedFunctions())));
                }
                if (t.text.equals("position") && tokens.get(next + 1).kind == Kind.PARENT) {
                    // position(..): the index of the current repeat instance, a call without arguments here
                    advance();
                    advance();
                    expect(Kind.RPAREN, "expr.syntax.expected_arguments", t.text);
                    return new Node(new Expression.FunctionCall(t.text, List.of(), t.start), 1);
                }
                Token open = advance();
                enter(open.start);
                List<Expression> arguments = new ArrayList<>();
                int depth = 0;
                if (peek().kind != Kind.RPAREN) {
                    while (true) {
                        Node argument = expression();
                        arguments.add(argument.expression);
                        depth = Math.max(depth, argument.depth);
                        if (peek().kind != Kind.COMMA) {
                            break;
                        }
                        advance();
                    }
                }
                expect(Kind.RPAREN, "expr.syntax.expected_arguments", t.text);
                nesting--;
                if (depth + 1 > maxDepth) {
                    throw tooDeep(t.start);
                }
                return new Node(new Expression.FunctionCall(t.text, arguments, t.start), depth + 1);
            }
            case PARENT -> throw syntax(t.start, FormText.of("expr.syntax.parent"));
            default -> throw syntax(t.start, FormText.of("expr.syntax.expected_value", describe(t)));
        }
    }

    /**
     * Counts the parentheses and argument lists that are open, so that input such as a thousand '(' is
     * rejected before it exhausts the stack. Printing never needs more: every parenthesis it writes belongs to
     * an operator node, and every argument list to a function node.
     */
    private void enter(int position) throws ExpressionSyntaxException {
        if (++nesting > maxDepth) {
            throw new ExpressionSyntaxException(position, ExpressionRefusal.TOO_DEEP,
                    FormText.of("expr.syntax.too_deep_open", maxDepth));
        }
    }



    /** Takes a token of the kind, or refuses with the key, given its first argument and the token found. */
    private void expect(Kind kind, String key, Object what) throws ExpressionSyntaxException {
        Token t = peek();
        if (t.kind != kind) {
            throw syntax(t.start, FormText.of(key, what, describe(t)));
        }
        advance();
    }

    private static ExpressionSyntaxException syntax(int position, FormText text) {
        return new ExpressionSyntaxException(position, ExpressionRefusal.SYNTAX, text);
    }

    private ExpressionSyntaxException tooDeep(int position) {
        return new ExpressionSyntaxException(position, ExpressionRefusal.TOO_DEEP,
                FormText.of("expr.syntax.too_deep", maxDepth));
    }

    private static FormText describe(Token t) {
        return switch (t.kind) {
            case END -> FormText.of("expr.token.end");
            case STRING -> FormText.of("expr.token.text", abbreviate(t.text));
            case REFERENCE -> FormText.of("expr.token.reference", t.text);
            case NUMBER -> FormText.of("expr.token.number", t.text);
            case NAME -> FormText.of("expr.token.name", t.text);
            default -> FormText.of("expr.token.symbol", t.text);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
