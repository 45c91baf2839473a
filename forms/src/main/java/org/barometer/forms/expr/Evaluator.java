package org.barometer.forms.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.barometer.forms.i18n.FormText;

/**
 * Evaluates a tree with XPath 1.0 conversions and ODK's treatment of empty answers (see docs/expressions.md for
 * each rule). Stateless apart from a shared cache of compiled regular expressions.
 */
final class Evaluator {
    /**
     * Compiled patterns by source text, shared by all expressions: a form has few distinct patterns, and
     * compiling one costs far more than evaluating the rest of an expression. An empty Optional marks an
     * invalid pattern. The map is cleared if it ever grows large (patterns computed from answers).
     */
    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_PATTERNS = 1024;

    private final EvaluationContext context;
    private final EvaluationBudget budget;
    private final ExpressionPolicy policy;
    /** The position of the reference or call evaluated last, for the place of a spent budget. */
    private int position;
    /** Draws of random() and uuid() so far in this evaluation. */
    private long randomDraws;

    private Evaluator(EvaluationContext context, EvaluationBudget budget) {
        this.context = context;
        this.budget = budget;
        this.policy = budget.policy();
    }

    /** Evaluates one expression as one evaluation of the budget. */
    static Value evaluate(Expression e, EvaluationContext context, EvaluationBudget budget) {
        budget.startEvaluation();
        return new Evaluator(context, budget).value(e);
    }

    private Value value(Expression e) {
        budget.take(1, position);
        return switch (e) {
            case Expression.NumberLiteral n -> Value.of(n.value());
            case Expression.StringLiteral s -> Value.of(s.value());
            case Expression.Reference r -> {
                position = r.position();
                yield orEmpty(context.valueOf(r.name()));
            }
            case Expression.CurrentAnswer c -> orEmpty(context.currentAnswer());
            case Expression.ChoiceColumn c -> {
                position = c.position();
                yield orEmpty(context.valueOf(c.name()));
            }
            case Expression.Negation n -> Value.of(-number(n.operand()));
            case Expression.Binary b -> binary(b);
            case Expression.FunctionCall f -> call(f);
        };
    }

    private static Value orEmpty(Value v) {
        return v == null ? Value.EMPTY : v;
    }

    private double number(Expression e) {
        if (e instanceof Expression.NumberLiteral n) {
            budget.take(1, position); // the step value() would have counted, without boxing the number
            return n.value();
        }
        return value(e).asNumber();
    }

    private boolean truth(Expression e) {
        return value(e).asBoolean();
    }

    private String text(Expression e) {
        return value(e).asString();
    }

    private Value binary(Expression.Binary b) {
        return switch (b.operator()) {
            case OR -> Value.of(truth(b.left()) || truth(b.right()));
            case AND -> Value.of(truth(b.left()) && truth(b.right()));
            case EQ -> Value.of(equal(value(b.left()), value(b.right())));
            case NE -> Value.of(!equal(value(b.left()), value(b.right())));
            // Relational operators compare numbers (XPath 1.0); any comparison with NaN is false.
            case LT -> Value.of(number(b.left()) < number(b.right()));
            case LE -> Value.of(number(b.left()) <= number(b.right()));
            case GT -> Value.of(number(b.left()) > number(b.right()));
            case GE -> Value.of(number(b.left()) >= number(b.right()));
            case ADD -> Value.of(number(b.left()) + number(b.right()));
            case SUB -> Value.of(number(b.left()) - number(b.right()));
            case MUL -> Value.of(number(b.left()) * number(b.right()));
            case DIV -> Value.of(number(b.left()) / number(b.right()));
            // Java's % truncates like XPath's mod: the result has the sign of the dividend.
            case MOD -> Value.of(number(b.left()) % number(b.right()));
        };
    }

