package org.barometer.stats.data;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * How category levels are ordered when no explicit order is given.
 *
 * <p>Text levels are sorted the way R sorts them in its default English UTF-8 locale: a locale-aware
 * collation in which letters compare alphabetically ignoring case first ({@code "apple" < "Banana"}), then
 * lower case before upper case for otherwise equal words, and digits before letters. We use
 * {@link Collator} for {@link Locale#ENGLISH} at tertiary strength, with plain code-point order as the final
 * tie-break so that the order is total. This agrees with R for letters, digits and spaces; punctuation-heavy
 * labels may collate differently, in which case pass the order explicitly.
 *
 * <p>Levels of a numeric column turned into a factor are sorted numerically, as R's {@code factor()} does.
 */
public final class LevelOrder {
    private LevelOrder() {}

    private static final Collator COLLATOR;

    static {
        Collator c = Collator.getInstance(Locale.ENGLISH);
        c.setStrength(Collator.TERTIARY);
        COLLATOR = c;
    }

    /** The comparator described above, for text levels. */
    public static final Comparator<String> TEXT = (a, b) -> {
        int r;
        synchronized (COLLATOR) {
            r = COLLATOR.compare(a, b);
        }
        return r != 0 ? r : a.compareTo(b);
    };
}
