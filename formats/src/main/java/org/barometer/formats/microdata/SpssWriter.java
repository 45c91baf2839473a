package org.barometer.formats.microdata;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * Writes a {@link Dataset} as an SPSS system file ({@code .sav}), following PSPP's "System File Format"
 * documentation: file header, variable records (strings over 8 bytes continued in 8-byte records, strings over 255
 * bytes split into segments named by the very long string record), value labels (records 3 and 4), machine integer
 * and floating-point info (7.3, 7.4), variable display parameters (7.11), long variable names (7.13), very long
 * strings (7.14), the character encoding (7.20, UTF-8), the dictionary terminator (999) and uncompressed data. All
 * numbers little-endian.
 *
 * <p>Labels are written in one language per file. Missing values: every numeric variable declares its
 * {@link MissingCodes} as one user-missing range (lowest to highest code); a {@link Value.Missing} is written as
 * its kind's code, {@link Value#EMPTY} as system-missing. The variables with a value label set also get the four
 * kinds' labels on their codes. String variables have no missing kinds: a missing or empty text is written blank.
 *
 * <p>Limits: variable labels are cut to 255 bytes and value labels to 120 bytes (SPSS's documented limits; every
 * cut is reported); a text of more than 32,767 bytes is refused.
 */
public final class SpssWriter {
    /** SPSS's system-missing value, -DBL_MAX. */
    static final double SYSMIS = -Double.MAX_VALUE;
    static final int MAX_STRING_BYTES = 32767;
    static final int MAX_VARIABLE_LABEL_BYTES = 255;
    static final int MAX_VALUE_LABEL_BYTES = 120;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMM yy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private final String language;
    private final LocalDateTime timestamp;

    private SpssWriter(String language, LocalDateTime timestamp) {
        this.language = Objects.requireNonNull(language);
        this.timestamp = timestamp;
    }

    /** A writer for labels in {@code language}, stamped with the time of writing. */
    public static SpssWriter of(String language) {
        return new SpssWriter(language, null);
    }

    /** This writer with a fixed creation time in the file header. */
    public SpssWriter withTimestamp(LocalDateTime time) {
        return new SpssWriter(language, time);
    }

    /** Writes the file to {@code out}; nothing is written when the dataset is refused. */
    public WriteReport write(Dataset dataset, OutputStream out) throws IOException {
        Result r = build(dataset);
        out.write(r.bytes);
        return r.report;
    }

    record Result(byte[] bytes, WriteReport report) {}

    /** One column as laid out in the file: its segments (1, or more for very long strings) and their widths. */
    private record Column(Variable variable, String name, int width, List<Integer> segmentWidths,
            List<String> segmentShortNames, int firstElement) {
        boolean numeric() {
            return variable.isNumeric();
        }

        /** 8-byte elements a segment of {@code width} bytes occupies (a number occupies one). */
        static int elements(int width) {
            return width == 0 ? 1 : (width + 7) / 8;
        }

        int elementCount() {
            return segmentWidths.stream().mapToInt(Column::elements).sum();
        }
    }

    Result build(Dataset dataset) {
        List<String> notes = new ArrayList<>();
        Map<String, String> names = Names.renaming(dataset.variables().stream().map(Variable::name).toList(),
                Names.Tool.SPSS, "variable");
        List<Column> columns = layOut(dataset, names);
        int elements = columns.stream().mapToInt(Column::elementCount).sum();

        Bytes b = new Bytes();
        header(b, dataset, elements, notes);
        for (Column c : columns) variableRecords(b, dataset, c, notes);
        valueLabelRecords(b, dataset, columns, notes);
        machineIntegerInfo(b);
        machineFloatInfo(b);
        displayParameters(b, columns);
        longVariableNames(b, columns);
        veryLongStrings(b, columns);
        encoding(b);
        b.int32(999).int32(0); // dictionary termination record: rec_type 999, filler 0
        for (List<Value> row : dataset.rows()) {
            for (int i = 0; i < columns.size(); i++) dataElements(b, columns.get(i), row.get(i), dataset);
        }
        Map<String, String> setNames = new LinkedHashMap<>();
        for (Variable v : dataset.variables()) {
            if (v.valueLabels() != null) setNames.put(v.valueLabels().name(), v.valueLabels().name());
        }
        return new Result(b.toByteArray(), new WriteReport(names, setNames, notes));
    }

