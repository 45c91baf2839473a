package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.LocalizedText;
import org.barometer.forms.expr.ExpressionLimitException;
import org.barometer.forms.expr.ExpressionPolicy;

/**
 * The public explorer of one publication: a visitor's question ({@link ExplorerQuery}) answered with protected
 * numbers only, under every rule of docs/confidentiality.md —
 * <ol>
 *   <li>only publishable variables, the filter parsed and evaluated under the public expression budget;</li>
 *   <li>a base with fewer than the edition's minimum respondents (by its protected count) is refused, and a
 *       breakdown group under the minimum is not shown;</li>
 *   <li>a filter whose selection differs from one answered before by fewer than the minimum is refused
 *       ({@link ExplorerLedger}); the selection depends on classification variables only, so whether it is
 *       answered tells nothing about anyone's answers;</li>
 *   <li>every number is protected as the published figures' are ({@link Protection}, the cell-key method).</li>
 * </ol>
 * Every wording of a filter that selects the same respondents gets the very same numbers (their cell keys are the
 * same). Answers are cached by the question, the breakdown, those respondents and the filter's text — the text
 * because the caption repeats it, and one visitor's wording is never shown to another.
 */
public final class Explorer {
    /** The most answers a node keeps per publication. */
    static final int CACHE_SIZE = 10_000;

    /**
     * An answer: the figure (protected numbers only) and the breakdown groups left out for having too few
     * respondents to show.
     */
    public record Answer(FigureResult figure, List<LocalizedText> hiddenGroups) {
    }

    private record Key(String variable, String breakdown, Members base, String filter) {
    }

    private final EditionSpec edition;
    private final Dataset data;
    private final Estimator estimator;
    private final CellKeys keys;
    private final ExplorerLedger ledger;
    private final Map<Key, Answer> cache = new ConcurrentHashMap<>();

    /**
     * The explorer of a publication, its published figures' bases and groups recorded as answered (they are
     * public already).
     */
    public Explorer(Publication publication, ExplorerLedger ledger) {
        this.edition = publication.edition();
        this.data = publication.data();
        this.estimator = publication.estimator();
        this.keys = publication.keys();
        this.ledger = ledger;
        ledger.register(publishedBases());
    }

    /** The selection of the published figures: every respondent (they have no filter). */
    private List<boolean[]> publishedBases() {
        return List.of(all());
    }

    /** The explorer's answer to a visitor's question, or its refusal. */
    public Answer answer(String variable, String breakdown, String filter) throws ExplorerRefusal {
        ExplorerQuery query = ExplorerQuery.parse(edition, variable, breakdown, filter);
        // Overlap control decides on the filter's selection alone, never on the question's base or a breakdown
        // group: those depend on answers (who was asked a question, who gave an answer), and "the very set answered
        // before" against "a few off" would tell them. The selection depends on classification variables only.
        boolean[] selection = all();
        if (query.filter() != null) {
            try {
                selection = data.condition(query.filter(), ExpressionPolicy.PUBLIC.newBudget());
            } catch (ExpressionLimitException e) {
                throw ExplorerRefusal.of("filter", e.reason().key(), e.position(), "portal.explorer.error.filterLimit",
                        e.text());
            }
        }
        boolean[] base = and(data.condition(query.spec().base()), selection);
        Key key = new Key(query.spec().variable(), query.spec().breakdown(), ledger.members(base),
                query.filterSource());
        Answer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        int minBase = edition.explorer().minBase();
        // a selection under the minimum is refused before the ledger sees it, so that small sets are never
        // recorded (they would make every other small set "too close")
        if (!shown(selection, minBase)) {
            throw ExplorerRefusal.of("filter", ExplorerRefusal.Reason.TOO_FEW, -1, "portal.explorer.error.tooFew");
        }
        switch (ledger.admit(List.of(selection)).getFirst()) {
            case TOO_CLOSE -> throw ExplorerRefusal.of("filter", ExplorerRefusal.Reason.TOO_CLOSE, -1,
                    "portal.explorer.error.tooClose");
            case FULL -> throw ExplorerRefusal.of("filter", ExplorerRefusal.Reason.FULL, -1,
                    "portal.explorer.error.full");
            default -> { }
        }
        if (!shown(base, minBase)) {
            throw ExplorerRefusal.of("filter", ExplorerRefusal.Reason.TOO_FEW, -1, "portal.explorer.error.tooFew");
        }
        List<FigureSpec.Item> kept = new ArrayList<>();
        List<LocalizedText> hidden = new ArrayList<>();
        for (FigureSpec.Item g : query.spec().groups()) {
            if (shown(and(base, data.condition(g.condition())), minBase)) {
                kept.add(g);
            } else {
                hidden.add(g.label());
            }
        }
        if (query.spec().breakdown() != null && kept.isEmpty()) {
            throw ExplorerRefusal.of("by", ExplorerRefusal.Reason.TOO_FEW, -1, "portal.explorer.error.tooFewGroups");
        }
        FigureResult figure;
        try {
            figure = FigureComputer.compute(edition, query.keepingGroups(kept).spec(), data, estimator, keys, base)
                    .published();
        } catch (EditionException e) {
            throw new IllegalStateException("an explorer figure with a shown base was refused: " + e.getMessage(), e);
        }
        Answer answer = new Answer(figure, List.copyOf(hidden));
        if (cache.size() < CACHE_SIZE) {
            cache.put(key, answer);
        }
        return answer;
    }

    private boolean[] all() {
        boolean[] all = new boolean[data.size()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /** Whether a base or group is large enough to show, by its protected count. */
    private boolean shown(boolean[] mask, int minBase) {
        long n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return Protection.count(n, keys.key(mask), edition.minCellCount()) >= minBase;
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }
}
