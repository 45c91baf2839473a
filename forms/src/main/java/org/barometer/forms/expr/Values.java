package org.barometer.forms.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
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
        LocalDate date = textToDate(text.strip());
        return date == null ? Double.NaN : date.toEpochDay();
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
