package org.barometer.stats.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link GlibcExp} against R's {@code exp} (R 4.2.2 on Debian 12, glibc 2.36), bit for bit: arguments where Java's
 * {@code Math.exp} rounds the other way, from each range of glibc's method (ordinary, tiny, near overflow, near
 * and inside the subnormal range), the last the linear predictor of a logistic fit that separates (differential
 * seed 12, case 80). R printed each with {@code sprintf("%a", exp(x))}.
 */
class GlibcExpTest {

    private static final double[][] R_EXP = {
            {0x1.594736c1d4715p+9, 0x1.330793ea2244bp+996},
            {-0x1.42d60350a311fp+9, 0x1.6818d7dafc825p-932},
            {0x1.e8af5b589bc2p+1, 0x1.6c0cf76b2f3f3p+5},
            {0x1.9b341063ccp+2, 0x1.348e8299e3841p+9},
            {0x1.61c5aeb29cc1fp+9, 0x1.b4c9a2af56867p+1020},
            {-0x1.97e585a27012cp+2, 0x1.bf50e7164cac7p-10},
            {0x1.0039269f2bb6dp+9, 0x1.3c0cf08423d5dp+739},
            {-0x1.46e32c9030642p+9, 0x1.be722c6e171cdp-944},
            {-0x1.1b74bda464fb8p+9, 0x1.15f9c7e5665f1p-818},
            {-0x1.201a33f03c866p-11, 0x1.ffb7fe83b3009p-1},
            {-0x1.6262902e4ca22p+9, 0x0.b030ffd84d0a2p-1022},
            {-0x1.dbe08d74396c5p-11, 0x1.ff8915adfd388p-1},
            {-0x1.50912cd8734a2p-11, 0x1.ffabe29e5e921p-1},
            {0x1.a881c8ced4a4ap-2, 0x1.8381e72f0baefp+0},
    };

    @Test
    void givesTheCLibrarysExponentialToTheLastBit() {
        for (double[] c : R_EXP) {
            assertThat(GlibcExp.exp(c[0])).as("exp(%s)", Double.toHexString(c[0])).isEqualTo(c[1]);
        }
    }

    @Test
    void theEdgesAreTheLibrarys() {
        assertThat(GlibcExp.exp(0.0)).isEqualTo(1.0);
        assertThat(GlibcExp.exp(-0.0)).isEqualTo(1.0);
        assertThat(GlibcExp.exp(1e-300)).isEqualTo(1.0);
        assertThat(GlibcExp.exp(1000)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GlibcExp.exp(-1000)).isEqualTo(0.0);
        assertThat(GlibcExp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GlibcExp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(GlibcExp.exp(Double.NaN)).isNaN();
        assertThat(GlibcExp.exp(1.0)).isEqualTo(Math.E);
    }
}
