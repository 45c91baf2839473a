package org.barometer.forms.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Pictures shown with a label or a choice: the {@code image} column (a file name, per language like the label:
 * {@code image::Dansk (da)}), the optional {@code big-image} (a larger version to open), and the alternative text
 * a screen reader reads instead ({@code image_alt}, per language), which every image must have.
 */
public record Media(Text image, Text bigImage, Text alt) {
    /** No pictures. */
    public static final Media NONE = new Media(Text.NONE, Text.NONE, Text.NONE);

    public Media {
        image = Objects.requireNonNullElse(image, Text.NONE);
        bigImage = Objects.requireNonNullElse(bigImage, Text.NONE);
        alt = Objects.requireNonNullElse(alt, Text.NONE);
    }

    /** Whether there is no picture. */
    @JsonIgnore
    public boolean isEmpty() {
        return image.isEmpty() && bigImage.isEmpty();
    }

    /** The file names of every picture, in every language. */
    @JsonIgnore
    public Set<String> files() {
        Set<String> files = new LinkedHashSet<>(image.byLanguage().values());
        files.addAll(bigImage.byLanguage().values());
        return files;
    }
}
