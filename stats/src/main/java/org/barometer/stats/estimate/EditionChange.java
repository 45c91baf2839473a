package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.SampleDesign;

/**
 * The change of an indicator between two editions of a survey: two independent samples, each with its own design
 * (Taylor linearisation or replicate weights, stratified or not, calibrated or not). For each estimate of the
 * indicator (one for a mean or total, one per category for shares and counts)
 * <pre>
 *   Δ  = θ₂ − θ₁                      (θ₁ the earlier edition's estimate, θ₂ the later one's)
 *   SE = sqrt(V₁ + V₂)                (the samples are independent: no covariance term)
 *   t  = Δ / SE,   p = 2 P(T_df &gt; |t|)
 *   CI = Δ ± q SE,  q the (1 + level)/2 quantile of Student's t on df
 * </pre>
 * where {@code Vₖ} is the variance each design gives its own estimate ({@link Survey#estimate}: Taylor
 * linearisation with the calibration residuals of a calibrated design, or the replicate variance).
 *
 * <h2>Degrees of freedom</h2>
 * {@code df = df₁ + df₂}, each edition's {@link SampleDesign#degreesOfFreedom(boolean[])} of the domain (of all
 * rows without a domain). For Taylor designs this is exactly R's {@code degf} of the stacked design, with strata
 * {@code edition × stratum} (PSUs minus strata over both editions, counting rows of nonzero weight in the
 * domain): the degrees of freedom R's {@code svyttest} would use and that a statistician passes to
 * {@code confint(svycontrast(...), df = degf(stacked))}. For jackknife replicate designs (JK1, JKn), whose
 * full-sample weights lie in the span of their replicates, R's {@code degf} of the stacked replicate design (the
 * rank of the stacked replicate weights, each edition's replicates with the other edition at its full-sample
 * weights, minus one) is the same sum; for bootstrap replicates that rank is one more, and the sum of the two
 * designs' {@code degf} is used all the same. Note that R's {@code confint} of an {@code svycontrast} result defaults to
 * {@code df = Inf}, a normal quantile: {@link Change#withDegreesOfFreedom} with
 * {@code Double.POSITIVE_INFINITY} gives that interval and p-value.
 *
 * <h2>R equivalent</h2>
 * Uncalibrated editions: stack the samples, {@code strata = ~interaction(edition, stratum)} and the fpc per
 * stratum, then {@code svycontrast(svyby(~y, ~edition, stacked, svymean, covmat = TRUE), c(-1, 1))}. Calibrated
 * editions (which cannot be stacked, each being calibrated to its own population): {@code svymean} on each
 * calibrated design, {@code coef(m2) - coef(m1)} and {@code sqrt(vcov(m1) + vcov(m2))}.
 *
 * @param indicator what was compared
 * @param domain the domain of both editions, or null for all rows
 * @param changes one change per estimate, in the indicator's order of names
 */
public record EditionChange(Indicator indicator, Domain domain, List<Change> changes) {

    private static final String EARLIER = "earlier edition";
    private static final String LATER = "later edition";

    /** Copies the list. */
    public EditionChange {
        Arguments.requireGiven("indicator", indicator);
        changes = List.copyOf(changes);
    }

    /** The kinds of indicator whose change can be estimated. */
    public enum Kind {
        /** The mean of a numeric variable (R's {@code svymean(~y)}). */
        MEAN,
        /** The total of a numeric variable (R's {@code svytotal(~y)}). */
        TOTAL,
        /** The share of each category of a categorical variable (R's {@code svymean(~factor)}). */
        SHARES,
        /** The weighted count of each category of a categorical variable (R's {@code svytotal(~factor)}). */
        COUNTS
    }

    /**
     * An indicator: a kind and the variable it is computed from, the same variable in both editions.
     *
     * @param kind mean, total, shares or counts
     * @param variable the variable's name in both editions' data
     */
    public record Indicator(Kind kind, String variable) {
        /** Checks that both are given. */
        public Indicator {
            Arguments.requireGiven("indicator kind", kind);
            Arguments.requireGiven("indicator variable", variable);
        }

        /** The mean of a numeric variable. */
        public static Indicator mean(String variable) {
            return new Indicator(Kind.MEAN, variable);
        }

        /** The total of a numeric variable. */
        public static Indicator total(String variable) {
            return new Indicator(Kind.TOTAL, variable);
        }

        /** The share of each category of a categorical variable. */
        public static Indicator shares(String variable) {
            return new Indicator(Kind.SHARES, variable);
        }

        /** The weighted count of each category of a categorical variable. */
        public static Indicator counts(String variable) {
            return new Indicator(Kind.COUNTS, variable);
        }

        private boolean categorical() {
            return kind == Kind.SHARES || kind == Kind.COUNTS;
        }

