package org.barometer.forms.model;

/** The XLSForm question types Barometer supports. */
public enum QuestionType {
    SELECT_ONE("select_one"),
    SELECT_MULTIPLE("select_multiple"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    TEXT("text"),
    NOTE("note"),
    DATE("date"),
    CALCULATE("calculate"),
    ACKNOWLEDGE("acknowledge");

    private final String xlsFormName;

    QuestionType(String xlsFormName) {
        this.xlsFormName = xlsFormName;
    }

    /** The type's name in the XLSForm {@code type} column. */
    public String xlsFormName() {
        return xlsFormName;
    }

    /** Whether the question takes one of a list of choices. */
    public boolean isSelect() {
        return this == SELECT_ONE || this == SELECT_MULTIPLE;
    }

    /** Whether a respondent answers it (notes show text, calculations compute). */
    public boolean isAnswered() {
        return this != NOTE && this != CALCULATE;
    }
}
