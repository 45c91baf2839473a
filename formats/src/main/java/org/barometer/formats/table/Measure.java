package org.barometer.formats.table;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The four numbers every cell carries. The writers add them as the last heading dimension, with code
 * {@code measure} (PX: the content variable, JSON-stat: the metric dimension).
 */
public enum Measure {
    /** The estimate (a share, a mean). */
    ESTIMATE,
    /** The lower bound of the 95% confidence interval. */
    LOW,
    /** The upper bound of the 95% confidence interval. */
    HIGH,
    /** The number of respondents. */
    N;

    /** The dimension code of the measures. */
    public static final String DIMENSION_CODE = "measure";

    /** The category code: {@code estimate}, {@code low}, {@code high}, {@code n}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The measure's label in {@code language} (Danish for {@code da}, English otherwise). */
    public String label(String language) {
        return text(language, "measure." + code());
    }

    /** The value of {@code cell} for this measure, or {@code null} when it has none. */
    public Double of(Cell cell) {
        return switch (this) {
            case ESTIMATE -> cell.estimate();
            case LOW -> cell.low();
            case HIGH -> cell.high();
            case N -> cell.n() == null ? null : cell.n().doubleValue();
        };
    }

    /** A text of the writers' resource bundle in {@code language}. */
    static String text(String language, String key) {
        // no fallback to the machine's default locale: English is the base bundle
        return ResourceBundle.getBundle("org.barometer.formats.table", Locale.of(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
    }
}
