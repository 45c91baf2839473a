package org.barometer.stats.design;

import org.barometer.stats.data.DataTable;

/**
 * What every design offers to the estimators: the data, one weight per row and the degrees of freedom. The two
 * kinds are {@link Design} (Taylor linearisation) and {@link ReplicateDesign} (replicate weights); the estimation
 * entry point chooses the variance route by kind.
 */
public sealed interface SampleDesign permits Design, ReplicateDesign {
    /** The data. */
    DataTable table();

    /** Number of rows. */
    int rowCount();

    /** The (full-sample) weight of a row. */
    double weight(int row);

    /** A copy of the full-sample weights. */
    double[] weights();

    /**
     * The full-sample weights without copying, for single passes inside the engine over large samples. The
     * array is the design's own: callers must never modify it.
     */
    double[] weightsReadOnly();

    /** Design degrees of freedom (R's {@code degf}). */
    int degreesOfFreedom();

    /**
     * Degrees of freedom of the subset design of the rows in {@code rows} (null: all rows), as R's {@code degf}
     * of {@code subset(design, ...)}: the default for intervals in a domain.
     */
    int degreesOfFreedom(boolean[] rows);
}
