package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.TaylorVariance;
import org.barometer.stats.design.TaylorVariance.InfluenceRows;

/**
 * The estimators, each a few lines: estimate and weighted influence, as in R's {@code svymean},
 * {@code svytotal}, {@code svyratio}. Names follow R ({@code stypeE} for level E of factor stype).
 */
public final class Estimators {
    private Estimators() {}

    /** Means of numeric variables (R's {@code svymean(~a+b)}): influence {@code (y - mean) w / sum(w)}. */
    public static Statistic mean(DataTable table, String... variables) {
        return new Means(columns(table, variables), false);
    }

    /** Totals of numeric variables (R's {@code svytotal}): influence {@code y w}. */
    public static Statistic total(DataTable table, String... variables) {
        return new Means(columns(table, variables), true);
    }

    /** The share of each level of a categorical variable (R's {@code svymean(~factor)}). */
    public static Statistic shares(DataTable table, String factor) {
        return new Levels(table.factor(factor), false);
    }

    /** The weighted count of each level of a categorical variable (R's {@code svytotal(~factor)}). */
    public static Statistic levelTotals(DataTable table, String factor) {
        return new Levels(table.factor(factor), true);
    }

    /**
     * Multiple-response items: each item is a 0/1 variable and the result is one mean per item (the share of
     * units ticking it). Any value other than 0, 1 or missing is an error naming the variable and row.
     */
    public static Statistic multipleResponse(DataTable table, String... items) {
        List<NumericColumn> cols = columns(table, items);
        for (NumericColumn c : cols) {
            double[] v = c.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && v[i] != 0 && v[i] != 1) {
                    throw Arguments.refused(Arguments.atRow("multiple-response item '" + c.name() + "'", i),
                            "value " + v[i] + " is not 0 or 1");
                }
            }
        }
        return new Means(cols, false);
    }

    /** The ratio of two totals (R's {@code svyratio(~num, ~den)}): influence {@code (num - R den) w / sum(w den)}. */
    public static Statistic ratio(DataTable table, String numerator, String denominator) {
        return new Ratio(table.numeric(numerator), table.numeric(denominator));
    }

    private static List<NumericColumn> columns(DataTable table, String... variables) {
        Arguments.requireNonEmpty("variables", variables);
        List<NumericColumn> cols = new ArrayList<>();
        for (String v : variables) cols.add(table.numeric(v));
        return cols;
    }

    /**
     * The mean of a 0/1 variable, as the proportion intervals need it: any value other than 0, 1 or missing is
     * refused, by the same pass over the rows that looks for missing values.
     */
    static Statistic proportion(DataTable table, String indicator) {
        return new Means(List.of(table.numeric(indicator)), false, "proportion of '" + indicator + "'");
    }

    /**
     * Means or totals of numeric columns.
     *
     * @param zeroOne null, or the name of the estimate for the error when a value is not 0, 1 or missing (then
     *     the passes looking for missing values also check that)
     */
    record Means(List<NumericColumn> columns, boolean total, String zeroOne) implements Statistic {
        Means(List<NumericColumn> columns, boolean total) {
            this(columns, total, null);
        }

        private SurveyInputException notZeroOne(int row, double value) {
            return Arguments.refused(zeroOne, "row " + (row + 1) + " has value " + value + ", not 0 or 1");
        }

        @Override
        public List<String> names() {
            return columns.stream().map(NumericColumn::name).toList();
        }

        @Override
        public boolean isTotal() {
            return total;
        }

        @Override
        public boolean isMissing(int row) {
            for (NumericColumn c : columns) if (c.isMissing(row)) return true;
            return false;
        }

        @Override
        public boolean anyMissing(int rows) {
            if (zeroOne != null) {
                boolean any = false;
                for (NumericColumn c : columns) {
                    double[] v = c.values();
                    for (int i = 0; i < v.length; i++) {
                        double x = v[i];
                        // x (x - 1) is 0 exactly for 0 and 1 (NaN and every other value give non-zero): one test
                        // that is rarely true, where testing 0 and then 1 branches on every 0/1 value
                        if (x * (x - 1) != 0) {
                            if (!Double.isNaN(x)) throw notZeroOne(i, x);
                            if (i < rows) any = true;
                        }
                    }
                }
                return any;
            }
            for (NumericColumn c : columns) {
                double[] v = c.values();
                for (int i = 0; i < rows; i++) if (Double.isNaN(v[i])) return true;
            }
            return false;
        }

        @Override
        public void markMissing(boolean[] out) {
            for (NumericColumn c : columns) {
                double[] v = c.values();
                for (int i = 0; i < out.length; i++) {
                    double x = v[i];
                    if (Double.isNaN(x)) {
                        out[i] = true;
                    } else if (zeroOne != null && x != 0 && x != 1) {
                        throw notZeroOne(i, x);
                    }
                }
            }
        }

        @Override
        public double[] estimate(double[] w) {
            double[] out = new double[columns.size()];
            double sw = 0;
            for (double x : w) sw += x;
            for (int j = 0; j < out.length; j++) {
                double[] y = columns.get(j).values();
                double s = 0;
                for (int i = 0; i < y.length; i++) if (w[i] != 0) s += y[i] * w[i];
                out[j] = total ? s : s / sw;
            }
            return out;
        }

        @Override
        public InfluenceRows influenceRows(double[] w, double[] est) {
            double sw = 0;
            for (double v : w) sw += v;
            double sum = sw;
            int p = columns.size();
            double[][] ys = new double[p][];
            for (int j = 0; j < p; j++) ys[j] = columns.get(j).values();
            return new InfluenceRows() {
                @Override
                public int dimension() {
                    return p;
                }

                @Override
                public void fill(int from, int to, double[][] out) {
                    for (int j = 0; j < p; j++) {
                        double[] y = ys[j];
                        double[] o = out[j];
                        double e = est[j];
                        for (int i = from; i < to; i++) {
                            o[i - from] = w[i] == 0 ? 0 : (total ? y[i] * w[i] : (y[i] - e) * w[i] / sum);
                        }
                    }
                }
            };
        }

        @Override
        public double[][] estimateByDomain(double[] w, int[] domain, int count) {
            int p = columns.size();
            double[] sw = new double[count];
            for (int i = 0; i < w.length; i++) if (domain[i] >= 0) sw[domain[i]] += w[i];
            double[][] out = new double[count][p];
            for (int j = 0; j < p; j++) {
                double[] y = columns.get(j).values();
                double[] s = new double[count];
                for (int i = 0; i < y.length; i++) {
                    int d = domain[i];
                    if (d >= 0 && w[i] != 0) s[d] += y[i] * w[i];
                }
                for (int d = 0; d < count; d++) out[d][j] = total ? s[d] : s[d] / sw[d];
            }
            return out;
        }

        @Override
        public double[][] influenceByDomain(double[] w, int[] domain, int count, double[][] est) {
            int p = columns.size();
            double[] sw = new double[count];
            for (int i = 0; i < w.length; i++) if (domain[i] >= 0) sw[domain[i]] += w[i];
            double[][] x = new double[p][w.length];
            for (int j = 0; j < p; j++) {
                double[] y = columns.get(j).values();
                double[] col = x[j];
                for (int i = 0; i < y.length; i++) {
                    int d = domain[i];
                    if (d < 0 || w[i] == 0) continue;
                    col[i] = total ? y[i] * w[i] : (y[i] - est[d][j]) * w[i] / sw[d];
                }
            }
            return x;
        }

        @Override
        public double[][] influence(double[] w, double[] est) {
            double[][] x = new double[columns.size()][];
            double sw = 0;
            for (double v : w) sw += v;
            for (int j = 0; j < x.length; j++) {
                double[] y = columns.get(j).values();
                double[] col = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    if (w[i] == 0) continue;
                    col[i] = total ? y[i] * w[i] : (y[i] - est[j]) * w[i] / sw;
                }
                x[j] = col;
            }
            return x;
        }
    }

    /** Shares or totals of the levels of a factor. */
    record Levels(FactorColumn factor, boolean total) implements Statistic {
        @Override
        public List<String> names() {
            return factor.levels().stream().map(l -> factor.name() + l).toList();
        }

        @Override
        public boolean isTotal() {
            return total;
        }

        @Override
        public boolean isMissing(int row) {
            return factor.isMissing(row);
        }

        @Override
        public boolean anyMissing(int rows) {
            int[] codes = factor.codes();
            for (int i = 0; i < rows; i++) if (codes[i] < 0) return true;
            return false;
        }

        @Override
        public void markMissing(boolean[] out) {
            int[] codes = factor.codes();
            for (int i = 0; i < out.length; i++) if (codes[i] < 0) out[i] = true;
        }

        @Override
        public double[] estimate(double[] w) {
            int k = factor.levelCount();
            int[] codes = factor.codes();
            double[] out = new double[k];
            double sw = 0;
            for (int i = 0; i < codes.length; i++) {
                if (w[i] == 0) continue;
                sw += w[i];
                out[codes[i]] += w[i];
            }
            if (!total) for (int j = 0; j < k; j++) out[j] /= sw;
            return out;
        }

        @Override
        public InfluenceRows influenceRows(double[] w, double[] est) {
            double sw = 0;
            for (double v : w) sw += v;
            return new TaylorVariance.FactorRows(factor.codes(), w, total ? 1 : sw,
                    total ? new double[factor.levelCount()] : est.clone());
        }

        @Override
        public double[][] estimateByDomain(double[] w, int[] domain, int count) {
            int k = factor.levelCount();
            int[] codes = factor.codes();
            double[][] out = new double[count][k];
            double[] sw = new double[count];
            for (int i = 0; i < codes.length; i++) {
                int d = domain[i];
                if (d < 0 || w[i] == 0) continue;
                sw[d] += w[i];
                out[d][codes[i]] += w[i];
            }
            if (!total) for (int d = 0; d < count; d++) for (int j = 0; j < k; j++) out[d][j] /= sw[d];
            return out;
        }

        @Override
        public double[][] influenceByDomain(double[] w, int[] domain, int count, double[][] est) {
            int k = factor.levelCount();
            int[] codes = factor.codes();
            int n = codes.length;
            double[] sw = new double[count];
            for (int i = 0; i < n; i++) if (domain[i] >= 0) sw[domain[i]] += w[i];
            double[][] x = new double[k][n];
            for (int i = 0; i < n; i++) {
                int d = domain[i];
                if (d < 0 || w[i] == 0) continue;
                int c = codes[i];
                if (total) {
                    x[c][i] = w[i];
                } else {
                    double a = w[i] / sw[d];
                    double[] e = est[d];
                    for (int j = 0; j < k; j++) x[j][i] = ((c == j ? 1 : 0) - e[j]) * a;
                }
            }
            return x;
        }

        @Override
        public double[][] influence(double[] w, double[] est) {
            int k = factor.levelCount();
            int[] codes = factor.codes();
            int n = codes.length;
            double sw = 0;
            for (double v : w) sw += v;
            double[][] x = new double[k][n];
            for (int i = 0; i < n; i++) {
                if (w[i] == 0) continue;
                int c = codes[i];
                if (total) {
                    x[c][i] = w[i];
                } else {
                    double a = w[i] / sw;
                    for (int j = 0; j < k; j++) x[j][i] = ((c == j ? 1 : 0) - est[j]) * a;
                }
            }
            return x;
        }
    }

    /** Ratio of two totals. */
    record Ratio(NumericColumn numerator, NumericColumn denominator) implements Statistic {
        /** R survey's {@code svyratio} fails on replicate weights without replicates. */
        @Override
        public boolean zeroVarianceWithoutReplicates() {
            return false;
        }

        @Override
        public List<String> names() {
            return List.of(numerator.name() + "/" + denominator.name());
        }

        @Override
        public boolean isMissing(int row) {
            return numerator.isMissing(row) || denominator.isMissing(row);
        }

        @Override
        public double[] estimate(double[] w) {
            double[] a = numerator.values();
            double[] b = denominator.values();
            double sa = 0;
            double sb = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] == 0) continue;
                sa += a[i] * w[i];
                sb += b[i] * w[i];
            }
            return new double[] {sa / sb};
        }

        @Override
        public double[][] estimateByDomain(double[] w, int[] domain, int count) {
            double[] a = numerator.values();
            double[] b = denominator.values();
            double[] sa = new double[count];
            double[] sb = new double[count];
            for (int i = 0; i < w.length; i++) {
                int d = domain[i];
                if (d < 0 || w[i] == 0) continue;
                sa[d] += a[i] * w[i];
                sb[d] += b[i] * w[i];
            }
            double[][] out = new double[count][];
            for (int d = 0; d < count; d++) out[d] = new double[] {sa[d] / sb[d]};
            return out;
        }

        @Override
        public double[][] influenceByDomain(double[] w, int[] domain, int count, double[][] est) {
            double[] a = numerator.values();
            double[] b = denominator.values();
            double[] sb = new double[count];
            for (int i = 0; i < w.length; i++) if (domain[i] >= 0 && w[i] != 0) sb[domain[i]] += b[i] * w[i];
            double[] col = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                int d = domain[i];
                if (d < 0 || w[i] == 0) continue;
                col[i] = (a[i] - est[d][0] * b[i]) / sb[d] * w[i];
            }
            return new double[][] {col};
        }

        @Override
        public double[][] influence(double[] w, double[] est) {
            double[] a = numerator.values();
            double[] b = denominator.values();
            double sb = 0;
            for (int i = 0; i < w.length; i++) if (w[i] != 0) sb += b[i] * w[i];
            double[] col = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                if (w[i] == 0) continue;
                col[i] = (a[i] - est[0] * b[i]) / sb * w[i];
            }
            return new double[][] {col};
        }
    }
}
