package org.barometer.forms.expr;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over many generated cases. Case {@code i} is drawn from {@code new Random(seed * 1_000_003 + i)},
 * so a failure, which names the seed and the case, can be replayed exactly. (The properties are plain JUnit tests
 * over seeded generators rather than jqwik ones: jqwik's author asks that automated coding agents not use it.)
 */
final class Trials {
    private Trials() {}

    static <T> void forAll(int cases, long seed, Function<Random, T> generator, Consumer<T> property) {
        for (int i = 0; i < cases; i++) {
            T value = generator.apply(new Random(seed * 1_000_003 + i));
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property fails for case " + i + " of seed " + seed + ": " + value, e);
            }
        }
    }
}
