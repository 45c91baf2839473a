package org.barometer.app.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What weighting starts from: every sampled unit (respondent or not) with its stratum, the frame's size
 * of each stratum, and the calibration margins with their frame totals.
 *
 * @param stratum           per sampled unit, its stratum (an index into {@code stratumPopulation})
 * @param responded         per sampled unit, whether it answered
 * @param stratumPopulation per stratum, the number of units in the frame (N_h)
 * @param nonresponseGroup  per stratum, its non-response adjustment group (by default the stratum itself)
 * @param margins           the calibration margins (may be empty: no calibration)
 */
public record WeightingInput(int[] stratum, boolean[] responded, long[] stratumPopulation,
                             int[] nonresponseGroup, List<Margin> margins) {

    public WeightingInput {
        Objects.requireNonNull(stratum);
        Objects.requireNonNull(responded);
        if (stratum.length != responded.length) {
            throw new IllegalArgumentException("stratum and responded differ in length");
        }
        margins = List.copyOf(margins);
    }

    /**
     * One calibration margin, e.g. government level × area, or size group.
     *
     * @param name     the margin's name, used in messages
     * @param category per sampled unit, its category on this margin
     * @param labels   the categories' names
     * @param totals   per category, the frame's count
     */
    public record Margin(String name, int[] category, List<String> labels, double[] totals) {
        public Margin {
            labels = List.copyOf(labels);
            if (labels.size() != totals.length) {
                throw new IllegalArgumentException("margin " + name + ": " + labels.size() + " labels but "
                        + totals.length + " totals");
            }
        }
    }
}
