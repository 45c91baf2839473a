package org.barometer.app.coding;

import java.util.List;
import java.util.Map;

/** The checks both kinds of pair share: two different coders, the same answers, at least one of them. */
final class CodedPairs {
    private CodedPairs() {
    }

    static List<String> sameAnswers(String first, Map<String, ?> firstCodes, String second, Map<String, ?> secondCodes) {
        if (first.equals(second)) {
            throw new IllegalArgumentException("both codings are by coder '" + first + "': a pair needs two coders");
        }
        for (String answer : firstCodes.keySet()) {
            if (!secondCodes.containsKey(answer)) {
                throw new IllegalArgumentException("answer '" + answer + "' is coded by coder '" + first
                        + "' but not by coder '" + second + "'");
            }
        }
        for (String answer : secondCodes.keySet()) {
            if (!firstCodes.containsKey(answer)) {
                throw new IllegalArgumentException("answer '" + answer + "' is coded by coder '" + second
                        + "' but not by coder '" + first + "'");
            }
        }
        if (firstCodes.isEmpty()) {
            throw new IllegalArgumentException("coders '" + first + "' and '" + second
                    + "' coded no answers: there is nothing to compare");
        }
        return List.copyOf(firstCodes.keySet());
    }
}
