package org.barometer.forms.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer option of a choice list.
 *
 * @param attributes further columns of the choices sheet (used by {@code choice_filter}), by column name
 */
public record Choice(String name, Text label, Map<String, String> attributes) {
    public Choice {
        label = label == null ? Text.NONE : label;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
