package org.barometer.forms.engine;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;

/**
 * The answer engine: pure functions over (form, answers so far, language). It decides which questions are
 * relevant, which page comes next or before, which answers break a rule (with the message in the respondent's
 * language), what the calculations give, and which answers are cleared because they became irrelevant.
 *
 * <p>Answers are texts keyed by question name; a select_multiple answer is its choice names separated by spaces.
 * An absent or empty answer is unanswered. The engine parses every expression once; an instance is immutable
 * and safe to share between threads.
 *
 * <p><b>Clearing rule.</b> ODK clears the values of non-relevant questions when the form is submitted. Barometer
 * clears them earlier, when the page whose answers make them irrelevant is saved, and reports which were cleared
 * (see {@link #savePage}), so that a respondent who goes back and changes a filter answer sees at once that the
 * answers that depended on it are gone, and no saved response ever holds an answer to a question it skipped.
 */
public final class AnswerEngine {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A question with its parsed expressions and its place in the form. */
    private record Node(Item item, String parent, int page, Expression relevant, Expression calculation,
                        Expression constraint, Expression required, Expression readOnly, Expression choiceFilter,
                        Set<String> filterColumns, Set<String> filterReferences, int index) {
        Question question() {
            return item instanceof Question q ? q : null;
        }
    }

    private final Form form;
    private final Clock clock;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** {@code <name>_other} → the or_other select it belongs to. */
    private final Map<String, String> otherFields = new HashMap<>();
    private final List<Page> pages = new ArrayList<>();

    private AnswerEngine(Form form, Clock clock) {
        this.form = form;
        this.clock = clock;
        for (Item item : form.items()) {
            List<String> onPage = new ArrayList<>();
            index(item, null, pages.size(), onPage);
            pages.add(new Page(pages.size(), item.name(), item.label(), onPage));
        }
    }

    /** An engine for the form, with today's date from the system clock. */
    public static AnswerEngine of(Form form) {
        return of(form, Clock.systemDefaultZone());
    }

    /**
     * An engine for the form; {@code clock} gives {@code today()}. Throws IllegalArgumentException naming the
     * question and column if an expression does not parse (forms from {@code XlsFormReader} always do).
     */
    public static AnswerEngine of(Form form, Clock clock) {
        return new AnswerEngine(form, clock);
    }

    private void index(Item item, String parent, int page, List<String> onPage) {
        switch (item) {
            case Group g -> {
                nodes.put(g.name(), new Node(g, parent, page, parse(g.name(), "relevant", g.relevant()), null,
                        null, null, null, null, Set.of(), Set.of(), nodes.size()));
                for (Item child : g.items()) {
                    index(child, g.name(), page, onPage);
                }
            }
            case Question q -> {
                Expression filter = parse(q.name(), "choice_filter", q.choiceFilter());
                Set<String> columns = new HashSet<>();
                if (filter != null) {
                    collectChoiceColumns(filter, columns);
                }
                nodes.put(q.name(), new Node(q, parent, page, parse(q.name(), "relevant", q.relevant()),
                        parse(q.name(), "calculation", q.calculation()),
                        parse(q.name(), "constraint", q.constraint()), parse(q.name(), "required", q.required()),
                        parse(q.name(), "read_only", q.readOnly()), filter, columns,
                        filter == null ? Set.of() : Set.copyOf(filter.references()), nodes.size()));
                onPage.add(q.name());
                if (q.orOther()) {
                    otherFields.put(q.otherName(), q.name());
                }
            }
        }
    }

    private static void collectChoiceColumns(Expression e, Set<String> out) {
        switch (e) {
            case Expression.ChoiceColumn c -> out.add(c.name());
            case Expression.Negation n -> collectChoiceColumns(n.operand(), out);
            case Expression.Binary b -> {
                collectChoiceColumns(b.left(), out);
                collectChoiceColumns(b.right(), out);
            }
            case Expression.FunctionCall f -> f.arguments().forEach(a -> collectChoiceColumns(a, out));
            default -> { }
        }
    }

