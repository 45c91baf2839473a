package org.barometer.forms.engine;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.forms.data.ExternalData;
import org.barometer.forms.expr.EvaluationContext;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionLimitException;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.expr.Value;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Metadata;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Repeat;
import org.barometer.forms.model.Text;

/**
 * The answer engine: pure functions over (form, answers so far, language). It decides which questions are
 * relevant, what a page shows, which page comes next or before, which answers break a rule (with the message in
 * the respondent's language), what the calculations give, and which answers are cleared because they became
 * irrelevant.
 *
 * <p>Answers are texts keyed as {@link AnswerKeys} says: by question name, with the instance for a question in a
 * repeat ({@code site_size[2]}); a select_multiple or rank answer is its choice names separated by spaces. An
 * absent or empty answer is unanswered. The engine parses every expression once; an instance is immutable and
 * safe to share between threads.
 *
 * <p><b>Clearing rule.</b> ODK clears the values of non-relevant questions when the form is submitted. Barometer
 * clears them earlier, when the page whose answers make them irrelevant is saved, and reports which were cleared
 * (see {@link #savePage}), so that a respondent who goes back and changes a filter answer sees at once that the
 * answers that depended on it are gone, and no saved response ever holds an answer to a question it skipped (or
 * to an instance of a repeat that no longer exists).
 */
public final class AnswerEngine {
    /** The most instances a repeat has; a count expression giving more is cut to it. */
    public static final int MAX_INSTANCES = 100;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?");
    private static final Pattern LOOP_PLACEHOLDER = Pattern.compile("%\\((name|label)\\)s");

    /** A parsed expression with its source; {@code placeholders} when it uses a loop's %(name)s or %(label)s. */
    private record Expr(String source, Expression parsed, boolean placeholders) {}

    /** An item (question, group or repeat) with its parsed expressions and its place in the form. */
    private static final class Node {
        final Item item;
        final Node parent;
        final int page;
        final int index;
        /** The repeats around the item, outermost first (for a repeat, not itself). */
        final List<String> repeats;
        /** The innermost loop around the item, whose choice fills %(name)s and %(label)s, or null. */
        final String loop;
        Expr relevant;
        Expr calculation;
        Expr constraint;
        Expr required;
        Expr readOnly;
        Expr choiceFilter;
        Expr count;
        Expr seed;
        Set<String> filterColumns = Set.of();
        Set<String> filterReferences = Set.of();
        List<String> triggers = List.of();

        Node(Item item, Node parent, int page, int index, List<String> repeats, String loop) {
            this.item = item;
            this.parent = parent;
            this.page = page;
            this.index = index;
            this.repeats = repeats;
            this.loop = loop;
        }

        Question question() {
            return item instanceof Question q ? q : null;
        }

        Repeat repeat() {
            return item instanceof Repeat r ? r : null;
        }

        String name() {
            return item.name();
        }
    }

    private final Form form;
    private final Clock clock;
    private final ExternalData externalData;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** {@code <name>_other} → the or_other select it belongs to. */
    private final Map<String, String> otherFields = new HashMap<>();
    private final List<Page> pages = new ArrayList<>();
    /** Expressions of loop items with a choice's name and label filled in, by node, column and choice. */
    private final Map<String, Expression> substituted = new ConcurrentHashMap<>();

    private AnswerEngine(Form form, Clock clock, ExternalData externalData) {
        this.form = form;
        this.clock = clock;
        this.externalData = externalData;
        for (Item item : form.items()) {
            List<String> onPage = new ArrayList<>();
            index(item, null, pages.size(), List.of(), null, onPage);
            pages.add(new Page(pages.size(), item.name(), item.label(), onPage));
        }
    }

    /** An engine for the form, with today's date from the system clock and no external data. */
    public static AnswerEngine of(Form form) {
        return of(form, Clock.systemDefaultZone());
    }

    /**
     * An engine for the form; {@code clock} gives {@code today()} and {@code now()}. Throws IllegalArgumentException
     * naming the question and column if an expression does not parse (forms from {@code XlsFormReader} always do).
     */
    public static AnswerEngine of(Form form, Clock clock) {
        return of(form, clock, ExternalData.NONE);
    }

    /** An engine whose {@code pulldata()} reads {@code externalData} (the form's CSV files, the register). */
    public static AnswerEngine of(Form form, Clock clock, ExternalData externalData) {
        return new AnswerEngine(Objects.requireNonNull(form, "form"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(externalData, "externalData"));
    }

    private void index(Item item, Node parent, int page, List<String> repeats, String loop, List<String> onPage) {
        Node node = new Node(item, parent, page, nodes.size(), repeats, loop);
        node.relevant = parse(item.name(), "relevant", item.relevant());
        nodes.put(item.name(), node);
        switch (item) {
            case Group g -> {
                for (Item child : g.items()) {
                    index(child, node, page, repeats, loop, onPage);
                }
            }
            case Repeat r -> {
                node.count = parse(r.name(), "repeat_count", r.count());
                List<String> inside = new ArrayList<>(repeats);
                inside.add(r.name());
                for (Item child : r.items()) {
                    index(child, node, page, List.copyOf(inside), r.choiceList() != null ? r.name() : loop, onPage);
                }
            }
            case Question q -> {
                node.calculation = parse(q.name(), "calculation", q.calculation());
                node.constraint = parse(q.name(), "constraint", q.constraint());
                node.required = parse(q.name(), "required", q.required());
                node.readOnly = parse(q.name(), "read_only", q.readOnly());
                node.choiceFilter = parse(q.name(), "choice_filter", q.choiceFilter());
                node.seed = parse(q.name(), "parameters", q.parameters().get("seed"));
                if (node.choiceFilter != null) {
                    node.filterColumns = Set.copyOf(node.choiceFilter.parsed().choiceColumns());
                    node.filterReferences = Set.copyOf(node.choiceFilter.parsed().references());
                }
                if (q.trigger() != null) {
                    List<String> names = new ArrayList<>();
                    Matcher m = REFERENCE.matcher(q.trigger());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                    node.triggers = List.copyOf(names);
                }
                onPage.add(q.name());
                if (q.orOther()) {
                    otherFields.put(q.otherName(), q.name());
                }
            }
        }
    }

    private static Expr parse(String name, String column, String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            return new Expr(source, Expression.parse(source), LOOP_PLACEHOLDER.matcher(source).find());
        } catch (ExpressionSyntaxException e) {
            throw new IllegalArgumentException("the " + column + " of '" + name + "' is not a valid expression: "
                    + e.getMessage(), e);
        }
    }

    /** The form this engine runs. */
    public Form form() {
        return form;
    }

    /** The pages in order: one per top-level group, repeat or top-level question. */
    public List<Page> pages() {
        return Collections.unmodifiableList(pages);
    }

    // ------------------------------------------------------------------------------------------ one evaluation

