package org.barometer.app.respond;

/**
 * One answer option as a template shows it: the input's id, the stored code, its label, whether chosen, and its
 * picture (null for none).
 */
public record OptionView(String id, String code, String label, boolean checked, QuestionView.Picture picture) {
    /** An option without a picture. */
    public OptionView(String id, String code, String label, boolean checked) {
        this(id, code, label, checked, null);
    }
}
