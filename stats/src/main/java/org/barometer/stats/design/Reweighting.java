package org.barometer.stats.design;

/**
 * New weights for a design (calibration, trimming), computed as each kind of design needs them: a Taylor design
 * takes new weights together with the step its variance must then apply; a replicate design takes new
 * full-sample weights and new weights for every replicate, and needs no step since its replicates carry the
 * calibration. The design chooses which of the two it asks for ({@link SampleDesign#reweighted}).
 *
 * @param <R> what the computation reports besides the weights (iterations, misfit, ...)
 */
public interface Reweighting<R> {
    /** The new weights of a Taylor design from its current weights. */
    Sample<R> sample(double[] weights);

    /** The new full-sample and replicate weights of a replicate design from its current ones. */
    Replicates<R> replicates(double[] weights, double[][] replicateWeights);

    /**
     * Whether a replicate design's degrees of freedom are counted again on the new weights: R's
     * {@code postStratify} and {@code rake} recompute {@code degf}, {@code calibrate} and {@code trimWeights}
     * keep the one counted when the replicate weights were made.
     */
    default boolean recountsDegreesOfFreedom() {
        return true;
    }

    /** New weights for a Taylor design, the variance step that goes with them, and the report. */
    record Sample<R>(double[] weights, CalibrationStep step, R report) {}

    /** New full-sample and replicate weights ({@code replicateWeights[r][i]}), and the report. */
    record Replicates<R>(double[] weights, double[][] replicateWeights, R report) {}

    /**
     * A reweighted design and the report of the computation.
     *
     * @param <D> the design type, the same as before reweighting
     */
    record Reweighted<D extends SampleDesign, R>(D design, R report) {}
}
