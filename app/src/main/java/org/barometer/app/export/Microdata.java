package org.barometer.app.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingInput;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.compute.DisclosureStore;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.formats.LocalizedText;
import org.barometer.formats.microdata.Dataset;
import org.barometer.formats.microdata.MissingCodes;
import org.barometer.formats.microdata.MissingKind;
import org.barometer.formats.microdata.Value;
import org.barometer.formats.microdata.ValueLabelSet;
import org.barometer.formats.microdata.Variable;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.AnswerKeys;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;
import org.jdbi.v3.core.Jdbi;

/**
 * An edition's microdata: one row per respondent, keyed by a pseudonymous id, with the design and weights exactly as
 * the edition's publication weighted them, the register variables of the strata, every answer (codes with value
 * labels, each {@code select_multiple} as one 0/1 column per option beside the raw list), the questionnaire's
 * calculations, the edition's derived variables and the final codes of its coded open answers, with the four kinds
 * of missing kept apart. The numbers are exact:
 * this is the staff's file, never a public one.
 *
 * @param edition   the edition
 * @param spec      the edition files the weights were made by
 * @param data      the labelled dataset every format is written from
 * @param margins   the calibration margins shipped with it (the frame's counts), for redoing the calibration
 * @param settings  the weighting settings of the edition files
 * @param codes     per exported select question or categorical variable, its answer (choice name) → code
 */
