package org.barometer.forms.codebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

/**
 * The codebook of a questionnaire in one language: every variable with its label, type, value labels and its
 * routing in words. Notes are left out (they hold no data); each or_other question is followed by its
 * {@code <name>_other} text variable.
 *
 * @param language the form language the texts are in
 */
public record Codebook(String formId, String title, String version, String language, List<Variable> variables) {
    public Codebook {
        variables = List.copyOf(variables);
    }

    /**
     * One variable.
     *
     * @param page        the name of the page (top-level group) it is on
     * @param listName    the choice list of a select, else null
     * @param values      the value labels of a select, in list order (with "other" for or_other)
     * @param routing     who is asked, in words
     * @param calculation the calculation of a calculated variable, in words, else null
     */
    public record Variable(String name, String label, String type, String page, String listName,
                           List<ValueLabel> values, boolean required, String routing, String calculation) {
        public Variable {
            values = List.copyOf(values);
        }
    }

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
        for (Item item : form.items()) {
            collect(form, item, item.name(), new ArrayList<>(), words, lang, variables);
        }
        return new Codebook(form.id(), form.title(), form.version(), lang, variables);
    }

    private static void collect(Form form, Item item, String page, List<String> conditions, RoutingText words,
                                String lang, List<Variable> out) {
        List<String> mine = new ArrayList<>(conditions);
        if (item.relevant() != null) {
            mine.add(item.relevant());
        }
        switch (item) {
            case Group g -> g.items().forEach(child -> collect(form, child, page, mine, words, lang, out));
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
                String type = q.type().isSelect() ? q.type().xlsFormName() + " " + q.listName()
                        + (q.orOther() ? " or_other" : "") : q.type().xlsFormName();
                out.add(new Variable(q.name(), q.label().in(lang, form.defaultLanguage()), type, page, q.listName(),
                        values, q.required() != null, words.routing(mine),
                        q.calculation() == null ? null : words.word("computed",
                                words.condition(q.calculation(), false))));
                if (q.orOther()) {
                    List<String> otherConditions = new ArrayList<>(mine);
                    otherConditions.add("selected(${" + q.name() + "}, 'other')");
                    out.add(new Variable(q.otherName(), words.word("other_text", "'" + words.label(q.name()) + "'"),
                            QuestionType.TEXT.xlsFormName(), page, null, List.of(), false,
                            words.routing(otherConditions), null));
                }
            }
        }
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
            if (v.calculation() != null) {
                out.append("  ").append(capitalise(v.calculation())).append('\n');
            }
            out.append("  ").append(capitalise(v.routing())).append('\n');
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
            String routing = capitalise(v.routing()) + (v.calculation() == null ? "" : "; " + v.calculation());
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
