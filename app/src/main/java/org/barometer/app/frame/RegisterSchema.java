package org.barometer.app.frame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.barometer.app.text.LocalizedText;

/**
 * The register an office brings for one edition: beside the columns every frame has (workplace id, name, the
 * manager's name and e-mail, language), the variables it declares, each with its type, its label in Danish and
 * English and — for a category — its categories with labels; those marked {@code stratify} are what a sample may
 * be stratified by. Declared variables are kept with each workplace and reach the analysis as frame values (usable
 * in derived variables, weighting margins and breakdowns). An edition without a declaration uses the built-in
 * register of public workplaces ({@link FrameSchema}).
 *
 * <pre>{"variables": [{"name": "municipality_type", "type": "category", "label": {"da": …, "en": …},
 *   "categories": [{"code": "city", "label": {"da": …, "en": …}}, …], "stratify": true},
 *  {"name": "staff", "type": "integer", "min": 0, "label": {…}, "required": false}]}</pre>
 *
 * @param variables the declared variables, in the order of the declaration
 */
public record RegisterSchema(List<Variable> variables) {

    /** The longest declaration accepted, in characters. */
    public static final int MAX_CHARS = 200_000;
    /** The most variables a register may declare. */
    public static final int MAX_VARIABLES = 100;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public RegisterSchema {
        variables = List.copyOf(variables);
    }

    /** What a declared variable holds. */
    public enum Type { CATEGORY, INTEGER, TEXT }

    /** One category of a category variable: its code in the file and its label. */
    public record Category(String code, LocalizedText label) {}

    /**
     * A declared variable.
     *
     * @param min      the smallest allowed value of an integer, or null
     * @param max      the largest allowed value of an integer, or null
     * @param required whether every workplace must have a value (true unless declared otherwise)
     */
    public record Variable(String name, Type type, LocalizedText label, List<Category> categories, boolean stratify,
                           Long min, Long max, boolean required) {
        public Variable {
            categories = List.copyOf(categories);
        }

        public List<String> codes() {
            return categories.stream().map(Category::code).toList();
        }
    }

    /** A declaration that cannot be used, with every problem found in it (each a place and a text key). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<FrameProblem> problems;

        Invalid(List<FrameProblem> problems) {
            super(problems.toString(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<FrameProblem> problems() {
            return problems;
        }
    }

    /** Whether a name is one a declared variable may have (and so safe to name in SQL as a JSON key). */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The variables a sample of this register may be stratified by. */
    public List<String> stratifiers() {
        return variables.stream().filter(Variable::stratify).map(Variable::name).toList();
    }

    public List<String> names() {
        return variables.stream().map(Variable::name).toList();
    }

    public java.util.Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The frame's own columns every register has, which no declared variable may be named. */
    static final List<String> BASE_COLUMNS = List.of(FrameSchema.WORKPLACE_ID, FrameSchema.NAME,
            FrameSchema.MANAGER_NAME, FrameSchema.MANAGER_EMAIL, FrameSchema.LANGUAGE);

