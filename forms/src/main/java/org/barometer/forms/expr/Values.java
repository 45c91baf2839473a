package org.barometer.forms.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** Conversions shared by the value types (kept out of the public interface). */
final class Values {
    private Values() {
    }

    /**
     * XPath 1.0 number(): optional whitespace, optional '-', then digits with an optional fraction (or '.'
     * followed by digits), optional whitespace. Anything else is NaN, except a date text yyyy-mm-dd, which
     * gives its day number (an ODK addition so that dates compare).
     */
    static double textToNumber(String text) {
        double number = strictNumber(text);
        if (!Double.isNaN(number)) {
            return number;
        }
        String t = text.strip();
        LocalDate date = textToDate(t);
        if (date != null) {
            return date.toEpochDay();
        }
        LocalDateTime dateTime = textToDateTime(t);
        if (dateTime != null) {
            return decimalDays(dateTime);
        }
        LocalTime time = textToTime(t);
        return time == null ? Double.NaN : time.toSecondOfDay() / 86_400.0;
    }

    /** The days since 1970-01-01 with the time of day as a fraction (ODK's decimal-date-time). */
    static double decimalDays(LocalDateTime dateTime) {
        return dateTime.toLocalDate().toEpochDay() + dateTime.toLocalTime().toNanoOfDay() / 86_400e9;
    }

    /** {@code yyyy-mm-ddTHH:MM:SS}: a date-time as text, to the second. */
    static String dateTimeToText(LocalDateTime dateTime) {
        return dateTime.toLocalDate() + "T" + String.format("%02d:%02d:%02d", dateTime.getHour(),
                dateTime.getMinute(), dateTime.getSecond());
    }

    /**
     * A date-time from text {@code yyyy-mm-ddTHH:MM}, with optional seconds and fraction, and an optional offset
     * ({@code Z}, {@code +01:00}), which is dropped: values are compared in local time, as answers are given. Null
     * for anything else.
     */
    static LocalDateTime textToDateTime(String text) {
        if (text.length() < 16 || text.charAt(10) != 'T' && text.charAt(10) != ' ') {
            return null;
        }
        LocalDate date = textToDate(text.substring(0, 10));
        LocalTime time = date == null ? null : textToTime(text.substring(11));
        return time == null ? null : LocalDateTime.of(date, time);
    }

    /**
     * A time of day from {@code HH:MM}, with optional {@code :SS}, fraction and offset (dropped); null for anything
     * else.
     */
    static LocalTime textToTime(String text) {
        String t = text;
        int offset = Math.max(t.indexOf('+', 5), Math.max(t.indexOf('-', 5), t.indexOf('Z', 5)));
        if (offset > 0) {
            t = t.substring(0, offset);
        }
        if (t.length() != 5 && t.length() < 8 || t.charAt(2) != ':' || t.length() >= 8 && t.charAt(5) != ':') {
            return null;
        }
        for (int i = 0; i < Math.min(t.length(), 8); i++) {
            if (i != 2 && i != 5 && !isDigit(t.charAt(i))) {
                return null;
            }
        }
        if (t.length() > 8 && (t.charAt(8) != '.' || t.length() == 9
                || !t.substring(9).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            return LocalTime.parse(t.length() > 8 ? t.substring(0, 8) : t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** XPath 1.0 number() of a text, without the date addition: NaN unless the text is a plain decimal. */
    static double strictNumber(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isXPathSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isXPathSpace(text.charAt(end - 1))) {
            end--;
        }
        int i = start;
        if (i < end && text.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        return i == end && digits > 0 ? Double.parseDouble(text.substring(start, end)) : Double.NaN;
    }

    /** A date from text of the exact form yyyy-mm-dd, or null. */
    static LocalDate textToDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !isDigit(text.charAt(i))) {
                return null;
            }
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whole numbers without ".0" (as ODK prints them), others in plain decimal notation without exponent. */
    static String numberToText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0"; // also for -0.0, as XPath prescribes
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isXPathSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
