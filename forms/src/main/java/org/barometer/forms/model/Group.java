package org.barometer.forms.model;

import java.util.List;

/**
 * A group of items ({@code begin group} … {@code end group}). A group at the top level of a form is a page;
 * groups inside it are sections of that page.
 */
public record Group(String name, Text label, String relevant, String appearance, List<Item> items) implements Item {
    public Group {
        label = label == null ? Text.NONE : label;
        items = List.copyOf(items);
    }
}
