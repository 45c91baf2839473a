package org.barometer.stats.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.RScript;
import org.junit.jupiter.api.Test;

/**
 * {@link ExtendedSum} against R's own extended-precision sums, bit for bit: R's {@code cumsum} at every position and
 * {@code sum} of the whole, on terms where a sum of doubles, or an exact sum rounded once, gives other last bits.
 */
class ExtendedSumTest {

    /** Terms R draws: uniform, reciprocals, one small share repeated (as a stratum's weight share is), a wide range. */
    private static final String TERMS = """
            set.seed(20261202)
            x <- c(runif(700), 1 / (3 + sample(20, 700, TRUE)), rep(16 / 2.3456789e7, 3000),
                   2^runif(600, -60, 60), rep(c(24, 16, 40) / 7.3e6, 1000))
            o('x', x); o('cumsum', cumsum(x)); o('sum', sum(x)); o('sumrev', sum(rev(x)))
            """;

    @Test
    void addsAsRsLongDoubleToTheLastBit() {
        RScript.Output r = RScript.run(TERMS);
        int n = 0;
        while (r.values().containsKey("x[" + (n + 1) + "]")) n++;
        assertThat(n).isEqualTo(8000);
        ExtendedSum s = new ExtendedSum();
        double plain = 0;
        int plainDiffers = 0;
        for (int i = 1; i <= n; i++) {
            double x = r.get("x[" + i + "]");
            s.add(x);
            plain += x;
            assertThat(s.value()).as("cumsum at %d", i).isEqualTo(r.get("cumsum[" + i + "]"));
            if (plain != r.get("cumsum[" + i + "]")) plainDiffers++;
        }
        assertThat(s.isExtended()).isTrue();
        assertThat(s.value()).as("sum").isEqualTo(r.get("sum"));
        ExtendedSum reversed = new ExtendedSum();
        for (int i = n; i >= 1; i--) reversed.add(r.get("x[" + i + "]"));
        assertThat(reversed.value()).as("sum in the other order").isEqualTo(r.get("sumrev"));
        // the terms are such that a sum of doubles does not give R's sums
        assertThat(plainDiffers).isGreaterThan(1000);
    }

    @Test
    void goesOnCloseToTheExactSumAfterANegativeTerm() {
        ExtendedSum s = new ExtendedSum();
        s.add(0.1);
        s.add(0.2);
        assertThat(s.isExtended()).isTrue();
        s.add(-0.3);
        assertThat(s.isExtended()).isFalse();
        // the three doubles add up to exactly 2^-55, which the compensated sum keeps (doubles alone give 2^-54)
        assertThat(s.value()).isEqualTo(0x1p-55);
        assertThat(0.1 + 0.2 - 0.3).isEqualTo(0x1p-54);
        ExtendedSum empty = new ExtendedSum();
        assertThat(empty.value()).isZero();
        empty.add(0);
        assertThat(empty.value()).isZero();
    }
}
