package org.barometer.app.coding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two or more coders' codes, one code per answer, from one coding frame, where a coder may have left answers
 * uncoded (missing values): Krippendorff's reliability data, answers being his units.
 *
 * @param frame the coding frame
 * @param coders each coder's codes, of any of the answers; at least two coders, each named once
 */
public record CodingTable(CodingFrame frame, List<SingleCoding> coders) {

    public CodingTable {
        if (frame == null || coders == null) {
            throw new IllegalArgumentException("a table of codings needs a coding frame and its coders");
        }
        coders = List.copyOf(coders);
        if (coders.size() < 2) {
            throw new IllegalArgumentException("a table of codings needs at least two coders, not " + coders.size());
        }
        Set<String> names = new HashSet<>();
        boolean any = false;
        for (SingleCoding coder : coders) {
            if (!names.add(coder.coder())) {
                throw new IllegalArgumentException("coder '" + coder.coder() + "' appears twice in the table");
            }
            coder.codes().forEach((answer, code) -> frame.check(coder.coder(), answer, code));
            any |= !coder.codes().isEmpty();
        }
        if (!any) {
            throw new IllegalArgumentException("coders " + names + " coded no answers: there is nothing to compare");
        }
    }

    /** Every answer some coder coded, in the order they first appear. */
    public List<String> answers() {
        Set<String> answers = new LinkedHashSet<>();
        for (SingleCoding coder : coders) {
            answers.addAll(coder.codes().keySet());
        }
        return new ArrayList<>(answers);
    }
}
