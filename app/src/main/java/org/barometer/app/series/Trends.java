package org.barometer.app.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Share;
import org.barometer.app.publish.compute.CellKeys;
import org.barometer.app.publish.compute.Disclosure;
import org.barometer.app.publish.compute.Protection;
import org.barometer.app.text.LocalizedText;
import org.barometer.app.text.Rounding;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.EditionChange;

/**
 * The trend of an indicator in one series: its estimate, interval and n in each edition, and the change between
 * two editions with its standard error, interval and test.
 *
 * <p>Editions on Barometer are estimated from their published data and weights, exactly as their figures are
 * (the share with R's {@code svyciprop(method = "xlogit")} interval on the domain's degrees of freedom), and
 * published under the same rules: a share whose count of yes or of no falls under the edition's smallest cell is
 * not shown, and a shown share is protected by its cell key ({@link Protection}). The change of two editions is
 * {@link EditionChange}: the samples are independent, so {@code SE = sqrt(V₁ + V₂)} with each edition's own
 * design (strata, fpc, calibration), on {@code df = df₁ + df₂}. The change as published is the difference of the
 * two published shares, with the exact standard error, rounded; the exact change is {@link #exactChange}.
 *
 * <p>Editions known only by their published aggregates have the published estimate, interval (when given) and n;
 * their variance is taken from the interval ({@code ((upper − lower) / (2 · 1.96))²}) or, without one, as that of a
 * simple random sample of n ({@code p(1 − p)/n}), and a change involving one is tested on the normal
 * distribution — which the page says.
 */
public final class Trends {

    private Trends() {
    }

    /** The confidence level of every interval of a trend, as of the figures (95 %). */
    public static final double CONFIDENCE = 0.95;

    /**
     * What a Barometer edition offers an indicator: its published data, weights and rules.
     *
     * @param significance the edition's significance level of tests (e.g. 0.05)
     */
    public record EditionData(Dataset data, Estimator estimator, CellKeys keys, int minCellCount,
                              double significance) {
    }

    /**
     * One edition's point of a trend.
     *
     * @param edition   the edition
     * @param key       its key in the family ({@code dk/2019})
     * @param shown     whether its number may be shown (false: too few, or no number for the indicator)
     * @param estimate  the share as published
     * @param low       its interval's lower bound as published (NaN: none published)
     * @param high      its upper bound
     * @param n         the respondents of its base as published
     * @param aggregate the published aggregate it comes from, or null for an edition on Barometer
     * @param breakNote when the series is not comparable with the edition before: why; else null
     * @param exact     the exact share (an edition on Barometer; never shown to the public), or null
     * @param design    the edition's design with the indicator as columns (an edition on Barometer), or null
     */
    public record Point(Family.Edition edition, String key, boolean shown, double estimate, double low, double high,
                        long n, Family.Aggregate aggregate, LocalizedText breakNote, Share exact, Design design) {
        /** The variance of the published estimate (see the class comment). */
        double variance() {
            if (exact != null) {
                return exact.se() * exact.se();
            }
            if (!Double.isNaN(low)) {
                double se = (high - low) / (2 * 1.959963984540054);
                return se * se;
            }
            return estimate * (1 - estimate) / n;
        }
    }

    /**
     * The change between two editions, as published.
     *
     * @param from        the earlier edition's point
     * @param to          the later edition's point
     * @param comparable  false when a break lies between them
     * @param estimate    Δ, the later published share minus the earlier
     * @param se          its standard error
     * @param low         the interval's lower bound
     * @param high        its upper bound
     * @param df          the degrees of freedom of the interval and the test (infinite: normal)
     * @param p           the two-sided p-value of "no change"
     * @param significant whether p is below the level
     */
    public record Change(Point from, Point to, boolean comparable, double estimate, double se, double low,
                         double high, double df, double p, boolean significant) {
    }

    /** An indicator's trend in a series: a point per edition, oldest first. */
    public record Trend(Family family, Family.Series series, Family.Indicator indicator, List<Point> points,
                        double significance) {
        /** The changes between each edition and the next both shown, oldest first. */
        public List<Change> steps() {
            List<Change> out = new ArrayList<>();
            Point before = null;
            for (Point p : points) {
                if (!p.shown()) {
                    continue;
                }
                if (before != null) {
                    out.add(change(before, p));
                }
                before = p;
            }
            return out;
        }

        /** The point of an edition, by its id in the series. */
        public Optional<Point> point(String editionId) {
            return points.stream().filter(p -> p.edition().id().equals(editionId)).findFirst();
        }

        /** The change between two shown editions (from the earlier to the later). */
        public Optional<Change> between(String fromId, String toId) {
            Optional<Point> a = point(fromId).filter(Point::shown);
            Optional<Point> b = point(toId).filter(Point::shown);
            if (a.isEmpty() || b.isEmpty() || a.get() == b.get()) {
                return Optional.empty();
            }
            int ia = points.indexOf(a.get());
            int ib = points.indexOf(b.get());
            return Optional.of(ia < ib ? change(a.get(), b.get()) : change(b.get(), a.get()));
        }

        /** Whether a comparability break lies after {@code from} up to and including {@code to}. */
        boolean broken(Point from, Point to) {
            int a = points.indexOf(from);
            int b = points.indexOf(to);
            for (int i = a + 1; i <= b; i++) {
                if (points.get(i).breakNote() != null) {
                    return true;
                }
            }
            return false;
        }

        private Change change(Point from, Point to) {
            // both on Barometer: each edition's design gives its degrees of freedom (df₁ + df₂); otherwise normal
            double df = from.design() != null && to.design() != null
                    ? EditionChange.degreesOfFreedom(from.design(), to.design(), IN_BASE)
                    : Double.POSITIVE_INFINITY;
            EditionChange.Change c = EditionChange.Change.of("share", from.estimate(), to.estimate(),
                    from.variance(), to.variance(), df);
            double[] ci = c.confidenceInterval(CONFIDENCE);
            return new Change(from, to, !broken(from, to), Rounding.roundHalfUp(c.estimate(), 4),
                    Rounding.roundHalfUp(c.standardError(), 4), Rounding.roundHalfUp(ci[0], 4),
                    Rounding.roundHalfUp(ci[1], 4), df, c.pValue(), c.pValue() < significance);
        }
    }

