package org.barometer.forms.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.i18n.FormText;

/** The functions of the language with their argument counts. */
enum Function {
    NOT("not", 1, 1),
    TRUE("true", 0, 0),
    FALSE("false", 0, 0),
    BOOLEAN("boolean", 1, 1),
    STRING("string", 0, 1),
    NUMBER("number", 0, 1),
    INT("int", 1, 1),
    ROUND("round", 1, 2),
    STRING_LENGTH("string-length", 0, 1),
    CONCAT("concat", 1, Integer.MAX_VALUE),
    CONTAINS("contains", 2, 2),
    STARTS_WITH("starts-with", 2, 2),
    SELECTED("selected", 2, 2),
    COUNT_SELECTED("count-selected", 1, 1),
    SELECTED_AT("selected-at", 2, 2),
    IF("if", 3, 3),
    COALESCE("coalesce", 2, 2),
    REGEX("regex", 2, 2),
    TODAY("today", 0, 0),
    DATE("date", 1, 1),
    FLOOR("floor", 1, 1),
    CEILING("ceiling", 1, 1),
    ABS("abs", 1, 1),
    POW("pow", 2, 2),
    MIN("min", 1, Integer.MAX_VALUE),
    MAX("max", 1, Integer.MAX_VALUE),
    SUBSTR("substr", 2, 3),
    ENDS_WITH("ends-with", 2, 2),
    NORMALIZE_SPACE("normalize-space", 0, 1),
    SUBSTRING_BEFORE("substring-before", 2, 2),
    SUBSTRING_AFTER("substring-after", 2, 2),
    TRANSLATE("translate", 3, 3),
    BOOLEAN_FROM_STRING("boolean-from-string", 1, 1),
    DIGEST("digest", 2, 3),
    BASE64_DECODE("base64-decode", 1, 1),
    UUID("uuid", 0, 1),
    RANDOM("random", 0, 0),
    ONCE("once", 1, 1),
    SQRT("sqrt", 1, 1),
    EXP("exp", 1, 1),
    EXP10("exp10", 1, 1),
    LOG("log", 1, 1),
    LOG10("log10", 1, 1),
    SIN("sin", 1, 1),
    COS("cos", 1, 1),
    TAN("tan", 1, 1),
    ASIN("asin", 1, 1),
    ACOS("acos", 1, 1),
    ATAN("atan", 1, 1),
    ATAN2("atan2", 2, 2),
    PI("pi", 0, 0),
    NOW("now", 0, 0),
    DATE_TIME("date-time", 1, 1),
    DECIMAL_DATE_TIME("decimal-date-time", 1, 1),
    DECIMAL_TIME("decimal-time", 1, 1),
    FORMAT_DATE("format-date", 2, 2),
    FORMAT_DATE_TIME("format-date-time", 2, 2),
    CHECKLIST("checklist", 2, Integer.MAX_VALUE),
    WEIGHTED_CHECKLIST("weighted-checklist", 2, Integer.MAX_VALUE),
    POSITION("position", 0, 0),
    COUNT("count", 1, 1),
    SUM("sum", 1, 1),
    COUNT_NON_EMPTY("count-non-empty", 1, 1),
    JOIN("join", 2, Integer.MAX_VALUE),
    INDEXED_REPEAT("indexed-repeat", 3, Integer.MAX_VALUE),
    PULLDATA("pulldata", 4, 4),
    CHOICE_NAME("jr:choice-name", 2, 2);

    private static final Map<String, Function> BY_NAME;
    private static final List<String> NAMES;

    static {
        Map<String, Function> byName = new HashMap<>();
        for (Function f : values()) {
            byName.put(f.functionName, f);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        NAMES = Arrays.stream(values()).map(f -> f.functionName).sorted().toList();
    }

    final String functionName;
    final int minArguments;
    final int maxArguments;

    Function(String functionName, int minArguments, int maxArguments) {
        this.functionName = functionName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** The function of that name, or null. */
    static Function named(String name) {
        return BY_NAME.get(name);
    }

    /** All function names, sorted, for messages. */
    static List<String> names() {
        return NAMES;
    }

    boolean accepts(int count) {
        if (count < minArguments || count > maxArguments) {
            return false;
        }
        // indexed-repeat(${q}, ${repeat}, i, …) and weighted-checklist(min, max, value, weight, …) come in pairs.
        return switch (this) {
            case INDEXED_REPEAT -> count % 2 == 1;
            case WEIGHTED_CHECKLIST -> count % 2 == 0;
            default -> true;
        };
    }

    /** Whether the function works on every instance of its first argument, a {@code ${name}} (a node-set in XPath). */
    boolean takesInstances() {
        return this == COUNT || this == SUM || this == COUNT_NON_EMPTY || this == INDEXED_REPEAT;
    }

    /** E.g. "count-selected() takes 1 argument, got 2". */
    FormText arityMessage(int got) {
        if (minArguments == maxArguments) {
            return switch (minArguments) {
                case 0 -> FormText.of("expr.arity.none", functionName, got);
                case 1 -> FormText.of("expr.arity.one", functionName, got);
                default -> FormText.of("expr.arity.exactly", functionName, minArguments, got);
            };
        }
        if (maxArguments == Integer.MAX_VALUE && this != INDEXED_REPEAT && this != WEIGHTED_CHECKLIST) {
            return minArguments == 1 ? FormText.of("expr.arity.at_least_one", functionName, got)
                    : FormText.of("expr.arity.at_least", functionName, minArguments, got);
        }
        if (this == INDEXED_REPEAT) {
            return FormText.of("expr.arity.indexed_repeat", functionName, got);
        }
        if (this == WEIGHTED_CHECKLIST) {
            return FormText.of("expr.arity.weighted_checklist", functionName, got);
        }
        return FormText.of(maxArguments == minArguments + 1 ? "expr.arity.either" : "expr.arity.range",
                functionName, minArguments, maxArguments, got);
    }
}
