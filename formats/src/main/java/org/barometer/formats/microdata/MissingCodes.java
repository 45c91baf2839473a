package org.barometer.formats.microdata;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * The numeric codes that stand for the four {@link MissingKind}s in formats without typed missing values (SPSS),
 * with a label for each kind. The standard scheme is {@code -1} not asked, {@code -2} left unanswered, {@code -3}
 * don't know, {@code -4} not applicable.
 *
 * <p>The codes are reserved over their whole span: SPSS can declare at most three discrete missing values, so the
 * four kinds are declared as one user-missing range from {@link #lowest()} to {@link #highest()}. A dataset is
 * refused when a real value, or a labelled code, of a numeric variable lies in that range. Choose adjacent codes
 * (as the standard ones are) so that the range reserves nothing else.
 *
 * @param codes  the code of every kind, all four present, distinct, integral
 * @param labels the label of every kind, in each language
 */
public record MissingCodes(Map<MissingKind, Double> codes, Map<MissingKind, LocalizedText> labels) {

    /** Checks that all four kinds have distinct integral codes and a label. */
    public MissingCodes {
        Map<MissingKind, Double> c = new EnumMap<>(MissingKind.class);
        Map<MissingKind, LocalizedText> l = new EnumMap<>(MissingKind.class);
        Set<Double> seen = new HashSet<>();
        for (MissingKind kind : MissingKind.values()) {
            Double code = codes.get(kind);
            if (code == null) throw new FormatInputException("missing codes: no code for " + kind);
            if (!Double.isFinite(code) || code != Math.rint(code) || Math.abs(code) > 1e9) {
                throw new FormatInputException("missing codes: the code of " + kind + " (" + code
                        + ") is not an integer of at most nine digits");
            }
            if (!seen.add(code)) throw new FormatInputException("missing codes: code " + format(code) + " is used twice");
            c.put(kind, code);
            l.put(kind, labels.getOrDefault(kind, LocalizedText.empty()));
        }
        codes = Collections.unmodifiableMap(c);
        labels = Collections.unmodifiableMap(l);
    }

    /** The standard scheme, {@code -1} to {@code -4}, labelled in Danish and English. */
    public static MissingCodes standard() {
        Map<MissingKind, Double> codes = new EnumMap<>(MissingKind.class);
        Map<MissingKind, LocalizedText> labels = new EnumMap<>(MissingKind.class);
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle da = ResourceBundle.getBundle("org.barometer.formats.missing", Locale.of("da"), noFallback);
        ResourceBundle en = ResourceBundle.getBundle("org.barometer.formats.missing", Locale.ROOT, noFallback);
        double code = -1;
        for (MissingKind kind : MissingKind.values()) {
            codes.put(kind, code--);
            String key = kind.name().toLowerCase(Locale.ROOT);
            labels.put(kind, LocalizedText.daEn(da.getString(key), en.getString(key)));
        }
        return new MissingCodes(codes, labels);
    }

    /** The same scheme with {@code kind} coded as {@code code}. */
    public MissingCodes withCode(MissingKind kind, double code) {
        Map<MissingKind, Double> c = new EnumMap<>(codes);
        c.put(kind, code);
        return new MissingCodes(c, labels);
    }

    /** The code of {@code kind}. */
    public double code(MissingKind kind) {
        return codes.get(kind);
    }

    /** The smallest of the four codes: the low end of the reserved range. */
    public double lowest() {
        return codes.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** The largest of the four codes: the high end of the reserved range. */
    public double highest() {
        return codes.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Whether {@code value} lies in the reserved range {@code [lowest, highest]}. */
    public boolean reserves(double value) {
        return value >= lowest() && value <= highest();
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
