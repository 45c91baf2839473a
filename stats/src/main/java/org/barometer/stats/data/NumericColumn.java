package org.barometer.stats.data;

import java.util.Arrays;

/** A numeric column: one {@code double} per row, {@code NaN} meaning missing ({@code NA}). Immutable. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    /** Creates a column from a copy of {@code values}. */
    public NumericColumn(String name, double[] values) {
        this(name, values.clone(), true);
    }

    NumericColumn(String name, double[] values, boolean owned) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    /** The value in {@code row} ({@code NaN} if missing). */
    public double get(int row) {
        return values[row];
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    /** The backing array, for single-pass loops inside the engine. Never modify it. */
    public double[] values() {
        return values;
    }

    @Override
    public String text(int row) {
        double v = values[row];
        if (Double.isNaN(v)) return "NA";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + values.length + " rows]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }
}
