package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;
import org.barometer.stats.design.WeightedEstimator;
import org.barometer.stats.numeric.ExtendedSum;

/**
 * Quantiles of a numeric variable with their confidence intervals, as R's {@code svyquantile} of survey 4.1-1,
 * over the whole sample, in a domain (R's {@code svyquantile(~x, subset(design, ...))}) or by domains (R's
 * {@code svyby(~x, ~g, design, svyquantile, ...)}).
 *
 * <h2>The estimate</h2>
 * A {@link QuantileRule} applied to the values and weights of the rows in the (sub)sample.
 *
 * <h2>Intervals</h2>
 * <ul>
 *   <li>{@link Interval#MEAN} (R's default, Woodruff's): an interval for the share of rows at or below the
 *       estimate, {@code svymean(x <= q)}, on the design's variance route, turned back into values by the same
 *       rule. {@link Interval#BETA}, {@link Interval#XLOGIT} and {@link Interval#ASIN} make that share's interval
 *       as the proportion intervals do ({@link ProportionInterval}). A limit whose share falls outside [0, 1] is
 *       NaN, as R's.</li>
 *   <li>{@link Interval#SCORE} (Taylor designs): the Francisco–Fuller score interval, the values where the
 *       design-based test of "{@code q} is the quantile" is at the critical value, found by R's {@code uniroot}
 *       (Brent's method with R's tolerance {@code 1/(100 sqrt(rows))}) and mapped back through the unweighted
 *       share of values below, as R does.</li>
 *   <li>{@link Interval#QUANTILE} (replicate designs): the quantile re-estimated under every replicate, its
 *       replicate variance, and a Wald interval.</li>
 * </ul>
 * The standard error is R's: the interval's width divided by twice the critical value.
 */
public final class Quantiles {
    private Quantiles() {}

    /** Interval types of R's {@code svyquantile(interval.type = )}. */
    public enum Interval {
        /** Woodruff's, the share's Wald interval ({@code "mean"}). */
        MEAN,
        /** Woodruff's with the share's Korn–Graubard interval ({@code "beta"}). */
        BETA,
        /** Woodruff's with the share's interval on the logit scale ({@code "xlogit"}). */
        XLOGIT,
        /** Woodruff's with the share's interval on the arcsine-square-root scale ({@code "asin"}). */
        ASIN,
        /** Francisco and Fuller's score interval ({@code "score"}), Taylor designs only. */
        SCORE,
        /** A Wald interval from the replicates' quantiles ({@code "quantile"}), replicate designs only. */
        QUANTILE;

        /** The interval type by its R name; unknown names refused naming {@code place}. */
        public static Interval fromR(String place, String name) {
            for (Interval i : values()) if (i.name().toLowerCase(java.util.Locale.ROOT).equals(name)) return i;
            throw Arguments.refused(place, "unknown interval type '" + name + "'; expected one of mean, beta,"
                    + " xlogit, asin, score, quantile");
        }
    }

    /**
     * One quantile with its interval.
     *
     * @param probability the probability asked for
     * @param quantile the estimate
     * @param lower lower limit (NaN where R's is NaN)
     * @param upper upper limit
     * @param standardError R's SE: {@code (upper - lower) / (2 qt(1 - alpha/2, df))}
     * @param degreesOfFreedom the degrees of freedom of the critical values
     */
    public record QuantileEstimate(double probability, double quantile, double lower, double upper,
            double standardError, double degreesOfFreedom) {}

    /** Quantiles of one domain (by-variable levels in order) for {@link #by}. */
    public record DomainQuantiles(List<String> domain, List<QuantileEstimate> quantiles) {
        /** Copies. */
        public DomainQuantiles {
            domain = List.copyOf(domain);
            quantiles = List.copyOf(quantiles);
        }
    }

    /** The options of one call: rule, interval, confidence level, degrees of freedom (null: the design's). */
    public record Options(QuantileRule rule, Interval interval, double level, Double df, boolean naRm) {
        /** Checks the level. */
        public Options {
            Arguments.requireGiven("quantile rule", rule);
            Arguments.requireGiven("interval type", interval);
            Arguments.require(level > 0 && level < 1, "confidence level", level + " is not in (0, 1)");
            if (df != null) Arguments.require(df > 0, "df", df + " is not positive");
        }

