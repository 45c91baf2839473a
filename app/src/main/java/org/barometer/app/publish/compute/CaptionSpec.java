package org.barometer.app.publish.compute;

import java.util.List;
import java.util.Objects;

import org.barometer.app.text.LocalizedText;
/**
 * Everything a figure's caption says, as metadata: the caption itself is written from this in either
 * language by {@link CaptionWriter}.
 *
 * @param description     what the figure shows (one sentence, optional: {@code null} for none)
 * @param question        the question's wording as the respondents saw it
 * @param base            who was asked, completing "The question was asked of …", e.g. "workplaces
 *                        that introduced at least one innovation in 2018–2019"; {@code null} when all
 *                        respondents were asked
 * @param excluded        answers kept in the denominator but not drawn, with their shares
 * @param multipleAnswers whether respondents could choose more than one answer
 * @param roundingNote    whether the drawn shares fail to add up to 100 only because of rounding
 * @param significance    what the figure's test found
 * @param weightedTo      what the weighted shares represent (the edition's population), or null when unweighted
 * @param n               the unweighted number of respondents behind the figure
 */
public record CaptionSpec(LocalizedText description, LocalizedText question, LocalizedText base,
                          List<Excluded> excluded, boolean multipleAnswers, boolean roundingNote,
                          Significance significance, LocalizedText weightedTo, long n) {

    public CaptionSpec {
        Objects.requireNonNull(question, "question");
        excluded = List.copyOf(excluded);
        Objects.requireNonNull(significance, "significance");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
    }

    /**
     * An answer left out of the drawing but kept in the denominator.
     *
     * @param label    the answer's label, e.g. "Don't know"
     * @param fraction its share, as a fraction of 1
     */
    public record Excluded(LocalizedText label, double fraction) {
    }
}