    /**
     * Relevance, instance counts and values for one set of answers, computed on demand and remembered, instance by
     * instance. Relevance is inherited: an item inside a non-relevant group or repeat is not relevant, nor an item
     * of an instance that does not exist; a non-relevant question's value is empty.
     */
    private final class State {
        final Map<String, String> answers;
        final String language;
        final long seed;
        final LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        final LocalDate today = now.toLocalDate();
        // Memos of items outside repeats by node index: relevance 0 = not yet known, 1 = being computed,
        // 2 = relevant, 3 = not; of items in repeats by answer key.
        final byte[] relevance = new byte[nodes.size()];
        final Value[] values = new Value[nodes.size()];
        final boolean[] computing = new boolean[nodes.size()];
        final Map<String, Byte> relevanceIn = new HashMap<>();
        final Map<String, Value> valuesIn = new HashMap<>();
        final Set<String> computingIn = new HashSet<>();
        final Map<String, Integer> counts = new HashMap<>();

        State(Map<String, String> answers, String language, long seed) {
            this.answers = answers;
            this.language = language;
            this.seed = seed;
        }

        boolean relevant(Node node, int[] path) {
            if (node.repeats.isEmpty()) {
                int i = node.index;
                switch (relevance[i]) {
                    case 2: return true;
                    case 3: return false;
                    case 1: return false; // a condition that depends on itself; the reader refuses such forms
                    default: break;
                }
                relevance[i] = 1;
                boolean result = computeRelevant(node, path);
                relevance[i] = (byte) (result ? 2 : 3);
                return result;
            }
            String key = AnswerKeys.key(node.name(), list(path));
            Byte known = relevanceIn.get(key);
            if (known != null) {
                return known == 2;
            }
            relevanceIn.put(key, (byte) 1);
            boolean result = computeRelevant(node, path);
            relevanceIn.put(key, (byte) (result ? 2 : 3));
            return result;
        }

        private boolean computeRelevant(Node node, int[] path) {
            Node parent = node.parent;
            boolean parentRelevant;
            if (parent == null) {
                parentRelevant = true;
            } else if (parent.repeat() != null) {
                int[] outer = Arrays.copyOf(path, path.length - 1);
                parentRelevant = path[path.length - 1] <= count(parent, outer) && relevant(parent, outer);
            } else {
                parentRelevant = relevant(parent, path);
            }
            return parentRelevant && (node.relevant == null
                    || evaluate(node, node.relevant, path, Value.EMPTY, null).asBoolean());
        }

        /** The number of instances of a repeat within the instance {@code outer} of the repeats around it. */
        int count(Node repeatNode, int[] outer) {
            String key = AnswerKeys.key(repeatNode.name(), list(outer));
            Integer known = counts.get(key);
            if (known != null) {
                return known;
            }
            counts.put(key, 0); // a count that depends on itself; the reader refuses such forms
            Repeat r = repeatNode.repeat();
            int n;
            if (repeatNode.count != null) {
                double x = evaluate(repeatNode, repeatNode.count, outer, Value.EMPTY, null).asNumber();
                n = Double.isNaN(x) || x < 0 ? 0 : (int) Math.min(MAX_INSTANCES, Math.floor(x));
            } else if (r.choiceList() != null) {
                n = form.choiceList(r.choiceList()).map(l -> l.choices().size()).orElse(0);
            } else {
                n = storedCount(answers.get(key));
            }
            counts.put(key, n);
            return n;
        }

        Value value(Node node, int[] path) {
            if (node.repeats.isEmpty()) {
                int i = node.index;
                if (values[i] != null) {
                    return values[i];
                }
                if (computing[i]) {
                    return Value.EMPTY; // a cycle; the reader refuses such forms
                }
                computing[i] = true;
                Value result = computeValue(node, path);
                computing[i] = false;
                values[i] = result;
                return result;
            }
            String key = AnswerKeys.key(node.name(), list(path));
            Value known = valuesIn.get(key);
            if (known != null) {
                return known;
            }
            if (!computingIn.add(key)) {
                return Value.EMPTY;
            }
            Value result = computeValue(node, path);
            computingIn.remove(key);
            valuesIn.put(key, result);
            return result;
        }

        private Value computeValue(Node node, int[] path) {
            Question q = node.question();
            if (q == null || !relevant(node, path)) {
                return Value.EMPTY;
            }
            if (node.calculation != null && node.triggers.isEmpty()) {
                return evaluate(node, node.calculation, path, Value.EMPTY, null).asAnswer();
            }
            String answer = answerOrDefault(node, path);
            if (answer == null && q.type() == QuestionType.METADATA && q.metadata() == Metadata.TODAY) {
                return Value.of(today);
            }
            return Value.of(answer);
        }

        String answerOrDefault(Node node, int[] path) {
            String answer = answers.get(AnswerKeys.key(node.name(), list(path)));
            if (answer == null && node.question() != null) {
                return node.question().defaultValue();
            }
            return answer == null || answer.isBlank() ? null : answer;
        }

        Value evaluate(Node node, Expr expr, int[] path, Value current, Choice choice) {
            return expression(node, expr, path).evaluate(new Context(this, node, path, current, choice));
        }

        /** The instance path of {@code target} as seen from {@code node}'s instance {@code path}, or null. */
        int[] resolve(Node target, Node node, int[] path) {
            int k = common(target.repeats, node.repeats);
            int[] p = new int[target.repeats.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i < k ? path[i] : 1;
                if (i >= k && count(nodes.get(target.repeats.get(i)), Arrays.copyOf(p, i)) < 1) {
                    return null;
                }
            }
            return p;
        }

        /** Every instance path of {@code target} within the instances {@code node}'s path shares with it. */
        List<int[]> instances(Node target, Node node, int[] path) {
            int k = common(target.repeats, node.repeats);
            List<int[]> out = new ArrayList<>();
            int[] p = Arrays.copyOf(path, target.repeats.size());
            enumerate(target, k, p, out);
            return out;
        }

        private void enumerate(Node target, int level, int[] p, List<int[]> out) {
            if (level == target.repeats.size()) {
                out.add(p.clone());
                return;
            }
            int n = count(nodes.get(target.repeats.get(level)), Arrays.copyOf(p, level));
            for (int i = 1; i <= n; i++) {
                p[level] = i;
                enumerate(target, level + 1, p, out);
            }
        }

        /** Whether every instance of the path exists. */
        boolean exists(Node node, int[] path) {
            for (int i = 0; i < path.length; i++) {
                if (path[i] < 1 || path[i] > count(nodes.get(node.repeats.get(i)), Arrays.copyOf(path, i))) {
                    return false;
                }
            }
            return true;
        }

        /** The loop choice of an instance, for %(name)s and %(label)s, or null outside loops. */
        Choice loopChoice(Node node, int[] path) {
            if (node.loop == null) {
                return null;
            }
            int level = node.repeats.indexOf(node.loop);
            Repeat loop = nodes.get(node.loop).repeat();
            List<Choice> choices = form.choiceList(loop.choiceList()).map(ChoiceList::choices).orElse(List.of());
            int i = level < 0 || level >= path.length ? 0 : path[level];
            return i >= 1 && i <= choices.size() ? choices.get(i - 1) : null;
        }
    }