        /** R's defaults: rule {@code math}, Woodruff interval, 95 %, the design's df, no na.rm. */
        public static Options defaults() {
            return new Options(QuantileRule.MATH, Interval.MEAN, 0.95, null, false);
        }

        /** The same with another rule. */
        public Options withRule(QuantileRule r) {
            return new Options(r, interval, level, df, naRm);
        }

        /** The same with another interval type. */
        public Options withInterval(Interval i) {
            return new Options(rule, i, level, df, naRm);
        }

        /** The same with {@code na.rm}. */
        public Options withNaRm(boolean on) {
            return new Options(rule, interval, level, df, on);
        }

        /** The same with given degrees of freedom. */
        public Options withDf(Double d) {
            return new Options(rule, interval, level, d, naRm);
        }

        /** The same at another confidence level. */
        public Options withLevel(double l) {
            return new Options(rule, interval, l, df, naRm);
        }
    }

    /** Refuses probabilities outside (0, 1), naming the position. */
    private static void checkProbabilities(double[] probabilities) {
        Arguments.require(probabilities.length > 0, "quantiles", "none given");
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            Arguments.require(p > 0 && p < 1, "quantiles[" + k + "]", p + " is not in (0, 1)");
        }
    }

    /**
     * The quantiles of {@code variable} at {@code probabilities} in the rows of {@code domain} (null: all rows),
     * as R's {@code svyquantile} on the subset design.
     */
    public static List<QuantileEstimate> of(SampleDesign design, String variable, double[] probabilities,
            boolean[] domain, Options options) {
        checkProbabilities(probabilities);
        NumericColumn col = design.table().numeric(variable);
        int n = design.rowCount();
        if (domain != null && domain.length != n) {
            throw new IllegalArgumentException("domain has " + domain.length + " rows, design " + n);
        }
        double[] x = col.values();
        boolean[] in = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (domain != null && !domain[i]) continue;
            if (Double.isNaN(x[i])) {
                if (options.naRm() || design.weight(i) == 0) continue;
                throw missingValue(variable, i);
            }
            in[i] = true;
            if (design.weight(i) != 0) any = true;
        }
        Arguments.require(any, "quantile of '" + variable + "'", "no rows of nonzero weight"
                + (domain == null ? "" : " in the domain"));
        boolean all = true;
        for (boolean b : in) all &= b;
        // with na.rm R takes the subset design even where nothing is missing, and a replicate design's subset
        // counts its degrees of freedom again (after an iterative calibration they can differ from the design's)
        boolean[] rows = all && !options.naRm() ? null : in;
        double[] w = new double[n];
        // R's svydesign keeps 1/weight and gives back 1/(1/weight): the same to the last bit matters where a
        // cumulative weight share meets p exactly
        boolean taylor = design instanceof org.barometer.stats.design.Design;
        double[] dw = design.weightsReadOnly();
        for (int i = 0; i < n; i++) if (in[i]) w[i] = taylor ? 1 / (1 / dw[i]) : dw[i];
        // the values of the rows; the estimates and Woodruff's intervals read them only where w is not 0, so the
        // column itself serves (a million rows leave little room for copies); the score and replicate intervals
        // take them with 0 elsewhere
        double[] xv = x;
        if (options.interval() == Interval.SCORE || options.interval() == Interval.QUANTILE) {
            xv = new double[n];
            for (int i = 0; i < n; i++) if (in[i]) xv[i] = x[i];
        }
        double df = options.df() != null ? options.df() : design.degreesOfFreedom(rows);
        double alpha = 1 - options.level();
        double crit = critical(1 - alpha / 2, df);
        List<QuantileEstimate> out = new ArrayList<>();
        // the rows sorted once for the estimates and the interval limits
        QuantileRule.Sorted sorted = QuantileRule.Sorted.of(xv, w);
        double[] qs = new double[probabilities.length];
        for (int k = 0; k < qs.length; k++) qs[k] = options.rule().quantile(sorted, probabilities[k]);
        // Woodruff's Wald intervals: the shares at or below every estimate in one pass, as one estimate of
        // several means (each share and its variance the same numbers as alone)
        double[][] shares = woodruffMean(design, options) ? woodruffShares(design, xv, w, rows, qs, sorted.total(), df, alpha)
                : null;
        for (int k = 0; k < qs.length; k++) {
            double p = probabilities[k];
            double q = qs[k];
            double[] ci = switch (options.interval()) {
                case SCORE -> score(design, x, xv, w, in, p, options, df, alpha);
                case QUANTILE -> replicateInterval(design, xv, w, rows, p, q, options.rule(), crit);
                default -> shares != null ? limits(sorted, shares[k][0], shares[k][1], options)
                        : woodruff(design, xv, w, sorted, rows, q, options, df, alpha);
            };
            out.add(new QuantileEstimate(p, q, ci[0], ci[1], (ci[1] - ci[0]) / (2 * crit), df));
        }
        return out;
    }

    /**
     * Quantiles by domain, as R's {@code svyby(~x, by, design, svyquantile, ...)}: one domain per combination of
     * levels with rows of nonzero weight, each computed on its subset design (its own degrees of freedom). A
     * level of a by-variable without such rows is refused, naming variable and level.
     */
    public static List<DomainQuantiles> by(SampleDesign design, String variable, double[] probabilities,
            Options options, String... byVariables) {
        checkProbabilities(probabilities);
        requireLevelsPresent(design, byVariables);
        Survey.Domains domains = Survey.domains(design, byVariables);
        // all domains in the same passes where their influence patterns stay few (see TaylorVariance's patterns)
        if (design instanceof org.barometer.stats.design.Design taylor && !taylor.isCalibrated()
                && options.interval() == Interval.MEAN
                && probabilities.length <= 16
                && (long) domains.count() * domains.count() * (1L << probabilities.length) * taylor.strataCount()
                        <= TaylorVariance.PATTERN_SLOTS) {
            return taylorBy(taylor, variable, probabilities, options, domains);
        }
        List<DomainQuantiles> out = new ArrayList<>();
        for (int d = 0; d < domains.count(); d++) {
            out.add(new DomainQuantiles(domains.labels().get(d),
                    of(design, variable, probabilities, domains.rows(d), options)));
        }
        return out;
    }

    /**
     * {@link #by} on an uncalibrated Taylor design with Woodruff's interval, every domain in the same passes: the
     * same numbers as {@link #of} per domain (the same sums in the same order; R's subset of such a design drops
     * the rows outside), with one variance pass for all domains ({@link TaylorVariance#domainVariances}) instead
     * of one pass over the whole design per domain.
     */
    private static List<DomainQuantiles> taylorBy(org.barometer.stats.design.Design design, String variable,
            double[] probabilities, Options options, Survey.Domains domains) {
        int n = design.rowCount();
        int count = domains.count();
        int k = probabilities.length;
        double[] x = design.table().numeric(variable).values();
        double[] dw = design.weightsReadOnly();
        // each row's domain, -1 for rows outside every domain and for missing values left out by na.rm (or of
        // weight zero, which the estimate leaves out too)
        int[] member = domains.ofRow();
        int[] rowsOf = new int[count]; // rows of nonzero weight per domain
        for (int i = 0; i < n; i++) {
            int d = member[i];
            if (d < 0) continue;
            if (Double.isNaN(x[i])) {
                if (options.naRm() || dw[i] == 0) {
                    member[i] = -1;
                    continue;
                }
                throw missingValue(variable, i);
            }
            if (dw[i] != 0) rowsOf[d]++;
        }
        for (int d = 0; d < count; d++) {
            Arguments.require(rowsOf[d] > 0, "quantile of '" + variable + "'", "no rows of nonzero weight in the"
                    + " domain");
        }
        // the weights as of() takes them (R's 1/(1/weight)), and the rows grouped by domain, in row order within
        // each, for the quantile rule
        double[] w = new double[n];
        int[] startOf = new int[count + 1];
        for (int i = 0; i < n; i++) if (member[i] >= 0) startOf[member[i] + 1]++;
        for (int d = 0; d < count; d++) startOf[d + 1] += startOf[d];
        int[] byDomain = new int[startOf[count]];
        int[] filled = Arrays.copyOf(startOf, count);
        for (int i = 0; i < n; i++) {
            int d = member[i];
            if (d < 0) continue;
            w[i] = 1 / (1 / dw[i]);
            byDomain[filled[d]++] = i;
        }
        double[] sw = new double[count];
        int[] degf = design.degreesOfFreedom(member, count);
        double[] df = new double[count];
        for (int d = 0; d < count; d++) df[d] = options.df() != null ? options.df() : degf[d];
        QuantileRule.Sorted[] sorted = new QuantileRule.Sorted[count];
        double[][] qs = new double[count][k];
        for (int d = 0; d < count; d++) {
            sorted[d] = QuantileRule.Sorted.of(x, w, byDomain, startOf[d], startOf[d + 1]);
            sw[d] = sorted[d].total(); // each domain's weight sum as taylorShares takes it
            for (int j = 0; j < k; j++) qs[d][j] = options.rule().quantile(sorted[d], probabilities[j]);
        }
        Shares shares = shares(x, w, member, qs, sw);
        double[][] share = shares.share();
        double[][][] v = TaylorVariance.domainVariances(design, shares.influence(), member, count);
        List<DomainQuantiles> out = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            double crit = critical(1 - (1 - options.level()) / 2, df[d]);
            double q = Estimate.quantile(1 - (1 - options.level()) / 2, df[d]);
            List<QuantileEstimate> list = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                double se = Math.sqrt(v[d][j][j]);
                double[] ci = limits(sorted[d], share[d][j] - q * se, share[d][j] + q * se, options);
                list.add(new QuantileEstimate(probabilities[j], qs[d][j], ci[0], ci[1], (ci[1] - ci[0]) / (2 * crit),
                        df[d]));
            }
            out.add(new DomainQuantiles(domains.labels().get(d), list));
        }
        return out;
    }

    /** The refusal of a missing value of {@code variable} in {@code row} without na.rm. */
    private static SurveyInputException missingValue(String variable, int row) {
        return Arguments.refused(Arguments.atRow("quantile of '" + variable + "'", row),
                "missing value; set na.rm to leave such rows out");
    }

    /** Refuses a level of a by-variable that has no row of nonzero weight (the domain would not exist). */
    static void requireLevelsPresent(SampleDesign design, String... byVariables) {
        for (String b : byVariables) {
            FactorColumn f = design.table().factor(b);
            boolean[] seen = new boolean[f.levelCount()];
            for (int i = 0; i < f.size(); i++) if (f.code(i) >= 0 && design.weight(i) != 0) seen[f.code(i)] = true;
            for (int k = 0; k < seen.length; k++) {
                Arguments.require(seen[k], "by '" + b + "'", "level '" + f.levels().get(k)
                        + "' has no rows of nonzero weight");
            }
        }
    }

    private static double critical(double p, double df) {
        return Double.isInfinite(df) ? NormalDistribution.of(0, 1).inverseCumulativeProbability(p)
                : Estimate.quantile(p, df);
    }

    private static final String INDICATOR = ".quantile.at.or.below";

    /** Woodruff's interval: the share at or below the estimate, its interval, back through the rule. */
    private static double[] woodruff(SampleDesign design, double[] x, double[] w, QuantileRule.Sorted sorted,
            boolean[] rows, double q, Options options, double df, double alpha) {
        int n = x.length;
        double[] ind = new double[n];
        for (int i = 0; i < n; i++) ind[i] = w[i] != 0 && x[i] <= q ? 1 : 0;
        DataTable t = design.table().with(new NumericColumn(INDICATOR, ind));
        // survey 4.1-1 makes Woodruff's interval of a replicate design always with the share's Wald interval,
        // whatever interval type is asked for
        boolean replicate = design.varianceMethod() == org.barometer.stats.design.VarianceMethod.REPLICATE_WEIGHTS;
        ProportionInterval.Method m = replicate ? ProportionInterval.Method.MEAN : switch (options.interval()) {
            case BETA -> ProportionInterval.Method.BETA;
            case XLOGIT -> ProportionInterval.Method.XLOGIT;
            case ASIN -> ProportionInterval.Method.ASIN;
            default -> ProportionInterval.Method.MEAN;
        };
        // R's beta interval uses the subset's degf, whatever df was given
        double dfShare = m == ProportionInterval.Method.BETA ? design.degreesOfFreedom(rows) : df;
        ProportionInterval share = ProportionInterval.of(design.withTable(t), INDICATOR, rows, m, options.level(),
                dfShare);
        double lo = share.lower();
        double hi = share.upper();
        double lower = Double.isNaN(lo) || lo < 0 ? Double.NaN : options.rule().quantile(sorted, lo);
        double upper = Double.isNaN(hi) || hi > 1 ? Double.NaN : options.rule().quantile(sorted, hi);
        return new double[] {lower, upper};
    }

    /** Whether Woodruff's interval takes the share's Wald interval (R's "mean"; always on replicate weights). */
    private static boolean woodruffMean(SampleDesign design, Options options) {
        boolean replicate = design.varianceMethod() == org.barometer.stats.design.VarianceMethod.REPLICATE_WEIGHTS;
        return options.interval() == Interval.MEAN
                || replicate && options.interval() != Interval.SCORE && options.interval() != Interval.QUANTILE;
    }

    /**
     * The Wald intervals of the shares at or below each estimate {@code qs[k]}: the share's mean and its standard
     * error from one estimate of all the indicators, the limits as {@link ProportionInterval.Method#MEAN} makes
     * them ({@code share -/+ t se}).
     */
    private static double[][] woodruffShares(SampleDesign design, double[] x, double[] w, boolean[] rows, double[] qs,
            double weightSum, double df, double alpha) {
        int n = x.length;
        if (design.varianceMethod() == org.barometer.stats.design.VarianceMethod.TAYLOR_LINEARISATION
                && qs.length <= 16) {
            return taylorShares(design, x, w, rows, qs, weightSum, df, alpha);
        }
        DataTable t = design.table();
        String[] names = new String[qs.length];
        for (int k = 0; k < qs.length; k++) {
            double[] ind = new double[n];
            for (int i = 0; i < n; i++) ind[i] = w[i] != 0 && x[i] <= qs[k] ? 1 : 0;
            names[k] = INDICATOR + "." + k;
            t = t.with(new NumericColumn(names[k], ind));
        }
        Estimate e = Survey.estimate(design.withTable(t), Estimators.mean(t, names), false, rows);
        double q = Estimate.quantile(1 - alpha / 2, df);
        double[][] out = new double[qs.length][];
        for (int k = 0; k < qs.length; k++) {
            double share = e.value(k);
            double se = Math.sqrt(e.variance(k));
            out[k] = new double[] {share - q * se, share + q * se};
        }
        return out;
    }

    /**
     * The shares at or below each domain's estimates with their influence, as R's {@code svymean} of the
     * indicators on each domain's subset design: row {@code i} belongs to domain {@code member[i]} (none when
     * negative; {@code member} null: every row to domain 0), {@code qs[d]} are domain d's estimates and {@code
     * sw[d]} its weight sum. The shares are summed as R sums them, in extended precision ({@code colSums} of
     * {@code x w / sum(w)}), so that a share meets the cumulative shares of the quantile rule exactly where R's
     * does. A row's influence {@code (I - share) w / W} is its weight times its pattern's {@code (I - share) / W},
     * its pattern being its domain's and which of the domain's estimates it is at or below: the weights themselves
     * are the scale, no array of {@code w / W} is made.
     *
     * @param w the weights as R's svymean takes them, 1/(1/weight), and 0 outside the rows
     */
    private static Shares shares(double[] x, double[] w, int[] member, double[][] qs, double[] sw) {
        int n = x.length;
        int count = qs.length;
        int k = qs[0].length;
        int patterns = 1 << k;
        ExtendedSum[][] s = new ExtendedSum[count][k];
        for (ExtendedSum[] row : s) for (int j = 0; j < k; j++) row[j] = new ExtendedSum();
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            int d = member == null ? 0 : member[i];
            if (d < 0 || w[i] == 0) continue; // the indicator is 0 where the quantile's rows have no weight
            double term = w[i] / sw[d];
            ExtendedSum[] sd = s[d];
            double[] qd = qs[d];
            int c = 0;
            for (int j = 0; j < k; j++) {
                if (x[i] <= qd[j]) {
                    c |= 1 << j;
                    sd[j].add(term);
                }
            }
            code[i] = d * patterns + c;
        }
        double[][] share = new double[count][k];
        double[][] vectors = new double[count * patterns][k];
        for (int d = 0; d < count; d++) {
            for (int j = 0; j < k; j++) share[d][j] = s[d][j].value();
            for (int c = 0; c < patterns; c++) {
                for (int j = 0; j < k; j++) vectors[d * patterns + c][j] = (((c >> j) & 1) - share[d][j]) / sw[d];
            }
        }
        return new Shares(share, new TaylorVariance.PatternRows(code, w, vectors));
    }

    /** {@link #shares}: per domain the shares, and the influence of all of them. */
    private record Shares(double[][] share, TaylorVariance.PatternRows influence) {}

    /**
     * {@link #woodruffShares} on a Taylor design ({@code weightSum} the weights' sum of the rows, as R's svymean
     * makes it, which is the quantile rule's total): svymean's estimates and influence, {@code (I - share) w / W},
     * where a row's indicators are one of few combinations (the pattern of which
     * estimates it is at or below), so the variance goes by pattern ({@link TaylorVariance.PatternRows}).
     */
    private static double[][] taylorShares(SampleDesign design, double[] x, double[] w, boolean[] rows, double[] qs,
            double weightSum, double df, double alpha) {
        int n = x.length;
        int k = qs.length;
        double[] weights = w; // 0 outside the rows already
        Shares shares = shares(x, w, null, new double[][] {qs}, new double[] {weightSum});
        double[] share = shares.share()[0];
        TaylorVariance.PatternRows influence = shares.influence();
        WeightedEstimator e = new WeightedEstimator() {
            @Override
            public int dimension() {
                return k;
            }

            @Override
            public boolean isMissing(int row) {
                return false;
            }

            @Override
            public double[] estimate(double[] ws) {
                throw new UnsupportedOperationException("Taylor designs only");
            }

            @Override
            public double[][] influence(double[] ws, double[] estimate) {
                double[][] out = new double[k][n];
                influence.fill(0, n, out);
                return out;
            }

            @Override
            public TaylorVariance.InfluenceRows influenceRows(double[] ws, double[] estimate) {
                return influence;
            }
        };
        double[][] v = design.variance(e, weights, share, rows);
        double q = Estimate.quantile(1 - alpha / 2, df);
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            double se = Math.sqrt(v[j][j]);
            out[j] = new double[] {share[j] - q * se, share[j] + q * se};
        }
        return out;
    }

    /** The interval's limits from the share's limits, back through the rule (NaN outside [0, 1], as R's). */
    private static double[] limits(QuantileRule.Sorted sorted, double lo, double hi, Options options) {
        double lower = Double.isNaN(lo) || lo < 0 ? Double.NaN : options.rule().quantile(sorted, lo);
        double upper = Double.isNaN(hi) || hi > 1 ? Double.NaN : options.rule().quantile(sorted, hi);
        return new double[] {lower, upper};
    }

    /** R's {@code repCI}: the replicates' quantiles, their variance, a Wald interval. */
    private static double[] replicateInterval(SampleDesign design, double[] x, double[] w, boolean[] rows, double p,
            double q, QuantileRule rule, double crit) {
        Arguments.require(design.varianceMethod() == org.barometer.stats.design.VarianceMethod.REPLICATE_WEIGHTS,
                "interval type", "'quantile' needs a replicate design; Taylor designs offer mean, beta, xlogit,"
                + " asin and score");
        WeightedEstimator e = new WeightedEstimator() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public boolean isMissing(int row) {
                return false;
            }

            @Override
            public double[] estimate(double[] weights) {
                double sum = 0;
                for (double v : weights) sum += v;
                if (sum == 0) {
                    // on a replicate that leaves the rows no weight, R's hf3 and hf4 give NA (that replicate is
                    // then left out of the variance, as svrVar does); its other rules stop (a missing cumulative
                    // share where they test it, or nothing to interpolate), so repCI fails
                    if (rule == QuantileRule.HF3 || rule == QuantileRule.HF4) return new double[] {Double.NaN};
                    throw Arguments.cannotCompute("interval type 'quantile'", "a replicate leaves the rows no weight"
                            + " (R's quantile rules fail there too, except hf3 and hf4); use another interval type");
                }
                return new double[] {rule.quantile(x, weights, p)};
            }

            /** R's repCI fails on replicate weights without replicates. */
            @Override
            public boolean zeroVarianceWithoutReplicates() {
                return false;
            }

            @Override
            public double[][] influence(double[] weights, double[] estimate) {
                throw new UnsupportedOperationException("replicate designs only");
            }
        };
        double v = design.variance(e, w, new double[] {q}, rows)[0][0];
        double half = Math.sqrt(v) * crit;
        return new double[] {q - half, q + half};
    }

    /** Francisco and Fuller's score interval (R's {@code ffullerCI}). */
    private static double[] score(SampleDesign design, double[] raw, double[] x, double[] w, boolean[] in, double p,
            Options options, double df, double alpha) {
        Arguments.require(design.varianceMethod() == org.barometer.stats.design.VarianceMethod.TAYLOR_LINEARISATION,
                "interval type", "'score' needs a Taylor design; replicate designs offer mean, beta, xlogit, asin"
                + " and quantile");
        int n = x.length;
        boolean keepAll = design.domainsKeepAllRows();
        // the x of R's subset design: the domain's rows, or every row when the subset keeps them all (a row
        // kept with weight zero has its own value, or 0 where na.rm dropped it, as R sets it)
        double[] tmp = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (in[i]) tmp[m++] = x[i];
            else if (keepAll) tmp[m++] = Double.isNaN(raw[i]) ? 0 : raw[i];
        }
        double[] xs = Arrays.copyOf(tmp, m);
        boolean[] rows = in;
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        double iqr = type7(sorted, 0.75) - type7(sorted, 0.25);
        double lowerT = sorted[0] + iqr / 100;
        double upperT = sorted[sorted.length - 1] - iqr / 100;
        double tol = 1 / (100 * Math.sqrt(xs.length));
        double z = critical(1 - alpha / 2, df);
        java.util.function.DoubleUnaryOperator t = theta -> {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) if (rows[i]) u[i] = (x[i] > theta ? 1 : 0) - (1 - p);
            DataTable tab = design.table().with(new NumericColumn(INDICATOR, u));
            Estimate e = Survey.estimate(design.withTable(tab), Estimators.mean(tab, INDICATOR), false,
                    isAll(rows) ? null : rows);
            return e.value(0) / e.standardError(0);
        };
        double qlow = Brent.uniroot(theta -> t.applyAsDouble(theta) - z, lowerT, upperT, tol);
        double qup = Brent.uniroot(theta -> t.applyAsDouble(theta) + z, lowerT, upperT, tol);
        return new double[] {options.rule().quantile(x, w, shareAtOrBelow(xs, qlow)),
                options.rule().quantile(x, w, shareAtOrBelow(xs, qup))};
    }

    private static boolean isAll(boolean[] rows) {
        for (boolean b : rows) if (!b) return false;
        return true;
    }

    private static double shareAtOrBelow(double[] xs, double v) {
        int c = 0;
        for (double xi : xs) if (xi <= v) c++;
        return (double) c / xs.length;
    }

    /** R's {@code quantile(type = 7)} of sorted values. */
    private static double type7(double[] s, double p) {
        int n = s.length;
        double index = 1 + (n - 1) * p;
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        double q = s[lo - 1];
        if (index > lo && s[hi - 1] != q) {
            double h = index - lo;
            q = (1 - h) * q + h * s[hi - 1];
        }
        return q;
    }
}
