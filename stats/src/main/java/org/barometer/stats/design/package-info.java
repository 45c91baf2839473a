/**
 * Sample designs and the variance engines.
 *
 * <ul>
 *   <li>{@link org.barometer.stats.design.Design}: strata, multi-stage clusters, fpc, weights, lonely-PSU rule,
 *       calibration steps (R's {@code svydesign}); immutable.</li>
 *   <li>{@link org.barometer.stats.design.TaylorVariance}: the single Taylor-linearisation routine (R's
 *       {@code svyrecvar}); calibration enters through {@link org.barometer.stats.design.CalibrationStep}.</li>
 *   <li>{@link org.barometer.stats.design.ReplicateDesign}: replicate weights (JK1, JKn, BRR and Fay with R's
 *       Hadamard matrices for any number of strata, the bootstrap kinds drawn with a seed), made from a design or
 *       supplied; calibrated through
 *       {@link org.barometer.stats.design.ReplicateDesign#withWeights}.</li>
 * </ul>
 */
package org.barometer.stats.design;
