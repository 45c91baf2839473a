package org.barometer.forms.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of text: a header row of column names and data rows, as read from a CSV file shipped with a
 * questionnaire (choices for {@code select_one_from_file}, values for {@code pulldata}). Immutable; the index a
 * look-up builds for its key column is kept for the next one.
 */
public final class Table {
    private final String name;
    private final List<String> columns;
    private final List<List<String>> rows;
    /** First row of each key, by key column; built on first use. */
    private final Map<Integer, Map<String, Integer>> indexes = new ConcurrentHashMap<>();

    /**
     * @param name    the file name, e.g. {@code fruits.csv}
     * @param columns the column names, in file order
     * @param rows    the data rows; short rows are padded with empty texts, long ones cut to the columns
     */
    public Table(String name, List<String> columns, List<List<String>> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> padded = new ArrayList<>(row);
            while (padded.size() < this.columns.size()) {
                padded.add("");
            }
            copy.add(List.copyOf(padded.subList(0, this.columns.size())));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** The 0-based index of a column, or -1. */
    public int column(String columnName) {
        return columns.indexOf(columnName);
    }

    /** The name without its extension: {@code fruits} for {@code fruits.csv}, as {@code pulldata()} names it. */
    public String baseName() {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * {@code pulldata()}: the value of {@code column} in the first row whose {@code keyColumn} equals {@code key};
     * empty when the table has no such column or row.
     */
    public Optional<String> lookup(String column, String keyColumn, String key) {
        int value = column(column);
        int k = column(keyColumn);
        if (value < 0 || k < 0) {
            return Optional.empty();
        }
        Integer row = indexes.computeIfAbsent(k, this::index).get(key);
        return row == null ? Optional.empty() : Optional.of(rows.get(row).get(value));
    }

    private Map<String, Integer> index(int keyColumn) {
        Map<String, Integer> firstRow = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            firstRow.putIfAbsent(rows.get(r).get(keyColumn), r);
        }
        return firstRow;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.name.equals(name) && t.columns.equals(columns) && t.rows.equals(rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, columns, rows);
    }

    @Override
    public String toString() {
        return "Table[" + name + ": " + columns + ", " + rows.size() + " rows]";
    }
}