    private static Expression parse(String name, String column, String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            return Expression.parse(source);
        } catch (ExpressionSyntaxException e) {
            throw new IllegalArgumentException("the " + column + " of '" + name + "' is not a valid expression: "
                    + e.getMessage(), e);
        }
    }

    /** The form this engine runs. */
    public Form form() {
        return form;
    }

    /** The pages in order: one per top-level group or top-level question. */
    public List<Page> pages() {
        return Collections.unmodifiableList(pages);
    }

    // ------------------------------------------------------------------------------------------ one evaluation

    /**
     * Relevance and values for one set of answers, computed on demand and remembered. Relevance is inherited:
     * an item inside a non-relevant group is not relevant; a non-relevant question's value is empty.
     */
    private final class State implements EvaluationContext {
        final Map<String, String> answers;
        // Memos by node index: relevance 0 = not yet known, 1 = being computed, 2 = relevant, 3 = not.
        final byte[] relevance = new byte[nodes.size()];
        final Value[] values = new Value[nodes.size()];
        final boolean[] computing = new boolean[nodes.size()];
        final LocalDate today = LocalDate.now(clock);

        State(Map<String, String> answers) {
            this.answers = answers;
        }

        boolean relevant(String name) {
            Node node = nodes.get(name);
            if (node == null) {
                String select = otherFields.get(name);
                return select != null && relevant(select) && selected(value(select), Question.OTHER_CHOICE);
            }
            return relevant(node);
        }

        boolean relevant(Node node) {
            int i = node.index();
            switch (relevance[i]) {
                case 2: return true;
                case 3: return false;
                case 1: return false; // a condition that depends on itself; the reader refuses such forms
                default: break;
            }
            relevance[i] = 1;
            boolean result = (node.parent() == null || relevant(nodes.get(node.parent())))
                    && (node.relevant() == null || node.relevant().evaluate(this).asBoolean());
            relevance[i] = (byte) (result ? 2 : 3);
            return result;
        }

        Value value(String name) {
            Node node = nodes.get(name);
            if (node == null) {
                return relevant(name) ? Value.of(answerOrDefault(name)) : Value.EMPTY;
            }
            int i = node.index();
            Value known = values[i];
            if (known != null) {
                return known;
            }
            Value result;
            if (!relevant(node)) {
                result = Value.EMPTY;
            } else if (node.calculation() != null) {
                if (computing[i]) {
                    return Value.EMPTY; // a cycle; the reader refuses such forms
                }
                computing[i] = true;
                result = node.calculation().evaluate(this);
                computing[i] = false;
            } else {
                result = Value.of(answerOrDefault(name));
            }
            values[i] = result;
            return result;
        }

        String answerOrDefault(String name) {
            String answer = answers.get(name);
            if (answer == null) {
                Node node = nodes.get(name);
                if (node != null && node.question() != null) {
                    return node.question().defaultValue();
                }
            }
            return answer == null || answer.isBlank() ? null : answer;
        }

        @Override
        public Value valueOf(String name) {
            return value(name);
        }

        @Override
        public Value currentAnswer() {
            return Value.EMPTY;
        }

        @Override
        public LocalDate today() {
            return today;
        }

        /** A context for a question's constraint: "." is its answer. */
        EvaluationContext withCurrent(Value current) {
            return context(this::value, current);
        }

        /** A context for a choice filter: bare names are the choice's columns. */
        EvaluationContext forChoice(Node node, Choice choice) {
            return context(name -> {
                if (node.filterColumns().contains(name) && !node.filterReferences().contains(name)) {
                    return Value.of(name.equals("name") ? choice.name() : choice.attributes().get(name));
                }
                return value(name);
            }, Value.EMPTY);
        }

        /** A context on this state's date that looks names up with {@code lookup} and answers "." with current. */
        private EvaluationContext context(Function<String, Value> lookup, Value current) {
            return new EvaluationContext() {
                @Override
                public Value valueOf(String name) {
                    return lookup.apply(name);
                }

                @Override
                public Value currentAnswer() {
                    return current;
                }

                @Override
                public LocalDate today() {
                    return today;
                }
            };
        }
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

    // ------------------------------------------------------------------------------------------ public queries

    /** Whether the question, group or {@code <name>_other} field is relevant given the answers. */
    public boolean isRelevant(String name, Map<String, String> answers) {
        return new State(answers).relevant(name);
    }

    /** Names of every relevant question (calculations and {@code _other} fields included), in form order. */
    public List<String> relevantQuestions(Map<String, String> answers) {
        State state = new State(answers);
        List<String> out = new ArrayList<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q != null && state.relevant(q.name())) {
                out.add(q.name());
                if (q.orOther() && state.relevant(q.otherName())) {
                    out.add(q.otherName());
                }
            }
        }
        return out;
    }

    /** The questions a respondent sees on the page: relevant, not calculations ({@code _other} fields not included). */
    public List<Question> visibleQuestions(int page, Map<String, String> answers) {
        return visibleQuestions(page, new State(answers));
    }

    private List<Question> visibleQuestions(int page, State state) {
        List<Question> out = new ArrayList<>();
        for (String name : pages.get(page).questions()) {
            Question q = nodes.get(name).question();
            if (q.type() != QuestionType.CALCULATE && state.relevant(name)) {
                out.add(q);
            }
        }
        return out;
    }

    /** The first page with something to show, if any. */
    public OptionalInt firstPage(Map<String, String> answers) {
        return nextPage(-1, answers);
    }

    /** The next page after {@code current} with at least one visible question; empty at the end. */
    public OptionalInt nextPage(int current, Map<String, String> answers) {
        State state = new State(answers);
        for (int p = current + 1; p < pages.size(); p++) {
            if (!visibleQuestions(p, state).isEmpty()) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    /** The page before {@code current} with at least one visible question; empty at the start. */
    public OptionalInt previousPage(int current, Map<String, String> answers) {
        State state = new State(answers);
        for (int p = Math.min(current, pages.size()) - 1; p >= 0; p--) {
            if (!visibleQuestions(p, state).isEmpty()) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    /** The values of every relevant calculation, as text. */
    public Map<String, String> calculatedValues(Map<String, String> answers) {
        State state = new State(answers);
        Map<String, String> out = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q != null && node.calculation() != null && state.relevant(q.name())) {
                out.put(q.name(), state.value(q.name()).asString());
            }
        }
        return out;
    }

    /**
     * The options shown for a select question: its list filtered by the choice_filter, then "other" when the
     * question has or_other. Labels in {@code language} (a form language, or its code such as "da").
     */
    public List<Option> options(String question, Map<String, String> answers, String language) {
        return options(nodes.get(question), new State(answers), language);
    }

    private List<Option> options(Node node, State state, String language) {
        if (node == null || node.question() == null || !node.question().type().isSelect()) {
            throw new IllegalArgumentException("'" + (node == null ? "?" : node.item().name())
                    + "' is not a select question");
        }
        Question q = node.question();
        String lang = language(language);
        List<Option> out = new ArrayList<>();
        ChoiceList list = form.choiceLists().get(q.listName());
        if (list != null) {
            for (Choice choice : list.choices()) {
                if (node.choiceFilter() == null
                        || node.choiceFilter().evaluate(state.forChoice(node, choice)).asBoolean()) {
                    out.add(new Option(choice.name(), render(choice.label(), state, lang)));
                }
            }
        }
        if (q.orOther()) {
            out.add(new Option(Question.OTHER_CHOICE, FormText.of("option.other").render(lang)));
        }
        return out;
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
        return render(text, new State(answers), language(language));
    }

    private String render(Text text, State state, String lang) {
        String raw = text.in(lang, form.defaultLanguage());
        if (!raw.contains("${")) {
            return raw;
        }
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(state.value(m.group(1)).asString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ checks

    /** What is wrong with the answers to the relevant questions of one page. */
    public List<Violation> check(int page, Map<String, String> answers, String language) {
        State state = new State(answers);
        List<Violation> out = new ArrayList<>();
        for (String name : pages.get(page).questions()) {
            check(nodes.get(name), state, language(language), out);
        }
        return out;
    }

    /** What is wrong with the answers to every relevant question of the form. */
    public List<Violation> checkAll(Map<String, String> answers, String language) {
        State state = new State(answers);
        List<Violation> out = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.question() != null) {
                check(node, state, language(language), out);
            }
        }
        return out;
    }

    /** Whether every relevant required question is answered and no answer breaks a rule. */
    public boolean isComplete(Map<String, String> answers) {
        return checkAll(answers, null).isEmpty();
    }

    private void check(Node node, State state, String lang, List<Violation> out) {
        Question q = node.question();
        if (q.type() == QuestionType.CALCULATE || q.type() == QuestionType.NOTE || !state.relevant(q.name())) {
            return;
        }
        String answer = state.answerOrDefault(q.name());
        if (answer == null) {
            if (node.required() != null && node.required().evaluate(state).asBoolean()) {
                out.add(violation(q.name(), Violation.Kind.REQUIRED, FormText.of("answer.required"),
                        q.requiredMessage(), state, lang));
            }
            return;
        }
        FormText invalid = typeProblem(node, answer, state, lang);
        if (invalid != null) {
            out.add(violation(q.name(), Violation.Kind.INVALID, invalid, Text.NONE, state, lang));
            return;
        }
        if (node.constraint() != null && !holds(node.constraint(), state.withCurrent(state.value(q.name())))) {
            out.add(violation(q.name(), Violation.Kind.CONSTRAINT, FormText.of("answer.constraint"),
                    q.constraintMessage(), state, lang));
        }
    }

    /** A violation shown with the form's own message where it has one, else with the engine's. */
    private Violation violation(String question, Violation.Kind kind, FormText engineText, Text formMessage,
                                State state, String lang) {
        String shown = formMessage.isEmpty() ? engineText.render(lang) : render(formMessage, state, lang);
        return new Violation(question, kind, shown, engineText);
    }

    /**
     * Whether a constraint holds for the answer. An answer on which the constraint cannot be decided within the
     * evaluation limits (a regular expression that backtracks without end on this text) breaks it: the respondent
     * is asked to change it, rather than the server working for seconds or failing.
     */
    private static boolean holds(Expression constraint, EvaluationContext context) {
        try {
            return constraint.evaluate(context).asBoolean();
        } catch (ExpressionLimitException e) {
            return false;
        }
    }

    /** What is wrong with the answer's type, or null when the answer has the question's type. */
    private FormText typeProblem(Node node, String answer, State state, String lang) {
        Question q = node.question();
        return switch (q.type()) {
            case INTEGER -> INTEGER.matcher(answer.strip()).matches() ? null : FormText.of("answer.integer");
            case DECIMAL -> DECIMAL.matcher(answer.strip()).matches() ? null : FormText.of("answer.decimal");
            case DATE -> isDate(answer.strip()) ? null : FormText.of("answer.date");
            case ACKNOWLEDGE -> answer.equals("OK") ? null : FormText.of("answer.acknowledge");
            case SELECT_ONE -> offered(node, state, lang).contains(answer.strip()) ? null
                    : FormText.of("answer.choice");
            case SELECT_MULTIPLE -> {
                Set<String> offered = offered(node, state, lang);
                String[] parts = SPACES.split(answer.strip());
                Set<String> seen = new HashSet<>();
                for (String part : parts) {
                    if (!offered.contains(part) || !seen.add(part)) {
                        yield FormText.of("answer.choices");
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    /** The names of the options shown (as {@link #options} without rendering labels). */
    private Set<String> offered(Node node, State state, String lang) {
        Set<String> names = new LinkedHashSet<>();
        Question q = node.question();
        ChoiceList list = form.choiceLists().get(q.listName());
        if (list != null) {
            for (Choice choice : list.choices()) {
                if (node.choiceFilter() == null
                        || node.choiceFilter().evaluate(state.forChoice(node, choice)).asBoolean()) {
                    names.add(choice.name());
                }
            }
        }
        if (q.orOther()) {
            names.add(Question.OTHER_CHOICE);
        }
        return names;
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

    // ------------------------------------------------------------------------------------------ saving

    /**
     * Saves the answers given on one page. When the page has violations, nothing changes: the result is not
     * accepted and carries the violations. Otherwise the page's answers are merged into the answers so far
     * (an empty text removes an answer; answers to read-only questions are ignored) and every answer that the new answers make irrelevant is removed and reported in
     * {@link SaveResult#cleared()}.
     */
    public SaveResult savePage(int page, Map<String, String> answersSoFar, Map<String, String> pageAnswers,
                               String language) {
        Map<String, String> merged = new LinkedHashMap<>(answersSoFar);
        State before = new State(answersSoFar);
        Set<String> onPage = new HashSet<>(pages.get(page).questions());
        pages.get(page).questions().forEach(name -> {
            Question q = nodes.get(name).question();
            if (q.orOther()) {
                onPage.add(q.otherName());
            }
        });
        pageAnswers.forEach((name, answer) -> {
            Node node = nodes.get(otherFields.getOrDefault(name, name));
            if (!onPage.contains(name) || node.question().type() == QuestionType.CALCULATE) {
                throw new IllegalArgumentException("'" + name + "' is not a question on page "
                        + pages.get(page).name());
            }
            if (node.readOnly() != null && node.readOnly().evaluate(before).asBoolean()) {
                return; // as in ODK, a read-only question keeps its value
            }
            if (answer == null || answer.isBlank()) {
                merged.remove(name);
            } else {
                merged.put(name, answer);
            }
        });
        // One evaluation of the merged answers serves both the checks and the clearing.
        State state = new State(merged);
        List<Violation> violations = new ArrayList<>();
        String lang = language(language);
        for (String name : pages.get(page).questions()) {
            check(nodes.get(name), state, lang, violations);
        }
        if (!violations.isEmpty()) {
            return new SaveResult(false, answersSoFar, violations, List.of());
        }
        return clearIrrelevant(merged, state);
    }

    /** Removes the answers that the others make irrelevant; what submission does in ODK. */
    public SaveResult clearIrrelevant(Map<String, String> answers) {
        return clearIrrelevant(answers, new State(answers));
    }

    private SaveResult clearIrrelevant(Map<String, String> answers, State state) {
        List<String> cleared = new ArrayList<>();
        for (Node node : nodes.values()) {
            Question q = node.question();
            if (q == null) {
                continue;
            }
            if (answers.containsKey(q.name()) && !state.relevant(node)) {
                cleared.add(q.name());
            }
            if (q.orOther() && answers.containsKey(q.otherName()) && !state.relevant(q.otherName())) {
                cleared.add(q.otherName());
            }
        }
        Map<String, String> kept = answers;
        if (!cleared.isEmpty()) {
            kept = new HashMap<>(answers);
            kept.keySet().removeAll(cleared);
        }
        return new SaveResult(true, kept, List.of(), cleared);
    }

    // ------------------------------------------------------------------------------------------ languages

    /** The form language for what was asked ("da", "Dansk (da)", null for the default). */
    private String language(String requested) {
        return form.resolveLanguage(requested).orElse(form.defaultLanguage());
    }
}
