package org.barometer.app.respond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.model.Question;

/**
 * One question as a respondent page shows it.
 *
 * @param id         the id of the first input, which the error summary links to
 * @param name       the form field name (the question's variable name)
 * @param kind       how it is drawn: which component of {@code jte/components} shows it
 * @param value      the current answer for text-like inputs
 * @param error      the message beside the field, or null
 * @param otherName  the field of the "other, please specify" text, or null
 */
public record QuestionView(String id, String name, Kind kind, String label, String hint, boolean required,
                           List<OptionView> options, String value, String error, String otherName,
                           String otherLabel, String otherValue) {
    public QuestionView {
        options = List.copyOf(options);
    }

    /** How a question is drawn, each by its own component. */
    public enum Kind {
        RADIOS, CHECKBOXES, LIKERT, SELECT, NUMBER, DECIMAL, DATE, TEXT, TEXTAREA, ACKNOWLEDGE, NOTE;

        /** Whether the choices are a group of inputs in a fieldset (radios, checkboxes, a likert scale). */
        public boolean grouped() {
            return this == RADIOS || this == CHECKBOXES || this == LIKERT;
        }
    }

    /** The id of the hint text, for aria-describedby. */
    public String hintId() {
        return id + "-hint";
    }

    /** The id of the error message, for aria-describedby. */
    public String errorId() {
        return id + "-error";
    }

    /** What aria-describedby names: hint and error when present. */
    public String describedBy() {
        String s = (hint.isEmpty() ? "" : hintId()) + (error == null ? "" : (hint.isEmpty() ? "" : " ") + errorId());
        return s.isEmpty() ? null : s;
    }

    public boolean grouped() {
        return kind.grouped();
    }

    /**
     * A question as a page of the answer engine shows it, with its options in the engine's order and labels, the
     * current answer and the error beside it (null for none): what every questionnaire page of the app draws.
     */
    public static QuestionView of(AnswerEngine engine, Question q, Map<String, String> answers, String lang,
                                     String error) {
        String id = "f-" + q.name();
        QuestionView.Kind kind = kind(q);
        String answer = answers.getOrDefault(q.name(), "");
        List<OptionView> options = new ArrayList<>();
        if (q.type().isSelect()) {
            List<String> chosen = List.of(answer.split("\\s+"));
            List<Option> offered = engine.options(q.name(), answers, lang);
            for (int i = 0; i < offered.size(); i++) {
                Option o = offered.get(i);
                options.add(new OptionView(i == 0 ? id : id + "-" + i, o.name(), o.label(), chosen.contains(o.name())));
            }
        }
        String label = engine.render(q.label(), answers, lang);
        String hint = engine.render(q.hint(), answers, lang);
        return new QuestionView(id, q.name(), kind, label.isBlank() ? q.name() : label, hint,
                engine.isRequired(q.name(), answers), options, answer, error,
                q.orOther() ? q.otherName() : null, q.orOther() ? engine.otherLabel(lang) : null,
                q.orOther() ? answers.getOrDefault(q.otherName(), "") : null);
    }

    private static QuestionView.Kind kind(Question q) {
        String appearance = q.appearance() == null ? "" : q.appearance().toLowerCase(Locale.ROOT);
        return switch (q.type()) {
            case SELECT_ONE -> appearance.contains("likert") ? QuestionView.Kind.LIKERT
                    : appearance.contains("minimal") ? QuestionView.Kind.SELECT : QuestionView.Kind.RADIOS;
            case SELECT_MULTIPLE -> QuestionView.Kind.CHECKBOXES;
            case INTEGER -> QuestionView.Kind.NUMBER;
            case DECIMAL -> QuestionView.Kind.DECIMAL;
            case DATE -> QuestionView.Kind.DATE;
            case TEXT -> appearance.contains("multiline") ? QuestionView.Kind.TEXTAREA : QuestionView.Kind.TEXT;
            case ACKNOWLEDGE -> QuestionView.Kind.ACKNOWLEDGE;
            // not yet drawn by components of their own: asked as text, checked by the answer engine
            case TIME, DATETIME, RANK, RANGE -> QuestionView.Kind.TEXT;
            case NOTE, CALCULATE, HIDDEN, METADATA -> QuestionView.Kind.NOTE;
        };
    }

}
