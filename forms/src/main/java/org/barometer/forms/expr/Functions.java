package org.barometer.forms.expr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongSupplier;

/** The text, date and number helpers of the functions ODK adds to XPath (each rule in docs/expressions.md). */
final class Functions {
    private Functions() {}

    /** XPath substring-before(): the text before the first {@code part}; empty when {@code part} does not occur. */
    static String substringBefore(String s, String part) {
        int at = s.indexOf(part);
        return at < 0 ? "" : s.substring(0, at);
    }

    /** XPath substring-after(): the text after the first {@code part}; empty when {@code part} does not occur. */
    static String substringAfter(String s, String part) {
        int at = s.indexOf(part);
        return at < 0 ? "" : s.substring(at + part.length());
    }

    /**
     * XPath translate(): each character of {@code s} found in {@code from} is replaced by the character at the same
     * place in {@code to}, or dropped when {@code to} is shorter (characters are code points).
     */
    static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            int at = -1;
            for (int i = 0; i < f.length; i++) {
                if (f[i] == c) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                out.appendCodePoint(c);
            } else if (at < t.length) {
                out.appendCodePoint(t[at]);
            }
        });
        return out.toString();
    }

    /**
     * ODK digest(): the hash of the UTF-8 text with {@code MD5}, {@code SHA-1}, {@code SHA-256}, {@code SHA-384} or
     * {@code SHA-512}, in {@code base64} (the default) or {@code hex}; empty for another algorithm or encoding.
     */
    static String digest(String data, String algorithm, String encoding) {
        String a = algorithm.strip().toUpperCase(Locale.ROOT);
        if (!java.util.Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(a)) {
            return "";
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance(a).digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            return "";
        }
        return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "base64" -> Base64.getEncoder().encodeToString(hash);
            case "hex" -> HexFormat.of().formatHex(hash);
            default -> "";
        };
    }

    /** ODK base64-decode(): the UTF-8 text of base64 bytes; empty when the text is not base64. */
    static String base64Decode(String s) {
        try {
            return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** SplitMix64's finaliser: spreads a number's bits, so that consecutive seeds give unrelated draws. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A version-4 UUID from two draws. */
    static String uuid(long high, long low) {
        long h = high & 0xFFFFFFFFFFFF0FFFL | 0x0000000000004000L;
        long l = low & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new java.util.UUID(h, l).toString();
    }

    private static final String ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";

    /** ODK uuid(n): {@code n} random letters and digits (at most 1,000; empty for a length below 1). */
    static String randomText(double length, LongSupplier draws) {
        if (!(length >= 1)) {
            return "";
        }
        int n = (int) Math.min(1000, length);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(ALPHANUMERIC.charAt((int) Long.remainderUnsigned(draws.getAsLong(), ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    /** Whether {@code count} lies between {@code min} and {@code max}, where -1 means no bound (ODK checklist()). */
    static boolean within(double count, double min, double max) {
        return (min == -1 || count >= min) && (max == -1 || count <= max);
    }

    /**
     * ODK date-time(): a date-time from a number of days since 1970-01-01 (with the time as a fraction), from a
     * date (at midnight), or from a text {@code yyyy-mm-dd} or {@code yyyy-mm-ddTHH:MM[:SS]}; empty otherwise.
     */
    static Value dateTime(Value v) {
        return switch (v) {
            case Value.DateTimeValue dt -> dt;
            case Value.DateValue d -> Value.of(d.date().atStartOfDay());
            case Value.NumberValue n -> {
                double days = n.number();
                if (Double.isNaN(days) || Math.abs(days) > 1e8) {
                    yield Value.EMPTY;
                }
                long day = (long) Math.floor(days);
                long seconds = Math.round((days - day) * 86_400);
                yield Value.of(LocalDate.ofEpochDay(day).atStartOfDay().plusSeconds(seconds));
            }
            default -> {
                String text = v.asString().strip();
                LocalDateTime dt = Values.textToDateTime(text);
                LocalDate d = dt == null ? Values.textToDate(text) : null;
                yield dt != null ? Value.of(dt) : d != null ? Value.of(d.atStartOfDay()) : Value.EMPTY;
            }
        };
    }

    /** ODK decimal-time(): the time of day as a fraction of a day, from a time or date-time; NaN otherwise. */
    static double decimalTime(Value v) {
        LocalTime time = switch (v) {
            case Value.DateTimeValue dt -> dt.dateTime().toLocalTime();
            default -> {
                String text = v.asString().strip();
                LocalDateTime dt = Values.textToDateTime(text);
                yield dt != null ? dt.toLocalTime() : Values.textToTime(text);
            }
        };
        return time == null ? Double.NaN : time.toSecondOfDay() / 86_400.0;
    }

    /**
     * ODK format-date() and format-date-time(): {@code %Y} year, {@code %y} two-digit year, {@code %m} / {@code %n}
     * month with / without a leading zero, {@code %b} short month name, {@code %d} / {@code %e} day, {@code %a}
     * short weekday, {@code %H} / {@code %h} hour, {@code %M} minute, {@code %S} second, {@code %3} milliseconds
     * (always 000: times are kept to the second). Names are in English. Empty for an empty date.
     */
    static String format(Value value, String pattern) {
        LocalDateTime t = switch (value) {
            case Value.DateTimeValue dt -> dt.dateTime();
            case Value.DateValue d -> d.date().atStartOfDay();
            default -> null;
        };
        if (t == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char code = pattern.charAt(++i);
            switch (code) {
                case 'Y' -> out.append(String.format("%04d", t.getYear()));
                case 'y' -> out.append(String.format("%02d", Math.floorMod(t.getYear(), 100)));
                case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
                case 'n' -> out.append(t.getMonthValue());
                case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
                case 'e' -> out.append(t.getDayOfMonth());
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'H' -> out.append(String.format("%02d", t.getHour()));
                case 'h' -> out.append(t.getHour());
                case 'M' -> out.append(String.format("%02d", t.getMinute()));
                case 'S' -> out.append(String.format("%02d", t.getSecond()));
                case '3' -> out.append("000");
                default -> out.append('%').append(code);
            }
        }
        return out.toString();
    }

    /** The question a jr:choice-name() names: {@code '${q}'} as pyxform writes it, or a bare name. */
    static String questionName(String ref) {
        String r = ref.strip();
        return r.startsWith("${") && r.endsWith("}") ? r.substring(2, r.length() - 1) : r;
    }
}
