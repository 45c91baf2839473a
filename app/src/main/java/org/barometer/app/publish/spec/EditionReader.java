package org.barometer.app.publish.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Repeat;
import org.barometer.forms.model.Text;

import org.barometer.app.text.LocalizedText;
/**
 * Reads and checks an edition folder at the door: every file, field, name and expression is checked, every
 * problem is collected with its file and place (JSON path, character position), and the edition is refused
 * as a whole if there is any — nothing is published in part.
 */
public final class EditionReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, String> files;
    private final Function<String, Form> forms;
    private final List<EditionProblem> problems = new ArrayList<>();

    /** The frame variables of the edition's register, which the weighting may name. */
    private final List<String> frameVariables;
    /** The edition's coded open questions, which figures and derived variables may read as {@code coded.<question>}. */
    private final List<CodedVariable> coded;

    private EditionReader(Function<String, String> files, Function<String, Form> forms) {
        this(files, forms, WeightingSettings.FRAME_VARIABLES, List.of());
    }

    private EditionReader(Function<String, String> files, Function<String, Form> forms, List<String> frameVariables,
                          List<CodedVariable> coded) {
        this.files = files;
        this.forms = forms;
        this.frameVariables = List.copyOf(frameVariables);
        this.coded = List.copyOf(coded);
    }

    /** Reads an edition from a folder on disk. */
    public static EditionSpec read(Path folder, Function<String, Form> forms) throws EditionException {
        return new EditionReader(name -> {
            try {
                return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + folder.resolve(name) + ": " + e.getMessage(), e);
            }
        }, forms).read();
    }

    /** Reads an edition from files given by name (for tests and uploads). */
    public static EditionSpec read(Map<String, String> files, Function<String, Form> forms) throws EditionException {
        return new EditionReader(files::get, forms).read();
    }

    /**
     * Reads an edition from files given by name, for an edition whose register has the given frame variables (its
     * declared ones, or the built-in register's): weighting may name only those.
     */
    public static EditionSpec read(Map<String, String> files, Function<String, Form> forms, List<String> frameVariables)
            throws EditionException {
        return new EditionReader(files::get, forms, frameVariables, List.of()).read();
    }

    /**
     * As {@link #read(Map, Function, List)}, for an edition whose open questions are coded: each coded variable
     * ({@code coded.<question>}, with the categories of its coding frame) may be read like a select-multiple question.
     */
    public static EditionSpec read(Map<String, String> files, Function<String, Form> forms, List<String> frameVariables,
                                   List<CodedVariable> coded) throws EditionException {
        return new EditionReader(files::get, forms, frameVariables, coded).read();
    }

    private EditionSpec read() throws EditionException {
        String file = "edition.json";
        JsonNode root = parse(file);
        if (root == null) {
            throw new EditionException(problems);
        }
        String id = text(file, root, "id", true);
        LocalizedText title = localized(file, root, "title", true);
        String formName = text(file, root, "form", true);
        Form form = null;
        if (formName != null) {
            form = forms.apply(formName);
            if (form == null) {
                problems.add(EditionProblem.at(file, "form", "edition.problem.unknown.questionnaire", formName));
            }
        }
        int minCount = root.has("minCellCount") ? integer(file, root, "minCellCount", 1, 1000, "") : EditionSpec.DEFAULT_MIN_COUNT;
        double level = root.has("significanceLevel") ? number(file, root, "significanceLevel", 0.0001, 0.5, "") : 0.05;
        WeightingSettings weighting = weighting(file, root);
        if (form == null) {
            throw new EditionException(problems);
        }
        Map<String, VariableInfo> known = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            known.put(q.name(), VariableInfo.of(q, form));
        }
        List<CodedVariable> codedHere = new ArrayList<>();
        for (CodedVariable c : coded) {
            Question q = form.question(c.question()).orElse(null);
            if (q != null && !known.containsKey(c.name())) {
                known.put(c.name(), VariableInfo.of(c, known.get(q.name()).label()));
                codedHere.add(c);
            }
        }
        List<DerivedVariable> derived = new ArrayList<>();
        JsonNode derivedNode = root.path("derived");
        if (!derivedNode.isMissingNode() && !derivedNode.isArray()) {
            problems.add(EditionProblem.at(file, "derived", "edition.problem.must.be.a.list"));
        }
        for (int k = 0; k < derivedNode.size(); k++) {
            JsonNode d = derivedNode.get(k);
            String place = "derived[" + k + "]";
            String name = text(file, d, "name", true, place);
            String source = text(file, d, "expression", true, place);
            LocalizedText label = localized(file, d, "label", true, place);
            if (name == null || source == null) {
                continue;
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(EditionProblem.at(file, place + ".name", "edition.problem.is.not.a.valid.variable", name));
                continue;
            }
            if (known.containsKey(name)) {
                problems.add(EditionProblem.at(file, place + ".name", "edition.problem.is.already.a.variable.of", name));
                continue;
            }
            // a derived variable may read the register's variables too: each respondent's own frame values
            Set<String> readable = new LinkedHashSet<>(frameVariables);
            readable.addAll(known.keySet());
            Expression e = expression(file, place + ".expression", source, readable);
            List<DerivedVariable.Category> categories = new ArrayList<>();
            JsonNode cats = d.path("categories");
            for (int c = 0; c < cats.size(); c++) {
                String value = text(file, cats.get(c), "value", true, place + ".categories[" + c + "]");
                LocalizedText l = localized(file, cats.get(c), "label", true, place + ".categories[" + c + "]");
                if (value != null && l != null) {
                    categories.add(new DerivedVariable.Category(value, Map.of("da", l.da(), "en", l.en())));
                }
            }
            if (e != null && label != null) {
                DerivedVariable dv = new DerivedVariable(name, e, source, Map.of("da", label.da(), "en", label.en()), categories);
                derived.add(dv);
                known.put(name, VariableInfo.of(dv));
            }
        }
        List<EditionSpec.Theme> themes = new ArrayList<>();
        Set<String> themeIds = new HashSet<>();
        JsonNode themesNode = root.path("themes");
        for (int k = 0; k < themesNode.size(); k++) {
            String place = "themes[" + k + "]";
            String themeId = text(file, themesNode.get(k), "id", true, place);
            LocalizedText t = localized(file, themesNode.get(k), "title", true, place);
            LocalizedText intro = localized(file, themesNode.get(k), "intro", false, place);
            if (themeId != null && t != null) {
                themes.add(new EditionSpec.Theme(themeId, t, intro));
                themeIds.add(themeId);
            }
        }
        List<EditionSpec.Headline> headlines = headlines(file, root, known.keySet());
        List<FigureSpec> figures = new ArrayList<>();
        JsonNode figureFiles = root.path("figures");
        if (!figureFiles.isArray() || figureFiles.isEmpty()) {
            problems.add(EditionProblem.at(file, "figures", "edition.problem.must.list.the.figure.files"));
        }
        Set<String> figureIds = new HashSet<>();
        for (int k = 0; k < figureFiles.size(); k++) {
            String figureFile = figureFiles.get(k).asText();
            FigureSpec spec = figure(figureFile, "figures[" + k + "]", known, form, themeIds);
            if (spec != null) {
                if (!figureIds.add(spec.id())) {
                    problems.add(EditionProblem.at(figureFile, "id", "edition.problem.figure.id.is.used.by", spec.id()));
                }
                figures.add(spec);
            }
        }
        EditionSpec.Explorer explorer = explorer(file, root, form, derived, codedHere, minCount);
        EditionSpec.Portal portal = portal(file, root, title);
        EditionSpec.SelfTest selfTest = selfTest(file, root, form, explorer, known, minCount);
        if (!problems.isEmpty()) {
            throw new EditionException(problems);
        }
        return new EditionSpec(id, title, form, minCount, level, weighting, derived, themes, headlines, figures,
                explorer, portal, selfTest, codedHere);
    }

    /** The optional {@code portal} section: the front page's title and introduction, each in both languages. */
    private EditionSpec.Portal portal(String file, JsonNode root, LocalizedText editionTitle) {
        JsonNode node = root.get("portal");
        if (node == null || node.isNull()) {
            return new EditionSpec.Portal(editionTitle, null, EditionSpec.DEFAULT_POPULATION, null);
        }
        if (!node.isObject()) {
            problems.add(EditionProblem.at(file, "portal", "edition.problem.portal.object"));
            return new EditionSpec.Portal(editionTitle, null, EditionSpec.DEFAULT_POPULATION, null);
        }
        LocalizedText title = localized(file, node, "title", false, "portal");
        LocalizedText lead = localized(file, node, "lead", false, "portal");
        LocalizedText population = localized(file, node, "population", false, "portal");
        LocalizedText design = localized(file, node, "design", false, "portal");
        return new EditionSpec.Portal(title == null ? editionTitle : title, lead,
                population == null ? EditionSpec.DEFAULT_POPULATION : population, design);
    }

    /** The settings an edition's {@code selfTest} object may have. */
    private static final List<String> SELF_TEST_SETTINGS = List.of("comparison", "questions", "batch", "groupDays",
            "intro");
    /** How many days a group code works when the edition does not say. */
    static final int DEFAULT_GROUP_DAYS = 30;
    /** The most questions a self-test asks: it is meant to take minutes, and each answer is a counter. */
    static final int MAX_SELF_TEST_QUESTIONS = 40;

    /**
     * The optional {@code selfTest} object: {@code comparison} (a publishable variable with categories: the groups a
     * visitor may be compared with), {@code questions} (select-one questions of the questionnaire that the explorer
     * publishes, whose conditions name only questions the self-test asks too), {@code batch} (k, at least the
     * edition's minimum cell count; default the larger of 5 and that minimum), {@code groupDays} (default
     * {@value #DEFAULT_GROUP_DAYS}) and {@code intro}.
     */
    private EditionSpec.SelfTest selfTest(String file, JsonNode root, Form form, EditionSpec.Explorer explorer,
                                          Map<String, VariableInfo> known, int minCount) {
        JsonNode node = present(file, root, "selfTest", false, "selfTest");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(EditionProblem.at(file, "selfTest", "edition.problem.must.be.an.object.with",
                    String.join(", ", SELF_TEST_SETTINGS)));
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(name -> {
            if (!SELF_TEST_SETTINGS.contains(name)) {
                problems.add(EditionProblem.at(file, "selfTest." + name, "edition.problem.unknown.setting.use",
                        String.join(", ", SELF_TEST_SETTINGS)));
            }
        });
        String comparison = text(file, node, "comparison", true, "selfTest");
        if (comparison != null && (!explorer.variables().contains(comparison) || !known.containsKey(comparison)
                || known.get(comparison).categories().isEmpty() || known.get(comparison).multiple())) {
            problems.add(EditionProblem.at(file, "selfTest.comparison", "edition.problem.selfTest.comparison",
                    comparison));
        }
        Map<String, Question> byName = new LinkedHashMap<>();
        form.questions().forEach(q -> byName.put(q.name(), q));
        Set<String> repeated = new HashSet<>();
        form.repeats().forEach(r -> collectNames(r.items(), repeated));
        List<String> asked = new ArrayList<>();
        Map<String, Integer> placeOf = new LinkedHashMap<>();
        JsonNode list = present(file, node, "questions", true, "selfTest.questions");
        if (list != null && (!list.isArray() || list.isEmpty() || list.size() > MAX_SELF_TEST_QUESTIONS)) {
            problems.add(EditionProblem.at(file, "selfTest.questions", "edition.problem.selfTest.questions",
                    MAX_SELF_TEST_QUESTIONS));
            list = null;
        }
        for (int k = 0; list != null && k < list.size(); k++) {
            String place = "selfTest.questions[" + k + "]";
            String name = list.get(k).isTextual() ? list.get(k).asText() : list.get(k).toString();
            Question q = byName.get(name);
            if (q == null) {
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.unknownQuestion", name));
            } else if (q.type() != QuestionType.SELECT_ONE) {
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.notSelectOne", name,
                        q.type().xlsFormName()));
            } else if (!explorer.variables().contains(name)) {
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.notPublishable", name));
            } else if (repeated.contains(name)) {
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.inRepeat", name));
            } else if (!q.media().isEmpty()) {
                // a questionnaire's pictures are served to personal links only
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.picture", name));
            } else if (name.equals(comparison)) {
                problems.add(EditionProblem.at(file, place, "edition.problem.selfTest.isComparison", name));
            } else if (asked.contains(name)) {
                problems.add(EditionProblem.at(file, place, "edition.problem.explorer.twice", name));
            } else {
                asked.add(name);
                placeOf.put(name, k);
            }
        }
        int batch = Math.max(5, minCount);
        if (node.has("batch")) {
            batch = integer(file, node, "batch", Math.max(2, minCount), 1_000, "selfTest");
        }
        int days = node.has("groupDays") ? integer(file, node, "groupDays", 1, 366, "selfTest") : DEFAULT_GROUP_DAYS;
        LocalizedText intro = localized(file, node, "intro", false, "selfTest");
        List<Question> questions = new ArrayList<>();
        collectSelfTest(form.items(), List.of(), asked, questions);
        for (Question q : questions) {
            for (String source : new String[] {q.relevant(), q.required(), q.constraint(), q.choiceFilter()}) {
                for (String name : referencesOf(source)) {
                    if (!asked.contains(name)) {
                        problems.add(EditionProblem.at(file, "selfTest.questions[" + placeOf.get(q.name()) + "]",
                                "edition.problem.selfTest.dependsOn", q.name(), name));
                    }
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        Form selfTestForm = new Form(form.id() + "-self-test", form.title(), form.version(), form.defaultLanguage(),
                form.languages(), List.of(new Group("self_test", Text.NONE, null, "field-list",
                List.copyOf(questions))), form.choiceLists(), form.allowChoiceDuplicates());
        return new EditionSpec.SelfTest(comparison, questions.stream().map(Question::name).toList(), selfTestForm,
                batch, days, intro);
    }

    /**
     * The questions of {@code asked} in the questionnaire's order, each relevant only where it and every group
     * around it are: the self-test shows them on one page, without the groups.
     */
    private static void collectSelfTest(List<Item> items, List<String> around, List<String> asked, List<Question> out) {
        for (Item item : items) {
            switch (item) {
                case Question q -> {
                    if (asked.contains(q.name())) {
                        List<String> conditions = new ArrayList<>(around);
                        if (q.relevant() != null && !q.relevant().isBlank()) {
                            conditions.add(q.relevant());
                        }
                        String relevant = conditions.isEmpty() ? null : conditions.size() == 1 ? conditions.getFirst()
                                : "(" + String.join(") and (", conditions) + ")";
                        out.add(new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(),
                                q.required(), q.requiredMessage(), relevant, q.constraint(), q.constraintMessage(),
                                q.calculation(), q.choiceFilter(), q.appearance(), q.defaultValue(), q.readOnly(),
                                q.parameters(), q.media(), q.metadata(), q.trigger()));
                    }
                }
                case Group g -> collectSelfTest(g.items(), with(around, g.relevant()), asked, out);
                case Repeat r -> { } // refused above: a self-test asks no question of a repeat
            }
        }
    }

    private static List<String> with(List<String> conditions, String condition) {
        if (condition == null || condition.isBlank()) {
            return conditions;
        }
        List<String> out = new ArrayList<>(conditions);
        out.add(condition);
        return out;
    }

    private static void collectNames(List<Item> items, Set<String> out) {
        for (Item item : items) {
            switch (item) {
                case Question q -> out.add(q.name());
                case Group g -> collectNames(g.items(), out);
                case Repeat r -> collectNames(r.items(), out);
            }
        }
    }

    /** The variables an expression of the questionnaire names (it was checked when the questionnaire was read). */
    private static List<String> referencesOf(String source) {
        if (source == null || source.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(new LinkedHashSet<>(Expression.parse(source).references()));
        } catch (ExpressionSyntaxException e) {
            return List.of();
        }
    }

    /** Question types whose answers a visitor may never tabulate or filter by: free text, numbers, times, paradata. */
    private static final Set<QuestionType> NOT_PUBLISHABLE = Set.of(QuestionType.TEXT, QuestionType.INTEGER,
            QuestionType.DECIMAL, QuestionType.DATE, QuestionType.TIME, QuestionType.DATETIME, QuestionType.RANGE,
            QuestionType.RANK, QuestionType.HIDDEN, QuestionType.METADATA, QuestionType.NOTE, QuestionType.ACKNOWLEDGE);

    /**
     * The edition's {@code explorer} object: {@code variables} (the publishable variables; by default every select
     * question, every derived variable with categories and every coded open question), {@code filters} (the publishable variables that
     * classify workplaces, which filters may name; by default none) and {@code minBase} (default
     * {@link EditionSpec#DEFAULT_MIN_BASE}, at least the edition's minimum cell count).
     */
    private EditionSpec.Explorer explorer(String file, JsonNode root, Form form, List<DerivedVariable> derived,
                                          List<CodedVariable> codedHere, int minCount) {
        EditionSpec.Explorer read = explorerVariables(file, root, form, derived, codedHere, minCount);
        JsonNode node = root.get("explorer");
        JsonNode list = node == null || !node.isObject() ? null : node.get("filters");
        List<String> filters = new ArrayList<>();
        if (list != null && !list.isArray()) {
            problems.add(EditionProblem.at(file, "explorer.filters", "edition.problem.must.be.a.list"));
        } else if (list != null) {
            for (int k = 0; k < list.size(); k++) {
                String place = "explorer.filters[" + k + "]";
                String name = list.get(k).isTextual() ? list.get(k).asText() : list.get(k).toString();
                if (!read.variables().contains(name)) {
                    problems.add(EditionProblem.at(file, place, "edition.problem.explorer.filterNotPublishable", name));
                } else if (filters.contains(name)) {
                    problems.add(EditionProblem.at(file, place, "edition.problem.explorer.twice", name));
                } else {
                    filters.add(name);
                }
            }
        }
        return new EditionSpec.Explorer(read.variables(), filters, read.minBase());
    }

    private EditionSpec.Explorer explorerVariables(String file, JsonNode root, Form form,
                                                   List<DerivedVariable> derived, List<CodedVariable> codedHere,
                                                   int minCount) {
        JsonNode node = present(file, root, "explorer", false, "explorer");
        List<String> variables = new ArrayList<>();
        int minBase = Math.max(EditionSpec.DEFAULT_MIN_BASE, minCount);
        if (node != null && !node.isObject()) {
            problems.add(EditionProblem.at(file, "explorer", "edition.problem.explorer.notObject"));
            node = null;
        }
        if (node != null) {
            node.fieldNames().forEachRemaining(field -> {
                if (!field.equals("variables") && !field.equals("filters") && !field.equals("minBase")) {
                    problems.add(EditionProblem.at(file, "explorer." + field, "edition.problem.explorer.unknownSetting",
                            field));
                }
            });
            if (node.has("minBase")) {
                minBase = integer(file, node, "minBase", minCount, 100_000, "explorer");
            }
        }
        JsonNode list = node == null ? null : present(file, node, "variables", false, "explorer.variables");
        if (list == null) {
            for (Question q : form.questions()) {
                if (q.type().isSelect()) {
                    variables.add(q.name());
                }
            }
            for (DerivedVariable d : derived) {
                if (!d.categories().isEmpty()) {
                    variables.add(d.name());
                }
            }
            codedHere.forEach(c -> variables.add(c.name()));
            return new EditionSpec.Explorer(variables, List.of(), minBase);
        }
        if (!list.isArray()) {
            problems.add(EditionProblem.at(file, "explorer.variables", "edition.problem.must.be.a.list"));
            return new EditionSpec.Explorer(variables, List.of(), minBase);
        }
        // the variables that are no question: derived ones, and coded ones (their categories, never the text)
        Set<String> notQuestions = new HashSet<>();
        derived.forEach(d -> notQuestions.add(d.name()));
        codedHere.forEach(c -> notQuestions.add(c.name()));
        for (int k = 0; k < list.size(); k++) {
            String place = "explorer.variables[" + k + "]";
            String name = list.get(k).isTextual() ? list.get(k).asText() : null;
            Question q = name == null ? null : form.questions().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElse(null);
            if (name == null || (q == null && !notQuestions.contains(name))) {
                problems.add(EditionProblem.at(file, place, "edition.problem.explorer.unknownVariable",
                        name == null ? list.get(k).toString() : name));
            } else if (q != null && NOT_PUBLISHABLE.contains(q.type())) {
                problems.add(EditionProblem.at(file, place, "edition.problem.explorer.notPublishable", name,
                        q.type().xlsFormName()));
            } else if (variables.contains(name)) {
                problems.add(EditionProblem.at(file, place, "edition.problem.explorer.twice", name));
            } else {
                variables.add(name);
            }
        }
        return new EditionSpec.Explorer(variables, List.of(), minBase);
    }

    /** The settings an edition's {@code weighting} object may have. */
    private static final List<String> WEIGHTING_SETTINGS = List.of("method", "nonresponseGroups", "margins",
            "trimAbove", "minRespondents");

    /** The edition's {@code weighting} object; every setting left out keeps its default. */
    private WeightingSettings weighting(String file, JsonNode root) {
        WeightingSettings defaults = WeightingSettings.defaults();
        JsonNode node = present(file, root, "weighting", false, "weighting");
        if (node == null) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add(EditionProblem.at(file, "weighting", "edition.problem.must.be.an.object.with", String.join(", ", WEIGHTING_SETTINGS)));
            return defaults;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!WEIGHTING_SETTINGS.contains(name)) {
                problems.add(EditionProblem.at(file, "weighting." + name, "edition.problem.unknown.setting.use", String.join(", ", WEIGHTING_SETTINGS)));
            }
        });
        WeightingOptions options = defaults.options();
        String method = text(file, node, "method", false, "weighting");
        if (method != null) {
            List<String> methods = List.of("raking", "linear", "none");
            if (methods.contains(method)) {
                options = options.withMethod(WeightingOptions.Method.valueOf(method.toUpperCase(Locale.ROOT)));
            } else {
                problems.add(EditionProblem.at(file, "weighting.method", "edition.problem.unknown.method", method, String.join(", ", methods)));
            }
        }
        JsonNode trim = present(file, node, "trimAbove", false, "weighting.trimAbove");
        if (trim != null) {
            // the cap is a multiple of the mean weight: at 1 or below every weight would be cut to the mean
            if (!trim.isNumber() || trim.asDouble() <= 1 || trim.asDouble() > 100) {
                problems.add(EditionProblem.at(file, "weighting.trimAbove", "edition.problem.must.be.a.number.above"));
            } else {
                options = options.withTrimAbove(trim.asDouble());
            }
        }
        if (present(file, node, "minRespondents", false, "weighting.minRespondents") != null) {
            options = options.withMinRespondents(integer(file, node, "minRespondents", 1, 1000, "weighting"));
        }
        List<String> groups = null;
        JsonNode groupsNode = present(file, node, "nonresponseGroups", false, "weighting.nonresponseGroups");
        if (groupsNode != null) {
            groups = frameVariables(file, groupsNode, "weighting.nonresponseGroups", new HashSet<>(), false);
        }
        List<List<String>> margins = defaults.margins();
        JsonNode marginsNode = present(file, node, "margins", false, "weighting.margins");
        if (marginsNode != null) {
            margins = new ArrayList<>();
            if (!marginsNode.isArray() || marginsNode.isEmpty()) {
                problems.add(EditionProblem.at(file, "weighting.margins", "edition.problem.must.be.a.list.of"));
            } else {
                // a frame variable in two margins would make linear calibration's equations depend on each other
                Set<String> used = new HashSet<>();
                for (int k = 0; k < marginsNode.size(); k++) {
                    margins.add(frameVariables(file, marginsNode.get(k), "weighting.margins[" + k + "]", used, true));
                }
            }
        }
        return new WeightingSettings(options, groups, margins);
    }

    /**
     * A list of frame variables at {@code place}; a variable already in {@code used} is refused (it is added
     * there), and so is an empty list when {@code nonEmpty}.
     */
    private List<String> frameVariables(String file, JsonNode list, String place, Set<String> used, boolean nonEmpty) {
        String known = String.join(", ", frameVariables);
        List<String> out = new ArrayList<>();
        if (!list.isArray() || (nonEmpty && list.isEmpty())) {
            problems.add(EditionProblem.at(file, place, "edition.problem.must.be.a.list.of2", known));
            return out;
        }
        for (int k = 0; k < list.size(); k++) {
            String v = list.get(k).asText();
            if (!list.get(k).isTextual() || !frameVariables.contains(v)) {
                problems.add(EditionProblem.at(file, place + "[" + k + "]", "edition.problem.unknown.frame.variable", v, known));
            } else if (!used.add(v)) {
                problems.add(EditionProblem.at(file, place + "[" + k + "]", "edition.problem.is.given.twice.a.frame", v));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** The edition's {@code headlines}: each a share (condition among base) with the words that follow it. */
    private List<EditionSpec.Headline> headlines(String file, JsonNode root, Set<String> known) {
        List<EditionSpec.Headline> headlines = new ArrayList<>();
        JsonNode list = present(file, root, "headlines", false, "headlines");
        if (list == null) {
            return headlines;
        }
        if (!list.isArray()) {
            problems.add(EditionProblem.at(file, "headlines", "edition.problem.must.be.a.list"));
            return headlines;
        }
        for (int k = 0; k < list.size(); k++) {
            String place = "headlines[" + k + "]";
            JsonNode h = list.get(k);
            if (!h.isObject()) {
                problems.add(EditionProblem.at(file, place, "edition.problem.must.be.an.object.with2"));
                continue;
            }
            String baseSource = text(file, h, "base", false, place);
            Expression base = baseSource == null ? parseTrusted("true()") : expression(file, place + ".base", baseSource, known);
            String conditionSource = text(file, h, "condition", true, place);
            Expression condition = conditionSource == null ? null
                    : expression(file, place + ".condition", conditionSource, known);
            LocalizedText text = localized(file, h, "text", true, place);
            if (base != null && condition != null && text != null) {
                headlines.add(new EditionSpec.Headline(base, baseSource == null ? "true()" : baseSource, condition,
                        conditionSource, text));
            }
        }
        return headlines;
    }

    private FigureSpec figure(String file, String listedAt, Map<String, VariableInfo> known, Form form, Set<String> themes) {
        JsonNode root = parse(file);
        if (root == null) {
            return null;
        }
        int before = problems.size();
        String id = text(file, root, "id", true);
        String number = text(file, root, "number", false);
        String theme = text(file, root, "theme", true);
        if (theme != null && !themes.contains(theme)) {
            problems.add(EditionProblem.at(file, "theme", "edition.problem.unknown.theme.edition.json.declares", theme, themes));
        }
        LocalizedText title = localized(file, root, "title", true);
        LocalizedText description = localized(file, root, "description", false);
        LocalizedText question = localized(file, root, "question", false);
        String variable = text(file, root, "variable", false);
        VariableInfo info = null;
        if (variable != null) {
            info = known.get(variable);
            if (info == null) {
                problems.add(EditionProblem.at(file, "variable", "edition.problem.unknown.question.or.derived.variable", variable));
            } else if (question == null) {
                question = info.label();
            }
        }
        if (question == null && info == null && variable == null) {
            problems.add(EditionProblem.at(file, "question", "edition.problem.a.figure.of.items.needs"));
        }
        Answers answers = answers(file, root, variable, info, known);
        List<FigureSpec.Item> items = answers.items();
        String baseSource = text(file, root, "base", false);
        Expression base = baseSource == null ? null : expression(file, "base", baseSource, known.keySet());
        if (baseSource == null) {
            baseSource = "true()";
            base = parseTrusted("true()");
        }
        LocalizedText baseText = localized(file, root, "baseText", false);
        String breakdown = text(file, root, "breakdown", false);
        List<FigureSpec.Item> groups = breakdown == null ? List.of() : groups(file, root, breakdown, known);
        FigureSpec.ChartType chart = chart(file, root);
        List<String> negative = new ArrayList<>();
        for (JsonNode n : root.path("negative")) {
            String v = n.asText();
            if (items.stream().noneMatch(i -> i.id().equals(v))) {
                problems.add(EditionProblem.at(file, "negative", "edition.problem.is.not.one.of.the", v));
            }
            negative.add(v);
        }
        if (chart == FigureSpec.ChartType.DIVERGING && negative.isEmpty()) {
            problems.add(EditionProblem.at(file, "negative", "edition.problem.a.diverging.chart.needs.the"));
        }
        int decimals = root.has("decimals") ? integer(file, root, "decimals", 0, 2, "") : 0;
        FigureSpec.TestKind test = test(file, root);
        if (test == FigureSpec.TestKind.OVERALL && variable == null && items.size() > 4) {
            problems.add(EditionProblem.at(file, "test", "edition.problem.an.overall.test.of.items", items.size(), items.size()));
        }
        if (test != FigureSpec.TestKind.NONE && breakdown == null) {
            problems.add(EditionProblem.at(file, "test", "edition.problem.a.test.compares.groups.the"));
        }
        String interval = text(file, root, "interval", false);
        if (interval != null && !interval.equals("logit")) {
            problems.add(EditionProblem.at(file, "interval", "edition.problem.unknown.interval.method.use.logit", interval));
        }
        if (problems.size() > before) {
            return null;
        }
        return new FigureSpec(file, id, number, theme, title, description, question, variable, items, answers.excluded(),
                answers.multiple(), base, baseSource, baseText, breakdown, groups, chart, negative, decimals, test);
    }

    /** What a figure counts: its items (drawn), the answers kept in the base but not drawn, one answer or several. */
    private record Answers(List<FigureSpec.Item> items, List<FigureSpec.Item> excluded, boolean multiple) {}

    /** A figure's items: the categories of its variable, or items each with its own expression. */
    private Answers answers(String file, JsonNode root, String variable, VariableInfo info, Map<String, VariableInfo> known) {
        List<FigureSpec.Item> items = new ArrayList<>();
        List<FigureSpec.Item> excluded = new ArrayList<>();
        boolean multiple = false;
        if (variable != null && root.has("items")) {
            problems.add(EditionProblem.at(file, "items", "edition.problem.give.either.a.variable.with"));
        } else if (variable != null && info != null) {
            multiple = info.multiple();
            items.addAll(categories(file, root, "categories", variable, info, true));
            excluded.addAll(categories(file, root, "excluded", variable, info, false));
        } else if (variable == null) {
            JsonNode list = root.path("items");
            if (!list.isArray() || list.isEmpty()) {
                problems.add(EditionProblem.at(file, "items", "edition.problem.a.figure.needs.a.variable"));
            }
            // items are answers to one multiple-answer question unless the edition says they are separate questions
            multiple = !root.has("multipleAnswers") || root.get("multipleAnswers").asBoolean(true);
            for (int k = 0; k < list.size(); k++) {
                String place = "items[" + k + "]";
                String itemId = text(file, list.get(k), "id", true, place);
                LocalizedText label = localized(file, list.get(k), "label", true, place);
                String source = text(file, list.get(k), "expression", true, place);
                Expression e = source == null ? null : expression(file, place + ".expression", source, known.keySet());
                if (itemId != null && label != null && e != null) {
                    items.add(new FigureSpec.Item(itemId, label, e));
                }
            }
        }
        return new Answers(items, excluded, multiple);
    }

    /** The compared groups: the categories of the breakdown variable, or those the figure lists. */
    private List<FigureSpec.Item> groups(String file, JsonNode root, String breakdown, Map<String, VariableInfo> known) {
        List<FigureSpec.Item> groups = new ArrayList<>();
        VariableInfo b = known.get(breakdown);
        if (b == null) {
            problems.add(EditionProblem.at(file, "breakdown", "edition.problem.unknown.question.or.derived.variable", breakdown));
        } else if (b.categories().isEmpty()) {
            problems.add(EditionProblem.at(file, "breakdown", "edition.problem.has.no.categories.to.break", breakdown));
        } else if (root.has("groups")) {
            groups.addAll(categories(file, root, "groups", breakdown, b, true));
        } else {
            for (Map.Entry<String, LocalizedText> c : b.categories().entrySet()) {
                groups.add(new FigureSpec.Item(c.getKey(), c.getValue(), b.condition(c.getKey())));
            }
        }
        return groups;
    }

    private FigureSpec.ChartType chart(String file, JsonNode root) {
        FigureSpec.ChartType chart = null;
        String chartName = text(file, root, "chart", true);
        if (chartName != null) {
            try {
                chart = FigureSpec.ChartType.valueOf(chartName.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(EditionProblem.at(file, "chart", "edition.problem.unknown.chart.type.use.bars", chartName));
            }
        }
        return chart;
    }

    private FigureSpec.TestKind test(String file, JsonNode root) {
        FigureSpec.TestKind test = FigureSpec.TestKind.NONE;
        String testName = text(file, root, "test", false);
        if (testName != null) {
            try {
                test = FigureSpec.TestKind.valueOf(testName.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(EditionProblem.at(file, "test", "edition.problem.unknown.test.use.none.overall", testName));
            }
        }
        return test;
    }

    private List<FigureSpec.Item> categories(String file, JsonNode root, String field, String variable, VariableInfo info,
                                             boolean required) {
        List<FigureSpec.Item> out = new ArrayList<>();
        JsonNode list = root.path(field);
        if (list.isMissingNode()) {
            if (required) {
                problems.add(EditionProblem.at(file, field, "edition.problem.missing.list.the.categories.of", variable));
            }
            return out;
        }
        if (!list.isArray()) {
            problems.add(EditionProblem.at(file, field, "edition.problem.must.be.a.list.of3"));
            return out;
        }
        for (int k = 0; k < list.size(); k++) {
            String value = list.get(k).asText();
            LocalizedText label = info.categories().get(value);
            if (label == null) {
                problems.add(EditionProblem.at(file, field + "[" + k + "]", "edition.problem.is.not.a.category.of", value, variable, info.categories().keySet()));
            } else {
                out.add(new FigureSpec.Item(value, label, info.condition(value)));
            }
        }
        return out;
    }

    private JsonNode parse(String file) {
        String text = files.apply(file);
        if (text == null) {
            problems.add(EditionProblem.at(file, "", "edition.problem.file.not.found"));
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                problems.add(EditionProblem.at(file, "", "edition.problem.must.hold.one.json.object"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            problems.add(EditionProblem.at(file, loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr(), "edition.problem.not.valid.json", e.getOriginalMessage()));
            return null;
        }
    }

    private Expression expression(String file, String place, String source, Set<String> known) {
        Expression e;
        try {
            e = Expression.parse(source);
        } catch (ExpressionSyntaxException ex) {
            problems.add(new EditionProblem(file, place, ex.position(), "edition.problem.the.expression.does.not.parse", source, ex.text()));
            return null;
        }
        List<ExpressionProblem> found = e.check(known, Set.of());
        for (ExpressionProblem p : found) {
            problems.add(new EditionProblem(file, place, p.position(), "edition.problem.text", p.text()));
        }
        return found.isEmpty() ? e : null;
    }

    public static Expression parseTrusted(String source) {
        try {
            return Expression.parse(source);
        } catch (ExpressionSyntaxException e) {
            throw new IllegalStateException(source, e);
        }
    }

    private String text(String file, JsonNode node, String field, boolean required) {
        return text(file, node, field, required, "");
    }

    private String text(String file, JsonNode node, String field, boolean required, String prefix) {
        String place = place(prefix, field);
        JsonNode v = present(file, node, field, required, place);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(EditionProblem.at(file, place, "edition.problem.must.be.a.non.empty"));
            return null;
        }
        return v.asText();
    }

    private LocalizedText localized(String file, JsonNode node, String field, boolean required) {
        return localized(file, node, field, required, "");
    }

    private LocalizedText localized(String file, JsonNode node, String field, boolean required, String prefix) {
        String place = place(prefix, field);
        JsonNode v = present(file, node, field, required, place);
        if (v == null) {
            return null;
        }
        String da = v.path("da").asText("");
        String en = v.path("en").asText("");
        if (da.isBlank() || en.isBlank()) {
            problems.add(EditionProblem.at(file, place, "edition.problem.needs.both.a.danish.da"));
            return null;
        }
        return new LocalizedText(da, en);
    }

    /** The JSON path of {@code field} inside {@code prefix} (empty at the root). */
    private static String place(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /**
     * The node's {@code field}, or null when it is absent or JSON null; a required field that is absent is
     * reported as missing at {@code place}.
     */
    private JsonNode present(String file, JsonNode node, String field, boolean required, String place) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(EditionProblem.at(file, place, "edition.problem.missing"));
            }
            return null;
        }
        return v;
    }

    private int integer(String file, JsonNode node, String field, int min, int max, String prefix) {
        JsonNode v = node.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            problems.add(EditionProblem.at(file, place(prefix, field), "edition.problem.must.be.a.whole.number", min, max));
            return min;
        }
        return v.asInt();
    }

    private double number(String file, JsonNode node, String field, double min, double max, String prefix) {
        JsonNode v = node.get(field);
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            problems.add(EditionProblem.at(file, place(prefix, field), "edition.problem.must.be.a.number.from", min, max));
            return min;
        }
        return v.asDouble();
    }

    /** What the reader knows of a variable: its label, whether it takes several answers, its categories. */
    public record VariableInfo(String name, LocalizedText label, boolean multiple, Map<String, LocalizedText> categories) {

        public static VariableInfo of(Question q, Form form) {
            String da = form.resolveLanguage("da").orElse(null);
            String en = form.resolveLanguage("en").orElse(null);
            LocalizedText label = new LocalizedText(q.label().in(da, en), q.label().in(en, da));
            Map<String, LocalizedText> categories = new LinkedHashMap<>();
            if (q.type().isSelect()) {
                ChoiceList list = form.choiceList(q.listName()).orElse(null);
                if (list != null) {
                    for (Choice c : list.choices()) {
                        categories.put(c.name(), new LocalizedText(c.label().in(da, en), c.label().in(en, da)));
                    }
                }
            }
            return new VariableInfo(q.name(), label, q.type() == QuestionType.SELECT_MULTIPLE, categories);
        }

        /** A coded open question: its categories, several of which an answer may have. */
        public static VariableInfo of(CodedVariable c, LocalizedText questionLabel) {
            Map<String, LocalizedText> categories = new LinkedHashMap<>();
            for (DerivedVariable.Category k : c.categories()) {
                categories.put(k.value(), new LocalizedText(k.label().get("da"), k.label().get("en")));
            }
            return new VariableInfo(c.name(), questionLabel, true, categories);
        }

        public static VariableInfo of(DerivedVariable d) {
            Map<String, LocalizedText> categories = new LinkedHashMap<>();
            for (DerivedVariable.Category c : d.categories()) {
                categories.put(c.value(), new LocalizedText(c.label().get("da"), c.label().get("en")));
            }
            return new VariableInfo(d.name(), new LocalizedText(d.label().get("da"), d.label().get("en")), false, categories);
        }

        /** The condition "the respondent gave this answer". */
        public Expression condition(String category) {
            String quoted = category.contains("'") ? "\"" + category + "\"" : "'" + category + "'";
            return parseTrusted(multiple ? "selected(${" + name + "}, " + quoted + ")" : "${" + name + "} = " + quoted);
        }
    }

    /** For callers that want every variable name an edition's expressions may use. */
    static Set<String> names(Form form, List<DerivedVariable> derived) {
        Set<String> names = new LinkedHashSet<>();
        form.questions().forEach(q -> names.add(q.name()));
        derived.forEach(d -> names.add(d.name()));
        return names;
    }
}
