package org.barometer.formats.microdata;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * Writes a {@link Dataset} as a Stata dataset in format 118 (Stata 14 and later), following Stata's {@code dta}
 * documentation: header, map, variable types, names, sort list, display formats, value label names, variable
 * labels, characteristics, data, strLs and value label tables, all little-endian ({@code LSF}).
 *
 * <p>Numeric variables are stored as {@code double}; {@link Value.Missing} as Stata's extended missing values
 * {@code .a} not asked, {@code .b} left unanswered, {@code .c} don't know, {@code .d} not applicable (see
 * {@link MissingKind}), {@link Value#EMPTY} as {@code .}. Strings of up to 2045 bytes are {@code str1}…
 * {@code str2045}, longer ones {@code strL}; string variables have no missing kinds (a missing text is empty).
 *
 * <p>Languages: labels are written in every language given, through Stata's {@code label language} convention.
 * The first language is the current one (in the label fields themselves); for each other language {@code L} the
 * characteristics {@code _dta[_lang_list]}, {@code _dta[_lang_c]}, {@code _dta[_lang_v_L]} (dataset label),
 * {@code var[_lang_v_L]} (variable label) and {@code var[_lang_l_L]} (value label set) are written, and every
 * shared value label set gets one table per language ({@code set} and {@code set_L}). In Stata,
 * {@code label language en} switches to English. Each table also labels {@code .a}–{@code .d}.
 *
 * <p>Limits: variable and dataset labels are cut to 80 characters (Stata's limit; every cut is reported); value
 * label codes must be integers in Stata's {@code long} range; at most 32,767 variables.
 */
public final class StataWriter {
    static final long MISSING_DOUBLE = 0x7FE0000000000000L;
    /** The step between {@code .}, {@code .a}, {@code .b}, … in a double's bits. */
    static final long MISSING_DOUBLE_STEP = 0x010000000000L;
    /** A value label code for {@code .a} in a {@code long} table; {@code .b} is one more, and so on. */
    static final int MISSING_LONG_A = 2147483622;
    static final int MAX_LONG = 2147483620;
    static final double MAX_DOUBLE = Double.longBitsToDouble(0x7fdfffffffffffffL);
    static final int STR_MAX = 2045;
    static final int TYPE_STRL = 32768;
    static final int TYPE_DOUBLE = 65526;
    static final int NAME_FIELD = 129;
    static final int LABEL_CHARS = 80;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm", Locale.ENGLISH);

    private final List<String> languages;
    private final LocalDateTime timestamp;

    private StataWriter(List<String> languages, LocalDateTime timestamp) {
        if (languages.isEmpty()) throw new IllegalArgumentException("at least one language");
        for (String l : languages) {
            if (!l.matches("[A-Za-z][A-Za-z0-9_]{0,23}")) throw new FormatInputException("'" + l + "' is not a Stata label language name");
        }
        this.languages = List.copyOf(languages);
        this.timestamp = timestamp;
    }

    /** A writer for labels in {@code languages}; the first is the current language. */
    public static StataWriter of(String... languages) {
        return new StataWriter(List.of(languages), null);
    }

    /** This writer with a fixed time stamp in the header. */
    public StataWriter withTimestamp(LocalDateTime time) {
        return new StataWriter(languages, time);
    }

    /** Writes the file to {@code out}; nothing is written when the dataset is refused. */
    public WriteReport write(Dataset dataset, OutputStream out) throws IOException {
        Built built = build(dataset);
        out.write(built.bytes);
        return built.report;
    }

    record Built(byte[] bytes, WriteReport report) {}

    private String current() {
        return languages.getFirst();
    }

    Built build(Dataset dataset) {
        List<Variable> vars = dataset.variables();
        if (vars.size() > 32767) throw new FormatInputException("the dataset has " + vars.size() + " variables; format 118 holds at most 32767");
        List<String> notes = new ArrayList<>();
        Map<String, String> names = Names.renaming(vars.stream().map(Variable::name).toList(), Names.Tool.STATA, "variable");
        Map<String, ValueLabelSet> sets = new LinkedHashMap<>();
        for (Variable v : vars) {
            if (v.valueLabels() != null) {
                ValueLabelSet earlier = sets.putIfAbsent(v.valueLabels().name(), v.valueLabels());
                if (earlier != null && !earlier.equals(v.valueLabels())) {
                    throw new FormatInputException("two different value label sets are named '" + v.valueLabels().name() + "'");
                }
            }
        }
        List<String> tableOriginals = new ArrayList<>();
        for (String set : sets.keySet()) for (String l : languages) tableOriginals.add(tableKey(set, l));
        Map<String, String> tableNames = Names.renaming(tableOriginals, Names.Tool.STATA, "value label table");
        int[] types = types(dataset);

        Bytes typesB = section("variable_types", b -> { for (int t : types) b.int16(t); });
        Bytes namesB = section("varnames", b -> { for (Variable v : vars) b.fixed(Bytes.utf8(names.get(v.name())), NAME_FIELD, (byte) 0); });
        Bytes sortB = section("sortlist", b -> { for (int i = 0; i <= vars.size(); i++) b.int16(0); });
        Bytes formatsB = section("formats", b -> {
            for (int i = 0; i < vars.size(); i++) {
                String f = types[i] == TYPE_DOUBLE ? "%10.0g" : types[i] == TYPE_STRL ? "%9s" : "%" + types[i] + "s";
                b.fixed(Bytes.utf8(f), 57, (byte) 0);
            }
        });
        Bytes labelNamesB = section("value_label_names", b -> {
            for (Variable v : vars) {
                String t = v.valueLabels() == null ? "" : tableNames.get(tableKey(v.valueLabels().name(), current()));
                b.fixed(Bytes.utf8(t), NAME_FIELD, (byte) 0);
            }
        });
        Bytes varLabelsB = section("variable_labels", b -> {
            for (Variable v : vars) b.fixed(Bytes.utf8(label(v.label(), current(), "variable '" + v.name() + "'", notes)), 321, (byte) 0);
        });
        Bytes charsB = characteristics(dataset, names, tableNames, notes);
        List<byte[]> strls = new ArrayList<>();
        Bytes dataB = data(dataset, types, strls);
        Bytes strlsB = new Bytes().ascii("<strls>");
        for (byte[] gso : strls) strlsB.bytes(gso);
        strlsB.ascii("</strls>");
        Bytes labelsB = valueLabels(sets, tableNames, dataset.missingCodes());

        Bytes head = header(dataset, notes);
        int mapSize = "<map>".length() + 14 * 8 + "</map>".length();
        long[] map = new long[14];
        map[1] = head.size();
        map[2] = map[1] + mapSize;
        Bytes[] sections = {typesB, namesB, sortB, formatsB, labelNamesB, varLabelsB, charsB, dataB, strlsB, labelsB};
        for (int i = 0; i < sections.length; i++) map[3 + i] = map[2 + i] + sections[i].size();
        map[13] = map[12] + "</stata_dta>".length();

        Bytes file = new Bytes().bytes(head.toByteArray());
        file.ascii("<map>");
        for (long offset : map) file.int64(offset);
        file.ascii("</map>");
        for (Bytes s : sections) file.bytes(s.toByteArray());
        file.ascii("</stata_dta>");
        Map<String, String> reportSets = new LinkedHashMap<>();
        tableNames.forEach(reportSets::put);
        return new Built(file.toByteArray(), new WriteReport(names, reportSets, notes));
    }

    /** The key under which the table of {@code set} in {@code language} is renamed: the set's name, or name_L. */
    private String tableKey(String set, String language) {
        return language.equals(current()) ? set : set + "_" + language;
    }

    private static Bytes section(String tag, java.util.function.Consumer<Bytes> body) {
        Bytes b = new Bytes().ascii("<" + tag + ">");
        body.accept(b);
        return b.ascii("</" + tag + ">");
    }

    /** Type codes: 65526 double, 1–2045 strF of that many bytes, 32768 strL. */
    private static int[] types(Dataset dataset) {
        int[] types = new int[dataset.variables().size()];
        for (int i = 0; i < types.length; i++) {
            if (dataset.variables().get(i).isNumeric()) {
                types[i] = TYPE_DOUBLE;
                continue;
            }
            int width = 1;
            for (List<Value> row : dataset.rows()) {
                if (row.get(i) instanceof Value.Str s) width = Math.max(width, Bytes.utf8(s.value()).length);
            }
            types[i] = width <= STR_MAX ? width : TYPE_STRL;
        }
        return types;
    }

    private static String label(LocalizedText text, String language, String what, List<String> notes) {
        String full = text.inOrEmpty(language);
        String cut = Bytes.cutToChars(full, LABEL_CHARS);
        if (!cut.equals(full)) notes.add(what + ": the '" + language + "' label was cut to " + LABEL_CHARS + " characters");
        return cut;
    }

    /*
     * Header: <stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>uint16 K</K>
     * <N>uint64 N</N><label>uint16 length, then that many bytes (UTF-8, up to 80 characters)</label>
     * <timestamp>uint8 17, "dd Mon yyyy hh:mm"</timestamp></header>
     */
    private Bytes header(Dataset dataset, List<String> notes) {
        Bytes b = new Bytes().ascii("<stata_dta><header><release>118</release><byteorder>LSF</byteorder>");
        b.ascii("<K>").int16(dataset.variables().size()).ascii("</K>");
        b.ascii("<N>").int64(dataset.rows().size()).ascii("</N>");
        byte[] label = Bytes.utf8(label(dataset.label(), current(), "the dataset", notes));
        b.ascii("<label>").int16(label.length).bytes(label).ascii("</label>");
        String stamp = STAMP.format(timestamp != null ? timestamp : LocalDateTime.now());
        b.ascii("<timestamp>").int8(stamp.length()).ascii(stamp).ascii("</timestamp></header>");
        return b;
    }

    /*
     * Characteristics: <characteristics>, then per characteristic <ch>uint32 length (of what follows up to
     * </ch>); char varname[129] ("_dta" for the dataset); char charname[129]; the contents, null-terminated
     * </ch>, then </characteristics>. Written only when there is more than one language.
     */
    private Bytes characteristics(Dataset dataset, Map<String, String> names, Map<String, String> tableNames, List<String> notes) {
        Bytes b = new Bytes().ascii("<characteristics>");
        if (languages.size() > 1) {
            characteristic(b, "_dta", "_lang_list", String.join(" ", languages));
            characteristic(b, "_dta", "_lang_c", current());
            for (String l : languages.subList(1, languages.size())) {
                if (dataset.label().has(l)) characteristic(b, "_dta", "_lang_v_" + l, label(dataset.label(), l, "the dataset", notes));
            }
            for (Variable v : dataset.variables()) {
                String name = names.get(v.name());
                for (String l : languages.subList(1, languages.size())) {
                    if (v.label().has(l)) characteristic(b, name, "_lang_v_" + l, label(v.label(), l, "variable '" + v.name() + "'", notes));
                    if (v.valueLabels() != null) characteristic(b, name, "_lang_l_" + l, tableNames.get(tableKey(v.valueLabels().name(), l)));
                }
            }
        }
        return b.ascii("</characteristics>");
    }

    private static void characteristic(Bytes b, String variable, String name, String contents) {
        byte[] c = Bytes.utf8(contents);
        b.ascii("<ch>").int32(2 * NAME_FIELD + c.length + 1);
        b.fixed(Bytes.utf8(variable), NAME_FIELD, (byte) 0).fixed(Bytes.utf8(name), NAME_FIELD, (byte) 0);
        b.bytes(c).int8(0).ascii("</ch>");
    }

    /*
     * Data: <data>, then per observation, per variable: a double (8 bytes), a strF (its width in bytes, padded
     * with nulls) or a strL reference (v,o): uint16 v (variable, from 1) and uint48 o (observation, from 1), with
     * (0,0) for the empty string; then </data>. Each referenced strL is a GSO in the <strls> section:
     * "GSO", uint32 v, uint64 o, uint8 t (130: text, null-terminated), uint32 len (including the null), contents.
     */
    private static Bytes data(Dataset dataset, int[] types, List<byte[]> strls) {
        Bytes b = new Bytes().ascii("<data>");
        List<List<Value>> rows = dataset.rows();
        for (int r = 0; r < rows.size(); r++) {
            List<Value> row = rows.get(r);
            for (int i = 0; i < types.length; i++) {
                Value value = row.get(i);
                if (types[i] == TYPE_DOUBLE) {
                    b.int64(doubleBits(value, r, dataset.variables().get(i)));
                } else if (types[i] == TYPE_STRL) {
                    if (value instanceof Value.Str s && !s.value().isEmpty()) {
                        byte[] text = Bytes.utf8(s.value());
                        b.int16(i + 1).int48(r + 1L);
                        strls.add(new Bytes().ascii("GSO").int32(i + 1).int64(r + 1L).int8(130).int32(text.length + 1)
                                .bytes(text).int8(0).toByteArray());
                    } else {
                        b.int16(0).int48(0);
                    }
                } else {
                    byte[] text = value instanceof Value.Str s ? Bytes.utf8(s.value()) : new byte[0];
                    b.fixed(text, types[i], (byte) 0);
                }
            }
        }
        return b.ascii("</data>");
    }

    private static long doubleBits(Value value, int row, Variable v) {
        return switch (value) {
            case Value.Num n -> {
                if (Math.abs(n.value()) > MAX_DOUBLE) {
                    throw new FormatInputException("row " + (row + 1) + ", variable '" + v.name() + "': " + n.value()
                            + " is beyond the largest number Stata stores (8.988e307)");
                }
                yield Double.doubleToRawLongBits(n.value() == 0.0 ? 0.0 : n.value());
            }
            case Value.Missing m -> MISSING_DOUBLE + (m.kind().stataLetter() - 'a' + 1) * MISSING_DOUBLE_STEP;
            default -> MISSING_DOUBLE;
        };
    }

    /*
     * Value labels: <value_labels>, then per table <lbl>uint32 length of the table; char labname[129];
     * 3 bytes padding; the table: uint32 n; uint32 txtlen; uint32 off[n]; int32 val[n]; char txt[txtlen] (each label
     * null-terminated, off[i] its start)</lbl>, then </value_labels>. Codes sorted, .a–.d last.
     */
    private Bytes valueLabels(Map<String, ValueLabelSet> sets, Map<String, String> tableNames, MissingCodes kinds) {
        Bytes b = new Bytes().ascii("<value_labels>");
        for (ValueLabelSet set : sets.values()) {
            TreeMap<Integer, String> sorted = new TreeMap<>();
            for (String l : languages) {
                sorted.clear();
                set.labels().forEach((code, text) -> {
                    if (code != Math.rint(code) || code < -MAX_LONG || code > MAX_LONG) {
                        throw new FormatInputException("value label set '" + set.name() + "': code " + MissingCodes.format(code)
                                + " is not an integer in Stata's range; Stata labels whole numbers only");
                    }
                    if (text.has(l)) sorted.put((int) (double) code, text.in(l));
                });
                for (MissingKind kind : MissingKind.values()) {
                    LocalizedText text = kinds.labels().get(kind);
                    if (text.has(l)) sorted.put(MISSING_LONG_A + kind.stataLetter() - 'a', text.in(l));
                }
                Bytes txt = new Bytes();
                Bytes off = new Bytes();
                Bytes val = new Bytes();
                sorted.forEach((code, label) -> {
                    off.int32(txt.size());
                    val.int32(code);
                    txt.bytes(Bytes.utf8(label)).int8(0);
                });
                int n = sorted.size();
                b.ascii("<lbl>").int32(8 + 8 * n + txt.size());
                b.fixed(Bytes.utf8(tableNames.get(tableKey(set.name(), l))), NAME_FIELD + 3, (byte) 0);
                b.int32(n).int32(txt.size()).bytes(off.toByteArray()).bytes(val.toByteArray()).bytes(txt.toByteArray());
                b.ascii("</lbl>");
            }
        }
        return b.ascii("</value_labels>");
    }
}
