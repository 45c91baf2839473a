package org.barometer.forms.engine;

/** An answer option as shown to a respondent: the choice name stored as the answer, and its label. */
public record Option(String name, String label) {}
