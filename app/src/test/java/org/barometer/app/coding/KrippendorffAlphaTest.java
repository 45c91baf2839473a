package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Krippendorff's alpha (nominal) against the worked examples of Krippendorff, K. (2011), "Computing Krippendorff's
 * Alpha-Reliability", Annenberg School for Communication, University of Pennsylvania (Departmental Papers 43). Each
 * example is checked against the paper's rounded value and the exact fraction its coincidence matrix gives.
 */
class KrippendorffAlphaTest {

    /** One coder's row of reliability data: the i-th code is for answer "u" + (i + 1); {@code null} is missing. */
    static SingleCoding row(String coder, String... codes) {
        Map<String, String> byAnswer = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] != null) {
                byAnswer.put("u" + (i + 1), codes[i]);
            }
        }
        return new SingleCoding(coder, byAnswer);
    }

    /**
     * Example A of the paper: binary data, two observers, no missing data, 10 units. The coincidence matrix has
     * o₀₀ = 10, o₀₁ = o₁₀ = 4, o₁₁ = 2, so n₀ = 14, n₁ = 6, n = 20 and α = 1 − (n − 1)·o₀₁ / (n₀·n₁) = 1 − 76/84
     * = 0.095.
     */
    @Test
    void binaryDataOfTwoObservers() {
        CodingFrame frame = CodingFrame.of("0", "1");
        SingleCoding a = row("A", "0", "1", "0", "0", "0", "0", "0", "0", "1", "0");
        SingleCoding b = row("B", "1", "1", "1", "0", "0", "1", "0", "0", "0", "0");

        Alpha alpha = Agreement.krippendorffAlpha(new CodingTable(frame, List.of(a, b)));

        assertThat(alpha.alpha()).isCloseTo(1 - 76.0 / 84, within(1e-12));
        assertThat(Math.round(alpha.alpha() * 1000) / 1000.0).isEqualTo(0.095);
        assertThat(alpha.pairableAnswers()).isEqualTo(10);
        assertThat(alpha.pairableValues()).isEqualTo(20);
        assertThat(alpha.observedDisagreement()).isCloseTo(8.0 / 20, within(1e-12));
        // the same data as a pair gives the same alpha
        assertThat(Agreement.krippendorffAlpha(new SingleCodePair(frame, a, b).table()).alpha())
                .isEqualTo(alpha.alpha());
    }

    /**
     * Example B of the paper: nominal data, two observers, no missing data, 12 units coded a–e. Three units differ,
     * n = 24 with n_a = 4, n_b = n_c = n_d = 6, n_e = 2, so α = 1 − (n − 1)·6 / (n² − Σ n_c²) = 1 − 138/448 = 0.692.
     */
    @Test
    void nominalDataOfTwoObservers() {
        CodingFrame frame = CodingFrame.of("a", "b", "c", "d", "e");
        SingleCoding a = row("A", "a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a");
        SingleCoding b = row("B", "b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d");

        Alpha alpha = Agreement.krippendorffAlpha(new CodingTable(frame, List.of(a, b)));

        assertThat(alpha.alpha()).isCloseTo(1 - 138.0 / 448, within(1e-12));
        assertThat(Math.round(alpha.alpha() * 1000) / 1000.0).isEqualTo(0.692);
    }

    /**
     * Example C of the paper: nominal data, four observers, 12 units, missing data. Unit 12 has a single value and
     * is not pairable, so n = 40 values in 11 units; the observed disagreement is 8/40 and the expected 1216/(39·40),
     * so α = 113/152 = 0.743.
     */
    @Test
    void nominalDataOfFourObserversWithMissingValues() {
        CodingFrame frame = CodingFrame.of("1", "2", "3", "4", "5");
        List<SingleCoding> observers = List.of(
                row("A", "1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null),
                row("B", "1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"),
                row("C", null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null),
                row("D", "1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null));

        Alpha alpha = Agreement.krippendorffAlpha(new CodingTable(frame, observers));

        assertThat(alpha.alpha()).isCloseTo(113.0 / 152, within(1e-12));
        assertThat(Math.round(alpha.alpha() * 1000) / 1000.0).isEqualTo(0.743);
        assertThat(alpha.pairableAnswers()).isEqualTo(11);
        assertThat(alpha.pairableValues()).isEqualTo(40);
        assertThat(alpha.observedDisagreement()).isCloseTo(8.0 / 40, within(1e-12));
        assertThat(alpha.expectedDisagreement()).isCloseTo(1216.0 / (39 * 40), within(1e-12));
    }

    /** The order of coders and of answers does not change alpha. */
    @Test
    void orderOfCodersAndAnswersDoesNotMatter() {
        CodingFrame frame = CodingFrame.of("1", "2", "3", "4", "5");
        List<SingleCoding> observers = new ArrayList<>(List.of(
                row("A", "1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null),
                row("B", "1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"),
                row("C", null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null),
                row("D", "1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null)));
        List<SingleCoding> shuffled = new ArrayList<>();
        for (SingleCoding coder : observers.reversed()) {
            Map<String, String> reversed = new LinkedHashMap<>();
            new ArrayList<>(coder.codes().keySet()).reversed().forEach(u -> reversed.put(u, coder.codes().get(u)));
            shuffled.add(new SingleCoding(coder.coder(), reversed));
        }
        assertThat(Agreement.krippendorffAlpha(new CodingTable(frame, shuffled)).alpha())
                .isCloseTo(113.0 / 152, within(1e-12));
    }

    /** Every pairable code the same: no variation, alpha undefined. */
    @Test
    void noVariationLeavesAlphaUndefined() {
        CodingFrame frame = CodingFrame.of("x", "y");
        Alpha alpha = Agreement.krippendorffAlpha(new CodingTable(frame,
                List.of(row("A", "x", "x", "y"), row("B", "x", "x", null))));
        assertThat(alpha.alpha()).isNaN();
        assertThat(alpha.pairableAnswers()).isEqualTo(2);
    }
}
