package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model matrix of {@link SurveyGlm} kept as the table's columns instead of n × p numbers: the intercept, a
 * numeric term as its values, a categorical term as its codes with the model column of each level (a treatment
 * dummy is 1 in the rows of its level). A product with the matrix is then a pass over each term's column, and a
 * categorical term's share of a cross product is a sum per level. Rows outside the model have their terms set to 0 (codes to -1), as
 * the dense matrix has them; the intercept is 1 in every row.
 */
final class ModelColumns {
    private final int rows;
    private final int columns;
    // per term, in order: a numeric term has values and its column; a categorical term codes and a column per level
    private final double[][] values;
    private final int[] columnOf;
    private final int[][] codes;
    private final int[][] columnOfLevel;

    private ModelColumns(int rows, int columns, double[][] values, int[] columnOf, int[][] codes,
            int[][] columnOfLevel) {
        this.rows = rows;
        this.columns = columns;
        this.values = values;
        this.columnOf = columnOf;
        this.codes = codes;
        this.columnOfLevel = columnOfLevel;
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    /** Number of terms (the intercept not counted). */
    int terms() {
        return columnOf.length;
    }

    /** The values of numeric term {@code t} (0 outside the model's rows), or null for a categorical term. */
    double[] values(int t) {
        return values[t];
    }

    /** The model column of numeric term {@code t}. */
    int column(int t) {
        return columnOf[t];
    }

    /** The codes of categorical term {@code t} (-1 outside the model's rows). */
    int[] codes(int t) {
        return codes[t];
    }

    /** For each level of categorical term {@code t} its model column, -1 for none (the first level, or absent). */
    int[] columnOfLevel(int t) {
        return columnOfLevel[t];
    }

    /**
     * The model with only the columns {@code kept} (in order; the intercept first), numbered again from 0: a
     * numeric term whose column is left out leaves, a categorical term keeps the dummies of the levels kept.
     */
    ModelColumns keep(List<Integer> kept) {
        if (kept.size() == columns) return this;
        int[] renumber = new int[columns];
        Arrays.fill(renumber, -1);
        for (int c = 0; c < kept.size(); c++) renumber[kept.get(c)] = c;
        Builder b = new Builder(rows);
        for (int t = 0; t < columnOf.length; t++) {
            if (values[t] != null) {
                if (renumber[columnOf[t]] >= 0) b.numeric(values[t]);
            } else {
                boolean[] has = new boolean[columnOfLevel[t].length];
                for (int k = 0; k < has.length; k++) has[k] = columnOfLevel[t][k] >= 0 && renumber[columnOfLevel[t][k]] >= 0;
                b.categorical(codes[t], has);
            }
        }
        return b.build();
    }

    /** Column {@code c} as n numbers, for the least squares by QR. */
    double[] dense(int c) {
        double[] v = new double[rows];
        if (c == 0) {
            Arrays.fill(v, 1);
            return v;
        }
        for (int t = 0; t < columnOf.length; t++) {
            if (values[t] != null) {
                if (columnOf[t] == c) return values[t].clone();
            } else {
                for (int k = 0; k < columnOfLevel[t].length; k++) {
                    if (columnOfLevel[t][k] != c) continue;
                    int[] cd = codes[t];
                    for (int i = 0; i < rows; i++) if (cd[i] == k) v[i] = 1;
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("no column " + c);
    }

    /** Builds the columns term by term, in the model's column order. */
    static final class Builder {
        private final int rows;
        private int columns = 1; // the intercept
        private final List<double[]> values = new ArrayList<>();
        private final List<Integer> columnOf = new ArrayList<>();
        private final List<int[]> codes = new ArrayList<>();
        private final List<int[]> columnOfLevel = new ArrayList<>();

        Builder(int rows) {
            this.rows = rows;
        }

        /** A numeric term: its values, 0 outside the model's rows. */
        Builder numeric(double[] masked) {
            values.add(masked);
            columnOf.add(columns++);
            codes.add(null);
            columnOfLevel.add(null);
            return this;
        }

        /**
         * A categorical term: its codes, -1 outside the model's rows, and for each level whether it has a dummy
         * column (the levels after the first present one).
         */
        Builder categorical(int[] masked, boolean[] hasColumn) {
            int[] map = new int[hasColumn.length];
            for (int k = 0; k < map.length; k++) map[k] = hasColumn[k] ? columns++ : -1;
            values.add(null);
            columnOf.add(-1);
            codes.add(masked);
            columnOfLevel.add(map);
            return this;
        }

        ModelColumns build() {
            return new ModelColumns(rows, columns, values.toArray(new double[0][]),
                    columnOf.stream().mapToInt(Integer::intValue).toArray(), codes.toArray(new int[0][]),
                    columnOfLevel.toArray(new int[0][]));
        }
    }
}
