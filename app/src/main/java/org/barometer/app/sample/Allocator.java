package org.barometer.app.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares a total sample size among strata. For proportional and Neyman allocation the shares are computed
 * as real numbers within the bounds {@code min(minimum, N_h) ≤ n_h ≤ N_h} (strata that would fall outside
 * are fixed at the bound and the rest re-shared), then rounded by largest remainders so the sizes add up to
 * exactly {@code n}.
 */
public final class Allocator {
    private Allocator() {}

    /**
     * A stratum as the allocation sees it.
     *
     * @param name           the stratum's key
     * @param population     N_h
     * @param varianceGuess  S_h², for Neyman (null otherwise)
     * @param fixedSize      n_h, for fixed allocation (null otherwise)
     */
    public record Stratum(String name, int population, Double varianceGuess, Integer fixedSize) {}

    /**
     * The sample size per stratum, in the order given.
     *
     * @param total    n, for proportional and Neyman allocation (ignored otherwise)
     * @param minimum  the least n_h of any stratum (a stratum smaller than this is taken whole)
     */
    public static Map<String, Integer> allocate(List<Stratum> strata, AllocationMethod method, int total,
                                                int minimum) throws AllocationException {
        if (strata.isEmpty()) {
            throw new AllocationException("sample.error.noStrata");
        }
        if (minimum < 0) {
            throw new AllocationException("sample.error.negativeMinimum", minimum);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        switch (method) {
            case TAKE_ALL -> strata.forEach(s -> sizes.put(s.name(), s.population()));
            case FIXED -> {
                for (Stratum s : strata) {
                    Integer n = s.fixedSize();
                    if (n == null) {
                        throw new AllocationException("sample.error.fixedMissing", s.name());
                    }
                    if (n < 0 || n > s.population()) {
                        throw new AllocationException("sample.error.fixedRange", s.name(), n, s.population());
                    }
                    if (n < Math.min(minimum, s.population())) {
                        throw new AllocationException("sample.error.fixedBelowMinimum", s.name(), n,
                                Math.min(minimum, s.population()));
                    }
                    sizes.put(s.name(), n);
                }
            }
            case PROPORTIONAL, NEYMAN -> {
                double[] weights = new double[strata.size()];
                for (int i = 0; i < strata.size(); i++) {
                    Stratum s = strata.get(i);
                    if (method == AllocationMethod.PROPORTIONAL) {
                        weights[i] = s.population();
                    } else {
                        Double v = s.varianceGuess();
                        if (v == null || v.isNaN() || v < 0 || v.isInfinite()) {
                            throw new AllocationException("sample.error.variance", s.name());
                        }
                        weights[i] = s.population() * Math.sqrt(v);
                    }
                }
                int[] n = bounded(strata, weights, total, minimum);
                for (int i = 0; i < strata.size(); i++) {
                    sizes.put(strata.get(i).name(), n[i]);
                }
            }
        }
        return sizes;
    }

    private static int[] bounded(List<Stratum> strata, double[] weights, int total, int minimum)
            throws AllocationException {
        int h = strata.size();
        int[] lower = new int[h];
        int[] upper = new int[h];
        long sumLower = 0;
        long sumUpper = 0;
        for (int i = 0; i < h; i++) {
            upper[i] = strata.get(i).population();
            lower[i] = Math.min(minimum, upper[i]);
            sumLower += lower[i];
            sumUpper += upper[i];
        }
        if (total > sumUpper) {
            throw new AllocationException("sample.error.tooLarge", total, sumUpper);
        }
        if (total < sumLower) {
            throw new AllocationException("sample.error.belowMinimums", total, sumLower);
        }
        if (total <= 0) {
            throw new AllocationException("sample.error.totalPositive", total);
        }
        double[] share = new double[h];
        boolean[] fixed = new boolean[h];
        while (true) {
            double remaining = total;
            double weightSum = 0;
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < h; i++) {
                if (fixed[i]) {
                    remaining -= share[i];
                } else {
                    free.add(i);
                    weightSum += weights[i];
                }
            }
            if (free.isEmpty()) {
                break;
            }
            for (int i : free) {
                share[i] = weightSum > 0 ? remaining * weights[i] / weightSum : remaining / free.size();
            }
            boolean changed = false;
            for (int i : free) {
                if (share[i] > upper[i]) {
                    share[i] = upper[i];
                    fixed[i] = true;
                    changed = true;
                }
            }
            if (!changed) {
                for (int i : free) {
                    if (share[i] < lower[i]) {
                        share[i] = lower[i];
                        fixed[i] = true;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        int[] n = new int[h];
        long assigned = 0;
        for (int i = 0; i < h; i++) {
            n[i] = (int) Math.floor(share[i] + 1e-9);
            n[i] = Math.max(lower[i], Math.min(upper[i], n[i]));
            assigned += n[i];
        }
        // Largest remainders first; ties go to the earlier stratum so the result is deterministic.
        while (assigned < total) {
            int best = -1;
            double bestRest = -1;
            for (int i = 0; i < h; i++) {
                double rest = share[i] - n[i];
                if (n[i] < upper[i] && rest > bestRest) {
                    best = i;
                    bestRest = rest;
                }
            }
            n[best]++;
            assigned++;
        }
        while (assigned > total) {
            int best = -1;
            double bestRest = Double.MAX_VALUE;
            for (int i = 0; i < h; i++) {
                double rest = share[i] - n[i];
                if (n[i] > lower[i] && rest < bestRest) {
                    best = i;
                    bestRest = rest;
                }
            }
            n[best]--;
            assigned--;
        }
        return n;
    }
}
