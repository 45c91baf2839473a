package org.barometer.stats.design;

/**
 * What to do with a stratum that has a single PSU (R's {@code options(survey.lonely.psu=)}).
 * <ul>
 *   <li>{@link #FAIL} (R's default): refuse, naming the stratum;</li>
 *   <li>{@link #REMOVE}: the stratum contributes nothing to the variance;</li>
 *   <li>{@link #CERTAINTY}: the PSU is treated as sampled with certainty (contributes nothing);</li>
 *   <li>{@link #ADJUST}: the PSU total is centred at zero (the grand mean of a mean's influence) instead of at
 *       its stratum mean, a conservative choice;</li>
 *   <li>{@link #AVERAGE}: the stratum is dropped and the variance scaled up by (strata / strata with several
 *       PSUs).</li>
 * </ul>
 * The same rules apply to PSUs that become lonely inside a domain when
 * {@link Design#adjustDomainLonely()} is on (R's {@code survey.adjust.domain.lonely}).
 */
public enum LonelyPsu {
    /** Refuse with an error naming the stratum. */
    FAIL("fail"),
    /** Ignore the stratum in the variance. */
    REMOVE("remove"),
    /** Treat the lonely PSU as a certainty unit. */
    CERTAINTY("certainty"),
    /** Centre the lonely PSU at zero instead of at its stratum mean. */
    ADJUST("adjust"),
    /** Replace the stratum's contribution by the average of the others. */
    AVERAGE("average");

    private final String rName;

    LonelyPsu(String rName) {
        this.rName = rName;
    }

    /** The name of the option value in R. */
    public String rName() {
        return rName;
    }

    /** Parses R's option value ({@code "fail"}, {@code "remove"}, ...). */
    public static LonelyPsu fromR(String name) {
        for (LonelyPsu l : values()) if (l.rName.equals(name)) return l;
        throw org.barometer.stats.Arguments.unknown("lonely PSU rule", "value", name,
                java.util.Arrays.stream(values()).map(LonelyPsu::rName).toList());
    }
}
