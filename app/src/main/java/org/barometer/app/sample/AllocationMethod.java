package org.barometer.app.sample;

import java.util.Locale;

/** How the sample size is shared among strata. */
public enum AllocationMethod {
    /** n_h ∝ N_h. */
    PROPORTIONAL,
    /** n_h ∝ N_h·S_h, with S_h² a guess of the variance in stratum h (Neyman's optimum for a fixed n). */
    NEYMAN,
    /** n_h given per stratum. */
    FIXED,
    /** Every unit of every stratum (a census). */
    TAKE_ALL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AllocationMethod fromCode(String code) {
        for (AllocationMethod m : values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown allocation method: " + code);
    }
}
