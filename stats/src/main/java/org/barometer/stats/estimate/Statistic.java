package org.barometer.stats.estimate;

import java.util.List;
import org.barometer.stats.design.WeightedEstimator;

/**
 * An estimator, written once for both variance routes (DESIGN.md principle 1): a
 * {@link WeightedEstimator} (estimates for any weights, weighted influence values) whose estimates have names.
 * The design it runs on chooses how the variance is obtained.
 */
public interface Statistic extends WeightedEstimator {
    /** Names of the estimates, e.g. {@code api00} or {@code stypeE, stypeH, stypeM} (R's naming). */
    List<String> names();

    /** Number of estimates. */
    @Override
    default int dimension() {
        return names().size();
    }

    /** Whether any of the first {@code rows} rows is missing (lets callers skip the per-row flags). */
    default boolean anyMissing(int rows) {
        for (int i = 0; i < rows; i++) if (isMissing(i)) return true;
        return false;
    }
}
