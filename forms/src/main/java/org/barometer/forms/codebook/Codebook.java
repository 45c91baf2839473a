package org.barometer.forms.codebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Repeat;

/**
 * The codebook of a questionnaire in one language: every variable with its label, type, value labels and its
 * routing in words. Notes are left out (they hold no data); each or_other question is followed by its
 * {@code <name>_other} text variable; variables of a repeat name it, and the repeats are listed with how many
 * instances they have.
 *
 * @param language the form language the texts are in
 */
public record Codebook(String formId, String title, String version, String language, List<Variable> variables,
                       List<RepeatInfo> repeats) {
    public Codebook {
        variables = List.copyOf(variables);
        repeats = List.copyOf(repeats);
    }

    /** A codebook of a form without repeats. */
    public Codebook(String formId, String title, String version, String language, List<Variable> variables) {
        this(formId, title, version, language, variables, List.of());
    }

    /**
     * One variable.
     *
     * @param page        the name of the page (top-level group or repeat) it is on
     * @param listName    the choice list of a select or rank, else null
     * @param values      the value labels of a select or rank, in list order (with "other" for or_other)
     * @param routing     who is asked, in words
     * @param calculation the calculation of a calculated variable, in words, else null
     * @param repeat      the innermost repeat the variable is in (one value per instance), else null
     * @param notes       what else a reader needs to know, in words: a range's scale, a randomized order, a list
     *                    read from a file, what metadata records, a picture and its alternative text
     */
    public record Variable(String name, String label, String type, String page, String listName,
                           List<ValueLabel> values, boolean required, String routing, String calculation,
                           String repeat, List<String> notes) {
        public Variable {
            values = List.copyOf(values);
            notes = List.copyOf(notes);
        }

        /** A variable outside repeats, without notes. */
        public Variable(String name, String label, String type, String page, String listName,
                        List<ValueLabel> values, boolean required, String routing, String calculation) {
            this(name, label, type, page, listName, values, required, routing, calculation, null, List.of());
        }
    }

    /**
     * A repeat: its variables have one value per instance, and reach analysis as a long table keyed by the
     * respondent and the instance (for a repeat in a repeat, by the outer instance too).
     *
     * @param parent the repeat it is in, or null
     * @param count  how many instances there are, in words
     */
    public record RepeatInfo(String name, String label, String parent, String count) {}

    /** A code and its label. */
    public record ValueLabel(String code, String label) {}

    /**
     * The codebook in {@code language} (a form language or its code such as "da"; null for the default).
     * Throws IllegalArgumentException if the form has no such language.
     */
    public static Codebook of(Form form, String language) {
        String lang = language == null && form.languages().isEmpty() ? ""
                : form.resolveLanguage(language).orElseThrow(() -> new IllegalArgumentException(
                        "the form has no language '" + language + "'; it has " + form.languages()));
        RoutingText words = new RoutingText(form, lang);
        List<Variable> variables = new ArrayList<>();
        List<RepeatInfo> repeats = new ArrayList<>();
        for (Item item : form.items()) {
            collect(form, item, item.name(), new ArrayList<>(), null, words, lang, variables, repeats);
        }
        return new Codebook(form.id(), form.title(), form.version(), lang, variables, repeats);
    }

    private static void collect(Form form, Item item, String page, List<String> conditions, String repeat,
                                RoutingText words, String lang, List<Variable> out, List<RepeatInfo> repeats) {
        List<String> mine = new ArrayList<>(conditions);
        if (item.relevant() != null) {
            mine.add(item.relevant());
        }
        switch (item) {
            case Group g -> g.items().forEach(child -> collect(form, child, page, mine, repeat, words, lang, out,
                    repeats));
            case Repeat r -> {
                String count = r.choiceList() != null ? words.word("repeat_loop", "'" + r.choiceList() + "'")
                        : r.count() == null ? words.word("repeat_respondent")
                        : words.word("repeat_count", words.condition(r.count(), false));
                repeats.add(new RepeatInfo(r.name(), r.label().in(lang, form.defaultLanguage()), repeat, count));
                r.items().forEach(child -> collect(form, child, page, mine, r.name(), words, lang, out, repeats));
            }
            case Question q -> {
                if (q.type() == QuestionType.NOTE) {
                    return;
                }
                List<ValueLabel> values = new ArrayList<>();
                form.choiceList(q.listName()).ifPresent(list -> {
                    for (Choice c : list.choices()) {
                        values.add(new ValueLabel(c.name(), c.label().in(lang, form.defaultLanguage())));
                    }
                });
                if (q.orOther()) {
                    values.add(new ValueLabel(Question.OTHER_CHOICE, words.word("other")));
                }
                out.add(new Variable(q.name(), q.label().in(lang, form.defaultLanguage()), typeOf(form, q), page,
                        q.listName(), values, q.required() != null, words.routing(mine),
                        q.calculation() == null ? null : words.word("computed",
                                words.condition(q.calculation(), false)), repeat, notes(form, q, words, lang)));
                if (q.orOther()) {
                    List<String> otherConditions = new ArrayList<>(mine);
                    otherConditions.add("selected(${" + q.name() + "}, 'other')");
                    out.add(new Variable(q.otherName(), words.word("other_text", "'" + words.label(q.name()) + "'"),
                            QuestionType.TEXT.xlsFormName(), page, null, List.of(), false,
                            words.routing(otherConditions), null, repeat, List.of()));
                }
            }
        }
    }

    /** The type as XLSForm writes it: {@code select_one L}, {@code select_one_from_file f.csv}, {@code start}. */
    private static String typeOf(Form form, Question q) {
        if (q.type() == QuestionType.METADATA) {
            return q.metadata().xlsFormName();
        }
        if (!q.type().hasChoices()) {
            return q.type().xlsFormName();
        }
        ChoiceList list = form.choiceList(q.listName()).orElse(null);
        if (list != null && list.file() != null && q.type() != QuestionType.RANK) {
            return q.type().xlsFormName() + "_from_file " + list.file();
        }
        if (list != null && list.isExternal()) {
            return "select_one_external " + q.listName().substring(ChoiceList.EXTERNAL.length());
        }
        return q.type().xlsFormName() + " " + q.listName() + (q.orOther() ? " or_other" : "");
    }

    /** What else the codebook says about a variable, in words. */
    private static List<String> notes(Form form, Question q, RoutingText words, String lang) {
        List<String> notes = new ArrayList<>();
        switch (q.type()) {
            case RANGE -> notes.add(words.word("range").replace("{0}", q.parameters().get("start"))
                    .replace("{1}", q.parameters().get("end")).replace("{2}", q.parameters().get("step")));
            case RANK -> notes.add(words.word("rank"));
            case TIME -> notes.add(words.word("time"));
            case DATETIME -> notes.add(words.word("datetime"));
            case HIDDEN -> notes.add(words.word("hidden"));
            case METADATA -> notes.add(words.word(switch (q.metadata()) {
                case START -> "metadata_start";
                case END -> "metadata_end";
                case TODAY -> "metadata_today";
                case DEVICE_ID -> "metadata_deviceid";
                case AUDIT -> "metadata_audit";
                default -> "metadata_empty";
            }));
            default -> { }
        }
        if (q.randomized()) {
            notes.add(words.word("randomized"));
        }
        ChoiceList list = form.choiceList(q.listName()).orElse(null);
        if (list != null && list.file() != null) {
            notes.add(words.word("from_file", list.file()));
        }
        if (q.searchable()) {
            notes.add(words.word("searchable"));
        }
        if (q.trigger() != null) {
            notes.add(words.word("trigger", q.trigger()));
        }
        if (!q.media().image().isEmpty()) {
            notes.add(words.word("image").replace("{0}", q.media().image().in(lang, form.defaultLanguage()))
                    .replace("{1}", q.media().alt().in(lang, form.defaultLanguage())));
        }
        return notes;
    }

    /** Plain text: one block per variable. */
    public String toText() {
        RoutingText words = wordsFor(language);
        StringBuilder out = new StringBuilder();
        out.append(words.word("codebook")).append(": ").append(title).append(" (").append(formId)
                .append(version == null ? "" : ", " + version).append(") — ").append(language).append("\n");
        for (Variable v : variables) {
            out.append('\n').append(v.name()).append("  [").append(v.type()).append("; ")
                    .append(words.word("page").toLowerCase()).append(' ').append(v.page())
                    .append(v.required() ? "; " + words.word("required") : "").append("]\n");
            if (!v.label().isEmpty()) {
                out.append("  ").append(v.label()).append('\n');
            }
            for (ValueLabel value : v.values()) {
                out.append("    ").append(value.code()).append(" = ").append(value.label()).append('\n');
            }
            if (v.repeat() != null) {
                out.append("  ").append(capitalise(words.word("in_repeat", "'" + v.repeat() + "'"))).append('\n');
            }
            for (String note : v.notes()) {
                out.append("  ").append(capitalise(note)).append('\n');
            }
            if (v.calculation() != null) {
                out.append("  ").append(capitalise(v.calculation())).append('\n');
            }
            out.append("  ").append(capitalise(v.routing())).append('\n');
        }
        for (RepeatInfo r : repeats) {
            out.append('\n').append(words.word("repeat")).append(' ').append(r.name())
                    .append(r.label().isEmpty() ? "" : "  " + r.label()).append('\n')
                    .append("  ").append(capitalise(r.count())).append('\n');
            if (r.parent() != null) {
                out.append("  ").append(capitalise(words.word("in_repeat", "'" + r.parent() + "'"))).append('\n');
            }
        }
        return out.toString();
    }

    /** A Markdown table. */
    public String toMarkdown() {
        RoutingText words = wordsFor(language);
        StringBuilder out = new StringBuilder();
        out.append("# ").append(words.word("codebook")).append(": ").append(title).append("\n\n")
                .append(formId).append(version == null ? "" : ", " + version).append(" — ").append(language)
                .append("\n\n| ").append(words.word("variable")).append(" | ").append(words.word("label"))
                .append(" | ").append(words.word("type")).append(" | ").append(words.word("values")).append(" | ")
                .append(words.word("routing")).append(" |\n|---|---|---|---|---|\n");
        for (Variable v : variables) {
            List<String> values = new ArrayList<>();
            for (ValueLabel value : v.values()) {
                values.add("`" + value.code() + "` " + value.label());
            }
            List<String> more = new ArrayList<>();
            if (v.calculation() != null) {
                more.add(v.calculation());
            }
            if (v.repeat() != null) {
                more.add(words.word("in_repeat", "`" + v.repeat() + "`"));
            }
            more.addAll(v.notes());
            String routing = capitalise(v.routing()) + (more.isEmpty() ? "" : "; " + String.join("; ", more));
            out.append("| `").append(v.name()).append("` | ").append(cell(v.label())).append(" | ")
                    .append(cell(v.type())).append(" | ").append(cell(String.join("<br>", values))).append(" | ")
                    .append(cell(routing)).append(" |\n");
        }
        return out.toString();
    }

    /** Indented JSON. */
    public String toJson() {
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a codebook could not be written as JSON", e);
        }
    }

    private static RoutingText wordsFor(String language) {
        return new RoutingText(null, language);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