    /**
     * XPath 1.0 {@code =}: if either side is a boolean, compare as booleans; else if either is a number or a
     * date, compare as numbers; else compare texts, but as numbers when both texts are numbers ("1.0" = "1").
     */
    static boolean equal(Value a, Value b) {
        if (a instanceof Value.BooleanValue || b instanceof Value.BooleanValue) {
            return a.asBoolean() == b.asBoolean();
        }
        if (a instanceof Value.NumberValue || b instanceof Value.NumberValue
                || a instanceof Value.DateValue || b instanceof Value.DateValue
                || a instanceof Value.DateTimeValue || b instanceof Value.DateTimeValue) {
            return sameNumber(a.asNumber(), b.asNumber());
        }
        String x = a.asString();
        String y = b.asString();
        if (x.equals(y)) {
            return true;
        }
        double nx = Values.strictNumber(x);
        return !Double.isNaN(nx) && sameNumber(nx, Values.strictNumber(y));
    }

    /**
     * Numbers are equal when they differ by less than 1e-12, as in ODK (JavaRosa), so that shares such as
     * {@code 33.3 + 33.3 + 33.4 = 100} hold despite binary rounding. NaN equals nothing.
     */
    static boolean sameNumber(double x, double y) {
        return x == y || Math.abs(x - y) < 1e-12;
    }

