package org.barometer.stats.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model matrix of a calibration formula such as R's {@code ~stype + sch.wide + api99}: an intercept,
 * one dummy column per non-reference level of each factor (treatment contrasts, the first level being the
 * reference) and each numeric variable as it is. Column names follow R: {@code (Intercept)},
 * {@code stypeH}, {@code api99}. Without an intercept the first factor gets a column for every level, as
 * in R's {@code ~0 + stype}.
 *
 * <p>Stored column by column ({@code column(j)[i]}), one {@code double[]} per column.
 */
public final class ModelMatrix {

    /** One term of the formula. */
    public sealed interface Term permits FactorTerm, NumericTerm {
        /** @return the variable's name */
        String name();
    }

    /** @param factor a categorical auxiliary, expanded to dummies */
    public record FactorTerm(CodedFactor factor) implements Term {
        @Override
        public String name() {
            return factor.name();
        }
    }

    /**
     * @param name   the variable's name
     * @param values one finite value per row
     */
    public record NumericTerm(String name, double[] values) implements Term {
    }

    /** What a column stands for, for error messages: the variable and, for a dummy, its category. */
    record ColumnSource(String variable, String category, boolean countLike) {
    }

    public static final String INTERCEPT = "(Intercept)";

    private final int rows;
    private final double[][] columns;
    private final String[] names;
    private final ColumnSource[] sources;

    private ModelMatrix(int rows, double[][] columns, String[] names, ColumnSource[] sources) {
        this.rows = rows;
        this.columns = columns;
        this.names = names;
        this.sources = sources;
    }

    /**
     * @param intercept whether the formula has an intercept (R's default)
     * @param terms     the terms in formula order
     * @return the model matrix
     */
    public static ModelMatrix of(boolean intercept, List<? extends Term> terms) {
        if (terms.isEmpty() && !intercept) {
            throw CalibrationException.invalid("a calibration formula needs at least one term");
        }
        int n = -1;
        for (Term t : terms) {
            int size = t instanceof FactorTerm f ? f.factor().size() : ((NumericTerm) t).values().length;
            if (n >= 0 && size != n) {
                throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, t.name(), null,
                        "variable " + t.name() + " has " + size + " rows, the other variables " + n);
            }
            n = size;
        }
        if (n < 0) {
            throw CalibrationException.invalid("an intercept-only calibration needs the number of rows; add a term");
        }
        List<double[]> cols = new ArrayList<>();
        List<String> colNames = new ArrayList<>();
        List<ColumnSource> src = new ArrayList<>();
        if (intercept) {
            double[] one = new double[n];
            Arrays.fill(one, 1.0);
            cols.add(one);
            colNames.add(INTERCEPT);
            src.add(new ColumnSource(INTERCEPT, null, true));
        }
        boolean fullDummies = !intercept;
        for (Term t : terms) {
            if (t instanceof FactorTerm ft) {
                CodedFactor f = ft.factor();
                int[] c = f.codes();
                for (int j = fullDummies ? 0 : 1; j < f.levels().length; j++) {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (c[i] == j) {
                            d[i] = 1.0;
                        }
                    }
                    cols.add(d);
                    colNames.add(f.name() + f.levels()[j]);
                    src.add(new ColumnSource(f.name(), f.levels()[j], true));
                }
                fullDummies = false;
            } else {
                NumericTerm nt = (NumericTerm) t;
                double[] v = nt.values();
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(v[i])) {
                        throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, nt.name(), null,
                                "variable " + nt.name() + " is missing or not finite at row " + (i + 1));
                    }
                }
                cols.add(v.clone());
                colNames.add(nt.name());
                src.add(new ColumnSource(nt.name(), null, false));
            }
        }
        return new ModelMatrix(n, cols.toArray(double[][]::new), colNames.toArray(String[]::new),
                src.toArray(ColumnSource[]::new));
    }

    /** @return R's {@code ~ t1 + t2 + ...} with an intercept */
    public static ModelMatrix of(Term... terms) {
        return of(true, List.of(terms));
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int columnCount() {
        return columns.length;
    }

    /** @return the column names, in R's order */
    public List<String> columnNames() {
        return List.of(names);
    }

    /** @return column {@code j} (a copy) */
    public double[] column(int j) {
        return columns[j].clone();
    }

    double[][] columns() {
        return columns;
    }

    ColumnSource source(int j) {
        return sources[j];
    }

    /** The same matrix restricted to the columns flagged in {@code keep}. */
    ModelMatrix keep(boolean[] keep) {
        List<double[]> cols = new ArrayList<>();
        List<String> nm = new ArrayList<>();
        List<ColumnSource> src = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            if (keep[j]) {
                cols.add(columns[j]);
                nm.add(names[j]);
                src.add(sources[j]);
            }
        }
        return new ModelMatrix(rows, cols.toArray(double[][]::new), nm.toArray(String[]::new),
                src.toArray(ColumnSource[]::new));
    }

    /** @return the weighted column totals {@code sum_i w_i x_ij} */
    double[] weightedTotals(double[] w) {
        double[] t = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            double s = 0;
            double[] x = columns[j];
            for (int i = 0; i < rows; i++) {
                s += x[i] * w[i];
            }
            t[j] = s;
        }
        return t;
    }
}
