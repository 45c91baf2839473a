package org.barometer.formats.microdata;

/**
 * Why an answer is missing. The four kinds are kept apart in every format: as user-missing codes in SPSS
 * ({@link MissingCodes}) and as Stata's extended missing values, in this order: {@code .a} not asked,
 * {@code .b} left unanswered, {@code .c} don't know, {@code .d} not applicable.
 */
public enum MissingKind {
    /** The question was skipped by routing: the respondent was never asked. Stata {@code .a}. */
    NOT_ASKED('a'),
    /** The respondent saw the question and left it unanswered. Stata {@code .b}. */
    UNANSWERED('b'),
    /** The respondent answered "don't know". Stata {@code .c}. */
    DONT_KNOW('c'),
    /** The respondent answered "not applicable". Stata {@code .d}. */
    NOT_APPLICABLE('d');

    private final char stataLetter;

    MissingKind(char stataLetter) {
        this.stataLetter = stataLetter;
    }

    /** The letter of Stata's extended missing value for this kind ({@code a} for {@code .a}). */
    public char stataLetter() {
        return stataLetter;
    }
}
