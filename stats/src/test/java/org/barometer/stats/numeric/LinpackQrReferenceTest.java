package org.barometer.stats.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link LinpackQr} against R 4.2.2's {@code .Call(stats:::C_Cdqrls, x, y, tol, check = FALSE)} on the reference
 * BLAS 3.11 (the R of the differential test), compared bit for bit: the answers are R's printed with
 * {@code sprintf("%a")}. Both matrices are on the edge where last digits decide: one so ill-conditioned that its
 * coefficients are 1e16 (a replicate's first IRLS step of a logistic fit that separates), one with a column
 * aliased to 1e-13 of its norm that {@code dqrdc2} pivots to the end.
 *
 * <p>The second was made in R by
 * <pre>
 * set.seed(3); n &lt;- 7
 * x1 &lt;- rep(1, n); x2 &lt;- round(rnorm(n), 3); x3 &lt;- round(runif(n), 3)
 * x4 &lt;- x2 + 2 * x3 + c(1e-13, -2e-13, 0, 3e-13, 0, -1e-13, 0); x5 &lt;- round(rnorm(n), 3)
 * X &lt;- cbind(x1, x4, x2, x3, x5); y &lt;- round(rnorm(n), 3)
 * fit &lt;- .Call(stats:::C_Cdqrls, X, y, 1e-11, check = FALSE)
 * </pre>
 */
class LinpackQrReferenceTest {

    record Case(int n, double tol, double[] x, double[] y, int rank, int[] pivot, double[] coefficients,
            double[] effects, double[] residuals, double[] qr) {
        double[][] columns() {
            int p = x.length / n;
            double[][] c = new double[p][n];
            for (int j = 0; j < p; j++) System.arraycopy(x, j * n, c[j], 0, n);
            return c;
        }
    }

    /** A logistic refit's weighted least squares (glm.fit's tolerance), rank 6 but coefficients of 1e16. */
    private static final Case ILL_CONDITIONED = new Case(8, Math.min(1e-7, 1e-8 / 1000),
            new double[] {
                0x1.317a6eef536f8p-3, 0x1.81a07800570b4p-3, 0x1.9472e6b030a55p-3, 0x1.f22b595e68bfcp-4,
                0x1.41375c1265174p-28, 0x1.4d82d297c4e0fp-3, 0x1.78a8d0fa5c04p-28, 0x1.6025e86b12764p-16,
                0x0.0p0, 0x0.0p0, 0x0.0p0, 0x0.0p0,
                0x0.0p0, 0x0.0p0, 0x1.78a8d0fa5c04p-28, 0x0.0p0,
                0x0.0p0, 0x0.0p0, 0x0.0p0, 0x0.0p0,
                0x1.41375c1265174p-28, 0x0.0p0, 0x0.0p0, 0x1.6025e86b12764p-16,
                0x0.0p0, 0x1.81a07800570b4p-3, 0x1.9472e6b030a55p-3, 0x0.0p0,
                0x0.0p0, 0x1.4d82d297c4e0fp-3, 0x0.0p0, 0x0.0p0,
                0x1.317a6eef536f8p-3, 0x1.81a07800570b4p-3, 0x1.9472e6b030a55p-3, 0x1.f22b595e68bfcp-4,
                0x0.0p0, 0x1.4d82d297c4e0fp-3, 0x1.78a8d0fa5c04p-28, 0x1.6025e86b12764p-16,
                0x0.0p0, 0x0.0p0, 0x0.0p0, 0x0.0p0,
                0x1.41375c1265174p-28, 0x0.0p0, 0x0.0p0, 0x0.0p0,
            },
            new double[] {
                -0x1.9e73fbf8b96e1p-2, 0x1.901fde578d61ap-2, -0x1.a87f7f21155b7p-2, -0x1.51f12092f9266p-2,
                -0x1.6e1312eb37aa3p-23, 0x1.5a0ca48844093p-2, 0x1.a682571df121fp-23, -0x1.bd1edf9426f4dp-12,
            },
            6, new int[] {0, 1, 2, 3, 4, 5},
            new double[] {
                0x1.cc1af7059e358p+53, 0x1.2479a81b38808p+5, -0x1.38f63aef8c845p+4, 0x1.00be5f63499a9p+1,
                -0x1.cc1af7059e359p+53, -0x1.cc1af7059e361p+53,
            },
            new double[] {
                0x1.286900ffba792p-3, 0x1.ab1842fp-23, -0x1.b48bd36fdp-12, 0x1.0bb89d130e182p-1,
                0x1.39391be04bcp-24, -0x1.e83ee5a2c5cdbp-2, -0x1.05074a1c47f38p-5, -0x1.bcdfb6631f369p-2,
            },
            new double[] {
                0x1.a039653e365f6p-3, 0x1.1adcacf59de92p-3, -0x1.d76ce89453a7p-3, -0x1.fe756f6cb8ba8p-3,
                -0x1.525p-65, 0x1.e944d42eea412p-4, 0x1.dd3f9p-61, -0x1.3adp-57,
            },
            new double[] {
                -0x1.7c6b72c0340dfp-2, 0x1.03810b47a15e6p-1, 0x1.102b907e03c87p-1, 0x1.4f3d108e8d5bbp-2,
                0x1.b051b1fef14d2p-27, 0x1.c0ddcf01818fbp-2, 0x1.faf0694163543p-27, 0x1.d9f3202ee1335p-15,
                -0x1.74efb3181ba78p-54, 0x1.78a8d0fa5c03fp-28, 0x1.808f0de509aebp-28, 0x1.d9ab99618fb4cp-29,
                0x1.316b6096842dap-53, 0x1.3d1c0dd3756a6p-28, -0x1p+0, 0x1.4ed4819f422cfp-41,
                -0x1.45fa3e669028ap-30, -0x1.42c16p-56, 0x1.6025e8f424a01p-16, 0x1.bad88da175b14p-17,
                -0x1.d306f3ae0deacp-13, 0x1.287935ca576c9p-16, 0x1.56cd382cf1dfdp-16, -0x1.ffffff252492bp-1,
                -0x1.1652664196679p-2, -0x1.13921eep-28, -0x1.01a34983d6p-16, 0x1.51242c1bd66f2p-3,
                -0x1.0bccca7def0bcp-13, -0x1.e42a9d9efd899p-2, -0x1.17e9834a38e1ep-1, -0x1.2596888d8d669p-1,
                -0x1.7c6b72c0340dep-2, 0x1.1f15ec8dc285ep-81, -0x1.25005b04a33b3p-40, -0x1.b72793351ac58p-57,
                0x1.41375b8cc3306p-28, 0x1.17a38408a5c02p-28, 0x1.4356138d0755dp-28, -0x1.d3077d89b3588p-13,
                -0x1.0f39f69d2b629p-54, -0x1.0c8ba3bp-80, 0x1.25005afd5557dp-40, -0x1.fffcp-93,
                -0x1.41375b8cc3306p-28, 0x1.0fa83a1cb6e5ep-55, 0x1.7e52c31b22afap-1, -0x1.45f75ad148df3p-3,
            });

    /** A column aliased to 1e-13 (the fourth of five), moved to the end. */
    private static final Case ALIASED = new Case(7, 1e-11,
            new double[] {
                0x1p+0, 0x1p+0, 0x1p+0, 0x1p+0,
                0x1p+0, 0x1p+0, 0x1p+0, 0x1.8c49ba5e3577dp-1,
                0x1.5df3b645a1927p+0, 0x1.ec8b439581062p-2, 0x1.0624dd2f1bf18p-2, 0x1.fd70a3d70a3d7p+0,
                0x1.2e147ae14775dp-1, 0x1.14fdf3b645a1dp-1, -0x1.ec8b439581062p-1, -0x1.2c083126e978dp-2,
                0x1.09374bc6a7efap-2, -0x1.26e978d4fdf3bp+0, 0x1.916872b020c4ap-3, 0x1.eb851eb851eb8p-6,
                0x1.5c28f5c28f5c3p-4, 0x1.bc6a7ef9db22dp-1, 0x1.a8f5c28f5c28fp-1, 0x1.c6a7ef9db22d1p-4,
                0x1.6872b020c49bap-1, 0x1.cb4395810624ep-1, 0x1.1eb851eb851ecp-2, 0x1.d2f1a9fbe76c9p-3,
                -0x1.149ba5e353f7dp+1, -0x1.51eb851eb851fp+0, 0x1.9eb851eb851ecp-1, 0x1.578d4fdf3b646p+0,
                0x1.62d0e56041893p-1, -0x1.4ac083126e979p-2, -0x1.df3b645a1cac1p-4,
            },
            new double[] {
                -0x1.b126e978d4fdfp-2, -0x1.ab851eb851eb8p-1, -0x1.a147ae147ae14p-1, 0x1.96872b020c49cp-1,
                0x1.6c8b439581062p-3, -0x1.3d70a3d70a3d7p-1, -0x1.43126e978d4fep+0,
            },
            4, new int[] {0, 1, 2, 4, 3},
            new double[] {
                -0x1.24443c9905c46p+0, 0x1.25f96c3c99e94p-1, -0x1.18b3a9c0cc1c2p+0, 0x1.ac47ac1723b9fp-2,
                0x0.0p0,
            },
            new double[] {
                0x1.20a1be8e034d6p+0, -0x1.18d3ee3f39418p-3, 0x1.12319ed688aacp+0, -0x1.3404c4219c9eep+0,
                0x1.30b579cf6ad1ap-2, 0x1.2e0ca41bffd6ap-2, -0x1.616ea1a079a33p-2,
            },
            new double[] {
                0x1.f8db91d8f4bep-4, -0x1.fab47d641fac4p-3, -0x1.1964f49760db8p-8, -0x1.24f24855ca9c5p-5,
                0x1.a25ee05ed7b36p-4, 0x1.6750ae7fcca6bp-2, -0x1.27c12f7e9916p-2,
            },
            new double[] {
                -0x1.52a7fa9d2f8eap+1, 0x1.83091e6a7f7e6p-2, 0x1.83091e6a7f7e6p-2, 0x1.83091e6a7f7e6p-2,
                0x1.83091e6a7f7e6p-2, 0x1.83091e6a7f7e6p-2, 0x1.83091e6a7f7e6p-2, -0x1.223a743759295p+1,
                -0x1.7dcf28dd18f41p+0, -0x1.e50c93c823af5p-3, -0x1.8d018312c1db9p-2, 0x1.8cc3e0c78c8ccp-1,
                -0x1.4f5fb6434b5dep-3, -0x1.92a8b98d1aabdp-3, 0x1.637e01f3fe932p-1, -0x1.e93f49698a46ep-2,
                -0x1.51d93c527012cp+0, -0x1.8fb18c459ba29p-2, 0x1.bae92f20a08d9p-3, 0x1.b39f717689b8ep-2,
                0x1.ea4d6efa5de5ep-2, 0x1.a07348a9e34cp-2, 0x1.de3ea5485ff8ep-2, -0x1.cc47abc84bcdap-1,
                -0x1.703ae122a7e36p+1, 0x1.3206beba01a45p-1, -0x1.d835ff7558e63p-4, -0x1.404b2771943e5p-4,
                -0x1.7b19f4b458c8cp+0, -0x1.037f5682b6942p-1, 0x1.51d93c526fd7fp-1, 0x1.d76efe941e7e4p-44,
                0x1.84b4017f0ac7ep-44, -0x1.00c426fd09ff5p-1, 0x1.899d4a1e3f906p-5,
            });

    @Test
    void anIllConditionedFitIsRsToTheLastBit() {
        assertMatchesR(ILL_CONDITIONED);
    }

    @Test
    void anAliasedColumnIsPivotedToTheEndWithCoefficientZeroAsInR() {
        assertMatchesR(ALIASED);
        LinpackQr qr = LinpackQr.of(ALIASED.columns(), ALIASED.tol());
        assertThat(qr.firstLeftOut()).isEqualTo(3);
        assertThat(qr.leastSquares(ALIASED.y()).byColumn()[3]).isZero();
    }

    @Test
    void theRankOfAMatrixWithAnAliasedColumnLeavesItOut() {
        assertThat(LinpackQr.rank(ALIASED.columns(), 1e-11)).isEqualTo(4);
        // with a tolerance below the column's remaining 1e-13 of its norm, it counts
        assertThat(LinpackQr.rank(ALIASED.columns(), 1e-16)).isEqualTo(5);
    }

    private static void assertMatchesR(Case c) {
        double[][] columns = c.columns();
        LinpackQr qr = LinpackQr.of(columns, c.tol());
        assertThat(qr.rank()).isEqualTo(c.rank());
        assertThat(qr.pivot()).containsExactly(c.pivot());
        LinpackQr.LeastSquares ls = qr.leastSquares(c.y());
        assertThat(ls.coefficients()).containsExactly(c.coefficients());
        assertThat(ls.effects()).containsExactly(c.effects());
        assertThat(ls.residuals()).containsExactly(c.residuals());
        assertThat(qr.residuals(c.y())).containsExactly(c.residuals());
        // R's triangle: qr$qr on and above the diagonal, columns in pivoted order
        double[][] r = qr.r();
        int p = columns.length;
        for (int j = 0; j < p; j++) {
            for (int i = 0; i <= j; i++) {
                assertThat(r[i][j]).as("R[%d,%d]", i, j).isEqualTo(c.qr()[j * c.n() + i]);
            }
        }
        // the input is left as it was
        assertThat(columns).isDeepEqualTo(c.columns());
    }
}