    /** Widths, segments and 8-byte short names of every column. */
    private List<Column> layOut(Dataset dataset, Map<String, String> names) {
        Set<String> taken = new HashSet<>();
        for (String written : names.values()) taken.add(written.toUpperCase(Locale.ROOT));
        Set<String> shortNames = new HashSet<>();
        int[] counter = {0};
        List<Column> out = new ArrayList<>();
        int element = 0;
        for (int i = 0; i < dataset.variables().size(); i++) {
            Variable v = dataset.variables().get(i);
            String name = names.get(v.name());
            List<Integer> widths = new ArrayList<>();
            int width = 0;
            if (v.isNumeric()) {
                widths.add(0);
            } else {
                width = 1;
                List<Value> column = dataset.column(i);
                for (int r = 0; r < column.size(); r++) {
                    if (column.get(r) instanceof Value.Str s) {
                        int n = Bytes.utf8(s.value()).length;
                        if (n > MAX_STRING_BYTES) {
                            throw new FormatInputException("row " + (r + 1) + ", variable '" + v.name() + "': a text of " + n
                                    + " bytes; SPSS strings hold at most " + MAX_STRING_BYTES + " bytes");
                        }
                        width = Math.max(width, n);
                    }
                }
                if (width <= 255) {
                    widths.add(width);
                } else {
                    int segments = (width + 251) / 252;
                    for (int s = 0; s < segments - 1; s++) widths.add(255);
                    widths.add(width - (segments - 1) * 252);
                }
            }
            List<String> segmentNames = new ArrayList<>();
            for (int s = 0; s < widths.size(); s++) {
                String upper = name.toUpperCase(Locale.ROOT);
                String shortName;
                if (s == 0 && Bytes.utf8(upper).length <= 8 && shortNames.add(upper)) {
                    shortName = upper;
                } else {
                    do {
                        shortName = "V" + (++counter[0]);
                    } while (taken.contains(shortName) || !shortNames.add(shortName));
                }
                segmentNames.add(shortName);
            }
            Column c = new Column(v, name, width, widths, segmentNames, element);
            element += c.elementCount();
            out.add(c);
        }
        return out;
    }

    /*
     * File header record:
     *   char rec_type[4] "$FL2"; char prod_name[60]; int32 layout_code (2); int32 nominal_case_size (8-byte
     *   elements per case); int32 compression (0); int32 weight_index (0); int32 ncases; flt64 bias (100);
     *   char creation_date[9] "dd mmm yy"; char creation_time[8] "hh:mm:ss"; char file_label[64]; char padding[3].
     */
    private void header(Bytes b, Dataset dataset, int elements, List<String> notes) {
        LocalDateTime t = timestamp != null ? timestamp : LocalDateTime.now();
        b.ascii("$FL2");
        b.fixed(Bytes.utf8("@(#) SPSS DATA FILE Barometer"), 60, (byte) ' ');
        b.int32(2).int32(elements).int32(0).int32(0).int32(dataset.rows().size()).float64(100.0);
        b.ascii(DATE.format(t)).ascii(TIME.format(t));
        String label = dataset.label().inOrEmpty(language);
        String cut = Bytes.cutToBytes(label, 64);
        if (!cut.equals(label)) notes.add("the dataset label was cut to the 64 bytes of an SPSS file label");
        b.fixed(Bytes.utf8(cut), 64, (byte) ' ');
        b.fixed(new byte[0], 3, (byte) 0);
    }

