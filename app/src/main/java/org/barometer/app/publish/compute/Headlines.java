package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Share;

import org.barometer.app.publish.spec.EditionSpec;
/** An edition's headline numbers for the portal's front page, as weighted shares under disclosure control. */
public final class Headlines {

    private Headlines() {
    }

    /** A headline with its exact share and its share as published ({@link Protection}). */
    public record Result(EditionSpec.Headline headline, Share share, Share published) {
    }

    /**
     * Each headline's share of its base, in the edition's order. A headline is the two cells "condition holds" and
     * "does not" of its base: when either is counted from fewer than the edition's minimum respondents, the
     * headline is left out, since its share and n would give that cell away.
     */
    public static List<Result> compute(EditionSpec spec, Dataset data, Estimator estimator, CellKeys keys) {
        List<Result> out = new ArrayList<>();
        for (EditionSpec.Headline h : spec.headlines()) {
            boolean[] base = data.condition(h.base());
            boolean[] yes = data.condition(h.condition());
            for (int i = 0; i < base.length; i++) {
                yes[i] &= base[i];
            }
            Share share = estimator.share(base, yes);
            long[][] cells = {{share.count(), share.n() - share.count()}};
            if (Disclosure.suppress(cells, spec.minCellCount(), true, false).suppressedCount() == 0) {
                long publishedN = Protection.count(share.n(), keys.key(base), spec.minCellCount());
                out.add(new Result(h, share, Protection.share(share, keys.key(yes, base), publishedN)));
            }
        }
        return out;
    }
}
