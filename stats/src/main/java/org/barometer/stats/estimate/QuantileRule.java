package org.barometer.stats.estimate;

import java.util.Arrays;
import java.util.Locale;
import org.barometer.stats.Arguments;
import org.barometer.stats.numeric.ExtendedSum;

/**
 * The rules of R's {@code svyquantile} (survey 4.1-1, {@code qrule = }) for turning weighted data into a
 * quantile. Every rule first drops the rows of weight zero. {@link #MATH} and {@link #SCHOOL} (and their
 * synonyms {@link #HF1}, {@link #HF2}) take the smallest value whose cumulative weight share reaches {@code p}
 * (the school rule averages it with the next value when the share is met exactly); {@link #HF3} does so on the
 * distinct values with their summed weights, breaking exact hits towards an even position; {@link #HF4}
 * interpolates between the two values around {@code p}; {@link #HF5} to {@link #HF9} and {@link #SHAHVAISH}
 * interpolate linearly (Shah–Vaish: as a step function) through plotting positions built from the cumulative
 * weights, as R's {@code approx(..., rule = 2)} does (constant beyond the ends).
 */
public enum QuantileRule {
    /** The lower weighted quantile, R's default ({@code "math"}). */
    MATH,
    /** The school-book rule: the average of two values on an exact hit ({@code "school"}). */
    SCHOOL,
    /** Shah and Vaish's plotting positions, step interpolation ({@code "shahvaish"}). */
    SHAHVAISH,
    /** Hyndman–Fan type 1 (the same as {@link #MATH}). */
    HF1,
    /** Hyndman–Fan type 2 (the same as {@link #SCHOOL}). */
    HF2,
    /** Hyndman–Fan type 3: on distinct values, exact hits at even positions take the lower value. */
    HF3,
    /** Hyndman–Fan type 4: linear between the values around {@code p}, weighted by the weight shares. */
    HF4,
    /** Hyndman–Fan type 5: positions (cumulative weight - w/2) / total. */
    HF5,
    /** Hyndman–Fan type 6: positions cumulative weight / (total + last weight). */
    HF6,
    /** Hyndman–Fan type 7: positions (cumulative weight before the value) / (cumulative weight before the last). */
    HF7,
    /** Hyndman–Fan type 8. */
    HF8,
    /** Hyndman–Fan type 9. */
    HF9;

    /** The rule by its R name ({@code "math"}, {@code "hf7"}, ...); unknown names are refused naming {@code place}. */
    public static QuantileRule fromR(String place, String name) {
        for (QuantileRule r : values()) if (r.rName().equals(name)) return r;
        throw Arguments.refused(place, "unknown quantile rule '" + name + "'; expected one of math, school,"
                + " shahvaish, hf1 ... hf9");
    }

    /** R's name of the rule. */
    public String rName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The quantile at {@code p} of the values {@code x} with weights {@code w} (rows with weight 0 ignored; the
     * values of the others must not be missing).
     */
    public double quantile(double[] x, double[] w, double p) {
        return quantile(Sorted.of(x, w), p);
    }

    /** The quantile at {@code p} of values already sorted by {@link Sorted#of}. */
    double quantile(Sorted s, double p) {
        if (s.x.length == 0) return Double.NaN;
        return switch (this) {
            case MATH, HF1, SCHOOL, HF2 -> {
                Split sp = s.split(p);
                if (this == MATH || this == HF1) yield sp.wlow == 0 ? s.x[sp.low] : s.x[sp.up];
                yield sp.wlow == 0 ? (s.x[sp.low] + s.x[sp.up]) / 2 : s.x[sp.up];
            }
            default -> sorted(s.x, s.w, p);
        };
    }

    /**
     * The values and weights of the rows of nonzero weight in R's {@code order()} (ascending, ties in their row
     * order), with their cumulative weights once asked for: made once and used for every quantile of the same
     * rows (an estimate and its interval's limits). The order is found by sorting the values as primitives and
     * placing each row in the bucket of its distinct value, in row order, which keeps ties in row order as R's
     * stable order does.
     */
    static final class Sorted {
        final double[] x;
        final double[] w;
        /** The weights' sum in the rows' order, as R's {@code sum(w)}. */
        private final double total;
        private double[] cumulative;
        /** Whether every weight is positive (so the cumulative weights rise), known with them. */
        private boolean rising;

        private Sorted(double[] x, double[] w, double total) {
            this.x = x;
            this.w = w;
            this.total = total;
        }

