package org.barometer.formats.microdata;

import java.util.List;
import java.util.Map;

/**
 * What a microdata writer did beyond copying: how names were renamed and which labels were cut to the tool's
 * limits. Callers show it next to the download (a codebook note).
 *
 * @param variableNames original variable name → the name written, for every variable, in order
 * @param labelSetNames original value label set name → the name written (Stata: one per language)
 * @param notes         one sentence per label cut to the tool's limit, naming the variable or label set
 */
public record WriteReport(Map<String, String> variableNames, Map<String, String> labelSetNames, List<String> notes) {
    /** Copies the maps and list. */
    public WriteReport {
        variableNames = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variableNames));
        labelSetNames = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labelSetNames));
        notes = List.copyOf(notes);
    }
}
