package org.barometer.app.coding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One coder's codes when an answer may get one code or several.
 *
 * @param coder who coded
 * @param codes answer → the codes given, in the order the answers were coded; an answer the coder did not code is
 *              absent
 */
public record MultiCoding(String coder, Map<String, Set<String>> codes) {

    public MultiCoding {
        if (coder == null || coder.isBlank()) {
            throw new IllegalArgumentException("a coding has no coder");
        }
        if (codes == null) {
            throw new IllegalArgumentException("coder '" + coder + "' has no codings");
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        codes.forEach((answer, set) -> copy.put(answer,
                set == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(set))));
        codes = Collections.unmodifiableMap(copy);
    }
}