    /** The number of instances a respondent-counted repeat keeps under its count key; one until it is set. */
    private static int storedCount(String stored) {
        if (stored == null || stored.isBlank()) {
            return 1;
        }
        try {
            return Math.max(0, Math.min(MAX_INSTANCES, Integer.parseInt(stored.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** How many of the first repeats two items share. */
    private static int common(List<String> a, List<String> b) {
        int k = 0;
        while (k < a.size() && k < b.size() && a.get(k).equals(b.get(k))) {
            k++;
        }
        return k;
    }

    private static List<Integer> list(int[] path) {
        List<Integer> out = new ArrayList<>(path.length);
        for (int i : path) {
            out.add(i);
        }
        return out;
    }

    private static int[] array(List<Integer> path) {
        return path.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An expression, with a loop choice's name and label filled in for an item of a loop. */
    private Expression expression(Node node, Expr expr, int[] path) {
        if (!expr.placeholders() || node.loop == null) {
            return expr.parsed();
        }
        int level = node.repeats.indexOf(node.loop);
        int i = level < 0 || level >= path.length ? 0 : path[level];
        String cacheKey = node.index + "\u0000" + expr.source() + "\u0000" + i;
        return substituted.computeIfAbsent(cacheKey, k -> {
            Repeat loop = nodes.get(node.loop).repeat();
            List<Choice> choices = form.choiceList(loop.choiceList()).map(ChoiceList::choices).orElse(List.of());
            Choice choice = i >= 1 && i <= choices.size() ? choices.get(i - 1) : null;
            String source = fillIn(expr.source(), choice, form.defaultLanguage());
            try {
                return Expression.parse(source);
            } catch (ExpressionSyntaxException e) {
                return expr.parsed(); // the reader checks loops with their first choice; keep the original
            }
        });
    }

    /** A text with a loop choice's {@code %(name)s} and {@code %(label)s} filled in. */
    private static String fillIn(String text, Choice choice, String language) {
        if (choice == null) {
            return text;
        }
        return text.replace("%(name)s", choice.name())
                .replace("%(label)s", choice.label().in(language, null));
    }

    /** What an expression sees: the answers of one instance, "." for a constraint, a choice for a choice filter. */
    private final class Context implements EvaluationContext {
        final State state;
        final Node node;
        final int[] path;
        final Value current;
        final Choice choice;

        Context(State state, Node node, int[] path, Value current, Choice choice) {
            this.state = state;
            this.node = node;
            this.path = path;
            this.current = current;
            this.choice = choice;
        }

        @Override
        public Value valueOf(String name) {
            if (choice != null && node.filterColumns.contains(name) && !node.filterReferences.contains(name)) {
                return Value.of(name.equals("name") ? choice.name() : choice.attributes().get(name));
            }
            Node target = nodes.get(name);
            if (target == null) {
                String select = otherFields.get(name);
                if (select == null) {
                    return Value.EMPTY;
                }
                Node selectNode = nodes.get(select);
                int[] p = state.resolve(selectNode, node, path);
                return p == null ? Value.EMPTY : otherValue(state, selectNode, p);
            }
            int[] p = state.resolve(target, node, path);
            return p == null ? Value.EMPTY : state.value(target, p);
        }

        @Override
        public List<Value> valuesOf(String name) {
            Node target = nodes.get(name);
            if (target == null) {
                return List.of(valueOf(name));
            }
            List<Value> out = new ArrayList<>();
            if (target.repeat() != null) {
                for (int[] outer : state.instances(target, node, path)) {
                    int n = state.relevant(target, outer) ? state.count(target, outer) : 0;
                    for (int i = 1; i <= n; i++) {
                        out.add(Value.of(i));
                    }
                }
                return out;
            }
            for (int[] p : state.instances(target, node, path)) {
                out.add(state.value(target, p));
            }
            return out;
        }

        @Override
        public Value valueAt(String name, Map<String, Integer> instanceOf) {
            Node target = nodes.get(name);
            if (target == null) {
                return Value.EMPTY;
            }
            int k = common(target.repeats, node.repeats);
            int[] p = new int[target.repeats.size()];
            for (int i = 0; i < p.length; i++) {
                Integer given = instanceOf.get(target.repeats.get(i));
                p[i] = given != null ? given : i < k ? path[i] : 1;
            }
            return state.exists(target, p) ? state.value(target, p) : Value.EMPTY;
        }

        @Override
        public int position() {
            return path.length == 0 ? 1 : path[path.length - 1];
        }

        @Override
        public Value currentAnswer() {
            return current;
        }

        @Override
        public LocalDate today() {
            return state.today;
        }

        @Override
        public LocalDateTime now() {
            return state.now;
        }

        @Override
        public long seed() {
            return state.seed * 31 + AnswerKeys.key(node.name(), list(path)).hashCode();
        }

        @Override
        public Value pulldata(String table, String column, String keyColumn, String key) {
            return externalData.lookup(table, column, keyColumn, key).map(Value::of).orElse(Value.EMPTY);
        }

        @Override
        public String choiceLabel(String question, String choiceName) {
            Node q = nodes.get(question);
            if (q == null || q.question() == null) {
                return choiceName;
            }
            return form.choiceList(q.question().listName()).flatMap(l -> l.choice(choiceName))
                    .map(c -> c.label().in(state.language, form.defaultLanguage())).filter(l -> !l.isEmpty())
                    .orElse(choiceName);
        }
    }

    /** The value of a select's {@code <name>_other} text in an instance: its answer while "other" is chosen. */
    private Value otherValue(State state, Node select, int[] path) {
        if (!state.relevant(select, path) || !selected(state.value(select, path), Question.OTHER_CHOICE)) {
            return Value.EMPTY;
        }
        return Value.of(state.answers.get(AnswerKeys.key(select.question().otherName(), list(path))));
    }

    private static boolean selected(Value answer, String choice) {
        if (answer.isEmpty()) {
            return false;
        }
        for (String part : SPACES.split(answer.asString().trim())) {
            if (part.equals(choice)) {
                return true;
            }
        }
        return false;
    }

    private State state(Map<String, String> answers) {
        return new State(answers, form.defaultLanguage(), 0);
    }

    /** A key taken apart and checked against the form: a question, group or repeat with a path of the right depth. */
    private record Target(Node node, int[] path, boolean other) {}

    private Target target(String key) {
        AnswerKeys.Key k = AnswerKeys.parse(key);
        if (k == null) {
            return null;
        }
        Node node = nodes.get(k.name());
        boolean other = false;
        if (node == null && otherFields.containsKey(k.name())) {
            node = nodes.get(otherFields.get(k.name()));
            other = true;
        }
        if (node == null || k.instance().size() != node.repeats.size()) {
            return null;
        }
        return new Target(node, array(k.instance()), other);
    }

    // ------------------------------------------------------------------------------------------ public queries

    /**
     * Whether the question, group, repeat or {@code <name>_other} field is relevant given the answers; a key with
     * its instance ({@code site_size[2]}) asks about one instance.
     */
    public boolean isRelevant(String nameOrKey, Map<String, String> answers) {
        State state = state(answers);
        Target t = target(nameOrKey);
        if (t == null) {
            return false;
        }
        if (!state.exists(t.node(), t.path())) {
            return false;
        }
        return state.relevant(t.node(), t.path()) && (!t.other()
                || selected(state.value(t.node(), t.path()), Question.OTHER_CHOICE));
    }

    /**
     * Whether the question must be answered given the answers: its {@code required} expression holds (a key with
     * its instance asks about one instance). Respondent pages mark the others as optional.
     */
    public boolean isRequired(String nameOrKey, Map<String, String> answers) {
        Target t = target(nameOrKey);
        if (t == null || t.other() || t.node().question() == null || t.node().required == null) {
            return false;
        }
        State state = state(answers);
        return state.exists(t.node(), t.path())
                && state.evaluate(t.node(), t.node().required, t.path(), Value.EMPTY, null).asBoolean();
    }

    /** Keys of every relevant question (calculations and {@code _other} fields included), in form order. */
    public List<String> relevantQuestions(Map<String, String> answers) {
        State state = state(answers);
        List<String> out = new ArrayList<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q == null) {
                continue;
            }
            for (int[] p : state.instances(node, ROOT, new int[0])) {
                if (state.relevant(node, p)) {
                    out.add(AnswerKeys.key(q.name(), list(p)));
                    if (q.orOther() && selected(state.value(node, p), Question.OTHER_CHOICE)) {
                        out.add(AnswerKeys.key(q.otherName(), list(p)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every instance of a repeat, as instance paths (1-based, outermost repeat first), in order: what a long table
     * of the repeat has as rows. Instances of a repeat that is not relevant are not listed.
     */
    public List<List<Integer>> instances(String repeat, Map<String, String> answers) {
        Node node = nodes.get(repeat);
        if (node == null || node.repeat() == null) {
            throw new IllegalArgumentException("'" + repeat + "' is not a repeat");
        }
        State state = state(answers);
        List<List<Integer>> out = new ArrayList<>();
        for (int[] outer : state.instances(node, ROOT, new int[0])) {
            if (state.relevant(node, outer)) {
                for (int i = 1; i <= state.count(node, outer); i++) {
                    int[] p = Arrays.copyOf(outer, outer.length + 1);
                    p[outer.length] = i;
                    out.add(list(p));
                }
            }
        }
        return out;
    }

    /**
     * The record of a response as analysis and exports read it: the value of every relevant question (answers,
     * defaults, calculations, hidden values and metadata), by answer key, in form order; empty values left out.
     */
    public Map<String, String> record(Map<String, String> answers) {
        State state = state(answers);
        Map<String, String> out = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q == null || q.type() == QuestionType.NOTE) {
                continue;
            }
            for (int[] p : state.instances(node, ROOT, new int[0])) {
                Value v = state.value(node, p);
                if (!v.isEmpty()) {
                    out.put(AnswerKeys.key(q.name(), list(p)), v.asString());
                }
                if (q.orOther()) {
                    Value other = otherValue(state, node, p);
                    if (!other.isEmpty()) {
                        out.put(AnswerKeys.key(q.otherName(), list(p)), other.asString());
                    }
                }
            }
        }
        return out;
    }

    /** What a page shows for the answers: its relevant fields, with their sections, grids and repeats. */
    public PageContent content(int page, Map<String, String> answers) {
        return content(page, state(answers));
    }

    private PageContent content(int page, State state) {
        Item top = form.items().get(page);
        List<PageContent.Entry> entries = switch (top) {
            // a page that is a table-list group is one grid; any other page group's items are the page
            case Group g -> !state.relevant(nodes.get(g.name()), new int[0]) ? List.of()
                    : tableList(g) ? entries(List.of(g), new int[0], state) : entries(g.items(), new int[0], state);
            default -> entries(List.of(top), new int[0], state);
        };
        return new PageContent(page, entries);
    }

    private List<PageContent.Entry> entries(List<Item> items, int[] path, State state) {
        List<PageContent.Entry> out = new ArrayList<>();
        for (Item item : items) {
            Node node = nodes.get(item.name());
            switch (item) {
                case Question q -> {
                    if (shown(q) && state.relevant(node, path)) {
                        out.add(new PageContent.Field(q, AnswerKeys.key(q.name(), list(path)), list(path)));
                    }
                }
                case Group g -> {
                    if (!state.relevant(node, path)) {
                        break;
                    }
                    List<PageContent.Entry> inside = entries(g.items(), path, state);
                    if (inside.isEmpty()) {
                        break;
                    }
                    if (tableList(g)) {
                        List<PageContent.Field> rows = new ArrayList<>();
                        for (PageContent.Entry e : inside) {
                            if (e instanceof PageContent.Field f && f.question().type().isSelect()) {
                                rows.add(f);
                            }
                        }
                        String list = rows.isEmpty() ? null : rows.getFirst().question().listName();
                        out.add(new PageContent.Grid(g, list, rows));
                    } else {
                        out.add(new PageContent.Section(g, list(path), inside));
                    }
                }
                case Repeat r -> {
                    if (!state.relevant(node, path)) {
                        break;
                    }
                    int n = state.count(node, path);
                    if (n == 0 && !r.respondentCounts()) {
                        break;
                    }
                    List<PageContent.Instance> instances = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        int[] p = Arrays.copyOf(path, path.length + 1);
                        p[path.length] = i;
                        instances.add(new PageContent.Instance(i, loopChoice(r, i), entries(r.items(), p, state)));
                    }
                    out.add(new PageContent.RepeatBlock(r, list(path), r.respondentCounts(),
                            AnswerKeys.key(r.name(), list(path)), instances));
                }
            }
        }
        return likertGrids(out);
    }

    private static boolean tableList(Group g) {
        return g.appearance() != null && g.appearance().toLowerCase(Locale.ROOT).contains("table-list");
    }

    /** The choice instance {@code i} of a loop is about; null for a repeat that is no loop. */
    private Choice loopChoice(Repeat r, int i) {
        if (r.choiceList() == null) {
            return null;
        }
        List<Choice> choices = form.choiceList(r.choiceList()).map(ChoiceList::choices).orElse(List.of());
        return i >= 1 && i <= choices.size() ? choices.get(i - 1) : null;
    }

    /** Whether a question is shown to respondents (notes are; calculations, hidden values and metadata are not). */
    private static boolean shown(Question q) {
        return q.type().isAnswered() || q.type() == QuestionType.NOTE;
    }

    /**
     * Runs of two or more consecutive {@code likert} select_one questions of one list (without choice filters or
     * "other") become a grid, as ODK's web forms show them.
     */
    private static List<PageContent.Entry> likertGrids(List<PageContent.Entry> entries) {
        List<PageContent.Entry> out = new ArrayList<>();
        List<PageContent.Field> run = new ArrayList<>();
        for (PageContent.Entry e : entries) {
            if (e instanceof PageContent.Field f && likert(f.question())
                    && (run.isEmpty() || run.getFirst().question().listName().equals(f.question().listName()))) {
                run.add(f);
                continue;
            }
            flush(run, out);
            if (e instanceof PageContent.Field f && likert(f.question())) {
                run.add(f);
            } else {
                out.add(e);
            }
        }
        flush(run, out);
        return out;
    }

    private static boolean likert(Question q) {
        return q.type() == QuestionType.SELECT_ONE && q.appearance() != null
                && q.appearance().toLowerCase(Locale.ROOT).contains("likert") && q.choiceFilter() == null
                && !q.orOther();
    }

    private static void flush(List<PageContent.Field> run, List<PageContent.Entry> out) {
        if (run.size() >= 2) {
            out.add(new PageContent.Grid(null, run.getFirst().question().listName(), run));
        } else {
            out.addAll(run);
        }
        run.clear();
    }

    /**
     * The questions a respondent sees on the page: relevant, not calculations ({@code _other} fields not
     * included); a question of a repeat is listed once if it is shown in any instance (see {@link #content}).
     */
    public List<Question> visibleQuestions(int page, Map<String, String> answers) {
        return visibleQuestions(page, state(answers));
    }

    private List<Question> visibleQuestions(int page, State state) {
        Set<Question> out = new LinkedHashSet<>();
        for (PageContent.Field f : content(page, state).fields()) {
            out.add(f.question());
        }
        return List.copyOf(out);
    }

    /** Whether a page has anything to show: a field, or a repeat the respondent can add an instance to. */
    private boolean shows(int page, State state) {
        PageContent content = content(page, state);
        return !content.fields().isEmpty() || content.entries().stream().anyMatch(AnswerEngine::addable);
    }

    private static boolean addable(PageContent.Entry e) {
        return switch (e) {
            case PageContent.RepeatBlock r -> r.respondentCounts()
                    || r.instances().stream().anyMatch(i -> i.entries().stream().anyMatch(AnswerEngine::addable));
            case PageContent.Section s -> s.entries().stream().anyMatch(AnswerEngine::addable);
            default -> false;
        };
    }

    /** The first page with something to show, if any. */
    public OptionalInt firstPage(Map<String, String> answers) {
        return nextPage(-1, answers);
    }

    /** The next page after {@code current} with something to show; empty at the end. */
    public OptionalInt nextPage(int current, Map<String, String> answers) {
        State state = state(answers);
        for (int p = current + 1; p < pages.size(); p++) {
            if (shows(p, state)) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    /** The page before {@code current} with something to show; empty at the start. */
    public OptionalInt previousPage(int current, Map<String, String> answers) {
        State state = state(answers);
        for (int p = Math.min(current, pages.size()) - 1; p >= 0; p--) {
            if (shows(p, state)) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    /** The values of every relevant calculation, as text, by answer key. */
    public Map<String, String> calculatedValues(Map<String, String> answers) {
        State state = state(answers);
        Map<String, String> out = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q == null || node.calculation == null) {
                continue;
            }
            for (int[] p : state.instances(node, ROOT, new int[0])) {
                if (state.relevant(node, p)) {
                    out.put(AnswerKeys.key(q.name(), list(p)), state.value(node, p).asString());
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ options

    /**
     * The options shown for a select or rank question (a name, or a key for one in a repeat): its list filtered by
     * the choice_filter, then "other" when the question has or_other. Labels in {@code language} (a form language,
     * or its code such as "da"). A randomized list keeps the list's order here; pass the respondent's seed to
     * {@link #options(String, Map, String, long)} to get the order drawn for them.
     */
    public List<Option> options(String question, Map<String, String> answers, String language) {
        return options(question, answers, language, 0, false);
    }

    /**
     * As {@link #options(String, Map, String)}, in the order drawn for a respondent whose seed is {@code seed}
     * when the question has {@code randomize=true} (see {@link #shownOrder}).
     */
    public List<Option> options(String question, Map<String, String> answers, String language, long seed) {
        return options(question, answers, language, seed, true);
    }

    private List<Option> options(String question, Map<String, String> answers, String language, long seed,
                                 boolean randomize) {
        Target t = choicesTarget(question);
        String lang = language(language);
        State state = new State(answers, lang, seed);
        Question q = t.node().question();
        List<Option> out = new ArrayList<>();
        for (Choice choice : ordered(t, state, seed, randomize)) {
            if (offered(t, state, choice)) {
                out.add(option(choice, lang, state, t));
            }
        }
        if (q.orOther()) {
            out.add(new Option(Question.OTHER_CHOICE, FormText.of("option.other").render(lang)));
        }
        return out;
    }

    /**
     * The order a respondent with this seed sees a randomized question's list in (every choice, before any choice
     * filter): what to store with the response, or to show in an export. The list's order for a question that is
     * not randomized. The order is drawn with a Fisher–Yates shuffle from SplitMix64 numbers seeded by the
     * question's {@code seed} parameter when it has one (the value of its expression), else by {@code seed} mixed
     * with the answer key, so each question (and instance) of a respondent has its own order and keeps it.
     */
    public List<String> shownOrder(String question, Map<String, String> answers, long seed) {
        Target t = choicesTarget(question);
        State state = new State(answers, form.defaultLanguage(), seed);
        return ordered(t, state, seed, true).stream().map(Choice::name).toList();
    }

    private Target choicesTarget(String question) {
        Target t = target(question);
        if (t == null || t.other() || t.node().question() == null || !t.node().question().type().hasChoices()) {
            throw new IllegalArgumentException("'" + question + "' is not a select or rank question");
        }
        return t;
    }

    private List<Choice> ordered(Target t, State state, long seed, boolean randomize) {
        Question q = t.node().question();
        List<Choice> choices = new ArrayList<>(form.choiceList(q.listName()).map(ChoiceList::choices)
                .orElse(List.of()));
        if (!randomize || !q.randomized()) {
            return choices;
        }
        long draws;
        if (t.node().seed != null) {
            double fromForm = state.evaluate(t.node(), t.node().seed, t.path(), Value.EMPTY, null).asNumber();
            draws = Double.doubleToLongBits(fromForm);
        } else {
            draws = seed * 31 + AnswerKeys.key(q.name(), list(t.path())).hashCode();
        }
        for (int i = choices.size() - 1; i > 0; i--) {
            draws += 0x9E3779B97F4A7C15L;
            int j = (int) Long.remainderUnsigned(mix(draws), i + 1);
            Collections.swap(choices, i, j);
        }
        return choices;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private boolean offered(Target t, State state, Choice choice) {
        Node node = t.node();
        return node.choiceFilter == null
                || state.evaluate(node, node.choiceFilter, t.path(), Value.EMPTY, choice).asBoolean();
    }

    private Option option(Choice choice, String lang, State state, Target t) {
        String label = render(choice.label(), state, lang, t.node(), t.path());
        if (choice.media().image().isEmpty()) {
            return new Option(choice.name(), label);
        }
        return new Option(choice.name(), label, choice.media().image().in(lang, form.defaultLanguage()),
                choice.media().alt().in(lang, form.defaultLanguage()));
    }

    /** The label of the {@code <name>_other} text field, in the language. */
    public String otherLabel(String language) {
        return FormText.of("option.other_label").render(language(language));
    }

    /**
     * A question's label (or any text) in the language, with {@code ${name}} replaced by the current value, as
     * ODK shows it.
     */
    public String render(Text text, Map<String, String> answers, String language) {
        String lang = language(language);
        return render(text, new State(answers, lang, 0), lang, null, new int[0]);
    }

    /**
     * As {@link #render(Text, Map, String)} for a text shown in one instance of a repeat ({@code key} is an answer
     * key of that instance, such as the field's): {@code ${name}} of a question in the same repeat is the value in
     * that instance, and a loop's {@code %(label)s} and {@code %(name)s} are its choice's.
     */
    public String render(Text text, String key, Map<String, String> answers, String language) {
        Target t = target(key);
        if (t == null) {
            throw new IllegalArgumentException("'" + key + "' is no answer key of this form");
        }
        String lang = language(language);
        return render(text, new State(answers, lang, 0), lang, t.node(), t.path());
    }

    private String render(Text text, State state, String lang, Node node, int[] path) {
        String raw = text.in(lang, form.defaultLanguage());
        if (node != null && node.loop != null) {
            Choice choice = state.loopChoice(node, path);
            if (choice != null) {
                raw = raw.replace("%(name)s", choice.name()).replace("%(label)s",
                        choice.label().in(lang, form.defaultLanguage()));
            }
        }
        if (!raw.contains("${")) {
            return raw;
        }
        Context context = new Context(state, node == null ? rootNode() : node, node == null ? new int[0] : path,
                Value.EMPTY, null);
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(context.valueOf(m.group(1)).asString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A stand-in context item outside every repeat, for texts shown outside any question. */
    private Node rootNode() {
        return ROOT;
    }

    private static final Node ROOT = new Node(new Group("", Text.NONE, null, null, List.of()), null, -1, -1,
            List.of(), null);

    // ------------------------------------------------------------------------------------------ checks

    /** What is wrong with the answers to the relevant questions of one page (every instance of its repeats). */
    public List<Violation> check(int page, Map<String, String> answers, String language) {
        String lang = language(language);
        State state = new State(answers, lang, 0);
        List<Violation> out = new ArrayList<>();
        for (PageContent.Field f : content(page, state).fields()) {
            check(nodes.get(f.question().name()), array(f.instance()), state, lang, out);
        }
        return out;
    }

    /** What is wrong with the answers to every relevant question of the form. */
    public List<Violation> checkAll(Map<String, String> answers, String language) {
        String lang = language(language);
        State state = new State(answers, lang, 0);
        List<Violation> out = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            for (PageContent.Field f : content(p, state).fields()) {
                check(nodes.get(f.question().name()), array(f.instance()), state, lang, out);
            }
        }
        return out;
    }

    /** Whether every relevant required question is answered and no answer breaks a rule. */
    public boolean isComplete(Map<String, String> answers) {
        return checkAll(answers, null).isEmpty();
    }

    private void check(Node node, int[] path, State state, String lang, List<Violation> out) {
        Question q = node.question();
        if (!q.type().isAnswered() || !state.relevant(node, path)) {
            return;
        }
        String key = AnswerKeys.key(q.name(), list(path));
        String answer = state.answerOrDefault(node, path);
        if (answer == null) {
            if (node.required != null && state.evaluate(node, node.required, path, Value.EMPTY, null).asBoolean()) {
                out.add(violation(key, Violation.Kind.REQUIRED, FormText.of("answer.required"),
                        q.requiredMessage(), state, lang, node, path));
            }
            return;
        }
        FormText invalid = typeProblem(node, path, answer, state);
        if (invalid != null) {
            out.add(violation(key, Violation.Kind.INVALID, invalid, Text.NONE, state, lang, node, path));
            return;
        }
        if (node.constraint != null && !holds(node, path, state)) {
            out.add(violation(key, Violation.Kind.CONSTRAINT, FormText.of("answer.constraint"),
                    q.constraintMessage(), state, lang, node, path));
        }
    }

    /** A violation shown with the form's own message where it has one, else with the engine's. */
    private Violation violation(String key, Violation.Kind kind, FormText engineText, Text formMessage,
                                State state, String lang, Node node, int[] path) {
        String shown = formMessage.isEmpty() ? engineText.render(lang)
                : render(formMessage, state, lang, node, path);
        return new Violation(key, kind, shown, engineText);
    }

    /**
     * Whether a constraint holds for the answer. An answer on which the constraint cannot be decided within the
     * evaluation limits (a regular expression that backtracks without end on this text) breaks it: the respondent
     * is asked to change it, rather than the server working for seconds or failing.
     */
    private boolean holds(Node node, int[] path, State state) {
        try {
            return state.evaluate(node, node.constraint, path, state.value(node, path), null).asBoolean();
        } catch (ExpressionLimitException e) {
            return false;
        }
    }

    /** What is wrong with the answer's type, or null when the answer has the question's type. */
    private FormText typeProblem(Node node, int[] path, String answer, State state) {
        Question q = node.question();
        String a = answer.strip();
        return switch (q.type()) {
            case INTEGER -> INTEGER.matcher(a).matches() ? null : FormText.of("answer.integer");
            case DECIMAL -> DECIMAL.matcher(a).matches() ? null : FormText.of("answer.decimal");
            case DATE -> isDate(a) ? null : FormText.of("answer.date");
            case TIME -> TIME.matcher(a).matches() ? null : FormText.of("answer.time");
            case DATETIME -> isDateTime(a) ? null : FormText.of("answer.datetime");
            case RANGE -> onScale(q, a) ? null : FormText.of("answer.range", q.parameters().get("start"),
                    q.parameters().get("end"), q.parameters().get("step"));
            case ACKNOWLEDGE -> answer.equals("OK") ? null : FormText.of("answer.acknowledge");
            case SELECT_ONE -> offeredNames(node, path, state).contains(a) ? null : FormText.of("answer.choice");
            case SELECT_MULTIPLE -> {
                Set<String> offered = offeredNames(node, path, state);
                Set<String> seen = new HashSet<>();
                for (String part : SPACES.split(a)) {
                    if (!offered.contains(part) || !seen.add(part)) {
                        yield FormText.of("answer.choices");
                    }
                }
                yield null;
            }
            case RANK -> {
                // Every offered choice exactly once, in the respondent's order.
                Set<String> offered = offeredNames(node, path, state);
                List<String> ranked = Arrays.asList(SPACES.split(a));
                yield ranked.size() == offered.size() && new HashSet<>(ranked).equals(offered) ? null
                        : FormText.of("answer.rank");
            }
            default -> null;
        };
    }

    /** The names of the options shown (as {@link #options} without rendering labels). */
    private Set<String> offeredNames(Node node, int[] path, State state) {
        Target t = new Target(node, path, false);
        Set<String> names = new LinkedHashSet<>();
        for (Choice choice : form.choiceList(node.question().listName()).map(ChoiceList::choices).orElse(List.of())) {
            if (offered(t, state, choice)) {
                names.add(choice.name());
            }
        }
        if (node.question().orOther()) {
            names.add(Question.OTHER_CHOICE);
        }
        return names;
    }

    /** Whether a range answer is a number between start and end on the grid of steps from start. */
    private static boolean onScale(Question q, String answer) {
        if (!DECIMAL.matcher(answer).matches()) {
            return false;
        }
        double x = Double.parseDouble(answer);
        double start = Double.parseDouble(q.parameters().getOrDefault("start", "1"));
        double end = Double.parseDouble(q.parameters().getOrDefault("end", "10"));
        double step = Double.parseDouble(q.parameters().getOrDefault("step", "1"));
        if (x < Math.min(start, end) - 1e-9 || x > Math.max(start, end) + 1e-9) {
            return false;
        }
        double steps = (x - start) / step;
        return Math.abs(steps - Math.rint(steps)) < 1e-9;
    }

    private static boolean isDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code yyyy-mm-ddTHH:MM} or with seconds, as a browser's date-and-time field sends it. */
    private static boolean isDateTime(String text) {
        int t = text.indexOf('T');
        return t == 10 && isDate(text.substring(0, 10)) && TIME.matcher(text.substring(11)).matches();
    }

    // ------------------------------------------------------------------------------------------ saving

    /**
     * Saves the answers given on one page. When the page has violations, nothing changes: the result is not
     * accepted and carries the violations. Otherwise the page's answers are merged into the answers so far
     * (an empty text removes an answer; answers to read-only questions are ignored), calculations with a
     * {@code trigger} whose question changed are worked out and kept, and every answer that the new answers make
     * irrelevant (or whose repeat instance no longer exists) is removed and reported in {@link SaveResult#cleared()}.
     *
     * <p>Page answers are keyed as {@link AnswerKeys} says; the count key of a respondent-counted repeat on the page
     * ({@code sites} = {@code 3}) may be among them, so that a save can add instances, but
     * {@link #addInstance} and {@link #removeInstance} are the plain way. An answer to a question that is not on
     * the page, or to an instance that does not exist, is refused with an IllegalArgumentException.
     */
    public SaveResult savePage(int page, Map<String, String> answersSoFar, Map<String, String> pageAnswers,
                               String language) {
        return save(page, answersSoFar, pageAnswers, language, false);
    }

    /**
     * Saves what can be kept of one page's answers, as {@link #savePage} does, but without refusing the page: an
     * answer that breaks a rule (wrong type, constraint) is not taken and the earlier answer stays; a required
     * question left empty does not stop the others from being kept. The result is always accepted and carries what
     * is still wrong on the page in {@link SaveResult#violations()}. This is how a respondent's answers are never
     * lost: when going back, and when the page must be shown again to correct or complete it.
     */
    public SaveResult saveDraft(int page, Map<String, String> answersSoFar, Map<String, String> pageAnswers,
                                String language) {
        return save(page, answersSoFar, pageAnswers, language, true);
    }

    private SaveResult save(int page, Map<String, String> answersSoFar, Map<String, String> pageAnswers,
                            String language, boolean draft) {
        Map<String, String> merged = new LinkedHashMap<>(answersSoFar);
        State before = state(answersSoFar);
        Set<String> onPage = new HashSet<>(pages.get(page).questions());
        // Count keys first, so that answers to new instances are checked against the new counts.
        Map<String, String> answers = new LinkedHashMap<>();
        pageAnswers.forEach((key, answer) -> {
            Target t = target(key);
            if (t != null && t.node().repeat() != null && !t.other()) {
                if (t.node().page != page || !t.node().repeat().respondentCounts()) {
                    throw new IllegalArgumentException("'" + key + "' is not the count of a repeat the respondent "
                            + "counts on page " + pages.get(page).name());
                }
                putOrRemove(merged, key, answer);
            } else {
                answers.put(key, answer);
            }
        });
        State counted = state(merged);
        answers.forEach((key, answer) -> {
            Target t = target(key);
            if (t == null || t.node().question() == null || !onPage.contains(t.node().name())
                    || t.node().question().type() == QuestionType.CALCULATE) {
                throw new IllegalArgumentException("'" + key + "' is not a question on page " + pages.get(page).name());
            }
            if (!counted.exists(t.node(), t.path())) {
                throw new IllegalArgumentException("'" + key + "' is an instance that does not exist");
            }
            Node node = t.node();
            if (!t.other() && node.readOnly != null
                    && before.evaluate(node, node.readOnly, t.path(), Value.EMPTY, null).asBoolean()) {
                return; // as in ODK, a read-only question keeps its value
            }
            putOrRemove(merged, key, answer);
        });
        // One evaluation of the merged answers serves both the checks and the clearing.
        String lang = language(language);
        State state = new State(merged, lang, 0);
        List<Violation> violations = pageViolations(page, state, lang);
        if (!violations.isEmpty() && !draft) {
            return new SaveResult(false, answersSoFar, violations, List.of());
        }
        // A draft keeps the earlier answer wherever the new one breaks a rule. Taking one back can change what
        // the others' rules say, so the page is checked again until no given answer is refused; each round takes
        // back at least one answer, so this ends.
        List<Violation> refused = new ArrayList<>();
        while (true) {
            List<Violation> taken = new ArrayList<>();
            for (Violation v : violations) {
                if (v.kind() != Violation.Kind.REQUIRED && answers.containsKey(v.question())
                        && !Objects.equals(merged.get(v.question()), answersSoFar.get(v.question()))) {
                    taken.add(v);
                }
            }
            if (taken.isEmpty()) {
                break;
            }
            for (Violation v : taken) {
                putOrRemove(merged, v.question(), answersSoFar.get(v.question()));
            }
            refused.addAll(taken);
            state = new State(merged, lang, 0);
            violations = pageViolations(page, state, lang);
        }
        List<Violation> remaining = new ArrayList<>(refused);
        for (Violation v : violations) {
            if (refused.stream().noneMatch(r -> r.question().equals(v.question()))) {
                remaining.add(v);
            }
        }
        if (applyTriggers(before, state, merged)) {
            state = state(merged);
        }
        SaveResult saved = clearIrrelevant(merged, state);
        return remaining.isEmpty() ? saved
                : new SaveResult(true, saved.answers(), remaining, saved.cleared());
    }

    private List<Violation> pageViolations(int page, State state, String lang) {
        List<Violation> out = new ArrayList<>();
        for (PageContent.Field f : content(page, state).fields()) {
            check(nodes.get(f.question().name()), array(f.instance()), state, lang, out);
        }
        return out;
    }

    private static void putOrRemove(Map<String, String> answers, String key, String answer) {
        if (answer == null || answer.isBlank()) {
            answers.remove(key);
        } else {
            answers.put(key, answer);
        }
    }

    /**
     * Works out each calculation with a trigger whose triggering question changed, in every instance, and keeps its
     * value among the answers (ODK's {@code trigger} column). Returns whether any kept value changed.
     */
    private boolean applyTriggers(State before, State after, Map<String, String> answers) {
        boolean changed = false;
        for (Node node : nodes.values()) {
            if (node.triggers.isEmpty() || node.calculation == null) {
                continue;
            }
            for (int[] p : after.instances(node, ROOT, new int[0])) {
                boolean fired = false;
                for (String trigger : node.triggers) {
                    Context was = new Context(before, node, p, Value.EMPTY, null);
                    Context is = new Context(after, node, p, Value.EMPTY, null);
                    if (!was.valueOf(trigger).asString().equals(is.valueOf(trigger).asString())) {
                        fired = true;
                    }
                }
                if (fired && after.relevant(node, p)) {
                    Value v = after.evaluate(node, node.calculation, p, Value.EMPTY, null).asAnswer();
                    putOrRemove(answers, AnswerKeys.key(node.name(), list(p)), v.asString());
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Removes the answers that the others make irrelevant, and those of instances that no longer exist. */
    public SaveResult clearIrrelevant(Map<String, String> answers) {
        return clearIrrelevant(answers, state(answers));
    }

    private SaveResult clearIrrelevant(Map<String, String> answers, State state) {
        record Cleared(String key, int index, String path) {}
        List<Cleared> cleared = new ArrayList<>();
        for (String key : answers.keySet()) {
            Target t = target(key);
            if (t == null) {
                AnswerKeys.Key k = AnswerKeys.parse(key);
                Node named = k == null ? null : nodes.get(k.name());
                if (named != null) {
                    cleared.add(new Cleared(key, named.index, key)); // a known name with a wrong instance
                }
                continue;
            }
            Node node = t.node();
            boolean keep;
            if (node.repeat() != null) {
                keep = node.repeat().respondentCounts() && state.exists(node, t.path())
                        && state.relevant(node, t.path());
            } else if (node.question() == null) {
                continue; // a group's name is no answer
            } else if (!state.exists(node, t.path())) {
                keep = false;
            } else if (t.other()) {
                keep = !otherValue(state, node, t.path()).isEmpty();
            } else {
                keep = state.relevant(node, t.path());
            }
            if (!keep) {
                cleared.add(new Cleared(key, node.index, Arrays.toString(t.path())));
            }
        }
        cleared.sort(Comparator.comparingInt(Cleared::index).thenComparing(Cleared::key));
        Map<String, String> kept = answers;
        if (!cleared.isEmpty()) {
            kept = new HashMap<>(answers);
            for (Cleared c : cleared) {
                kept.remove(c.key());
            }
        }
        return new SaveResult(true, kept, List.of(), cleared.stream().map(Cleared::key).toList());
    }

    // ------------------------------------------------------------------------------------------ repeats

    /**
     * The answers with one more instance of a respondent-counted repeat, inside the instance {@code outer} of the
     * repeats around it (empty for a repeat outside others). Throws IllegalArgumentException for a repeat whose
     * count the form sets, or beyond {@link #MAX_INSTANCES}.
     */
    public Map<String, String> addInstance(String repeat, List<Integer> outer, Map<String, String> answers) {
        Node node = respondentCounted(repeat, outer);
        State state = state(answers);
        int n = state.count(node, array(outer));
        if (n >= MAX_INSTANCES) {
            throw new IllegalArgumentException("'" + repeat + "' has the most instances there can be, "
                    + MAX_INSTANCES);
        }
        Map<String, String> out = new LinkedHashMap<>(answers);
        out.put(AnswerKeys.key(repeat, outer), String.valueOf(n + 1));
        return out;
    }

    /**
     * The answers without one instance of a respondent-counted repeat ({@code instance} is the instance path, the
     * repeat's own index last): its answers are removed and those of later instances move down one place, so that
     * instances stay numbered 1, 2, 3 …
     */
    public Map<String, String> removeInstance(String repeat, List<Integer> instance, Map<String, String> answers) {
        if (instance.isEmpty()) {
            throw new IllegalArgumentException("an instance of '" + repeat + "' needs its index");
        }
        List<Integer> outer = instance.subList(0, instance.size() - 1);
        Node node = respondentCounted(repeat, outer);
        int level = outer.size();
        int removed = instance.getLast();
        State state = state(answers);
        int n = state.count(node, array(outer));
        if (removed < 1 || removed > n) {
            throw new IllegalArgumentException("'" + AnswerKeys.key(repeat, instance) + "' does not exist");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            AnswerKeys.Key k = AnswerKeys.parse(e.getKey());
            String name = k == null ? null : otherFields.getOrDefault(k.name(), k.name());
            Node owner = name == null ? null : nodes.get(name);
            boolean inside = owner != null && owner.repeats.size() > level && owner.repeats.get(level).equals(repeat)
                    && k.instance().size() > level && k.instance().subList(0, level).equals(outer);
            if (!inside) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            int index = k.instance().get(level);
            if (index == removed) {
                continue;
            }
            List<Integer> moved = new ArrayList<>(k.instance());
            if (index > removed) {
                moved.set(level, index - 1);
            }
            out.put(AnswerKeys.key(k.name(), moved), e.getValue());
        }
        out.put(AnswerKeys.key(repeat, outer), String.valueOf(n - 1));
        return out;
    }

    private Node respondentCounted(String repeat, List<Integer> outer) {
        Node node = nodes.get(repeat);
        if (node == null || node.repeat() == null) {
            throw new IllegalArgumentException("'" + repeat + "' is not a repeat");
        }
        if (!node.repeat().respondentCounts()) {
            throw new IllegalArgumentException("the form sets how many instances '" + repeat + "' has");
        }
        if (outer.size() != node.repeats.size()) {
            throw new IllegalArgumentException("'" + repeat + "' is inside " + node.repeats.size()
                    + " repeats; the instance gave " + outer.size());
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------ metadata

    /**
     * The answers with the metadata a web questionnaire records (recorded, never asked): {@code start} and
     * {@code today} when not yet recorded (call when a respondent opens the questionnaire and on every save),
     * {@code deviceid} (the pseudonymous id the server gives the browser session, if not null) when not yet
     * recorded, and {@code end} when {@code submitted}. Times are this engine's clock's, as
     * {@code yyyy-mm-ddTHH:MM:SS}. Other device properties stay empty, as in a browser.
     */
    public Map<String, String> recordMetadata(Map<String, String> answers, String deviceId, boolean submitted) {
        Map<String, String> out = new LinkedHashMap<>(answers);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q == null || q.type() != QuestionType.METADATA || !node.repeats.isEmpty()) {
                continue;
            }
            String key = q.name();
            switch (q.metadata()) {
                case START -> out.putIfAbsent(key, Value.of(now).asString());
                case TODAY -> out.putIfAbsent(key, now.toLocalDate().toString());
                case END -> {
                    if (submitted) {
                        out.put(key, Value.of(now).asString());
                    }
                }
                case DEVICE_ID -> {
                    if (deviceId != null) {
                        out.putIfAbsent(key, deviceId);
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ languages

    /** The form language for what was asked ("da", "Dansk (da)", null for the default). */
    private String language(String requested) {
        return form.resolveLanguage(requested).orElse(form.defaultLanguage());
    }
}
