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
    ACKNOWLEDGE("acknowledge"),
    /** Order every offered choice; the answer is the choice names, most preferred first, separated by spaces. */
    RANK("rank"),
    /** A number on a scale from {@code start} to {@code end} in steps of {@code step} (the question's parameters). */
    RANGE("range"),
    /** A time of day, {@code HH:MM} (24 hours). */
    TIME("time"),
    /** A date and time of day, {@code yyyy-mm-ddTHH:MM}. */
    DATETIME("datetime"),
    /** A value never shown: its {@code default}, or what the server fills in when it creates the response. */
    HIDDEN("hidden"),
    /** Recorded, not asked: see {@link Question#metadata()}. */
    METADATA("metadata");

    private final String xlsFormName;

    QuestionType(String xlsFormName) {
        this.xlsFormName = xlsFormName;
    }

    /** The type's name in the XLSForm {@code type} column (for METADATA, the question's {@link Metadata} has it). */
    public String xlsFormName() {
        return xlsFormName;
    }

    /** Whether the question takes one of a list of choices (select_one, select_multiple). */
    public boolean isSelect() {
        return this == SELECT_ONE || this == SELECT_MULTIPLE;
    }

    /** Whether the question has a choice list: the selects and rank. */
    public boolean hasChoices() {
        return isSelect() || this == RANK;
    }

    /** Whether a respondent answers it (notes show text, calculations compute, hidden and metadata are recorded). */
    public boolean isAnswered() {
        return this != NOTE && this != CALCULATE && this != HIDDEN && this != METADATA;
    }
}