        Statistic on(DataTable table) {
            return switch (kind) {
                case MEAN -> Estimators.mean(table, variable);
                case TOTAL -> Estimators.total(table, variable);
                case SHARES -> Estimators.shares(table, variable);
                case COUNTS -> Estimators.levelTotals(table, variable);
            };
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " of '" + variable + "'";
        }
    }

    /**
     * The rows of one category of a variable, in both editions (R's {@code subset(design, variable == level)}).
     *
     * @param variable the domain variable, present in both editions
     * @param level its category
     */
    public record Domain(String variable, String level) {
        /** Checks that both are given. */
        public Domain {
            Arguments.requireGiven("domain variable", variable);
            Arguments.requireGiven("domain category", level);
        }

        @Override
        public String toString() {
            return variable + " = " + level;
        }
    }

    /**
     * The change of one estimate between the editions.
     *
     * @param name the estimate's name, as R names it ({@code y}, or {@code vyes} for category yes of v)
     * @param earlier θ₁, the earlier edition's estimate
     * @param later θ₂, the later edition's estimate
     * @param earlierVariance V₁
     * @param laterVariance V₂
     * @param estimate Δ = θ₂ − θ₁
     * @param standardError sqrt(V₁ + V₂)
     * @param degreesOfFreedom df of the interval and the test (see {@link EditionChange})
     * @param statistic Δ / SE (infinite or NaN when SE is 0)
     * @param pValue two-sided p-value of "no change", NaN on zero or negative df
     */
    public record Change(String name, double earlier, double later, double earlierVariance, double laterVariance,
            double estimate, double standardError, double degreesOfFreedom, double statistic, double pValue) {

        /**
         * The change from {@code earlier} to {@code later}, estimates of independent samples with variances
         * {@code v1} and {@code v2}, tested on {@code df} degrees of freedom (infinite: normal).
         */
        public static Change of(String name, double earlier, double later, double v1, double v2, double df) {
            double delta = later - earlier;
            double se = Math.sqrt(v1 + v2);
            double t = delta / se;
            double p;
            if (!(df > 0) || Double.isNaN(t)) {
                p = Double.NaN;
            } else {
                double tail = Double.isInfinite(df) ? NormalDistribution.of(0, 1).survivalProbability(Math.abs(t))
                        : TDistribution.of(df).survivalProbability(Math.abs(t));
                p = 2 * tail;
            }
            return new Change(name, earlier, later, v1, v2, delta, se, df, t, p);
        }

        /** The same change with its interval and test on {@code df} degrees of freedom (infinite: normal). */
        public Change withDegreesOfFreedom(double df) {
            Arguments.requireInRange("degrees of freedom", df, 0, true, Double.POSITIVE_INFINITY);
            return of(name, earlier, later, earlierVariance, laterVariance, df);
        }

        /**
         * The interval {@code Δ ± q SE} at {@code level}, {@code q} the {@code (1 + level)/2} quantile of Student's
         * t on the change's degrees of freedom (R's {@code confint(contrast, level, df)}); NaN limits on zero or
         * negative df.
         */
        public double[] confidenceInterval(double level) {
            Arguments.requireInRange("confidence level", level, 0, true, 1 - Math.ulp(1.0));
            double q = Estimate.quantile((1 + level) / 2, degreesOfFreedom);
            return new double[] {estimate - q * standardError, estimate + q * standardError};
        }
    }

    /** Number of changes (estimates of the indicator). */
    public int size() {
        return changes.size();
    }

    /** Change {@code j}. */
    public Change change(int j) {
        Arguments.requireInRange("change", j, 0, changes.size() - 1);
        return changes.get(j);
    }

    /** The change of the estimate named {@code name} ({@code y}, {@code vyes}). */
    public Change change(String name) {
        for (Change c : changes) if (c.name().equals(name)) return c;
        throw Arguments.unknown("change of " + indicator, "estimate", name,
                changes.stream().map(Change::name).toList());
    }

    /** The change of {@code indicator} over all rows, without dropping missing values. */
    public static EditionChange between(SampleDesign earlier, SampleDesign later, Indicator indicator) {
        return between(earlier, later, indicator, false, null);
    }