    private Value call(Expression.FunctionCall f) {
        position = f.position();
        Function function = Function.named(f.name());
        List<Expression> args = f.arguments();
        if (function == null) {
            throw new ExpressionEvaluationException(f.position(), FormText.of("expr.eval.unknown_function", f.name()));
        }
        if (!function.accepts(args.size())) {
            throw new ExpressionEvaluationException(f.position(), function.arityMessage(args.size()));
        }
        if (!policy.allows(function)) {
            // Parsing under the same policy refuses this already; a tree parsed under another is stopped here.
            throw ExpressionLimitException.notAllowed(f.name(), f.position());
        }
        return switch (function) {
            case NOT -> Value.of(!truth(args.get(0)));
            case TRUE -> Value.TRUE;
            case FALSE -> Value.FALSE;
            case BOOLEAN -> Value.of(truth(args.get(0)));
            case STRING -> Value.of(args.isEmpty() ? orEmpty(context.currentAnswer()).asString()
                    : text(args.get(0)));
            case NUMBER -> Value.of(args.isEmpty() ? orEmpty(context.currentAnswer()).asNumber()
                    : number(args.get(0)));
            case INT -> Value.of(truncate(number(args.get(0))));
            case ROUND -> Value.of(args.size() == 1 ? round(number(args.get(0)))
                    : round(number(args.get(0)), number(args.get(1))));
            case STRING_LENGTH -> Value.of(codePoints(args.isEmpty() ? orEmpty(context.currentAnswer()).asString()
                    : text(args.get(0))));
            case CONCAT -> {
                StringBuilder out = new StringBuilder();
                for (Expression a : args) {
                    out.append(text(a));
                }
                yield Value.of(out.toString());
            }
            case CONTAINS -> Value.of(text(args.get(0)).contains(text(args.get(1))));
            case STARTS_WITH -> Value.of(text(args.get(0)).startsWith(text(args.get(1))));
            case SELECTED -> Value.of(selected(text(args.get(0)), text(args.get(1)).strip()));
            case COUNT_SELECTED -> Value.of(countSelected(text(args.get(0))));
            case SELECTED_AT -> selectedAt(text(args.get(0)), number(args.get(1)));
            case IF -> truth(args.get(0)) ? value(args.get(1)) : value(args.get(2));
            case COALESCE -> {
                Value first = value(args.get(0));
                yield first.isEmpty() ? value(args.get(1)) : first;
            }
            case REGEX -> {
                Pattern pattern = compile(text(args.get(1)));
                String input = text(args.get(0));
                yield Value.of(pattern != null && find(pattern, input, f.position()));
            }
            case TODAY -> Value.of(context.today());
            case DATE -> date(value(args.get(0)));
            case FLOOR -> Value.of(Math.floor(number(args.get(0))));
            case CEILING -> Value.of(Math.ceil(number(args.get(0))));
            case ABS -> Value.of(Math.abs(number(args.get(0))));
            case POW -> Value.of(Math.pow(number(args.get(0)), number(args.get(1))));
            case MIN, MAX -> {
                // NaN (an empty or non-numeric argument) makes the result NaN, as in arithmetic. One ${name} of a
                // question in a repeat stands for all its instances, as a node-set in XPath.
                double result = function == Function.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (Value v : args.size() == 1 ? instances(args.get(0)) : scalars(args)) {
                    double x = v.asNumber();
                    result = function == Function.MIN ? Math.min(result, x) : Math.max(result, x);
                }
                yield Value.of(result);
            }
            case SUBSTR -> Value.of(substring(text(args.get(0)), number(args.get(1)),
                    args.size() == 3 ? number(args.get(2)) : Double.POSITIVE_INFINITY));
            case ENDS_WITH -> Value.of(text(args.get(0)).endsWith(text(args.get(1))));
            case NORMALIZE_SPACE -> Value.of(normalizeSpace(args.isEmpty()
                    ? orEmpty(context.currentAnswer()).asString() : text(args.get(0))));
            case SUBSTRING_BEFORE -> Value.of(Functions.substringBefore(text(args.get(0)), text(args.get(1))));
            case SUBSTRING_AFTER -> Value.of(Functions.substringAfter(text(args.get(0)), text(args.get(1))));
            case TRANSLATE -> Value.of(Functions.translate(text(args.get(0)), text(args.get(1)), text(args.get(2))));
            case BOOLEAN_FROM_STRING -> {
                String t = text(args.get(0)).strip();
                yield Value.of(t.equalsIgnoreCase("true") || t.equals("1"));
            }
            case DIGEST -> Value.of(Functions.digest(text(args.get(0)), text(args.get(1)),
                    args.size() == 3 ? text(args.get(2)) : "base64"));
            case BASE64_DECODE -> Value.of(Functions.base64Decode(text(args.get(0))));
            case UUID -> Value.of(args.isEmpty() ? Functions.uuid(nextRandom(), nextRandom())
                    : Functions.randomText(number(args.get(0)), this::nextRandom));
            case RANDOM -> Value.of((nextRandom() >>> 11) * 0x1.0p-53);
            case ONCE -> value(args.get(0));
            case SQRT -> Value.of(Math.sqrt(number(args.get(0))));
            case EXP -> Value.of(Math.exp(number(args.get(0))));
            case EXP10 -> Value.of(Math.pow(10, number(args.get(0))));
            case LOG -> Value.of(Math.log(number(args.get(0))));
            case LOG10 -> Value.of(Math.log10(number(args.get(0))));
            case SIN -> Value.of(Math.sin(number(args.get(0))));
            case COS -> Value.of(Math.cos(number(args.get(0))));
            case TAN -> Value.of(Math.tan(number(args.get(0))));
            case ASIN -> Value.of(Math.asin(number(args.get(0))));
            case ACOS -> Value.of(Math.acos(number(args.get(0))));
            case ATAN -> Value.of(Math.atan(number(args.get(0))));
            case ATAN2 -> Value.of(Math.atan2(number(args.get(0)), number(args.get(1))));
            case PI -> Value.of(Math.PI);
            case NOW -> Value.of(context.now());
            case DATE_TIME -> Functions.dateTime(value(args.get(0)));
            case DECIMAL_DATE_TIME -> {
                Value dt = Functions.dateTime(value(args.get(0)));
                yield Value.of(dt.isEmpty() ? Double.NaN : dt.asNumber());
            }
            case DECIMAL_TIME -> Value.of(Functions.decimalTime(value(args.get(0))));
            case FORMAT_DATE -> Value.of(Functions.format(date(value(args.get(0))), text(args.get(1))));
            case FORMAT_DATE_TIME -> Value.of(Functions.format(Functions.dateTime(value(args.get(0))),
                    text(args.get(1))));
            case CHECKLIST -> {
                int trues = 0;
                for (Value v : scalarsOrInstances(args.subList(2, args.size()))) {
                    trues += v.asBoolean() ? 1 : 0;
                }
                yield Value.of(Functions.within(trues, number(args.get(0)), number(args.get(1))));
            }
            case WEIGHTED_CHECKLIST -> {
                double sum = 0;
                for (int i = 2; i + 1 < args.size(); i += 2) {
                    if (truth(args.get(i))) {
                        sum += number(args.get(i + 1));
                    }
                }
                yield Value.of(Functions.within(sum, number(args.get(0)), number(args.get(1))));
            }
            case POSITION -> Value.of(context.position());
            case COUNT -> Value.of(instances(args.get(0)).size());
            case SUM -> {
                double sum = 0;
                for (Value v : instances(args.get(0))) {
                    sum += v.asNumber();
                }
                yield Value.of(sum);
            }
            case COUNT_NON_EMPTY -> {
                int n = 0;
                for (Value v : instances(args.get(0))) {
                    n += v.isEmpty() ? 0 : 1;
                }
                yield Value.of(n);
            }
            case JOIN -> {
                String separator = text(args.get(0));
                List<Value> parts = args.size() == 2 ? instances(args.get(1)) : scalars(args.subList(1, args.size()));
                StringBuilder out = new StringBuilder();
                for (Value v : parts) {
                    if (!out.isEmpty() && !v.isEmpty()) {
                        out.append(separator);
                    }
                    out.append(v.asString());
                }
                yield Value.of(out.toString());
            }
            case INDEXED_REPEAT -> indexedRepeat(args);
            case PULLDATA -> orEmpty(context.pulldata(text(args.get(0)), text(args.get(1)), text(args.get(2)),
                    text(args.get(3))));
            case CHOICE_NAME -> {
                String choice = text(args.get(0));
                yield choice.isEmpty() ? Value.EMPTY
                        : Value.of(context.choiceLabel(Functions.questionName(text(args.get(1))), choice));
            }
        };
    }

