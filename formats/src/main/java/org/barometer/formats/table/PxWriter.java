package org.barometer.formats.table;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * Writes a {@link StatTable} as a PX file (PC-Axis, AXIS-VERSION 2013) with the keywords a PxWeb server reads:
 * {@code CHARSET, AXIS-VERSION, CODEPAGE, LANGUAGE, LANGUAGES, CREATION-DATE, DECIMALS, SHOWDECIMALS, MATRIX,
 * SUBJECT-CODE, SUBJECT-AREA, TITLE, CONTENTS, UNITS, STUB, HEADING, CONTVARIABLE, VALUES, CODES, UNITS} and
 * {@code LAST-UPDATED} per measure, {@code NOTE}, {@code DATASYMBOL1, DATASYMBOL2} and {@code DATA}. Every
 * language-dependent keyword is written for the default language and again as {@code KEYWORD[xx]} for each other
 * language.
 *
 * <p>Conventions: the measures are the last heading variable and the content variable ({@code CONTVARIABLE}), so
 * each measure has its own unit. A suppressed cell is {@code ".."} for all four measures, an interval bound that
 * does not exist is {@code "."}; {@code DATASYMBOL2} and {@code DATASYMBOL1} name those symbols and the
 * {@code NOTE} says what they mean, after the caption. Estimates and bounds are rounded half up to the table's
 * decimals; n is a whole number.
 *
 * <p>Layout: CRLF line ends, no line longer than 256 characters (long texts continue as further quoted strings on
 * the next lines; lists break after a comma), one DATA line per stub row. A double quote, which PX cannot carry
 * inside a value, is written as a single quote. The file is UTF-8 ({@code CODEPAGE="utf-8"}), or windows-1252 when
 * asked for, in which case a text that has no windows-1252 form is refused.
 */
public final class PxWriter {
    static final int MAX_LINE = 256;
    /** Longest name, label or piece of text, leaving room on its line for the keyword. */
    static final int MAX_VALUE = 200;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm", Locale.ROOT);

    private final Charset charset;

    private PxWriter(Charset charset) {
        this.charset = charset;
    }

    /** A UTF-8 writer. */
    public static PxWriter utf8() {
        return new PxWriter(StandardCharsets.UTF_8);
    }

    /** A windows-1252 ("ANSI") writer, for older PC-Axis readers. */
    public static PxWriter windows1252() {
        return new PxWriter(Charset.forName("windows-1252"));
    }

    /** Writes {@code table} to {@code out}; nothing is written when it is refused. */
    public void write(StatTable table, OutputStream out) throws IOException {
        out.write(toBytes(table));
    }

    byte[] toBytes(StatTable table) {
        Lines px = new Lines();
        List<String> langs = table.languages();
        String main = langs.getFirst();
        Dimension measures = table.measureDimension();
        List<Dimension> stub = table.stub();
        List<Dimension> heading = new ArrayList<>(table.heading());
        heading.add(measures);
        List<Dimension> all = new ArrayList<>(stub);
        all.addAll(heading);

        px.keyword("CHARSET", List.of(quote("ANSI")));
        px.keyword("AXIS-VERSION", List.of(quote("2013")));
        px.keyword("CODEPAGE", List.of(quote(charset == StandardCharsets.UTF_8 ? "utf-8" : "windows-1252")));
        px.keyword("LANGUAGE", List.of(quote(main)));
        px.keyword("LANGUAGES", langs.stream().map(PxWriter::quote).toList());
        if (table.updated() != null) px.keyword("CREATION-DATE", List.of(quote(STAMP.format(table.updated()))));
        px.keyword("DECIMALS", List.of(Integer.toString(table.decimals())));
        px.keyword("SHOWDECIMALS", List.of(Integer.toString(table.decimals())));
        px.keyword("MATRIX", List.of(quote(table.matrix())));
        px.keyword("SUBJECT-CODE", List.of(quote(table.subjectCode())));
        perLanguage(px, langs, "SUBJECT-AREA", l -> null, l -> text(table.subjectArea(), l));
        perLanguage(px, langs, "TITLE", l -> null, l -> text(table.title(), l));
        perLanguage(px, langs, "CONTENTS", l -> null, l -> text(table.contents(), l));
        perLanguage(px, langs, "UNITS", l -> null, l -> text(table.units(), l));
        if (!stub.isEmpty()) perLanguage(px, langs, "STUB", l -> null, l -> names(stub, l));
        perLanguage(px, langs, "HEADING", l -> null, l -> names(heading, l));
        perLanguage(px, langs, "CONTVARIABLE", l -> null, l -> List.of(quote(measures.label().in(l))));
        for (Dimension d : all) {
            perLanguage(px, langs, "VALUES", l -> List.of(d.label().in(l)), l -> d.categories().stream().map(c -> quote(c.label().in(l))).toList());
        }
        for (Dimension d : all) {
            perLanguage(px, langs, "CODES", l -> List.of(d.label().in(l)), l -> d.categories().stream().map(c -> quote(c.code())).toList());
        }
        for (Measure m : Measure.values()) {
            perLanguage(px, langs, "UNITS", l -> List.of(m.label(l)),
                    l -> List.of(quote(m == Measure.N ? Measure.text(l, "units.n") : table.units().in(l))));
        }
        if (table.updated() != null) {
            for (Measure m : Measure.values()) {
                perLanguage(px, langs, "LAST-UPDATED", l -> List.of(m.label(l)), l -> List.of(quote(STAMP.format(table.updated()))));
            }
        }
        perLanguage(px, langs, "NOTE", l -> null, l -> text(note(table, l)));
        px.keyword("DATASYMBOL1", List.of(quote(".")));
        px.keyword("DATASYMBOL2", List.of(quote("..")));
        data(px, table, heading);
        byte[] bytes = px.toString().getBytes(charset);
        CharsetEncoder encoder = charset.newEncoder();
        if (!encoder.canEncode(px.toString())) {
            throw new FormatInputException("table '" + table.matrix() + "': a text has characters that " + charset + " cannot hold");
        }
        return bytes;
    }

