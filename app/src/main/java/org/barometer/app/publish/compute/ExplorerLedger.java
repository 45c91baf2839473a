package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Query-set overlap control (Dobkin, Jones and Lipton's defence against trackers): the bases the explorer has
 * answered for an edition, on every node, and the rule that a new base is answered only when it is the same set of
 * respondents as one answered before, or differs from every answered one by at least the edition's minimum base.
 * Two answers whose bases differ by a few workplaces would otherwise give those workplaces' answers away by
 * subtraction, however the numbers are rounded or perturbed, once the attacker averages enough such pairs.
 *
 * <p>"Differs by fewer than the minimum" is decided, like every public count, on the protected count of the
 * difference ({@link Protection#count}, its noise drawn from the difference's cell key), so that the refusal does
 * not tell exactly how many respondents the difference holds.
 *
 * <p>This node keeps a copy of the edition's answered bases and catches up with the other nodes' (one query for
 * the rows it has not seen) under the edition's lock, before each decision.
 */
public final class ExplorerLedger {
    /** What a base may be answered as. */
    public enum Verdict {
        /** The very same respondents as a base answered before: answered again, recording nothing. */
        ANSWERED_BEFORE,
        /** Far enough from every answered base: answered and recorded. */
        NEW,
        /** Within the minimum of an answered base: refused. */
        TOO_CLOSE,
        /** The edition has as many answered bases as the explorer keeps: refused. */
        FULL
    }

    /** The most bases kept per edition (a bit set each; see docs/confidentiality.md). */
    public static final int MAX_BASES = 200_000;

    private final ExplorerStore store;
    private final long editionId;
    private final byte[] secret;
    private final int minBase;
    private final int minCount;
    private final int[] positions;
    private final List<Members> answered = new ArrayList<>();
    private final Set<Members> answeredSet = new HashSet<>();
    private long lastSeen;
    private CellKeys keysByPosition;

    /**
     * The ledger of an edition for a publication's respondents.
     *
     * @param responseIds the publication's respondents' response ids, in the order of its weights
     * @param secret      the database's disclosure secret (the record keys)
     */
    public ExplorerLedger(ExplorerStore store, long editionId, long[] responseIds, byte[] secret, int minBase,
                          int minCount) {
        this.store = store;
        this.editionId = editionId;
        this.secret = secret.clone();
        this.minBase = minBase;
        this.minCount = minCount;
        this.positions = store.positions(editionId, responseIds);
    }

    /** The respondents a mask (over the publication's respondents) selects, as a set of the edition's. */
    public Members members(boolean[] mask) {
        return Members.of(mask, positions);
    }

    /** Records bases that are published anyway (the published figures' bases and groups), without a check. */
    public synchronized void register(List<boolean[]> masks) {
        store.locked(editionId, h -> {
            catchUp(h);
            for (boolean[] mask : masks) {
                Members m = members(mask);
                if (!answeredSet.contains(m)) {
                    lastSeen = Math.max(lastSeen, store.record(h, editionId, m, true));
                    add(m);
                }
            }
            return null;
        });
    }

    /**
     * Decides, in order, whether each base may be answered, recording the new ones; after a base that is refused
     * the ones after it are not looked at (the explorer asks with its base first, then its breakdown groups, and a
     * refused base refuses the question).
     */
    public synchronized List<Verdict> admit(List<boolean[]> masks) {
        return store.locked(editionId, h -> {
            catchUp(h);
            List<Verdict> verdicts = new ArrayList<>();
            for (int i = 0; i < masks.size(); i++) {
                Members m = members(masks.get(i));
                Verdict v = verdict(m);
                verdicts.add(v);
                if (v == Verdict.NEW) {
                    lastSeen = Math.max(lastSeen, store.record(h, editionId, m, false));
                    add(m);
                } else if (i == 0 && v != Verdict.ANSWERED_BEFORE) {
                    break;
                }
            }
            return verdicts;
        });
    }

    private Verdict verdict(Members m) {
        if (answeredSet.contains(m)) {
            return Verdict.ANSWERED_BEFORE;
        }
        for (Members other : answered) {
            int d = m.difference(other);
            // the protected count is at most 3 below the true one, so only near sets need their key
            if (d < minBase + 3 && Protection.count(d, keysByPosition.key(m.differencePositions(other)), minCount) < minBase) {
                return Verdict.TOO_CLOSE;
            }
        }
        return answered.size() >= MAX_BASES ? Verdict.FULL : Verdict.NEW;
    }

    /** Reads the bases other nodes recorded since this one last looked, and the keys of any new positions. */
    private void catchUp(org.jdbi.v3.core.Handle h) {
        boolean newPositions = keysByPosition == null;
        for (ExplorerStore.Answered a : store.answeredAfter(h, editionId, lastSeen)) {
            lastSeen = a.id();
            if (!answeredSet.contains(a.members())) {
                add(a.members());
                newPositions |= keysByPosition == null || a.members().span() > keysByPosition.size();
            }
        }
        if (newPositions) {
            keysByPosition = CellKeys.of(secret, store.responseIds(h, editionId));
        }
    }

    private void add(Members m) {
        answered.add(m);
        answeredSet.add(m);
    }
}
