package org.barometer.app.coding;

import java.util.List;

/**
 * Two coders' codes of the same answers, one code per answer, from one coding frame: the double-coded share of a
 * question's open answers, coded blind.
 */
public record SingleCodePair(CodingFrame frame, SingleCoding first, SingleCoding second) {

    public SingleCodePair {
        if (frame == null || first == null || second == null) {
            throw new IllegalArgumentException("a pair of codings needs a coding frame and two codings");
        }
        for (String answer : CodedPairs.sameAnswers(first.coder(), first.codes(), second.coder(), second.codes())) {
            frame.check(first.coder(), answer, first.codes().get(answer));
            frame.check(second.coder(), answer, second.codes().get(answer));
        }
    }

    /** The answers both coders coded, in the first coder's order. */
    public List<String> answers() {
        return List.copyOf(first.codes().keySet());
    }

    /** The same codes as a table of two coders, for Krippendorff's alpha. */
    public CodingTable table() {
        return new CodingTable(frame, List.of(first, second));
    }
}
