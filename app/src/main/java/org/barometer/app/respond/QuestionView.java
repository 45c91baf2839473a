package org.barometer.app.respond;

import java.util.List;

/**
 * One question as a respondent page shows it.
 *
 * @param id         the id of the first input, which the error summary links to
 * @param name       the form field name (the question's variable name)
 * @param kind       how it is drawn: which component of {@code jte/components} shows it
 * @param value      the current answer for text-like inputs
 * @param error      the message beside the field, or null
 * @param otherName  the field of the "other, please specify" text, or null
 * @param ranks      a ranking's choices, each with its place (empty for other questions)
 * @param picture    the picture shown with the label, or null
 */
public record QuestionView(String id, String name, Kind kind, String label, String hint, boolean required,
                           List<OptionView> options, String value, String error, String otherName,
                           String otherLabel, String otherValue, List<RankView> ranks, Picture picture) {
    public QuestionView {
        options = List.copyOf(options);
        ranks = List.copyOf(ranks);
    }

    /** A question that is not a ranking. */
    public QuestionView(String id, String name, Kind kind, String label, String hint, boolean required,
                        List<OptionView> options, String value, String error, String otherName,
                        String otherLabel, String otherValue) {
        this(id, name, kind, label, hint, required, options, value, error, otherName, otherLabel, otherValue,
                List.of(), null);
    }

    /** A picture shown with a label or an option: where the page loads it from, and its alternative text. */
    public record Picture(String url, String alt) {}

    /**
     * One choice of a ranking as drawn: a list of the places 1 … n beside the choice's label, so that ranking needs
     * neither dragging nor a script and works from the keyboard and with a screen reader.
     *
     * @param field the form field of the place ({@code <key>.rank.<choice>})
     * @param place the place given so far, 0 for none
     */
    public record RankView(String id, String field, String label, int place) {}

    /** How a question is drawn, each by its own component. */
    public enum Kind {
        RADIOS, CHECKBOXES, LIKERT, SELECT, NUMBER, DECIMAL, DATE, TIME, DATETIME, TEXT, TEXTAREA, RANK, ACKNOWLEDGE,
        NOTE;

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
}
