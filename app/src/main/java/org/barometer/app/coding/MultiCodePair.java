package org.barometer.app.coding;

import java.util.List;
import java.util.Set;

/**
 * Two coders' codes of the same answers, one code or several per answer, from one coding frame. Every answer has at
 * least one code from each coder.
 */
public record MultiCodePair(CodingFrame frame, MultiCoding first, MultiCoding second) {

    public MultiCodePair {
        if (frame == null || first == null || second == null) {
            throw new IllegalArgumentException("a pair of codings needs a coding frame and two codings");
        }
        for (String answer : CodedPairs.sameAnswers(first.coder(), first.codes(), second.coder(), second.codes())) {
            check(frame, first.coder(), answer, first.codes().get(answer));
            check(frame, second.coder(), answer, second.codes().get(answer));
        }
    }

    private static void check(CodingFrame frame, String coder, String answer, Set<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("coder '" + coder + "' gave answer '" + answer + "' no code");
        }
        for (String code : codes) {
            frame.check(coder, answer, code);
        }
    }

    /** The answers both coders coded, in the first coder's order. */
    public List<String> answers() {
        return List.copyOf(first.codes().keySet());
    }
}