    /** The values of every instance of a {@code ${name}} argument; any other argument is its one value. */
    private List<Value> instances(Expression e) {
        if (e instanceof Expression.Reference r) {
            position = r.position();
            List<Value> values = context.valuesOf(r.name());
            budget.take(Math.max(1, values.size()), position);
            return values;
        }
        return List.of(value(e));
    }

    private List<Value> scalars(List<Expression> args) {
        List<Value> out = new java.util.ArrayList<>(args.size());
        for (Expression a : args) {
            out.add(value(a));
        }
        return out;
    }

    private List<Value> scalarsOrInstances(List<Expression> args) {
        List<Value> out = new java.util.ArrayList<>(args.size());
        for (Expression a : args) {
            out.addAll(instances(a));
        }
        return out;
    }

    /** indexed-repeat(${q}, ${repeat1}, i1, ${repeat2}, i2, …): q in instance i1 of repeat1 (and so on). */
    private Value indexedRepeat(List<Expression> args) {
        if (!(args.get(0) instanceof Expression.Reference question)) {
            return Value.EMPTY;
        }
        Map<String, Integer> instanceOf = new java.util.LinkedHashMap<>();
        for (int i = 1; i + 1 < args.size(); i += 2) {
            double index = number(args.get(i + 1));
            if (!(args.get(i) instanceof Expression.Reference repeat) || !(index >= 1) || index > Integer.MAX_VALUE) {
                return Value.EMPTY;
            }
            instanceOf.put(repeat.name(), (int) index);
        }
        position = question.position();
        return orEmpty(context.valueAt(question.name(), instanceOf));
    }

    /**
     * The next number of this evaluation's stream for {@code random()} and {@code uuid()}: the context's seed
     * mixed with the count of draws so far (SplitMix64's finaliser), so that an answer worked out again draws the
     * same numbers.
     */
    private long nextRandom() {
        randomDraws++;
        return Functions.mix(context.seed() + randomDraws * 0x9E3779B97F4A7C15L);
    }

    /**
     * Whether the pattern is found in the input, reading at most the policy's {@link ExpressionPolicy#maxRegexSteps()}
     * characters. Java's matcher backtracks, so a pattern such as {@code ^(.*a){7}$} can take time that grows as a
     * high power of the input's length; counting the characters it reads stops it after a fixed amount of work,
     * whatever the machine's speed. Some patterns ({@code (a|b)*}) also recurse once per character matched; a
     * stack overflow inside the matcher is the same kind of refusal (the matcher is discarded, nothing else is
     * left half-done).
     */
    private boolean find(Pattern pattern, String input, int at) {
        long limit = policy.maxRegexSteps();
        try {
            return pattern.matcher(new CountedText(input, limit, at)).find();
        } catch (StackOverflowError e) {
            throw new ExpressionLimitException(ExpressionRefusal.REGEX_STEPS, limit, at);
        }
    }

