package org.barometer.app.analysis;

import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.ProportionInterval;
import org.barometer.stats.estimate.TableAssociation;

import java.util.ArrayList;
import java.util.List;

/**
 * Design-based estimates from {@link Weights}, all computed by the statistics engine ({@code org.barometer.stats})
 * on the weights' design, which carries the strata, the finite population correction and the calibration:
 * shares of domains with their linearised standard errors (R's {@code svymean} on a subset), intervals on the
 * logit scale on the domain's degrees of freedom ({@code svyciprop(..., method = "xlogit")}), and the Rao–Scott second-order test of a
 * two-way table ({@code svychisq}'s default). All arrays are indexed by respondent, in the order of
 * {@code Weights}.
 */
public final class Estimator {

    /** Name of the 0/1 column a share is the mean of. */
    private static final String INDICATOR = "indicator";
    private static final String ROW = "row";
    private static final String COLUMN = "column";

    private final Weights weights;
    private final Design design;

    public Estimator(Weights weights) {
        this.weights = weights;
        this.design = weights.design();
    }

    public int degreesOfFreedom() {
        return design.degreesOfFreedom();
    }

    public Weights weights() {
        return weights;
    }

    /** The weighted share of {@code yes} among respondents in {@code domain}, with its 95 % interval. */
    public Share share(boolean[] domain, boolean[] yes) {
        return share(domain, yes, 0.95);
    }

    public Share share(boolean[] domain, boolean[] yes, double level) {
        int n = weights.size();
        long count = 0;
        long hits = 0;
        double[] indicator = new double[n];
        for (int r = 0; r < n; r++) {
            if (domain[r]) {
                count++;
                if (yes[r]) {
                    hits++;
                    indicator[r] = 1;
                }
            }
        }
        if (count == 0) {
            return new Share(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        // one pass over the rows for the mean, its variance and the interval: R's svyciprop on subset(design, domain),
        // on the domain's degrees of freedom (at least 1)
        Design withIndicator = design.withTable(design.table().with(new NumericColumn(INDICATOR, indicator)));
        ProportionInterval interval = ProportionInterval.of(withIndicator, INDICATOR, domain,
                ProportionInterval.Method.XLOGIT, level, Math.max(design.degreesOfFreedom(domain), 1));
        double p = interval.proportion();
        double se = interval.standardError();
        if (p <= 0 || p >= 1 || se == 0) {
            return new Share(p, se, p, p, count, hits);
        }
        return new Share(p, se, interval.lower(), interval.upper(), count, hits);
    }

    /** The outcome of a Rao–Scott test. */
    public record TestResult(double statistic, double numeratorDf, double denominatorDf, double pValue) {
        public boolean significant(double level) {
            return pValue < level;
        }
    }

    /**
     * Rao–Scott second-order corrected Pearson test of independence of {@code row} and {@code col} among the
     * respondents in {@code in} (codes 0..rows−1 and 0..cols−1), by the statistics engine: the statistic X²/tr(Δ)
     * on an F distribution with d = tr(Δ)²/tr(Δ²) and d·ν degrees of freedom, ν the design's degrees of freedom.
     * Only the categories that occur in {@code in} count; with fewer than two of either, the result is NaN.
     */
    public TestResult raoScott(int[] row, int[] col, boolean[] in, int rows, int cols) {
        int n = weights.size();
        int[] rowCode = new int[n];
        int[] colCode = new int[n];
        boolean[] rowSeen = new boolean[rows];
        boolean[] colSeen = new boolean[cols];
        for (int r = 0; r < n; r++) {
            // respondents outside the table are missing on both variables: the engine leaves them out (na.rm)
            rowCode[r] = in[r] ? row[r] : -1;
            colCode[r] = in[r] ? col[r] : -1;
            if (in[r]) {
                rowSeen[row[r]] = true;
                colSeen[col[r]] = true;
            }
        }
        if (occurring(rowSeen) < 2 || occurring(colSeen) < 2) {
            return new TestResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Design table = design.withTable(design.table()
                .with(FactorColumn.ofCodes(ROW, rowCode, levels(rows)))
                .with(FactorColumn.ofCodes(COLUMN, colCode, levels(cols))));
        TableAssociation test = TableAssociation.of(table, ROW, COLUMN, TableAssociation.Kind.F);
        return new TestResult(test.statistic(), test.numeratorDf(), test.denominatorDf(), test.pValue());
    }

    private static int occurring(boolean[] seen) {
        int k = 0;
        for (boolean s : seen) {
            if (s) {
                k++;
            }
        }
        return k;
    }

    private static List<String> levels(int count) {
        List<String> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(String.valueOf(i));
        }
        return levels;
    }
}
