package org.barometer.app.frame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.text.Language;

/**
 * The register of an edition as the later stages see it: the built-in register of public workplaces
 * ({@link FrameSchema}) or the one the edition declared ({@link RegisterSchema}) — which variables a sample may be
 * stratified by, which reach the analysis, and what each is called.
 *
 * @param declared the declaration, or null for the built-in register
 */
public record Register(RegisterSchema declared) {

    /** The built-in register of public workplaces. */
    public static final Register BUILT_IN = new Register(null);

    /** The register of an edition. */
    public static Register of(EditionStore editions, long editionId) {
        return ofStored(editions.registerSchema(editionId).orElse(null), editionId);
    }

    /** The register an edition stored ({@code edition.register_schema}; null: the built-in one). */
    public static Register ofStored(String json, long editionId) {
        if (json == null) {
            return BUILT_IN;
        }
        try {
            return new Register(RegisterSchema.parse(json));
        } catch (RegisterSchema.Invalid e) {
            // it was checked when it was stored
            throw new IllegalStateException("the stored register of edition " + editionId + " does not read: "
                    + e.getMessage(), e);
        }
    }

    /** The variables a sample may be stratified by. */
    public List<String> stratifiers() {
        return declared == null ? FrameSchema.STRATIFIERS : declared.stratifiers();
    }

    /** The stratification offered first. */
    public List<String> defaultStrata() {
        return declared == null ? FrameSchema.DEFAULT_STRATA : declared.stratifiers();
    }

    /** The frame variables that reach the analysis (as frame values of each sampled workplace). */
    public List<String> variables() {
        return declared == null ? FrameSchema.STRATIFIERS : declared.names();
    }

    /**
     * A stratum's key (its values joined by {@code " / "}) as a reader reads it: each value of a declared category
     * by its label in the language; the built-in register's codes as they are.
     */
    public String stratumLabel(String key, List<String> strataBy, Language language) {
        if (declared == null) {
            return key;
        }
        String[] values = key.split(" / ", -1);
        if (values.length != strataBy.size()) {
            return key;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            String label = declared.variable(strataBy.get(i)).flatMap(v -> v.categories().stream()
                            .filter(c -> c.code().equals(value)).findFirst())
                    .map(c -> c.label().in(Locale.of(language.code()))).orElse(value);
            out.append(i == 0 ? "" : " / ").append(label);
        }
        return out.toString();
    }

    /** The stratifiers with their names in a language, in order. */
    public Map<String, String> stratifierLabels(Language language) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : stratifiers()) {
            out.put(v, declared == null ? language.t("stratifier." + v)
                    : declared.variable(v).orElseThrow().label().in(Locale.of(language.code())));
        }
        return out;
    }
}
