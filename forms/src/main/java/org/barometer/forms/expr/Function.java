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
    NORMALIZE_SPACE("normalize-space", 0, 1);

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
        return count >= minArguments && count <= maxArguments;
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
        if (maxArguments == Integer.MAX_VALUE) {
            return minArguments == 1 ? FormText.of("expr.arity.at_least_one", functionName, got)
                    : FormText.of("expr.arity.at_least", functionName, minArguments, got);
        }
        return FormText.of(maxArguments == minArguments + 1 ? "expr.arity.either" : "expr.arity.range",
                functionName, minArguments, maxArguments, got);
    }
}
