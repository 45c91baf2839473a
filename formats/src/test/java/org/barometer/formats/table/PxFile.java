package org.barometer.formats.table;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small PX reader for the tests, written from the PX 2013 file format description: {@code
 * KEYWORD[lang]("sub","sub")=values;}, values quoted or bare, separated by commas; a quoted text continued as
 * another quoted string on the next line is one value; DATA cells separated by white space.
 */
final class PxFile {
    /** One keyword line. */
    record Entry(String keyword, String language, List<String> subkeys, List<String> values) {}

    final String text;
    final List<Entry> entries = new ArrayList<>();

    private static final Pattern KEY = Pattern.compile("([A-Z0-9-]+)(?:\\[([a-z]+)\\])?(?:\\((.*)\\))?");

    private PxFile(String text) {
        this.text = text;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= text.length()) break;
            int eq = i;
            boolean inQuote = false;
            while (text.charAt(eq) != '=' || inQuote) {
                if (text.charAt(eq) == '"') inQuote = !inQuote;
                eq++;
            }
            Matcher m = KEY.matcher(text.substring(i, eq).strip());
            if (!m.matches()) throw new IllegalArgumentException("not a PX keyword: " + text.substring(i, eq));
            List<String> subkeys = m.group(3) == null ? List.of() : values(m.group(3), false);
            int end = eq + 1;
            inQuote = false;
            while (text.charAt(end) != ';' || inQuote) {
                if (text.charAt(end) == '"') inQuote = !inQuote;
                end++;
            }
            boolean data = m.group(1).equals("DATA");
            entries.add(new Entry(m.group(1), m.group(2), subkeys, values(text.substring(eq + 1, end), data)));
            i = end + 1;
        }
    }

    /** Parses a file whose CODEPAGE names its encoding. */
    static PxFile parse(byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher cp = Pattern.compile("CODEPAGE=\"([^\"]+)\";").matcher(latin);
        Charset charset = cp.find() ? Charset.forName(cp.group(1)) : StandardCharsets.ISO_8859_1;
        return new PxFile(new String(bytes, charset));
    }

    /**
     * Values: quoted strings (a string directly followed, across white space only, by another is its
     * continuation) or bare tokens; commas separate values. In DATA every white-space separated token is a value.
     */
    private static List<String> values(String s, boolean data) {
        List<String> out = new ArrayList<>();
        int i = 0;
        boolean continuation = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ',') {
                continuation = false;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = s.indexOf('"', i + 1);
                String piece = s.substring(i + 1, close);
                if (continuation && !data) out.set(out.size() - 1, out.getLast() + piece);
                else out.add(piece);
                continuation = true;
                i = close + 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != ',') j++;
                out.add(s.substring(i, j));
                continuation = false;
                i = j;
            }
        }
        return out;
    }

    /** The entry with this keyword, language ({@code null} for the default) and subkeys, or {@code null}. */
    Entry get(String keyword, String language, String... subkeys) {
        for (Entry e : entries) {
            if (e.keyword.equals(keyword) && java.util.Objects.equals(e.language, language) && e.subkeys.equals(List.of(subkeys))) return e;
        }
        return null;
    }
}
