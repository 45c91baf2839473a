package org.barometer.formats.microdata;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.barometer.formats.FormatInputException;

/**
 * Makes names valid for a tool, deterministically, so that a caller can report the renaming (original → written).
 *
 * <p>The same steps for every tool: letters lose their accents and the Danish letters are spelled out
 * ({@code æ→ae, ø→oe, å→aa}); every character other than an ASCII letter, digit or underscore becomes {@code _};
 * a name that does not start with a letter gets the prefix {@code v}; the name is cut to the tool's length; a
 * reserved word gets the suffix {@code _v}. Two names that end up equal (in SPSS: equal ignoring case) are an error
 * naming both originals: the caller, who knows what the variables mean, picks the better names.
 *
 * <ul>
 *   <li>SPSS: at most 64 bytes; reserved words {@code ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH} (any case);
 *       unique ignoring case; a name may not end with {@code _} or {@code .}, so a trailing {@code _} after
 *       cutting is dropped.</li>
 *   <li>Stata: at most 32 characters; reserved words {@code _all _b byte _coef _cons double float if in int long
 *       _n _N _pi _pred _rc _skip strL using with} and {@code str1}…{@code str2045}; unique, case-sensitive.</li>
 * </ul>
 */
public final class Names {
    /** The tools whose naming rules this class knows. */
    public enum Tool {
        /** SPSS and PSPP system files. */
        SPSS(64, false, Set.of("ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH")),
        /** Stata datasets. */
        STATA(32, true, Set.of("_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
                "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with"));

        private final int maxLength;
        private final boolean caseSensitive;
        private final Set<String> reserved;

        Tool(int maxLength, boolean caseSensitive, Set<String> reserved) {
            this.maxLength = maxLength;
            this.caseSensitive = caseSensitive;
            this.reserved = reserved;
        }

        boolean isReserved(String name) {
            if (this == STATA && name.matches("str[0-9]+")) return true;
            return caseSensitive ? reserved.contains(name) : reserved.contains(name.toUpperCase(Locale.ROOT));
        }
    }

    private Names() {}

    /** The name {@code original} is written under in {@code tool}'s files. */
    public static String valid(String original, Tool tool) {
        String ascii = Normalizer.normalize(original.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "oe")
                .replace("Ø", "Oe").replace("å", "aa").replace("Å", "Aa").replace("ß", "ss"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder();
        for (char ch : ascii.toCharArray()) {
            boolean ok = ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_');
            b.append(ok ? ch : '_');
        }
        if (b.isEmpty() || !(b.charAt(0) < 128 && Character.isLetter(b.charAt(0)))) b.insert(0, 'v');
        String name = b.length() > tool.maxLength ? b.substring(0, tool.maxLength) : b.toString();
        if (tool == Tool.SPSS) {
            while (name.endsWith("_") && name.length() > 1) name = name.substring(0, name.length() - 1);
        }
        if (tool.isReserved(name)) name = name + "_v";
        return name;
    }

    /**
     * The written name of every original, in order. Throws when two originals end up with the same name
     * (ignoring case for SPSS); {@code what} names the kind of name in the message ("variable", "value label set").
     */
    public static Map<String, String> renaming(List<String> originals, Tool tool, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> byKey = new HashMap<>();
        for (String original : originals) {
            String written = valid(original, tool);
            String key = tool.caseSensitive ? written : written.toUpperCase(Locale.ROOT);
            String clash = byKey.putIfAbsent(key, original);
            if (clash != null && !clash.equals(original)) {
                throw new FormatInputException(what + "s '" + clash + "' and '" + original + "' would both be written as '"
                        + written + "' in " + tool + (tool.caseSensitive ? "" : " (names are compared ignoring case)")
                        + "; rename one of them");
            }
            out.put(original, written);
        }
        return out;
    }
}