    /** The caption, then what {@code ..} and {@code .} mean; {@code #} starts a new line in a PX note. */
    private static String note(StatTable table, String language) {
        String caption = table.caption().inOrEmpty(language).strip();
        String symbols = Measure.text(language, "symbol.suppressed") + "#" + Measure.text(language, "symbol.unavailable");
        return caption.isEmpty() ? symbols : caption + "##" + symbols;
    }

    /** The keyword for the default language, then {@code KEYWORD[xx]} for each other language. */
    private static void perLanguage(Lines px, List<String> langs, String keyword, Function<String, List<String>> subkeys,
            Function<String, List<String>> values) {
        for (int i = 0; i < langs.size(); i++) {
            String l = langs.get(i);
            StringBuilder key = new StringBuilder(keyword);
            if (i > 0) key.append('[').append(l).append(']');
            List<String> sub = subkeys.apply(l);
            if (sub != null) key.append('(').append(String.join(",", sub.stream().map(PxWriter::quote).toList())).append(')');
            px.keyword(key.toString(), values.apply(l));
        }
    }

    private static List<String> names(List<Dimension> dims, String language) {
        return dims.stream().map(d -> quote(d.label().in(language))).toList();
    }

    /** A long text as several quoted pieces that concatenate to it, each short enough for a line. */
    private static List<String> text(LocalizedText t, String language) {
        return text(t.in(language));
    }

    private static List<String> text(String s) {
        String clean = clean(s);
        List<String> pieces = new ArrayList<>();
        int max = MAX_VALUE;
        while (clean.length() > max) {
            int cut = clean.lastIndexOf(' ', max - 1);
            cut = cut <= 0 ? max : cut + 1;
            pieces.add("\"" + clean.substring(0, cut) + "\"");
            clean = clean.substring(cut);
        }
        pieces.add("\"" + clean + "\"");
        List<String> out = new ArrayList<>();
        out.add(String.join("\n", pieces)); // one value written over several lines
        return out;
    }

    private static String quote(String s) {
        String clean = clean(s);
        if (clean.length() > MAX_VALUE) {
            throw new FormatInputException("the PX value '" + clean.substring(0, 40) + "…' is longer than the " + MAX_VALUE
                    + " characters a name or category label may have in PX (it must share a line with its keyword)");
        }
        return "\"" + clean + "\"";
    }

    /** PX has no escape for a double quote, and line breaks end a record. */
    private static String clean(String s) {
        return s.replace('"', '\'').replace("\r", " ").replace("\n", " ");
    }

    /*
     * DATA=, then one line per stub row with every heading cell (measures fastest), space-separated, ";" after
     * the last cell. A suppressed cell is ".." and a missing bound ".", in quotes as PX wants symbols.
     */
    private static void data(Lines px, StatTable table, List<Dimension> heading) {
        int perRow = 1;
        for (Dimension d : heading) perRow *= d.size();
        int measures = Measure.values().length;
        List<String> tokens = new ArrayList<>();
        for (Cell cell : table.cells()) {
            for (Measure m : Measure.values()) {
                if (cell.isSuppressed()) tokens.add("\"..\"");
                else if (m.of(cell) == null) tokens.add("\".\"");
                else tokens.add(number(m.of(cell), m == Measure.N ? 0 : table.decimals()));
            }
        }
        px.raw("DATA=");
        for (int start = 0; start < tokens.size(); start += perRow) {
            List<String> row = tokens.subList(start, Math.min(tokens.size(), start + perRow));
            boolean last = start + perRow >= tokens.size();
            px.wrapped(row, last ? ";" : "");
        }
        if (tokens.isEmpty()) px.raw(";");
        assert tokens.size() % measures == 0;
    }

    static String number(double v, int decimals) {
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** The file being built, line by line. */
    private static final class Lines {
        private final StringBuilder out = new StringBuilder();

        /** {@code KEY=v1,v2,...;} broken after commas so that no line exceeds {@link #MAX_LINE}. */
        void keyword(String key, List<String> values) {
            StringBuilder line = new StringBuilder(key).append('=');
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i) + (i == values.size() - 1 ? ";" : ",");
                String[] parts = v.split("\n");
                for (int p = 0; p < parts.length; p++) {
                    boolean onlyKey = i == 0 && p == 0; // a value starts on its keyword's line
                    if (!onlyKey && (p > 0 || line.length() + parts[p].length() > MAX_LINE)) {
                        raw(line.toString());
                        line.setLength(0);
                    }
                    line.append(parts[p]);
                }
            }
            raw(line.toString());
        }

        /** Space-separated tokens on as few lines as the line length allows, {@code end} after the last. */
        void wrapped(List<String> tokens, String end) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i) + (i == tokens.size() - 1 ? end : "");
                if (line.length() > 0 && line.length() + 1 + t.length() > MAX_LINE) {
                    raw(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(t);
            }
            raw(line.toString());
        }

        void raw(String line) {
            if (line.length() > MAX_LINE) {
                throw new FormatInputException("a PX line would be " + line.length() + " characters, more than " + MAX_LINE
                        + ": " + line.substring(0, 60) + "…");
            }
            out.append(line).append("\r\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
