package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barometer.stats.SurveyInputException;
import org.junit.jupiter.api.Test;

/**
 * R's {@code solve} refuses a matrix whose reciprocal condition number, as LAPACK's {@code dgecon} estimates it,
 * is below the machine epsilon. The numbers are R 4.2's ({@code rcond(D)}, the message of {@code solve(A, b)}),
 * with the reference LAPACK 3.11.
 */
class LinearConditionTest {
    @Test
    void theConditionIsEstimatedAsLapackDoesNotComputedExactly() {
        // set.seed(3); the fourth random 4x4 matrix where the estimate differs from the exact value, rounded:
        // rcond(D) = 0.082545631413686246, 1 / (norm(D, "O") * norm(solve(D), "O")) = 0.068862045939438593
        double[][] d = {{-0.456, 0.267, -1.035, 0.574}, {-0.899, -1.737, 1.362, 0.918}, {0.727, -1.411, 0.917, 0.256},
            {-0.809, -0.454, -0.785, 0.352}};
        double rcond = Linear.Lu.of(d, "D").reciprocalCondition();
        assertThat(Math.abs(rcond - 0.082545631413686246)).isLessThan(1e-15);
        assertThat(Math.abs(rcond - 0.068862045939438593)).isGreaterThan(1e-3);
    }

    @Test
    void aMatrixSingularUpToRoundingIsRefusedWithRsNumber() {
        // solve(matrix(1:9, 3, byrow = TRUE), c(1, 2, 3)): "system is computationally singular: reciprocal
        // condition number = 1.54198e-18"
        double[][] a = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        assertThatThrownBy(() -> Linear.solve(a, new double[] {1, 2, 3}, "A")).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("reciprocal condition number = 1.54198e-18");
    }
}