    /*
     * Variable record, one per 8-byte element of a variable:
     *   int32 rec_type (2); int32 type (0 numeric, string width, or -1 for a continuation element);
     *   int32 has_var_label; int32 n_missing_values (-2 for a range); int32 print; int32 write; char name[8];
     *   if labelled: int32 label_len; char label[label_len rounded up to a multiple of 4];
     *   if missing values: flt64 missing_values[|n_missing_values|] (range: low, high).
     * Formats are (type << 16) | (width << 8) | decimals, with type 5 = F and 1 = A.
     */
    private void variableRecords(Bytes b, Dataset dataset, Column c, List<String> notes) {
        for (int s = 0; s < c.segmentWidths().size(); s++) {
            int width = c.segmentWidths().get(s);
            boolean first = s == 0;
            String label = first ? c.variable().label().inOrEmpty(language) : "";
            String cut = Bytes.cutToBytes(label, MAX_VARIABLE_LABEL_BYTES);
            if (!cut.equals(label)) notes.add("variable '" + c.variable().name() + "': label cut to " + MAX_VARIABLE_LABEL_BYTES + " bytes");
            boolean missing = first && c.numeric();
            int format = c.numeric() ? numericFormat(dataset, c) : (1 << 16) | (width << 8);
            b.int32(2).int32(width).int32(cut.isEmpty() ? 0 : 1).int32(missing ? -2 : 0).int32(format).int32(format);
            b.fixed(Bytes.utf8(c.segmentShortNames().get(s)), 8, (byte) ' ');
            if (!cut.isEmpty()) {
                byte[] l = Bytes.utf8(cut);
                b.int32(l.length).fixed(l, (l.length + 3) / 4 * 4, (byte) ' ');
            }
            if (missing) {
                MissingCodes codes = dataset.missingCodesOf(c.variable());
                b.float64(codes.lowest()).float64(codes.highest());
            }
            for (int e = 1; e < Column.elements(width); e++) {
                b.int32(2).int32(-1).int32(0).int32(0).int32(0).int32(0).fixed(new byte[0], 8, (byte) ' ');
            }
        }
    }

    /** F8.0 when every value is a whole number, F12.4 otherwise; display only, the data keep full precision. */
    private static int numericFormat(Dataset dataset, Column c) {
        int index = dataset.variables().indexOf(c.variable());
        boolean whole = dataset.rows().stream().allMatch(row -> !(row.get(index) instanceof Value.Num n) || n.value() == Math.rint(n.value()));
        return whole ? (5 << 16) | (8 << 8) : (5 << 16) | (12 << 8) | 4;
    }