    /**
     * The change of {@code indicator} between two independent editions.
     *
     * @param earlier the design of the earlier edition (θ₁)
     * @param later the design of the later edition (θ₂)
     * @param naRm whether rows with a missing value of the variable leave the estimate (R's {@code na.rm})
     * @param domain the domain of both editions, or null for all rows
     * @throws org.barometer.stats.SurveyInputException naming the place: a variable missing from an edition or of
     *     another type there, categories that differ between the editions, a domain with no row of nonzero weight
     *     in an edition, or an estimate or variance that is not a finite number (a missing value without
     *     {@code naRm}, a stratum with one PSU)
     */
    public static EditionChange between(SampleDesign earlier, SampleDesign later, Indicator indicator, boolean naRm,
            Domain domain) {
        Arguments.requireGiven(EARLIER, earlier);
        Arguments.requireGiven(LATER, later);
        Arguments.requireGiven("indicator", indicator);
        checkVariable(earlier, later, indicator);
        boolean[] rows1 = domain == null ? null : domainRows(EARLIER, earlier, domain);
        boolean[] rows2 = domain == null ? null : domainRows(LATER, later, domain);
        Statistic s1 = indicator.on(earlier.table());
        Statistic s2 = indicator.on(later.table());
        Estimate e1 = Survey.estimate(earlier, s1, naRm, rows1);
        Estimate e2 = Survey.estimate(later, s2, naRm, rows2);
        double df = degreesOfFreedom(earlier, rows1, later, rows2);
        String place = "change of " + indicator + (domain == null ? "" : " in " + domain);
        List<Change> changes = new ArrayList<>();
        for (int j = 0; j < e1.size(); j++) {
            String name = e1.names().get(j);
            requireFinite(place, EARLIER, name, e1.value(j), e1.variance(j), naRm);
            requireFinite(place, LATER, name, e2.value(j), e2.variance(j), naRm);
            changes.add(Change.of(name, e1.value(j), e2.value(j), e1.variance(j), e2.variance(j), df));
        }
        return new EditionChange(indicator, domain, changes);
    }

    /**
     * The degrees of freedom of a change between two editions in a domain (null: all rows), {@code df₁ + df₂}, as
     * {@link #between} gives them, without estimating anything.
     *
     * @throws org.barometer.stats.SurveyInputException when the domain has no row of nonzero weight in an edition
     */
    public static double degreesOfFreedom(SampleDesign earlier, SampleDesign later, Domain domain) {
        Arguments.requireGiven(EARLIER, earlier);
        Arguments.requireGiven(LATER, later);
        return degreesOfFreedom(earlier, domain == null ? null : domainRows(EARLIER, earlier, domain),
                later, domain == null ? null : domainRows(LATER, later, domain));
    }

    private static double degreesOfFreedom(SampleDesign earlier, boolean[] rows1, SampleDesign later, boolean[] rows2) {
        return (double) earlier.degreesOfFreedom(rows1) + later.degreesOfFreedom(rows2);
    }

    /** The same variable, of the type the indicator needs, with the same categories in both editions. */
    private static void checkVariable(SampleDesign earlier, SampleDesign later, Indicator indicator) {
        String v = indicator.variable();
        Column c1 = column(EARLIER, earlier, v);
        Column c2 = column(LATER, later, v);
        if (!indicator.categorical()) {
            Arguments.require(c1 instanceof NumericColumn, EARLIER + ", variable '" + v + "'",
                    "categorical, where the " + indicator.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " needs a numeric variable");
            Arguments.require(c2 instanceof NumericColumn, LATER + ", variable '" + v + "'",
                    "categorical, where the " + indicator.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " needs a numeric variable");
            return;
        }
        Arguments.require(c1.getClass() == c2.getClass(), "variable '" + v + "'", (c1 instanceof NumericColumn
                ? "numeric in the earlier edition, categorical in the later"
                : "categorical in the earlier edition, numeric in the later") + "; the editions must code it alike");
        List<String> l1 = earlier.table().factor(v).levels();
        List<String> l2 = later.table().factor(v).levels();
        Arguments.require(l1.equals(l2), "variable '" + v + "'", "the categories differ between the editions: "
                + l1 + " in the earlier, " + l2 + " in the later");
    }

    private static Column column(String edition, SampleDesign design, String variable) {
        DataTable t = design.table();
        if (!t.has(variable)) throw Arguments.unknown(edition, "variable", variable, t.columnNames());
        return t.column(variable);
    }

    private static boolean[] domainRows(String edition, SampleDesign design, Domain domain) {
        column(edition, design, domain.variable());
        FactorColumn f = design.table().factor(domain.variable());
        int code = f.levels().indexOf(domain.level());
        if (code < 0) {
            throw Arguments.unknown(edition + ", domain " + domain, "category", domain.level(), f.levels());
        }
        boolean[] in = new boolean[design.rowCount()];
        boolean any = false;
        for (int i = 0; i < in.length; i++) {
            in[i] = f.code(i) == code;
            if (in[i] && design.weight(i) != 0) any = true;
        }
        Arguments.require(any, edition + ", domain " + domain, "empty: no row of nonzero weight");
        return in;
    }

    private static void requireFinite(String place, String edition, String name, double value, double variance,
            boolean naRm) {
        String where = place + ", estimate '" + name + "', " + edition;
        if (!Double.isFinite(value)) {
            throw Arguments.cannotCompute(where, "the estimate is " + value + ", not a finite number"
                    + (Double.isNaN(value) && !naRm ? " (a missing value? drop them with naRm)" : ""));
        }
        if (!Double.isFinite(variance)) {
            throw Arguments.cannotCompute(where, "the variance is " + variance + ", not a finite number");
        }
    }
}
