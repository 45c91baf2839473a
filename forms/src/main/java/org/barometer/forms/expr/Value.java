package org.barometer.forms.expr;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A value in the XLSForm expression language: empty, text, number, boolean, or a date.
 *
 * <p>Answers arrive as text (a select_multiple answer is the space-separated choice names, {@code "a b c"}; a
 * date answer is {@code yyyy-mm-dd}) or as numbers; an unanswered or non-relevant question is {@link #EMPTY},
 * which behaves exactly like the empty text {@code ''}. Conversions follow XPath 1.0 {@code string()},
 * {@code number()} and {@code boolean()}, with two ODK additions: numbers print without {@code .0} when they are
 * whole, and a text of the form {@code yyyy-mm-dd} converts to a number as its day count since 1970-01-01, so
 * that dates compare with {@code <} and {@code >}.
 */
public sealed interface Value
        permits Value.EmptyValue, Value.StringValue, Value.NumberValue, Value.BooleanValue, Value.DateValue,
        Value.DateTimeValue {

    /** The value of an unanswered question; behaves as the empty text. */
    Value EMPTY = new EmptyValue();

    /** The boolean {@code true()}. */
    Value TRUE = new BooleanValue(true);

    /** The boolean {@code false()}. */
    Value FALSE = new BooleanValue(false);

    /** A text value; the empty text (and {@code null}) give {@link #EMPTY}. */
    static Value of(String s) {
        return s == null || s.isEmpty() ? EMPTY : new StringValue(s);
    }

    /** A number value (NaN and infinities allowed, as in XPath). */
    static Value of(double d) {
        return new NumberValue(d);
    }

    /** A boolean value. */
    static Value of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** A date value; {@code null} gives {@link #EMPTY}. */
    static Value of(LocalDate date) {
        return date == null ? EMPTY : new DateValue(date);
    }

    /** A date-and-time value (local time, to the second); {@code null} gives {@link #EMPTY}. */
    static Value of(java.time.LocalDateTime dateTime) {
        return dateTime == null ? EMPTY : new DateTimeValue(dateTime.withNano(0));
    }

    /** True for {@link #EMPTY} and for the empty text. */
    boolean isEmpty();

    /**
     * The value as a calculate question keeps it: {@link #EMPTY} for a number that is NaN, else this value. As in
     * ODK, a calculation over an unanswered question ({@code ${x} + 1}) leaves the calculation unanswered, so
     * that {@code ${calc} = ''} holds and the result is not stored as the text "NaN".
     */
    default Value asAnswer() {
        return this instanceof NumberValue n && Double.isNaN(n.number()) ? EMPTY : this;
    }

    /** XPath {@code string()}: whole numbers without ".0", no exponent notation; dates as yyyy-mm-dd. */
    String asString();

    /**
     * XPath {@code number()}: NaN for empty and non-numeric text; a yyyy-mm-dd text or a date gives its day number, a
     * date-and-time its day number with the time as a fraction, a time of day (HH:MM) its fraction of a day.
     */
    double asNumber();

    /** XPath {@code boolean()}: empty text false, any other text true; NaN and 0 false; dates true. */
    boolean asBoolean();

    /** The empty value: an unanswered or non-relevant question. */
    record EmptyValue() implements Value {
        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public String asString() {
            return "";
        }

        @Override
        public double asNumber() {
            return Double.NaN;
        }

        @Override
        public boolean asBoolean() {
            return false;
        }

        @Override
        public String toString() {
            return "EMPTY";
        }
    }

    /** A text value. */
    record StringValue(String text) implements Value {
        public StringValue {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean isEmpty() {
            return text.isEmpty();
        }

        @Override
        public String asString() {
            return text;
        }

        @Override
        public double asNumber() {
            return Values.textToNumber(text);
        }

        @Override
        public boolean asBoolean() {
            return !text.isEmpty();
        }
    }

    /** A number value. */
    record NumberValue(double number) implements Value {
        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public String asString() {
            return Values.numberToText(number);
        }

        @Override
        public double asNumber() {
            return number;
        }

        @Override
        public boolean asBoolean() {
            return number != 0 && !Double.isNaN(number);
        }
    }

    /** A boolean value; converts to 1 or 0 and to "true" or "false". */
    record BooleanValue(boolean truth) implements Value {
        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public String asString() {
            return truth ? "true" : "false";
        }

        @Override
        public double asNumber() {
            return truth ? 1 : 0;
        }

        @Override
        public boolean asBoolean() {
            return truth;
        }
    }

    /** A date value, e.g. from {@code today()}; its number is the day count since 1970-01-01. */
    record DateValue(LocalDate date) implements Value {
        public DateValue {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public String asString() {
            return date.toString();
        }

        @Override
        public double asNumber() {
            return date.toEpochDay();
        }

        @Override
        public boolean asBoolean() {
            return true;
        }
    }

    /**
     * A date and time of day, e.g. from {@code now()}: local time to the second. Its text is
     * {@code yyyy-mm-ddTHH:MM:SS}, its number the days since 1970-01-01 with the time as a fraction.
     */
    record DateTimeValue(java.time.LocalDateTime dateTime) implements Value {
        public DateTimeValue {
            Objects.requireNonNull(dateTime, "dateTime");
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public String asString() {
            return Values.dateTimeToText(dateTime);
        }

        @Override
        public double asNumber() {
            return Values.decimalDays(dateTime);
        }

        @Override
        public boolean asBoolean() {
            return true;
        }
    }
}
