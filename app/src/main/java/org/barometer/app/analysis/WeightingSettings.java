package org.barometer.app.analysis;

import java.util.List;
import java.util.Locale;
import org.barometer.app.frame.FrameSchema;

/**
 * How an edition is weighted, as its {@code edition.json} declares it: the method, trimming and smallest group
 * ({@link WeightingOptions}), which frame variables make the non-response adjustment groups, and which frame
 * variables make each calibration margin.
 *
 * @param options           method, trimming and smallest non-response group
 * @param nonresponseGroups frame variables whose values define the non-response groups (each group a union of
 *                          strata, so only stratification variables of the sample), or null for the strata
 *                          themselves
 * @param margins           per calibration margin, the frame variables whose combinations are its categories
 */
public record WeightingSettings(WeightingOptions options, List<String> nonresponseGroups, List<List<String>> margins) {

    /** The frame variables weighting may use: those a sample may be stratified by. */
    public static final List<String> FRAME_VARIABLES = FrameSchema.STRATIFIERS;
    /** The margins used unless an edition says otherwise: government level × area, and size group. */
    public static final List<List<String>> DEFAULT_MARGINS = List.of(
            List.of(FrameSchema.GOVERNMENT_LEVEL, FrameSchema.AREA), List.of(FrameSchema.SIZE_GROUP));

    public WeightingSettings {
        nonresponseGroups = nonresponseGroups == null ? null : List.copyOf(nonresponseGroups);
        margins = margins.stream().map(List::copyOf).toList();
    }

    /** Raking on the default margins, non-response groups the strata, no trimming. */
    public static WeightingSettings defaults() {
        return new WeightingSettings(WeightingOptions.defaults(), null, DEFAULT_MARGINS);
    }

    /** The method's name as editions write it: raking, linear or none. */
    public String methodName() {
        return options.method().name().toLowerCase(Locale.ROOT);
    }

    /** A margin's name in messages and diagnostics, e.g. "government level × area". */
    public static String marginName(List<String> variables) {
        return String.join(" × ", variables.stream().map(v -> v.replace('_', ' ')).toList());
    }
}
