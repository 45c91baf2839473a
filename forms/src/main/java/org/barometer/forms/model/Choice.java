package org.barometer.forms.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer option of a choice list.
 *
 * @param attributes further columns of the choices sheet (used by {@code choice_filter}), by column name
 * @param media      pictures shown with the option, with their alternative text
 */
public record Choice(String name, Text label, Map<String, String> attributes, Media media) {
    public Choice {
        label = label == null ? Text.NONE : label;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        media = media == null ? Media.NONE : media;
    }

    /** An option without pictures. */
    public Choice(String name, Text label, Map<String, String> attributes) {
        this(name, label, attributes, Media.NONE);
    }
}
