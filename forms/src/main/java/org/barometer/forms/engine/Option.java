package org.barometer.forms.engine;

/**
 * An answer option as shown to a respondent: the choice name stored as the answer, its label, and its picture
 * (a file of the form's package) with the picture's alternative text, both in the respondent's language.
 *
 * @param image    the picture's file name, or null
 * @param imageAlt the picture's alternative text, or null when there is no picture
 */
public record Option(String name, String label, String image, String imageAlt) {
    /** An option without a picture. */
    public Option(String name, String label) {
        this(name, label, null, null);
    }
}
