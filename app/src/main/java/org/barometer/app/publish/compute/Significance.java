package org.barometer.app.publish.compute;

import java.util.List;

import org.barometer.app.text.LocalizedText;
/** What a figure's test found, as its caption reports it. */
public sealed interface Significance {

    /** The figure has no comparison, so the caption says nothing about significance. */
    record NotTested() implements Significance {
    }

    /** One test of the overall difference between the figure's groups (a Rao–Scott test). */
    record Overall(boolean significant, double level) implements Significance {
    }

    /**
     * One test per item of a multiple-answer question: the items where the groups differ and those
     * where they do not.
     */
    record PerItem(List<LocalizedText> significant, List<LocalizedText> notSignificant, double level)
            implements Significance {
        public PerItem {
            significant = List.copyOf(significant);
            notSignificant = List.copyOf(notSignificant);
        }
    }
}
