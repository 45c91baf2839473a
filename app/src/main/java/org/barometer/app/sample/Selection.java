package org.barometer.app.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Simple random sampling without replacement within each stratum, reproducible from a seed: strata are
 * visited in the order of their keys, units in the order given (callers sort them by workplace id), and one
 * generator of the named algorithm draws a partial Fisher–Yates shuffle in each stratum.
 */
public final class Selection {
    /** The generator algorithm, named so that a seed means the same sample in every Java version. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private Selection() {}

    /** The selected units of each stratum, in selection order. */
    public static <T> Map<String, List<T>> select(Map<String, List<T>> unitsByStratum, Map<String, Integer> sizes,
                                                  long seed) {
        RandomGenerator random = RandomGeneratorFactory.of(ALGORITHM).create(seed);
        Map<String, List<T>> selected = new TreeMap<>();
        for (Map.Entry<String, List<T>> e : new TreeMap<>(unitsByStratum).entrySet()) {
            List<T> units = new ArrayList<>(e.getValue());
            int n = sizes.getOrDefault(e.getKey(), 0);
            if (n > units.size()) {
                throw new IllegalArgumentException("stratum " + e.getKey() + ": n_h " + n + " > N_h " + units.size());
            }
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(units.size() - i);
                T swap = units.get(i);
                units.set(i, units.get(j));
                units.set(j, swap);
            }
            selected.put(e.getKey(), List.copyOf(units.subList(0, n)));
        }
        return selected;
    }
}
