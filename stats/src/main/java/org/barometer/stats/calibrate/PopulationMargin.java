package org.barometer.stats.calibrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Population counts for the categories of one variable (R's {@code data.frame(stype=..., Freq=...)} as
 * given to {@code postStratify} and {@code rake}).
 *
 * @param variable the variable's name; it must match the {@link CodedFactor#name()} it is used with
 * @param totals   population count per category label, in the order given
 */
public record PopulationMargin(String variable, Map<String, Double> totals) {

    /** Copies the totals, keeping their order. */
    public PopulationMargin {
        if (variable == null || variable.isEmpty()) {
            throw CalibrationException.invalid("a population margin needs a variable name");
        }
        if (totals == null || totals.isEmpty()) {
            throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, variable, null,
                    "the population margin for " + variable + " has no categories");
        }
        totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
    }

    /**
     * @param variable the variable's name
     * @param labelsAndTotals alternating category label (String) and population count (Number)
     * @return the margin
     */
    public static PopulationMargin of(String variable, Object... labelsAndTotals) {
        if (labelsAndTotals.length % 2 != 0) {
            throw CalibrationException.invalid("labels and totals must come in pairs for " + variable);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndTotals.length; i += 2) {
            m.put((String) labelsAndTotals[i], ((Number) labelsAndTotals[i + 1]).doubleValue());
        }
        return new PopulationMargin(variable, m);
    }
}