public record Microdata(MicrodataStore.EditionRef edition, EditionSpec spec, Dataset data, List<Margin> margins,
                        WeightingSettings settings, Map<String, Map<String, Double>> codes, List<RepeatTable> repeats) {

    /**
     * A repeat's answers as a long table: one row per instance, keyed by the respondent's pseudonymous id and the
     * instance number of the repeat ({@code <repeat>_instance}) and of each repeat around it, outermost first, with
     * a column per question of the repeat (not of repeats inside it, which have tables of their own), coded as in
     * the main table.
     */
    public record RepeatTable(String name, Dataset data) {}

    /** The instance number's column of a repeat in the long tables. */
    public static String instanceColumn(String repeat) {
        return repeat + "_instance";
    }

    /** The variable holding the pseudonymous id. */
    public static final String ID = "respondent";
    public static final String FINAL_WEIGHT = "final_weight";
    public static final String DESIGN_WEIGHT = "design_weight";
    public static final String ADJUSTED_WEIGHT = "adjusted_weight";
    public static final String STRATUM = "stratum";
    public static final String STRATUM_POPULATION = "stratum_population";
    public static final String STRATUM_SAMPLED = "stratum_sampled";
    public static final String INCLUSION_PROBABILITY = "inclusion_probability";
    public static final String VARIANCE_STRATUM = "variance_stratum";
    public static final String VARIANCE_POPULATION = "variance_population";

    /** Choices that are not answers but reasons for none. */
    private static final Map<String, MissingKind> MISSING_CHOICES = Map.of(
            "dont_know", MissingKind.DONT_KNOW, "dk", MissingKind.DONT_KNOW,
            "not_applicable", MissingKind.NOT_APPLICABLE, "na", MissingKind.NOT_APPLICABLE);

    /**
     * A calibration margin: the dataset's variable holding each respondent's category, and the frame's count of every
     * category.
     */
    public record Margin(String name, String variable, List<String> categories, double[] totals) {}

    /** Why an export cannot be made; the key and arguments name it in the user's language. */
    public static final class Refused extends RuntimeException {
        private final String key;
        private final transient Object[] args;

        public Refused(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args.clone();
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    /** Reads and weights the edition's survey as its latest publication (or, unpublished, its current files) did. */
    public static Microdata of(Jdbi jdbi, long editionId) {
        MicrodataStore store = new MicrodataStore(jdbi);
        MicrodataStore.EditionRef edition = store.find(editionId)
                .orElseThrow(() -> new Refused("export.refused.noEdition", String.valueOf(editionId)));
        if (store.submitted(editionId) == 0) {
            throw new Refused("export.refused.noResponses", edition.name());
        }
        String source = store.publishedSource(editionId)
                .or(() -> EditionSource.forNewJob(jdbi, editionId).map(EditionSource::value))
                .orElseThrow(() -> new Refused("export.refused.noFiles", edition.name()));
        EditionSpec spec;
        try {
            spec = new EditionSource(source).read(jdbi, editionId);
        } catch (EditionException e) {
            throw new Refused("export.refused.files", edition.name(), e.getMessage());
        }
        WeightingSettings settings = spec.weighting();
        SurveySample survey = new SurveyStore(jdbi).read(editionId, settings);
        Weights weights = Weighting.run(survey.input(), settings.options());
        return build(edition, spec, survey, weights, new DisclosureStore(jdbi).secret());
    }

    /** The microdata of a weighted survey; the pseudonymous ids are keyed by {@code secret}. */
    static Microdata build(MicrodataStore.EditionRef edition, EditionSpec spec, SurveySample survey, Weights weights,
                           byte[] secret) {
        Form form = spec.form();
        List<String> languages = edition.languages().isEmpty() ? List.of("da", "en") : edition.languages();
        Map<String, String> formLanguage = new LinkedHashMap<>();
        for (String l : languages) {
            formLanguage.put(l, form.resolveLanguage(l).orElse(null));
        }
        Texts texts = new Texts(formLanguage);
        AnswerEngine engine = AnswerEngine.of(form);
        List<String> questionNames = new ArrayList<>();
        for (Question q : form.questions()) {
            questionNames.add(q.name());
        }
        org.barometer.app.analysis.Dataset analysis = org.barometer.app.analysis.Dataset.of(form,
                survey.respondentAnswers(weights, questionNames), spec.derived());
        int n = weights.size();
        WeightingInput input = survey.input();
        long[] sampled = new long[input.stratumPopulation().length];
        for (int s : input.stratum()) {
            sampled[s]++;
        }

        Columns cols = new Columns(n);
        Map<String, Map<String, Double>> codes = new LinkedHashMap<>();
        // identification and design
        String[] ids = new String[n];
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < n; r++) {
            ids[r] = pseudonym(secret, survey.responseIds()[weights.respondent()[r]]);
            if (!seen.add(ids[r])) {
                throw new IllegalStateException("two respondents share a pseudonymous id");
            }
        }
        cols.string(ID, texts.fixed("export.var.respondent"), r -> ids[r]);
        cols.string(STRATUM, texts.fixed("export.var.stratum"),
                r -> survey.strataNames().get(input.stratum()[weights.respondent()[r]]));
        cols.number(STRATUM_POPULATION, texts.fixed("export.var.stratumPopulation"),
                r -> (double) input.stratumPopulation()[input.stratum()[weights.respondent()[r]]]);
        cols.number(STRATUM_SAMPLED, texts.fixed("export.var.stratumSampled"),
                r -> (double) sampled[input.stratum()[weights.respondent()[r]]]);
        cols.number(INCLUSION_PROBABILITY, texts.fixed("export.var.inclusionProbability"), r -> {
            int h = input.stratum()[weights.respondent()[r]];
            return (double) sampled[h] / input.stratumPopulation()[h];
        });
        cols.number(DESIGN_WEIGHT, texts.fixed("export.var.designWeight"), r -> {
            int h = input.stratum()[weights.respondent()[r]];
            return (double) input.stratumPopulation()[h] / sampled[h];
        });
        cols.number(VARIANCE_STRATUM, texts.fixed("export.var.varianceStratum"),
                r -> (double) weights.varianceStratum()[r] + 1);
        cols.number(VARIANCE_POPULATION, texts.fixed("export.var.variancePopulation"),
                r -> weights.stratumPopulation()[weights.varianceStratum()[r]]);
        cols.number(ADJUSTED_WEIGHT, texts.fixed("export.var.adjustedWeight"), r -> weights.beforeCalibration()[r]);
        cols.number(FINAL_WEIGHT, texts.fixed("export.var.finalWeight"), r -> weights.weight()[r]);
        // the calibration margins, each respondent's category
        List<Margin> margins = new ArrayList<>();
        for (int m = 0; m < input.margins().size(); m++) {
            WeightingInput.Margin margin = input.margins().get(m);
            String name = "margin_" + (m + 1);
            cols.string(name, texts.fixedWith("export.var.margin", margin.name()),
                    r -> margin.labels().get(margin.category()[weights.respondent()[r]]));
            margins.add(new Margin(margin.name(), name, margin.labels(), margin.totals().clone()));
        }
        // the answers
        List<Map<String, String>> answers = new ArrayList<>();
        List<Set<String>> relevant = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Map<String, String> a = survey.answers().get(weights.respondent()[r]);
            answers.add(a);
            relevant.add(new HashSet<>(engine.relevantQuestions(a)));
        }
        Set<String> derivedNames = new HashSet<>();
        spec.derived().forEach(d -> derivedNames.add(d.name()));
        List<Question> outside = form.questions().stream()
                .filter(q -> form.repeatsAround(q.name()).isEmpty() && !derivedNames.contains(q.name())).toList();
        Answers main = new Answers(form, engine, texts, new HashMap<>(), codes);
        long[] seeds = new long[n];
        for (int r = 0; r < n; r++) {
            seeds[r] = survey.responseIds()[weights.respondent()[r]];
        }
        main.columns(cols, outside, answers::get, relevant::get, analysis::text,
                (r, q) -> main.order(q.name(), answers.get(r), seeds[r]));
        // the edition's derived variables
        for (DerivedVariable d : spec.derived()) {
            LocalizedText label = texts.plain(d.label(), d.name());
            String[] values = analysis.text(d.name());
            if (d.categories().isEmpty()) {
                cols.computed(d.name(), label, values);
                continue;
            }
            ValueLabelSet set = ValueLabelSet.named(d.name());
            Map<String, Double> code = new LinkedHashMap<>();
            double k = 1;
            for (DerivedVariable.Category c : d.categories()) {
                set = set.with(k, texts.plain(c.label(), c.value()));
                code.put(c.value(), k++);
            }
            codes.put(d.name(), code);
            cols.add(new Variable(d.name(), org.barometer.formats.microdata.VariableType.NUMERIC, label, set, null), r -> {
                Double c = code.get(values[r]);
                return c == null ? Value.missing(MissingKind.NOT_APPLICABLE) : Value.of(c);
            });
        }
        // the coded open questions: the final codes as a list and a 0/1 column per category of the frame, as a
        // tick-all question is exported; in the 0/1 columns an answer not yet finally coded is empty (nothing known
        // yet), no answer has the question's own missing kind
        for (CodedVariable c : spec.coded()) {
            Question q = form.question(c.question()).orElseThrow();
            LocalizedText label = texts.joined(texts.of(q.label(), q.name()), texts.fixed("export.value.coded"));
            String name = c.name();
            java.util.function.IntFunction<Value> absent = r -> {
                String text = answers.get(r) == null ? null : answers.get(r).get(q.name());
                if (text != null && !text.isBlank()) {
                    return Value.EMPTY;
                }
                return Value.missing(relevant.get(r).contains(q.name()) ? MissingKind.UNANSWERED : MissingKind.NOT_ASKED);
            };
            java.util.function.IntFunction<String> codesOf = r -> answers.get(r) == null ? null : answers.get(r).get(name);
            cols.string(name, label, codesOf);
            for (DerivedVariable.Category k : c.categories()) {
                LocalizedText categoryLabel = texts.joined(label, texts.plain(k.label(), k.value()));
                cols.add(Variable.numeric(name + "_" + k.value(), categoryLabel).withValueLabels(main.selected()), r -> {
                    String v = codesOf.apply(r);
                    return v == null ? absent.apply(r) : Value.of(List.of(v.split("\\s+")).contains(k.value()) ? 1 : 0);
                });
            }
        }
        Dataset data = new Dataset(LocalizedText.daEn(spec.title().da(), spec.title().en()), cols.variables, cols.rows(),
                MissingCodes.standard());
        return new Microdata(edition, spec, data, List.copyOf(margins), spec.weighting(), codes,
                repeatTables(form, engine, texts, ids, seeds, answers, main));
    }

    /** The long table of every repeat of the form. */
    private static List<RepeatTable> repeatTables(Form form, AnswerEngine engine, Texts texts, String[] ids,
                                                  long[] seeds, List<Map<String, String>> answers, Answers main) {
        List<RepeatTable> tables = new ArrayList<>();
        for (org.barometer.forms.model.Repeat repeat : form.repeats()) {
            List<String> around = new ArrayList<>(form.repeatsAround(repeat.name()));
            around.add(repeat.name());
            // the rows: every instance of every respondent, with its values by question name
            List<Integer> rowRespondent = new ArrayList<>();
            List<String> rowIds = new ArrayList<>();
            List<List<Integer>> rowPaths = new ArrayList<>();
            List<Map<String, String>> rowValues = new ArrayList<>();
            List<Set<String>> rowRelevant = new ArrayList<>();
            List<Question> questions = questionsIn(repeat.items());
            for (int r = 0; r < ids.length; r++) {
                Map<String, String> a = answers.get(r) == null ? Map.of() : answers.get(r);
                Map<String, String> record = engine.record(a);
                for (List<Integer> path : engine.instances(repeat.name(), a)) {
                    Map<String, String> values = new HashMap<>();
                    Set<String> relevantHere = new HashSet<>();
                    for (Question q : questions) {
                        String key = AnswerKeys.key(q.name(), path);
                        String v = q.type() == QuestionType.CALCULATE ? record.get(key) : a.get(key);
                        if (v != null) {
                            values.put(q.name(), v);
                        }
                        if (q.orOther() && a.get(AnswerKeys.key(q.otherName(), path)) != null) {
                            values.put(q.otherName(), a.get(AnswerKeys.key(q.otherName(), path)));
                        }
                        if (engine.isRelevant(key, a)) {
                            relevantHere.add(q.name());
                        }
                    }
                    rowRespondent.add(r);
                    rowIds.add(ids[r]);
                    rowPaths.add(path);
                    rowValues.add(values);
                    rowRelevant.add(relevantHere);
                }
            }
            Columns cols = new Columns(rowIds.size());
            cols.string(ID, texts.fixed("export.var.respondent"), i -> rowIds.get(i));
            for (int level = 0; level < around.size(); level++) {
                int at = level;
                cols.number(instanceColumn(around.get(level)),
                        texts.fixedWith("export.var.instance", around.get(level)), i -> (double) rowPaths.get(i).get(at));
            }
            main.columns(cols, questions, rowValues::get, rowRelevant::get, name -> {
                String[] out = new String[rowValues.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rowValues.get(i).getOrDefault(name, "");
                }
                return out;
            }, (i, q) -> main.order(AnswerKeys.key(q.name(), rowPaths.get(i)), answers.get(rowRespondent.get(i)),
                    seeds[rowRespondent.get(i)]));
            LocalizedText title = texts.of(repeat.label(), repeat.name());
            tables.add(new RepeatTable(repeat.name(), new Dataset(title, cols.variables, cols.rows(),
                    MissingCodes.standard())));
        }
        return List.copyOf(tables);
    }

    /** The questions of a repeat's items, inside its groups but not inside the repeats in it. */
    private static List<Question> questionsIn(List<org.barometer.forms.model.Item> items) {
        List<Question> out = new ArrayList<>();
        for (org.barometer.forms.model.Item item : items) {
            switch (item) {
                case Question q -> out.add(q);
                case org.barometer.forms.model.Group g -> out.addAll(questionsIn(g.items()));
                default -> { } // a repeat inside: a table of its own
            }
        }
        return out;
    }

    /**
     * How answers become columns, the same for the main table and the repeats' long tables: a choice as its code
     * with the list's value labels (one set per list, shared), a tick-all question as its text and a 0/1 column
     * per choice, numbers as numbers, text as text, calculations as computed, and the missing kinds. A list shown
     * in an order drawn per respondent ({@code randomize=true}) adds {@code <question>_order}: its choices in the
     * order that respondent saw them.
     */
    private record Answers(Form form, AnswerEngine engine, Texts texts, Map<String, ValueLabelSet> sets,
                           Map<String, Map<String, Double>> codes) {

        /** The value labels of a 0/1 column of a category: selected or not. */
        ValueLabelSet selected() {
            return ValueLabelSet.named("selected")
                    .with(0, texts.fixed("export.value.notSelected")).with(1, texts.fixed("export.value.selected"));
        }

        /** The order a respondent (their answers, their seed) was shown a randomized question's list in (its key). */
        String order(String key, Map<String, String> answers, long seed) {
            return String.join(" ", engine.shownOrder(key, answers == null ? Map.of() : answers, seed));
        }

        void columns(Columns cols, List<Question> questions, java.util.function.IntFunction<Map<String, String>> answers,
                     java.util.function.IntFunction<Set<String>> relevant,
                     java.util.function.Function<String, String[]> computed,
                     java.util.function.BiFunction<Integer, Question, String> shownOrder) {
            ValueLabelSet selected = selected();
            for (Question q : questions) {
                QuestionType type = q.type();
                LocalizedText label = texts.of(q.label(), q.name());
                if (type == QuestionType.NOTE || type == QuestionType.HIDDEN || type == QuestionType.METADATA) {
                    continue;
                }
                if (type == QuestionType.CALCULATE) {
                    cols.computed(q.name(), label, computed.apply(q.name()));
                    continue;
                }
                String name = q.name();
                java.util.function.IntFunction<MissingKind> why = r -> relevant.apply(r).contains(name)
                        ? MissingKind.UNANSWERED : MissingKind.NOT_ASKED;
                java.util.function.IntFunction<String> raw = r -> {
                    Map<String, String> a = answers.apply(r);
                    String v = a == null ? null : a.get(name);
                    return v == null || v.isBlank() ? null : v.strip();
                };
                if (type == QuestionType.SELECT_ONE) {
                    List<Choice> choices = choices(form, q);
                    Map<String, Double> code = new LinkedHashMap<>();
                    ValueLabelSet set = sets.computeIfAbsent(q.listName(), list -> {
                        ValueLabelSet s = ValueLabelSet.named(list);
                        double k = 1;
                        for (Choice c : choices) {
                            if (!MISSING_CHOICES.containsKey(c.name())) {
                                s = s.with(k++, texts.of(c.label(), c.name()));
                            }
                        }
                        return s;
                    });
                    double k = 1;
                    for (Choice c : choices) {
                        if (!MISSING_CHOICES.containsKey(c.name())) {
                            code.put(c.name(), k++);
                        }
                    }
                    codes.put(name, code);
                    cols.add(new Variable(name, org.barometer.formats.microdata.VariableType.NUMERIC, label, set, null), r -> {
                        String v = raw.apply(r);
                        if (v == null) {
                            return Value.missing(why.apply(r));
                        }
                        MissingKind kind = MISSING_CHOICES.get(v);
                        if (kind != null) {
                            return Value.missing(kind);
                        }
                        Double c = code.get(v);
                        return c == null ? Value.missing(MissingKind.UNANSWERED) : Value.of(c);
                    });
                } else if (type == QuestionType.SELECT_MULTIPLE) {
                    List<Choice> choices = choices(form, q);
                    cols.string(name, label, raw);
                    for (Choice c : choices) {
                        LocalizedText optionLabel = texts.joined(label, texts.of(c.label(), c.name()));
                        cols.add(Variable.numeric(name + "_" + c.name(), optionLabel).withValueLabels(selected), r -> {
                            String v = raw.apply(r);
                            if (v == null) {
                                return Value.missing(why.apply(r));
                            }
                            return Value.of(List.of(v.split("\\s+")).contains(c.name()) ? 1 : 0);
                        });
                    }
                } else if (type == QuestionType.INTEGER || type == QuestionType.DECIMAL || type == QuestionType.RANGE) {
                    cols.add(Variable.numeric(name, label), r -> {
                        String v = raw.apply(r);
                        if (v == null) {
                            return Value.missing(why.apply(r));
                        }
                        try {
                            return Value.of(Double.parseDouble(v));
                        } catch (NumberFormatException e) {
                            return Value.missing(MissingKind.UNANSWERED);
                        }
                    });
                } else {
                    cols.string(name, label, raw);
                }
                if (q.orOther()) {
                    // beside a 0/1 column of the "other" option the text takes its own name
                    String otherColumn = cols.has(q.otherName()) ? q.otherName() + "_text" : q.otherName();
                    cols.string(otherColumn, texts.joined(label, texts.fixed("export.value.other")), r -> {
                        Map<String, String> a = answers.apply(r);
                        return a == null ? null : a.get(q.otherName());
                    });
                }
                if (q.randomized() && (type.isSelect() || type == QuestionType.RANK)) {
                    cols.string(name + "_order", texts.joined(label, texts.fixed("export.value.order")),
                            r -> relevant.apply(r).contains(name) ? shownOrder.apply(r, q) : null);
                }
            }
        }
    }

    private static List<Choice> choices(Form form, Question q) {
        List<Choice> out = new ArrayList<>(form.choiceList(q.listName()).map(ChoiceList::choices).orElse(List.of()));
        if (q.orOther() && out.stream().noneMatch(c -> c.name().equals(Question.OTHER_CHOICE))) {
            out.add(new Choice(Question.OTHER_CHOICE, Text.of("Other"), Map.of()));
        }
        return out;
    }

    /** The respondent's pseudonymous id: HMAC-SHA256 of its response id under the database's secret, 16 hex digits. */
    static String pseudonym(byte[] secret, long responseId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(("microdata:" + responseId).getBytes(StandardCharsets.US_ASCII));
            StringBuilder s = new StringBuilder("r");
            for (int i = 0; i < 8; i++) {
                s.append(String.format(Locale.ROOT, "%02x", h[i]));
            }
            return s.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The columns as they are built, each a variable with a value per respondent. */
    private static final class Columns {
        final int n;
        final List<Variable> variables = new ArrayList<>();
        final List<Value[]> values = new ArrayList<>();

        Columns(int n) {
            this.n = n;
        }

        boolean has(String name) {
            return variables.stream().anyMatch(v -> v.name().equals(name));
        }

        void add(Variable v, java.util.function.IntFunction<Value> value) {
            Value[] column = new Value[n];
            for (int r = 0; r < n; r++) {
                column[r] = value.apply(r);
            }
            variables.add(v);
            values.add(column);
        }

        void string(String name, LocalizedText label, java.util.function.IntFunction<String> value) {
            add(Variable.string(name, label), r -> Value.of(value.apply(r)));
        }

        void number(String name, LocalizedText label, java.util.function.IntFunction<Double> value) {
            add(Variable.numeric(name, label), r -> Value.of(value.apply(r)));
        }

        /** A computed column: numeric when every value is a number (empty as not applicable), else text. */
        void computed(String name, LocalizedText label, String[] values) {
            boolean numeric = true;
            for (String v : values) {
                if (!v.isEmpty() && !v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                    numeric = false;
                    break;
                }
            }
            if (numeric) {
                add(Variable.numeric(name, label), r -> values[r].isEmpty() ? Value.missing(MissingKind.NOT_APPLICABLE)
                        : Value.of(Double.parseDouble(values[r])));
            } else {
                string(name, label, r -> values[r].isEmpty() ? null : values[r]);
            }
        }

        List<List<Value>> rows() {
            List<List<Value>> rows = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                List<Value> row = new ArrayList<>(values.size());
                for (Value[] column : values) {
                    row.add(column[r]);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Labels in each of the edition's languages. */
    private record Texts(Map<String, String> formLanguage) {
        LocalizedText of(Text text, String fallback) {
            Map<String, String> m = new LinkedHashMap<>();
            formLanguage.forEach((l, key) -> {
                String t = text.in(key, null);
                m.put(l, t == null || t.isBlank() ? fallback : strip(t));
            });
            return new LocalizedText(m);
        }

        LocalizedText plain(Map<String, String> byLanguage, String fallback) {
            Map<String, String> m = new LinkedHashMap<>();
            formLanguage.keySet().forEach(l -> m.put(l, byLanguage.getOrDefault(l, byLanguage.getOrDefault("en", fallback))));
            return new LocalizedText(m);
        }

        LocalizedText fixed(String key) {
            return fixedWith(key);
        }

        LocalizedText fixedWith(String key, Object... args) {
            Map<String, String> m = new LinkedHashMap<>();
            formLanguage.keySet().forEach(l -> m.put(l, org.barometer.app.text.Language.of(l).t(key, args)));
            return new LocalizedText(m);
        }

        LocalizedText joined(LocalizedText a, LocalizedText b) {
            Map<String, String> m = new LinkedHashMap<>();
            formLanguage.keySet().forEach(l -> m.put(l, a.inOrEmpty(l) + ": " + b.inOrEmpty(l)));
            return new LocalizedText(m);
        }

        /** Markdown emphasis and markup out of a label. */
        private static String strip(String s) {
            return s.replaceAll("<[^>]+>", "").replaceAll("[*_]{1,2}([^*_]+)[*_]{1,2}", "$1").replaceAll("\\s+", " ").strip();
        }
    }
}
