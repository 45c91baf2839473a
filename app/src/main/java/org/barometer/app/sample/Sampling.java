package org.barometer.app.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;

/**
 * Drawing a stratified sample from a frame's workplaces, in memory: strata as combinations of the stratification
 * variables, allocation by {@link Allocator}, selection by {@link Selection}. {@link SampleStore} stores what this
 * draws; simulations draw with it directly, so both draw the very same sample from the same frame and seed.
 */
public final class Sampling {
    /** Separates the values of the stratification variables in a stratum's key. */
    public static final String KEY_SEPARATOR = " / ";

    private Sampling() {}

    /**
     * What to draw.
     *
     * @param strataBy        stratification variables (from {@link FrameSchema#STRATIFIERS})
     * @param total           n, for proportional and Neyman allocation
     * @param varianceGuesses S_h² per stratum key, for Neyman
     * @param fixedSizes      n_h per stratum key, for fixed allocation
     */
    public record Spec(List<String> strataBy, AllocationMethod method, int total, int minimum,
                       Map<String, Double> varianceGuesses, Map<String, Integer> fixedSizes, long seed) {
        public Spec {
            strataBy = List.copyOf(strataBy);
            varianceGuesses = Map.copyOf(varianceGuesses);
            fixedSizes = Map.copyOf(fixedSizes);
        }
    }

    /**
     * A drawn sample: the strata in key order with their N_h, the allocated n_h by key, and the selected units of
     * each stratum in selection order.
     */
    public record Draw<T>(List<Allocator.Stratum> strata, Map<String, Integer> sizes, Map<String, List<T>> selected) {}

    /** A workplace's stratum key: the values of the stratification variables, joined by {@link #KEY_SEPARATOR}. */
    public static String key(FrameUnit u, List<String> strataBy) {
        return strataBy.stream().map(u::value).collect(Collectors.joining(KEY_SEPARATOR));
    }

    /**
     * Allocates and selects a sample of {@code units} (given in frame order, which selection keeps within each
     * stratum).
     */
    public static <T> Draw<T> draw(List<T> units, Function<T, FrameUnit> unitOf, Spec spec) throws AllocationException {
        return draw(units, unitOf, spec, FrameSchema.STRATIFIERS);
    }

    /** As {@link #draw(List, Function, Spec)}, for a register whose stratifiers are {@code stratifiers}. */
    public static <T> Draw<T> draw(List<T> units, Function<T, FrameUnit> unitOf, Spec spec, List<String> stratifiers)
            throws AllocationException {
        if (spec.strataBy().isEmpty()) {
            throw new AllocationException("sample.error.noStrataVariables");
        }
        for (String v : spec.strataBy()) {
            if (!stratifiers.contains(v)) {
                throw new AllocationException("sample.error.unknownVariable", v);
            }
        }
        Map<String, List<T>> byStratum = new TreeMap<>();
        for (T u : units) {
            byStratum.computeIfAbsent(key(unitOf.apply(u), spec.strataBy()), k -> new ArrayList<>()).add(u);
        }
        List<Allocator.Stratum> strata = new ArrayList<>();
        for (Map.Entry<String, List<T>> e : byStratum.entrySet()) {
            strata.add(new Allocator.Stratum(e.getKey(), e.getValue().size(), spec.varianceGuesses().get(e.getKey()),
                    spec.fixedSizes().get(e.getKey())));
        }
        Map<String, Integer> sizes = Allocator.allocate(strata, spec.method(), spec.total(), spec.minimum());
        return new Draw<>(List.copyOf(strata), sizes, Selection.select(byStratum, sizes, spec.seed()));
    }
}
