package org.barometer.app.coding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One coder's codes when each answer gets exactly one code.
 *
 * @param coder who coded
 * @param codes answer → the code given, in the order the answers were coded; an answer the coder did not code is
 *              absent
 */
public record SingleCoding(String coder, Map<String, String> codes) {

    public SingleCoding {
        if (coder == null || coder.isBlank()) {
            throw new IllegalArgumentException("a coding has no coder");
        }
        if (codes == null) {
            throw new IllegalArgumentException("coder '" + coder + "' has no codings");
        }
        codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }
}
