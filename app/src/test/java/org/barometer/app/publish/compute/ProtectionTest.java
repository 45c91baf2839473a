package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.analysis.Share;
import org.barometer.app.demo.DemoSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protection of published numbers: counts, shares and keys, on the demo's publication. */
class ProtectionTest {
    static Publication demo;

    @BeforeAll
    static void publish() throws Exception {
        demo = DemoSimulation.standard();
    }

    @Test
    void countsAreZeroOrPerturbedByAtMostThreeAndNeverBelowTheMinimum() {
        assertThat(Protection.count(0, 0.5, 5)).isZero();
        for (long n = 1; n <= 10; n++) {
            for (double key = 0; key < 1; key += 0.01) {
                assertThat(Protection.count(n, key, 5)).isBetween(Math.max(5, n - 3), Math.max(5, n + 3));
            }
        }
        int[] seen = new int[7];
        int steps = 100_000;
        for (int i = 0; i < steps; i++) {
            long published = Protection.count(100, (i + 0.5) / steps, 5);
            assertThat(published).isBetween(97L, 103L);
            seen[(int) (published - 97)]++;
        }
        // the key is uniform, so each noise comes up as often as the perturbation table says
        for (int d = 0; d < 7; d++) {
            assertThat(seen[d] / (double) steps).isCloseTo(Protection.COUNT_NOISE_CHANCES[d], org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void everyPublishedShareOfTheDemoStaysInsideItsOwnExactInterval() {
        int cells = 0;
        int moved = 0;
        double sumShift = 0;
        double maxShift = 0;
        double sumHalfWidth = 0;
        for (int f = 0; f < demo.figures().size(); f++) {
            FigureResult exact = demo.figures().get(f);
            FigureResult published = demo.published().get(f);
            assertThat(published.spec().id()).isEqualTo(exact.spec().id());
            assertThat(published.n()).isBetween(exact.n() - 3, exact.n() + 3);
            for (int c = 0; c < exact.cells().size(); c++) {
                FigureResult.Cell e = exact.cells().get(c);
                FigureResult.Cell p = published.cells().get(c);
                assertThat(p.suppressed()).isEqualTo(e.suppressed());
                if (e.suppressed()) {
                    continue;
                }
                cells++;
                assertThat(p.count()).as("a cell's own count is not published").isNull();
                assertThat(p.estimate()).as(exact.spec().id() + " " + e.series() + "/" + e.item())
                        .isBetween(e.low() - 1e-12, e.high() + 1e-12);
                double shift = Math.abs(p.estimate() - e.estimate());
                if (shift > 1e-4) {
                    moved++;
                }
                sumShift += shift;
                maxShift = Math.max(maxShift, shift);
                sumHalfWidth += (e.high() - e.low()) / 2;
            }
        }
        assertThat(cells).isGreaterThan(50);
        assertThat(moved).as("most shares are moved").isGreaterThan(cells / 2);
        // the effect on precision, as docs/confidentiality.md reports it
        System.out.printf(java.util.Locale.ROOT, "protection of the demo's %d shown shares: mean shift %.2f points, "
                + "largest %.2f, mean half-width of the exact 95 %% interval %.2f points%n", cells,
                100 * sumShift / cells, 100 * maxShift, 100 * sumHalfWidth / cells);
    }

    @Test
    void aShareIsShiftedByAtMostOneStandardErrorAndKeepsItsIntervalWidth() {
        Share exact = new Share(0.40, 0.05, 0.31, 0.50, 100, 40);
        for (double key = 0.001; key < 1; key += 0.01) {
            Share p = Protection.share(exact, key, 100);
            assertThat(Math.abs(p.estimate() - exact.estimate())).isLessThanOrEqualTo(exact.se() + 1e-4);
            assertThat(p.high() - p.low()).isCloseTo(exact.high() - exact.low(), org.assertj.core.data.Offset.offset(2e-4));
            assertThat(p.se()).isNaN();
            assertThat(p.count()).isEqualTo(-1);
        }
        assertThat(Protection.share(exact, 0.5, 100).estimate()).isEqualTo(0.40);
    }

    @Test
    void theSameRespondentsHaveTheSameKeyAndOneMoreRespondentAnotherOne() {
        CellKeys keys = demo.keys();
        boolean[] a = new boolean[keys.size()];
        for (int r = 0; r < a.length; r += 3) {
            a[r] = true;
        }
        boolean[] same = a.clone();
        assertThat(keys.key(same)).isEqualTo(keys.key(a));
        boolean[] oneMore = a.clone();
        oneMore[1] = true;
        assertThat(keys.key(oneMore)).isNotEqualTo(keys.key(a));
        // keys of sets differing by one respondent are spread over [0, 1): no pattern to average over
        List<Double> differences = new ArrayList<>();
        for (int r = 1; r < 400; r += 3) {
            boolean[] b = a.clone();
            b[r] = true;
            differences.add(keys.key(b));
        }
        assertThat(differences.stream().filter(k -> k < 0.5).count()).isBetween(40L, 93L);
    }

    @Test
    void recordKeysDependOnTheSecret() {
        long[] ids = {1, 2, 3, 4, 5};
        boolean[] all = {true, true, true, true, true};
        double one = CellKeys.of("one".getBytes(), ids).key(all);
        double other = CellKeys.of("other".getBytes(), ids).key(all);
        assertThat(one).isNotEqualTo(other);
        assertThat(CellKeys.of("one".getBytes(), ids).key(all)).isEqualTo(one);
    }
}
