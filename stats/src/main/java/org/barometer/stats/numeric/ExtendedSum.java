package org.barometer.stats.numeric;

/**
 * A running sum as R keeps it on x86-64: in the C compiler's {@code long double}, the x87 extended format with a
 * 64-bit significand, each addition rounded to nearest (ties to even), the result rounded to a double when it is
 * read. R's {@code sum}, {@code cumsum} and {@code colSums} add this way, and where a quantile rule compares a
 * cumulative weight with a share of the total (a share at or below an estimate that has no variance, say), the
 * last bit of those sums decides which value the rule takes. An exact sum rounded once, or Java's doubles, would
 * answer differently from R there.
 *
 * <p>The significand is kept as an unsigned 64-bit integer and the exponent apart, and each addition rounds the
 * exact sum once, as the x87 unit does. Only terms that are not negative are added that way (weights, shares of
 * weights: what the quantile rules add); from the first negative or non-finite term on, the sum goes on as a
 * compensated sum (the running double and its rounding error), close to the exact sum and no longer R's to the
 * bit. Results in the subnormal range are not R's either (no sum of weights comes near them).
 */
public final class ExtendedSum {
    private static final long HALF = Long.MIN_VALUE; // 2^63 as an unsigned 64-bit fraction

    /** The significand, unsigned, its top bit set (0 for a sum of 0). */
    private long significand;
    /** The value is {@code significand × 2^exponent}. */
    private int exponent;
    /** After a term the extended sum cannot take: the compensated sum, {@code sum + error}. */
    private boolean compensated;
    private double sum;
    private double error;

    /** A sum of nothing (0). */
    public ExtendedSum() {}

    /** Adds {@code x}. */
    public void add(double x) {
        // the usual case, without branches on the bits: a positive normal term below the sum, less than 64 binary
        // places down, whose addition does not reach the next power of two
        long bits = Double.doubleToRawLongBits(x);
        int biased = (int) (bits >>> 52); // the sign bit makes it 2048 or more for a negative term
        if (!compensated && significand != 0 && biased > 0 && biased < 2047) {
            long b = ((bits & 0xFFFFFFFFFFFFFL) | 1L << 52) << 11;
            int d = exponent - (biased - 1086);
            if (d > 0 && d < 64) {
                long a = significand;
                long total = a + (b >>> d);
                if (Long.compareUnsigned(total, a) >= 0) {
                    long fraction = b << (64 - d);
                    // round to nearest: up above half, and at half to the even neighbour
                    long up = (fraction >>> 63) & ((fraction << 1) != 0 | (total & 1) != 0 ? 1L : 0L);
                    total += up;
                    if (total != 0) {
                        significand = total;
                        return;
                    }
                }
            }
        }
        addAnyTerm(x);
    }

    private void addAnyTerm(double x) {
        if (compensated) {
            addCompensated(x);
            return;
        }
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
            // negative, NaN or infinite: continue from the exact value as a compensated sum
            sum = value();
            error = residual();
            compensated = true;
            addCompensated(x);
            return;
        }
        if (x == 0) return;
        long bits = Double.doubleToRawLongBits(x);
        int biased = (int) (bits >>> 52);
        long m = bits & 0xFFFFFFFFFFFFFL;
        int e;
        if (biased == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = biased - 1075;
        }
        int shift = Long.numberOfLeadingZeros(m);
        m <<= shift;
        e -= shift;
        if (significand == 0) {
            significand = m;
            exponent = e;
            return;
        }
        // the larger exponent first: both significands have their top bit set, so that one is the larger number
        long a = significand;
        int ea = exponent;
        long b = m;
        int eb = e;
        if (eb > ea) {
            a = m;
            ea = e;
            b = significand;
            eb = exponent;
        }
        int d = ea - eb;
        // b in units of a's last place: its integer part, the next 64 bits of its fraction, and whether any bit
        // lies beyond those
        long whole;
        long fraction;
        boolean beyond;
        if (d == 0) {
            whole = b;
            fraction = 0;
            beyond = false;
        } else if (d < 64) {
            whole = b >>> d;
            fraction = b << (64 - d);
            beyond = false;
        } else if (d < 128) {
            whole = 0;
            fraction = b >>> (d - 64);
            beyond = d > 64 && b << (128 - d) != 0;
        } else {
            whole = 0;
            fraction = 0;
            beyond = true;
        }
        long total = a + whole;
        boolean carry = Long.compareUnsigned(total, a) < 0;
        if (!carry) {
            boolean up = Long.compareUnsigned(fraction, HALF) > 0
                    || fraction == HALF && (beyond || (total & 1) == 1);
            set(total, ea, up);
        } else {
            // 2^64 + total units: the last place doubles, and the bit that drops joins the fraction
            long dropped = total & 1;
            long kept = HALF | (total >>> 1);
            boolean up = dropped == 1 && (fraction != 0 || beyond || (kept & 1) == 1);
            set(kept, ea + 1, up);
        }
    }

    /** Takes {@code s × 2^e}, one unit of the last place more where {@code up}. */
    private void set(long s, int e, boolean up) {
        if (up) {
            s++;
            if (s == 0) { // 2^64: one more binary place
                s = HALF;
                e++;
            }
        }
        significand = s;
        exponent = e;
    }

    private void addCompensated(double x) {
        double t = sum + x;
        error += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    /** The sum rounded to a double, as R's {@code (double)} of its {@code long double}. */
    public double value() {
        if (compensated) return sum + error;
        if (significand == 0) return 0;
        long top = (significand >>> 11) + roundsUp();
        return Math.scalb((double) top, exponent + 11); // top <= 2^53: exact as a double
    }

    /** The extended value minus {@link #value()}, exactly (it has at most 12 significant bits). */
    private double residual() {
        if (significand == 0) return 0;
        long low = significand & 0x7FF;
        return Math.scalb((double) (low - (roundsUp() << 11)), exponent);
    }

    /**
     * 1 where the significand rounded to a double's 53 bits goes up (to nearest, ties to even), else 0: without a
     * branch on the bits.
     */
    private long roundsUp() {
        long low = significand & 0x7FF;
        return (low >>> 10) & ((low & 0x3FF) != 0 | (significand & 0x800) != 0 ? 1L : 0L);
    }

    /** Whether every term so far was added as R adds it (none was negative or not finite). */
    public boolean isExtended() {
        return !compensated;
    }
}
