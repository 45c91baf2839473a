package org.barometer.stats.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;

/**
 * An immutable columnar table: numeric columns of {@code double} and categorical columns of int codes. There
 * are no per-row objects, so a million rows cost a few bytes per cell.
 *
 * <h2>Reading CSV</h2>
 * {@link #readCsv(Path)} reads a comma-separated file with a header row (RFC 4180 quoting, {@code ""} inside
 * quotes is a quote). A column is <em>numeric</em> when every non-missing field in it is unquoted and parses as a
 * number ({@code Inf} and {@code -Inf} included); otherwise it is <em>categorical</em>, with levels ordered by
 * {@link LevelOrder#TEXT} (R's default ordering). The unquoted field {@code NA} and an unquoted empty field are
 * missing in every column; a quoted {@code "NA"} is the text NA. A numeric column can be turned into a factor
 * with {@link #withFactor(String)} (numeric level order) and any factor reordered with
 * {@link #withLevelOrder(String, List)}.
 */
public final class DataTable {
    private final int rowCount;
    private final Map<String, Column> columns;

    private DataTable(int rowCount, Map<String, Column> columns) {
        this.rowCount = rowCount;
        this.columns = Collections.unmodifiableMap(columns);
    }

    /** A table of the given columns, which must all have the same length and distinct names. */
    public static DataTable of(List<? extends Column> columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        int n = columns.isEmpty() ? 0 : columns.get(0).size();
        Arguments.requireDistinct("column names", columns.stream().map(Column::name).toList());
        for (Column c : columns) {
            Arguments.requireLength("column '" + c.name() + "'", c.size(), n, "rows");
            map.put(c.name(), c);
        }
        return new DataTable(n, new LinkedHashMap<>(map));
    }

    /** Number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** Column names in file order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** Whether a column of that name exists. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The column, or a {@link SurveyInputException} naming the unknown column and the known ones. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) throw Arguments.unknown("data", "column", name, columns.keySet());
        return c;
    }

    /** The numeric column of that name; a categorical column is an error naming the variable. */
    public NumericColumn numeric(String name) {
        Column c = column(name);
        if (c instanceof NumericColumn n) return n;
        throw Arguments.refused("variable '" + name + "'", "categorical, where a numeric variable is needed");
    }

    /** The column as a factor: a categorical column as is, a numeric one converted with numeric level order. */
    public FactorColumn factor(String name) {
        Column c = column(name);
        return c instanceof FactorColumn f ? f : FactorColumn.ofNumeric((NumericColumn) c);
    }

    /** A new table with {@code column} added, or replacing the column of the same name. */
    public DataTable with(Column column) {
        if (!columns.isEmpty()) {
            Arguments.requireLength("column '" + column.name() + "'", column.size(), rowCount, "rows");
        }
        Map<String, Column> map = new LinkedHashMap<>(columns);
        map.put(column.name(), column);
        return new DataTable(column.size(), map);
    }

    /** A new table in which the numeric column {@code name} is categorical (levels in numeric order). */
    public DataTable withFactor(String name) {
        return with(factor(name));
    }

    /** A new table in which the factor {@code name} has its levels in the given order. */
    public DataTable withLevelOrder(String name, List<String> levels) {
        return with(factor(name).withLevels(levels));
    }

