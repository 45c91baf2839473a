package org.barometer.app.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** How published shares are rounded, and whether rounded shares still add up. */
public final class Rounding {

    private Rounding() {
    }

    /** Rounds half away from zero at the given number of decimals (5.5 → 6), as published tables do. */
    public static double roundHalfUp(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Whether the shares of one complete single-answer distribution (every category, shown or not),
     * each rounded to whole percentages, fail to add up to 100.
     *
     * @param fractions the shares as fractions of 1; they should add up to 1 before rounding
     */
    public static boolean roundedSumDiffersFrom100(List<Double> fractions, int decimals) {
        double sum = 0;
        for (double f : fractions) {
            sum += roundHalfUp(f * 100.0, decimals);
        }
        return Math.abs(sum - 100.0) > Math.pow(10, -decimals) / 2;
    }
}