        static Sorted of(double[] x, double[] w) {
            return of(x, w, null, 0, x.length);
        }

        /**
         * The rows {@code rows[from..to-1]} (in that order; null: rows {@code from..to-1}) of the values {@code x}
         * with weights {@code w}, as {@link #of(double[], double[])} of those rows alone.
         */
        static Sorted of(double[] x, double[] w, int[] rows, int from, int to) {
            int m = 0;
            for (int r = from; r < to; r++) if (w[rows == null ? r : rows[r]] != 0) m++;
            int[] bucket = new int[m];
            int u = wholeNumberBuckets(x, w, rows, from, to, bucket);
            if (u < 0) {
                double[] xs = new double[m];
                int k = 0;
                for (int r = from; r < to; r++) {
                    int i = rows == null ? r : rows[r];
                    if (w[i] != 0) xs[k++] = x[i];
                }
                double[] sorted = xs.clone();
                Arrays.sort(sorted); // the same order as Double.compare
                // the distinct values, each a bucket
                u = 0;
                for (int i = 0; i < m; i++) if (i == 0 || Double.compare(sorted[i], sorted[i - 1]) != 0) sorted[u++] = sorted[i];
                double[] distinct = Arrays.copyOf(sorted, u);
                for (int i = 0; i < m; i++) bucket[i] = Arrays.binarySearch(distinct, xs[i]);
            }
            int[] start = new int[u + 1];
            for (int i = 0; i < m; i++) start[bucket[i] + 1]++;
            for (int b = 0; b < u; b++) start[b + 1] += start[b];
            double[] sx = new double[m];
            double[] sw = new double[m];
            // R's qs() divides by sum(w), the weights added in their row order (in extended precision), not by the
            // last cumulative weight
            ExtendedSum total = new ExtendedSum();
            int k = 0;
            for (int r = from; r < to; r++) {
                int i = rows == null ? r : rows[r];
                if (w[i] == 0) continue;
                int at = start[bucket[k]]++;
                sx[at] = x[i];
                sw[at] = w[i];
                total.add(w[i]);
                k++;
            }
            return new Sorted(sx, sw, total.value());
        }

        /**
         * Whole numbers in a short range (answers on a scale, counts, codes) are their own buckets, in order:
         * fills {@code bucket} with {@code x - min} and returns the number of buckets, or -1 for other values
         * (then they are sorted). Zero and minus zero, equal as values, share a bucket only where no row has
         * minus zero.
         */
        private static int wholeNumberBuckets(double[] x, double[] w, int[] rows, int from, int to, int[] bucket) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = from; r < to; r++) {
                int i = rows == null ? r : rows[r];
                if (w[i] == 0) continue;
                double v = x[i];
                if ((double) (long) v != v || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) return -1; // -0.0 sorts apart
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (bucket.length == 0 || max - min >= 1 << 16) return -1;
            int k = 0;
            for (int r = from; r < to; r++) {
                int i = rows == null ? r : rows[r];
                if (w[i] != 0) bucket[k++] = (int) (x[i] - min);
            }
            return (int) (max - min) + 1;
        }

        /**
         * The weights' sum in the rows' order, in R's extended precision: R's {@code sum(w)} in the rule, and as
         * well {@code svymean}'s sum of the weights of the same rows (the rows of weight zero add nothing).
         */
        double total() {
            return total;
        }

        double[] cumulative() {
            if (cumulative == null) {
                cumulative = QuantileRule.cumulative(w);
                boolean positive = true;
                for (double wi : w) positive &= wi > 0;
                rising = positive;
            }
            return cumulative;
        }