    /*
     * Value label record (type 3): int32 rec_type (3); int32 label_count; then label_count times: char value[8]
     * (a flt64), char label_len, char label[label_len], padded with spaces so that label_len and label together
     * fill a multiple of 8 bytes. Always followed by a value label variables record (type 4): int32 rec_type (4);
     * int32 var_count; int32 vars[var_count], the 1-based dictionary index of each variable's first element.
     * One pair per shared label set (and per missing-code scheme, whose kinds' labels are added to the set).
     */
    private void valueLabelRecords(Bytes b, Dataset dataset, List<Column> columns, List<String> notes) {
        Map<List<Object>, List<Column>> groups = new LinkedHashMap<>();
        for (Column c : columns) {
            ValueLabelSet set = c.variable().valueLabels();
            if (set != null) groups.computeIfAbsent(List.of(set, dataset.missingCodesOf(c.variable())), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<List<Object>, List<Column>> g : groups.entrySet()) {
            ValueLabelSet set = (ValueLabelSet) g.getKey().get(0);
            MissingCodes codes = (MissingCodes) g.getKey().get(1);
            Map<Double, String> labels = new LinkedHashMap<>();
            set.labels().forEach((code, text) -> {
                if (text.has(language)) labels.put(code, text.in(language));
            });
            codes.codes().forEach((kind, code) -> {
                LocalizedText text = codes.labels().get(kind);
                if (text.has(language)) labels.put(code, text.in(language));
            });
            if (labels.isEmpty()) continue;
            b.int32(3).int32(labels.size());
            labels.forEach((code, label) -> {
                String cut = Bytes.cutToBytes(label, MAX_VALUE_LABEL_BYTES);
                if (!cut.equals(label)) {
                    notes.add("value label set '" + set.name() + "': the label of " + MissingCodes.format(code)
                            + " cut to " + MAX_VALUE_LABEL_BYTES + " bytes");
                }
                byte[] l = Bytes.utf8(cut);
                b.float64(code).int8(l.length).fixed(l, (l.length + 1 + 7) / 8 * 8 - 1, (byte) ' ');
            });
            b.int32(4).int32(g.getValue().size());
            for (Column c : g.getValue()) b.int32(c.firstElement() + 1);
        }
    }

    /*
     * Machine integer info record (7.3): int32 rec_type (7); int32 subtype (3); int32 size (4); int32 count (8);
     * int32 version_major, version_minor, version_revision; int32 machine_code (-1); int32 floating_point_rep
     * (1 = IEEE 754); int32 compression_code (1); int32 endianness (2 = little); int32 character_code (65001 = UTF-8).
     */
    private static void machineIntegerInfo(Bytes b) {
        b.int32(7).int32(3).int32(4).int32(8);
        b.int32(1).int32(0).int32(0).int32(-1).int32(1).int32(1).int32(2).int32(65001);
    }

    /*
     * Machine floating-point info record (7.4): int32 rec_type (7); int32 subtype (4); int32 size (8); int32 count
     * (3); flt64 sysmis (-DBL_MAX); flt64 highest (DBL_MAX); flt64 lowest (the second-largest negative number).
     */
    private static void machineFloatInfo(Bytes b) {
        b.int32(7).int32(4).int32(8).int32(3);
        b.float64(SYSMIS).float64(Double.MAX_VALUE).float64(Math.nextUp(-Double.MAX_VALUE));
    }

    /*
     * Variable display parameter record (7.11): int32 rec_type (7); int32 subtype (11); int32 size (4);
     * int32 count (3 per segment); then per segment: int32 measure (1 nominal, 3 scale); int32 width;
     * int32 alignment (0 left, 1 right).
     */
    private static void displayParameters(Bytes b, List<Column> columns) {
        int segments = columns.stream().mapToInt(c -> c.segmentWidths().size()).sum();
        b.int32(7).int32(11).int32(4).int32(3 * segments);
        for (Column c : columns) {
            int measure = c.numeric() && c.variable().valueLabels() == null ? 3 : 1;
            for (int s = 0; s < c.segmentWidths().size(); s++) {
                b.int32(measure).int32(c.numeric() ? 8 : Math.min(Math.max(c.width(), 1), 40)).int32(c.numeric() ? 1 : 0);
            }
        }
    }

    /*
     * Long variable names record (7.13): int32 rec_type (7); int32 subtype (13); int32 size (1); int32 count
     * (bytes); char pairs[count]: SHORTNAME=LongName, separated by a tab (09), no trailing separator.
     */
    private static void longVariableNames(Bytes b, List<Column> columns) {
        StringBuilder s = new StringBuilder();
        for (Column c : columns) {
            if (!s.isEmpty()) s.append('\t');
            s.append(c.segmentShortNames().getFirst()).append('=').append(c.name());
        }
        byte[] data = Bytes.utf8(s.toString());
        b.int32(7).int32(13).int32(1).int32(data.length).bytes(data);
    }

    /*
     * Very long string record (7.14), only when a string is wider than 255 bytes: int32 rec_type (7); int32 subtype
     * (14); int32 size (1); int32 count (bytes); then per very long string: SHORTNAME=wwwww (the width, five
     * zero-padded digits) followed by the two bytes 00 09.
     */
    private static void veryLongStrings(Bytes b, List<Column> columns) {
        StringBuilder s = new StringBuilder();
        for (Column c : columns) {
            if (c.segmentWidths().size() > 1) {
                s.append(c.segmentShortNames().getFirst()).append('=').append(String.format(Locale.ROOT, "%05d", c.width())).append("\0\t");
            }
        }
        if (s.isEmpty()) return;
        byte[] data = Bytes.utf8(s.toString());
        b.int32(7).int32(14).int32(1).int32(data.length).bytes(data);
    }

    /* Character encoding record (7.20): int32 rec_type (7); int32 subtype (20); int32 size (1); int32 count; char encoding[count]. */
    private static void encoding(Bytes b) {
        byte[] name = Bytes.utf8("UTF-8");
        b.int32(7).int32(20).int32(1).int32(name.length).bytes(name);
    }

    /*
     * Uncompressed data: per case, per variable record, one 8-byte element: a flt64 for a number (system-missing
     * -DBL_MAX), string bytes padded with spaces for a string. A very long string's text is cut into 255-byte
     * pieces, one per segment, each padded to the segment's elements.
     */
    private static void dataElements(Bytes b, Column c, Value value, Dataset dataset) {
        if (c.numeric()) {
            double d = switch (value) {
                case Value.Num n -> n.value();
                case Value.Missing m -> dataset.missingCodesOf(c.variable()).code(m.kind());
                default -> SYSMIS;
            };
            b.float64(d);
            return;
        }
        byte[] text = value instanceof Value.Str s ? Bytes.utf8(s.value()) : new byte[0];
        int from = 0;
        for (int width : c.segmentWidths()) {
            int to = Math.min(text.length, from + 255);
            byte[] piece = from < to ? java.util.Arrays.copyOfRange(text, from, to) : new byte[0];
            b.fixed(piece, Column.elements(width) * 8, (byte) ' ');
            from = to;
        }
    }
}