    /** Reads a declaration; every problem is reported with its place ({@code variables[2].categories}). */
    public static RegisterSchema parse(String json) throws Invalid {
        List<FrameProblem> problems = new ArrayList<>();
        if (json == null || json.isBlank()) {
            throw new Invalid(List.of(problem("", "register.problem.empty")));
        }
        if (json.length() > MAX_CHARS) {
            throw new Invalid(List.of(problem("", "register.problem.tooLong", MAX_CHARS)));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(List.of(problem("", "register.problem.json", firstLine(e.getOriginalMessage()))));
        }
        JsonNode list = root == null ? null : root.get("variables");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new Invalid(List.of(problem("variables", "register.problem.noVariables")));
        }
        if (list.size() > MAX_VARIABLES) {
            throw new Invalid(List.of(problem("variables", "register.problem.tooMany", MAX_VARIABLES)));
        }
        List<Variable> variables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String place = "variables[" + i + "]";
            JsonNode v = list.get(i);
            String name = v.path("name").asText("");
            if (!isName(name)) {
                problems.add(problem(place + ".name", "register.problem.name", name));
                continue;
            }
            if (BASE_COLUMNS.contains(name)) {
                problems.add(problem(place + ".name", "register.problem.baseColumn", name));
                continue;
            }
            if (!names.add(name)) {
                problems.add(problem(place + ".name", "register.problem.repeated", name));
                continue;
            }
            Type type;
            try {
                type = Type.valueOf(v.path("type").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(problem(place + ".type", "register.problem.type", v.path("type").asText("")));
                continue;
            }
            LocalizedText label = label(v.get("label"), place + ".label", problems);
            List<Category> categories = new ArrayList<>();
            if (type == Type.CATEGORY) {
                JsonNode cs = v.get("categories");
                if (cs == null || !cs.isArray() || cs.isEmpty()) {
                    problems.add(problem(place + ".categories", "register.problem.noCategories"));
                } else {
                    Set<String> codes = new HashSet<>();
                    for (int k = 0; k < cs.size(); k++) {
                        String cPlace = place + ".categories[" + k + "]";
                        String code = cs.get(k).path("code").asText("").strip();
                        if (code.isEmpty() || code.length() > FrameSchema.MAX_ID_LENGTH) {
                            problems.add(problem(cPlace + ".code", "register.problem.code", code));
                        } else if (!codes.add(code.toLowerCase(Locale.ROOT))) {
                            problems.add(problem(cPlace + ".code", "register.problem.repeatedCode", code));
                        } else {
                            LocalizedText cl = label(cs.get(k).get("label"), cPlace + ".label", problems);
                            categories.add(new Category(code, cl));
                        }
                    }
                }
            }
            boolean stratify = v.path("stratify").asBoolean(false);
            if (stratify && type != Type.CATEGORY) {
                problems.add(problem(place + ".stratify", "register.problem.stratifyCategory", name));
            }
            Long min = v.hasNonNull("min") ? v.get("min").asLong() : null;
            Long max = v.hasNonNull("max") ? v.get("max").asLong() : null;
            if ((min != null || max != null) && type != Type.INTEGER) {
                problems.add(problem(place + ".min", "register.problem.bounds", name));
            } else if (min != null && max != null && min > max) {
                problems.add(problem(place + ".max", "register.problem.bounds", name));
            }
            boolean required = v.path("required").asBoolean(true);
            if (stratify && !required) {
                problems.add(problem(place + ".required", "register.problem.stratifyRequired", name));
            }
            variables.add(new Variable(name, type, label, categories, stratify, min, max, required));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new RegisterSchema(variables);
    }

    /**
     * The value of a declared variable as stored, or a problem: a category's code as declared (matched without
     * regard to case), an integer within its bounds, a text within {@link FrameSchema#MAX_TEXT_LENGTH}; an empty
     * value where one is required.
     */
    FrameProblem check(int row, Variable v, String raw, List<String> kept) {
        String value = raw.strip();
        if (value.isEmpty()) {
            kept.add(null);
            return v.required() ? new FrameProblem(row, v.name(), value, "frame.problem.missing") : null;
        }
        switch (v.type()) {
            case CATEGORY -> {
                for (String code : v.codes()) {
                    if (code.equalsIgnoreCase(value)) {
                        kept.add(code);
                        return null;
                    }
                }
                return new FrameProblem(row, v.name(), value, "frame.problem.unknownCategory", String.join(", ", v.codes()));
            }
            case INTEGER -> {
                long n;
                try {
                    n = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new FrameProblem(row, v.name(), value, "frame.problem.notWholeNumber");
                }
                if ((v.min() != null && n < v.min()) || (v.max() != null && n > v.max())) {
                    return new FrameProblem(row, v.name(), value, "frame.problem.outOfRange",
                            v.min() == null ? "" : v.min(), v.max() == null ? "" : v.max());
                }
                kept.add(Long.toString(n));
                return null;
            }
            default -> {
                if (value.length() > FrameSchema.MAX_TEXT_LENGTH) {
                    return new FrameProblem(row, v.name(), value, "frame.problem.tooLong", FrameSchema.MAX_TEXT_LENGTH);
                }
                kept.add(value);
                return null;
            }
        }
    }

    private static LocalizedText label(JsonNode node, String place, List<FrameProblem> problems) {
        String da = node == null ? "" : node.path("da").asText("").strip();
        String en = node == null ? "" : node.path("en").asText("").strip();
        if (da.isEmpty() || en.isEmpty()) {
            problems.add(problem(place, "register.problem.label"));
            return new LocalizedText(da, en);
        }
        return new LocalizedText(da, en);
    }

    private static FrameProblem problem(String place, String key, Object... args) {
        return new FrameProblem(0, place, "", key, args);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