        /** {@link QuantileRule#split} on these rows: by bisection where every weight is positive. */
        Split split(double p) {
            double[] cumw = cumulative();
            if (!rising) return QuantileRule.split(cumw, total, p);
            int n = cumw.length;
            double limit = p * total;
            // positive weights: the cumulative weights rise, so the last position at most the limit is found by
            // bisection, the position the search from the end finds
            int lo = 0;
            int hi = n; // cumw[hi..] > limit
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumw[mid] <= limit) lo = mid + 1;
                else hi = mid;
            }
            return QuantileRule.splitAt(cumw, total, lo - 1, p);
        }
    }

    /** The rule on values already sorted ascending, every weight nonzero. */
    double sorted(double[] x, double[] w, double p) {
        int n = x.length;
        switch (this) {
            case MATH, HF1 -> {
                Split s = split(x, w, p);
                return s.wlow == 0 ? x[s.low] : x[s.up];
            }
            case SCHOOL, HF2 -> {
                Split s = split(x, w, p);
                return s.wlow == 0 ? (x[s.low] + x[s.up]) / 2 : x[s.up];
            }
            case HF3 -> {
                // weights summed over distinct values (R's rowsum), then the split
                double[] ux = new double[n];
                double[] uw = new double[n];
                int u = -1;
                for (int i = 0; i < n; i++) {
                    if (u < 0 || x[i] != ux[u]) {
                        u++;
                        ux[u] = x[i];
                    }
                    uw[u] += w[i];
                }
                ux = Arrays.copyOf(ux, u + 1);
                uw = Arrays.copyOf(uw, u + 1);
                Split s = split(ux, uw, p);
                // R's ilow is 1-based: an even position there is an odd index here
                return s.wlow == 0 && (s.low + 1) % 2 == 0 ? ux[s.low] : ux[s.up];
            }
            case HF4 -> {
                Split s = split(x, w, p);
                double gamma = s.wlow / (s.wup + s.wlow);
                return x[s.low] * (1 - gamma) + x[s.up] * gamma;
            }
            default -> {
                double[] cumw = cumulative(w);
                double total = cumw[n - 1];
                double[] pk = new double[n];
                boolean step = false;
                for (int i = 0; i < n; i++) {
                    double before = i == 0 ? 0 : cumw[i - 1];
                    pk[i] = switch (this) {
                        case HF5 -> (cumw[i] - w[i] / 2) / total;
                        case HF6 -> cumw[i] / (total + w[n - 1]);
                        case HF7 -> before / (n >= 2 ? cumw[n - 2] : Double.NaN);
                        case HF8 -> (before / 3 + cumw[i] * 2 / 3) / (total + w[n - 1] / 3);
                        case HF9 -> (before * 3 / 8 + cumw[i] * 5 / 8) / (total + w[n - 1] / 4);
                        default -> Double.NaN; // Shah–Vaish below
                    };
                }
                if (this == SHAHVAISH) {
                    step = true;
                    double mean = 0;
                    for (double wi : w) mean += wi;
                    mean /= n;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += w[i] / mean;
                        pk[i] = (s + 0.5 - w[i] / 2) / (n + 1);
                    }
                }
                return Approx.at(pk, x, p, step);
            }
        }
    }

    /**
     * Cumulative sums as R's {@code cumsum}, which accumulates in extended precision ({@link ExtendedSum}), rounded
     * to double at each step.
     */
    static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        ExtendedSum s = new ExtendedSum();
        for (int i = 0; i < w.length; i++) {
            s.add(w[i]);
            c[i] = s.value();
        }
        return c;
    }

    /** R's {@code qs}: the last position whose cumulative share is at most p, the next one, and the gaps. */
    private record Split(int low, int up, double wlow, double wup) {}

    private static Split split(double[] x, double[] w, double p) {
        double[] cumw = cumulative(w);
        return split(cumw, cumw[cumw.length - 1], p);
    }

    private static Split split(double[] cumw, double total, double p) {
        int n = cumw.length;
        // the last position whose cumulative weight is at most p * total, searched from the end
        int pos = n - 1;
        while (pos >= 0 && !(cumw[pos] <= p * total)) pos--;
        return splitAt(cumw, total, pos, p);
    }

    /** The split at {@code pos}, the last position whose cumulative weight is at most {@code p} times the total. */
    private static Split splitAt(double[] cumw, double total, int pos, double p) {
        int n = cumw.length;
        if (pos < 0) pos = 0; // R's last() of no TRUE is the first position
        int next = pos == n - 1 ? pos : pos + 1;
        return new Split(pos, next, p - cumw[pos] / total, cumw[next] / total - p);
    }

    /** R's {@code approx(x, y, v, rule = 2, ties = mean)}, linear or constant with {@code f = 0}. */
    static final class Approx {
        private Approx() {}

        static double at(double[] x, double[] y, double v, boolean constant) {
            if (!constant && Arrays.stream(x).distinct().count() == 1) {
                throw Arguments.refused("quantile", "a linear quantile rule needs at least two rows of nonzero"
                        + " weight (R: need at least two non-NA values to interpolate)");
            }
            return Splines.approx(x, y, v, constant, true);
        }
    }
}