    /** Reads a CSV file as described in the class comment; errors name the file, row and column. */
    public static DataTable readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Arguments.refused(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in error messages. */
    public static DataTable readCsv(Reader reader, String source) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1 << 16];
        try {
            int k;
            while ((k = reader.read(buf)) > 0) sb.append(buf, 0, k);
        } catch (IOException e) {
            throw Arguments.refused(source, "cannot be read: " + e.getMessage(), e);
        }
        return parse(sb.toString(), source);
    }

    private static DataTable parse(String text, String source) {
        CsvCursor cur = new CsvCursor(text, source);
        List<String> header = new ArrayList<>();
        Arguments.require(cur.readRecord(header), source, "the file is empty, a header row is needed");
        Arguments.requireDistinct(source + ", row 1 (column names)", header);
        int p = header.size();
        ColumnBuilder[] builders = new ColumnBuilder[p];
        for (int j = 0; j < p; j++) builders[j] = new ColumnBuilder(header.get(j), false);
        boolean anyConflict = scan(cur, builders, source, p);
        if (anyConflict) {
            ColumnBuilder[] again = new ColumnBuilder[p];
            for (int j = 0; j < p; j++) {
                again[j] = builders[j].conflict ? new ColumnBuilder(header.get(j), true) : null;
            }
            CsvCursor second = new CsvCursor(text, source);
            second.readRecord(new ArrayList<>());
            scan(second, again, source, p);
            for (int j = 0; j < p; j++) if (again[j] != null) builders[j] = again[j];
        }
        List<Column> cols = new ArrayList<>(p);
        for (ColumnBuilder b : builders) cols.add(b.build());
        return of(cols);
    }

    private static boolean scan(CsvCursor cur, ColumnBuilder[] builders, String source, int p) {
        List<String> fields = new ArrayList<>(p);
        boolean conflict = false;
        while (cur.readRecord(fields)) {
            int row = cur.recordLine();
            if (fields.size() == 1 && fields.get(0).isEmpty() && !cur.lastQuoted(0)) continue; // blank line
            if (fields.size() != p) { // the place is spelt out only for a bad row
                Arguments.requireLength(source + ", row " + row, fields.size(), p, "columns of the header");
            }
            for (int j = 0; j < p; j++) {
                if (builders[j] != null && builders[j].add(fields.get(j), cur.lastQuoted(j))) conflict = true;
            }
        }
        return conflict;
    }

    /** Collects one column; starts numeric and falls back to text when a text value appears. */
    private static final class ColumnBuilder {
        final String name;
        boolean text;
        boolean conflict;
        double[] numbers = new double[1024];
        int[] codes = new int[1024];
        int size;
        final Map<String, Integer> dictionary = new LinkedHashMap<>();
        final List<String> seen = new ArrayList<>();
        boolean anyNumber;

        ColumnBuilder(String name, boolean text) {
            this.name = name;
            this.text = text;
        }

        /** Adds a field; returns true when a numeric column met its first text value after numbers. */
        boolean add(String field, boolean quoted) {
            boolean missing = !quoted && (field.isEmpty() || field.equals("NA"));
            if (size == codes.length) {
                codes = java.util.Arrays.copyOf(codes, size * 2);
                if (!text) numbers = java.util.Arrays.copyOf(numbers, size * 2);
            }
            if (missing) {
                codes[size] = -1;
                if (!text) numbers[size] = Double.NaN;
                size++;
                return false;
            }
            if (!text) {
                double v = quoted ? Double.NaN : parseNumber(field);
                if (!quoted && !Double.isNaN(v)) {
                    numbers[size++] = v;
                    anyNumber = true;
                    return false;
                }
                // first text value: earlier numbers must be re-read as text
                text = true;
                numbers = null;
                if (anyNumber) {
                    conflict = true;
                }
            }
            Integer c = dictionary.get(field);
            if (c == null) {
                c = seen.size();
                dictionary.put(field, c);
                seen.add(field);
            }
            codes[size++] = c;
            return conflict;
        }

        Column build() {
            if (!text) return new NumericColumn(name, java.util.Arrays.copyOf(numbers, size), true);
            return FactorColumn.sortedByText(name, java.util.Arrays.copyOf(codes, size), seen);
        }
    }

    private static double parseNumber(String s) {
        char c = s.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'I') return Double.NaN;
        switch (s) {
            case "Inf", "+Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        // integers of up to 15 digits convert exactly without the general parser
        int len = s.length();
        int from = c == '-' || c == '+' ? 1 : 0;
        if (len - from > 0 && len - from <= 15) {
            long acc = 0;
            int i = from;
            for (; i < len; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') break;
                acc = acc * 10 + (ch - '0');
            }
            if (i == len) return c == '-' ? -(double) acc : (double) acc;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A minimal RFC 4180 record reader over an in-memory string. */
    private static final class CsvCursor {
        private final String s;
        private final String source;
        private int pos;
        private int line = 1;
        private boolean[] quoted = new boolean[64];

        CsvCursor(String s, String source) {
            this.s = s;
            this.source = source;
            if (s.startsWith("\uFEFF")) pos = 1;
        }

        private int recordLine = 1;

        /** The file line on which the last record started (the header is line 1). */
        int recordLine() {
            return recordLine;
        }

        boolean lastQuoted(int j) {
            return quoted[j];
        }

        boolean readRecord(List<String> out) {
            out.clear();
            int n = s.length();
            if (pos >= n) return false;
            StringBuilder field = new StringBuilder();
            int startLine = line;
            recordLine = line;
            int start = pos;
            while (true) {
                boolean q = false;
                field.setLength(0);
                if (pos < n && s.charAt(pos) == '"') {
                    q = true;
                    pos++;
                    while (true) {
                        if (pos >= n) {
                            throw Arguments.refused(source + ", row " + startLine, "quote opened and never closed");
                        }
                        char c = s.charAt(pos++);
                        if (c == '"') {
                            if (pos < n && s.charAt(pos) == '"') {
                                field.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') line++;
                            field.append(c);
                        }
                    }
                    if (pos < n && s.charAt(pos) != ',' && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                        throw Arguments.refused(source + ", row " + startLine + ", column " + (out.size() + 1),
                                "text after a closing quote");
                    }
                } else {
                    start = pos;
                    while (pos < n) {
                        char c = s.charAt(pos);
                        if (c == ',' || c == '\n' || c == '\r') break;
                        pos++;
                    }
                }
                if (out.size() == quoted.length) quoted = java.util.Arrays.copyOf(quoted, quoted.length * 2);
                quoted[out.size()] = q;
                out.add(q ? field.toString() : s.substring(start, pos).strip());
                if (pos >= n) return true;
                char c = s.charAt(pos++);
                if (c == ',') continue;
                if (c == '\r' && pos < n && s.charAt(pos) == '\n') pos++;
                line++;
                return true;
            }
        }
    }

    @Override
    public String toString() {
        return "DataTable[" + rowCount + " rows, columns " + columns.keySet() + "]";
    }
}
