package org.barometer.formats.microdata;

import java.util.Objects;

/**
 * One cell of microdata: a number, a text, a typed missing value, or empty (the system-missing value: nothing was
 * recorded, and no reason is known).
 */
public sealed interface Value {
    /** The empty value: SPSS system-missing, Stata {@code .}, an empty string in a string variable. */
    Value EMPTY = new Empty();

    /** A number; must be finite. */
    static Value of(double number) {
        return new Num(number);
    }

    /** A text of any length; {@code null} is the empty value. */
    static Value of(String text) {
        return text == null ? EMPTY : new Str(text);
    }

    /** A missing value of the given kind. */
    static Value missing(MissingKind kind) {
        return new Missing(Objects.requireNonNull(kind));
    }

    /** A number. @param value the number */
    record Num(double value) implements Value {}

    /** A text. @param value the text, never null */
    record Str(String value) implements Value {
        /** Checks the text is not null. */
        public Str {
            Objects.requireNonNull(value);
        }
    }

    /** A missing value of a known kind. @param kind why the value is missing */
    record Missing(MissingKind kind) implements Value {}

    /** Nothing recorded. */
    record Empty() implements Value {}
}