    private static double truncate(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? x : (x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    /** XPath 1.0 round(): to the nearest integer, halves towards positive infinity (round(-2.5) = -2). */
    static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) >= 0x1p52) {
            return x;
        }
        double floor = Math.floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor; // x - floor is exact below 2^52

    }

    /** ODK round(x, digits): halves away from zero, on the decimal digits as written (2.675 → 2.68). */
    static double round(double x, double digits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || Double.isNaN(digits)) {
            return Double.isNaN(digits) ? Double.NaN : x;
        }
        int scale = (int) Math.max(-400, Math.min(400, truncate(digits)));
        return new BigDecimal(Double.toString(x)).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * ODK substr(): characters (code points) from the 0-based {@code start} up to but not including {@code end};
     * indices are truncated and clamped to the text, a NaN index gives the empty text.
     */
    static String substring(String s, double start, double end) {
        if (Double.isNaN(start) || Double.isNaN(end)) {
            return "";
        }
        int length = codePoints(s);
        int from = (int) Math.max(0, Math.min(length, truncate(start)));
        int to = (int) Math.max(from, Math.min(length, truncate(end)));
        return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
    }

    /** XPath normalize-space(): leading and trailing whitespace removed, inner runs collapsed to one space. */
    static String normalizeSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Values.isXPathSpace(c)) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Whether the space-separated list contains the choice, without splitting into an array. */
    static boolean selected(String list, String choice) {
        if (choice.isEmpty()) {
            return false;
        }
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && Values.isXPathSpace(list.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Values.isXPathSpace(list.charAt(i))) {
                i++;
            }
            if (i - start == choice.length() && list.startsWith(choice, start)) {
                return true;
            }
        }
        return false;
    }

    static int countSelected(String list) {
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < list.length(); i++) {
            boolean space = Values.isXPathSpace(list.charAt(i));
            if (!space && !inToken) {
                count++;
            }
            inToken = !space;
        }
        return count;
    }

    /** The choice at a 0-based index, or empty when the index is outside the list or not a number. */
    static Value selectedAt(String list, double index) {
        if (Double.isNaN(index) || index < 0 || index >= Integer.MAX_VALUE) {
            return Value.EMPTY;
        }
        int wanted = (int) index;
        int n = list.length();
        int i = 0;
        int k = 0;
        while (i < n) {
            while (i < n && Values.isXPathSpace(list.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !Values.isXPathSpace(list.charAt(i))) {
                i++;
            }
            if (k++ == wanted) {
                return Value.of(list.substring(start, i));
            }
        }
        return Value.EMPTY;
    }

    static Value date(Value v) {
        return switch (v) {
            case Value.DateValue d -> d;
            case Value.DateTimeValue dt -> Value.of(dt.dateTime().toLocalDate());
            case Value.NumberValue n -> Double.isNaN(n.number()) || Double.isInfinite(n.number())
                    || Math.abs(n.number()) > 1e8 ? Value.EMPTY
                    : Value.of(LocalDate.ofEpochDay((long) Math.floor(n.number())));
            default -> {
                String text = v.asString().strip();
                LocalDate d = Values.textToDate(text);
                if (d == null) {
                    java.time.LocalDateTime dt = Values.textToDateTime(text);
                    d = dt == null ? null : dt.toLocalDate();
                }
                yield d == null ? Value.EMPTY : Value.of(d);
            }
        };
    }

    /** The compiled pattern, or null when the text is not a valid Java regular expression. */
    static Pattern compile(String regex) {
        Optional<Pattern> cached = PATTERNS.get(regex);
        if (cached == null) {
            if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
                PATTERNS.clear();
            }
            cached = tryCompile(regex);
            PATTERNS.put(regex, cached);
        }
        return cached.orElse(null);
    }

    private static Optional<Pattern> tryCompile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
