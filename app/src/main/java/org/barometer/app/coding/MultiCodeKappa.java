package org.barometer.app.coding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cohen's kappa of a pair of coders who may give an answer several codes.
 *
 * @param wholeAnswer kappa with each answer's whole set of codes taken as one category: the coders agree on an
 *                    answer only when they gave it exactly the same codes
 * @param byCategory per code of the frame, in the frame's order, kappa of its presence or absence on each answer
 */
public record MultiCodeKappa(Kappa wholeAnswer, Map<String, Kappa> byCategory) {

    public MultiCodeKappa {
        byCategory = Collections.unmodifiableMap(new LinkedHashMap<>(byCategory));
    }
}
