package org.barometer.app.coding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The codes coders may give an open answer, in the frame's order.
 *
 * @param codes the codes, distinct and non-blank; at least one
 */
public record CodingFrame(List<String> codes) {

    public CodingFrame {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("the coding frame has no codes");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("the coding frame has a blank code");
            }
            if (!seen.add(code)) {
                throw new IllegalArgumentException("the coding frame lists the code '" + code + "' twice");
            }
        }
        codes = List.copyOf(codes);
    }

    public static CodingFrame of(String... codes) {
        return new CodingFrame(List.of(codes));
    }

    public boolean has(String code) {
        return codes.contains(code);
    }

    /** Fails, naming the coder and the answer, when the code is missing or not in this frame. */
    void check(String coder, String answer, String code) {
        if (code == null) {
            throw new IllegalArgumentException("coder '" + coder + "' gave answer '" + answer + "' no code");
        }
        if (!has(code)) {
            throw new IllegalArgumentException("coder '" + coder + "' gave answer '" + answer + "' the code '" + code
                    + "', which is not in the coding frame " + codes);
        }
    }
}
