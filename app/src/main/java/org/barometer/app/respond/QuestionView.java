package org.barometer.app.respond;

import java.util.List;

/**
 * One question as a respondent page shows it.
 *
 * @param id         the id of the first input, which the error summary links to
 * @param name       the form field name (the question's variable name)
 * @param kind       how it is drawn: radios, select, checkboxes, likert, number, decimal, date, text, textarea,
 *                   acknowledge or note
 * @param value      the current answer for text-like inputs
 * @param error      the message beside the field, or null
 * @param otherName  the field of the "other, please specify" text, or null
 */
public record QuestionView(String id, String name, String kind, String label, String hint, boolean required,
                           List<OptionView> options, String value, String error, String otherName,
                           String otherLabel, String otherValue) {
    public QuestionView {
        options = List.copyOf(options);
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
        return kind.equals("radios") || kind.equals("checkboxes") || kind.equals("likert");
    }
}
