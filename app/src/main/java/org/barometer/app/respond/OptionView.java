package org.barometer.app.respond;

/** One answer option as a template shows it: the input's id, the stored code, its label, whether chosen. */
public record OptionView(String id, String code, String label, boolean checked) {}
