package org.barometer.forms.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How answers are keyed. A question outside every repeat keeps its name ({@code employees}); a question in a
 * repeat has one answer per instance, keyed by its name and the 1-based instance of each repeat around it,
 * outermost first: {@code site_size[2]} is the size of the second site, {@code visit_date[2][1]} the date of the
 * first visit to it. A respondent-counted repeat keeps its number of instances under its own name, with the
 * instances around it: {@code sites} = {@code 3}, {@code visits[2]} = {@code 1}. Names cannot hold {@code [}, so
 * keys are unambiguous, and a form without repeats keys its answers exactly as before.
 */
public final class AnswerKeys {
    private AnswerKeys() {}

    /** A key taken apart: the name and the instance path (empty outside repeats). */
    public record Key(String name, List<Integer> instance) {
        public Key {
            instance = List.copyOf(instance);
        }

        @Override
        public String toString() {
            return key(name, instance);
        }
    }

    /** The key of a name in an instance: {@code name}, {@code name[2]}, {@code name[2][1]}. */
    public static String key(String name, List<Integer> instance) {
        if (instance.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name);
        for (int i : instance) {
            out.append('[').append(i).append(']');
        }
        return out.toString();
    }

    /** The key taken apart, or null when it is not written as a name with {@code [n]} instances (n ≥ 1). */
    public static Key parse(String key) {
        int open = key.indexOf('[');
        if (open < 0) {
            return key.isEmpty() ? null : new Key(key, List.of());
        }
        if (open == 0) {
            return null;
        }
        List<Integer> instance = new ArrayList<>();
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                return null;
            }
            int close = key.indexOf(']', i);
            if (close < 0 || close == i + 1 || close - i > 10) {
                return null;
            }
            int value = 0;
            for (int j = i + 1; j < close; j++) {
                char c = key.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value < 1) {
                return null;
            }
            instance.add(value);
            i = close + 1;
        }
        return new Key(key.substring(0, open), instance);
    }
}