    /** The name of the 0/1 column of the indicator in an edition's design, and of its base's factor. */
    static final String YES = "indicator_yes";
    static final String BASE = "indicator_base";
    /** The indicator's base as the domain of a change. */
    private static final EditionChange.Domain IN_BASE = new EditionChange.Domain(BASE, "in");

    /**
     * The exact change between two editions on Barometer (what R's {@code svycontrast} of the two editions'
     * {@code svymean} gives): the share of yes among the base, with each edition's own design.
     */
    public static EditionChange exactChange(Point from, Point to) {
        return EditionChange.between(from.design(), to.design(), EditionChange.Indicator.mean(YES), false, IN_BASE);
    }

    /**
     * The trend of an indicator in a series: every edition's point, from the edition's data where it runs on
     * Barometer ({@code data} by the edition's name; empty when it is not published on this node) or from its
     * published aggregate.
     */
    public static Trend of(Family family, Family.Series series, Family.Indicator indicator,
                           Function<String, Optional<EditionData>> data) {
        List<Point> points = new ArrayList<>();
        double significance = 0.05;
        for (Family.Edition e : series.editions()) {
            String key = Family.key(series, e);
            LocalizedText breakNote = indicator.breaks().get(key);
            if (e.microdata()) {
                Family.Computation computation = indicator.computed().get(key);
                Optional<EditionData> d = data.apply(e.editionName());
                if (computation == null || d.isEmpty()) {
                    points.add(new Point(e, key, false, Double.NaN, Double.NaN, Double.NaN, 0, null, breakNote, null,
                            null));
                    continue;
                }
                significance = d.get().significance();
                points.add(microdataPoint(e, key, computation, d.get(), breakNote));
            } else {
                Optional<Family.Aggregate> a = family.aggregate(series, e, indicator);
                points.add(a.map(g -> new Point(e, key, true, g.estimate(), g.lower(), g.upper(), g.n(), g, breakNote,
                        null, null)).orElseGet(() -> new Point(e, key, false, Double.NaN, Double.NaN, Double.NaN, 0,
                        null, breakNote, null, null)));
            }
        }
        return new Trend(family, series, indicator, points, significance);
    }

    private static Point microdataPoint(Family.Edition e, String key, Family.Computation computation, EditionData d,
                                        LocalizedText breakNote) {
        Dataset data = d.data();
        int rows = data.size();
        boolean[] base = computation.among() == null ? all(rows) : data.condition(computation.among());
        boolean[] condition = data.condition(computation.share());
        boolean[] yes = new boolean[rows];
        long n = 0;
        long hits = 0;
        double[] indicator = new double[rows];
        String[] in = new String[rows];
        for (int r = 0; r < rows; r++) {
            yes[r] = base[r] && condition[r];
            indicator[r] = yes[r] ? 1 : 0;
            in[r] = base[r] ? "in" : "out";
            n += base[r] ? 1 : 0;
            hits += yes[r] ? 1 : 0;
        }
        Disclosure.Result shown = Disclosure.suppress(new long[][] {{hits, n - hits}}, d.minCellCount(), true, true);
        if (n == 0 || shown.suppressedCount() > 0) {
            return new Point(e, key, false, Double.NaN, Double.NaN, Double.NaN, 0, null, breakNote, null, null);
        }
        Share exact = d.estimator().share(base, yes, CONFIDENCE);
        long publishedN = Protection.count(n, d.keys().key(base), d.minCellCount());
        Share published = Protection.share(exact, d.keys().key(yes, base), publishedN);
        Design design = d.estimator().weights().design();
        Design withIndicator = design.withTable(design.table().with(new NumericColumn(YES, indicator))
                .with(FactorColumn.ofText(BASE, in)));
        return new Point(e, key, true, published.estimate(), published.low(), published.high(), publishedN, null,
                breakNote, exact, withIndicator);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }
}
