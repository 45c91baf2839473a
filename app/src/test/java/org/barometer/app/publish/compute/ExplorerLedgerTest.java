package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.publish.compute.ExplorerLedger.Verdict;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Query-set overlap control, across two nodes sharing one database. */
class ExplorerLedgerTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final int N = 300;
    static long editionId;
    static long[] responseIds;

    @BeforeAll
    static void edition() {
        db.jdbi().useHandle(h -> h.execute("insert into disclosure_secret (id, secret) values (1, ?)",
                (Object) "a fixed secret for this test".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        editionId = new EditionStore(db.jdbi()).create("ledger", 2026, null, null, List.of("da"), null).id();
        responseIds = new long[N];
        for (int r = 0; r < N; r++) {
            responseIds[r] = 10_000 + 7L * r;
        }
    }

    static ExplorerLedger node() {
        return new ExplorerLedger(new ExplorerStore(db.jdbi()), editionId, responseIds,
                new DisclosureStore(db.jdbi()).secret(), 20, 5);
    }

    static boolean[] firstN(int n) {
        boolean[] mask = new boolean[N];
        for (int r = 0; r < n; r++) {
            mask[r] = true;
        }
        return mask;
    }

    @Test
    void aBaseCloseToOneAnsweredOnAnotherNodeIsRefusedAndTheSameBaseIsAnsweredAgain() {
        ExplorerLedger one = node();
        ExplorerLedger two = node();
        assertThat(one.admit(List.of(firstN(200)))).containsExactly(Verdict.NEW);
        for (int removed = 1; removed <= 4; removed++) {
            assertThat(two.admit(List.of(firstN(200 - removed)))).as("%d fewer", removed).containsExactly(Verdict.TOO_CLOSE);
            assertThat(two.admit(List.of(firstN(200 + removed)))).as("%d more", removed).containsExactly(Verdict.TOO_CLOSE);
        }
        assertThat(two.admit(List.of(firstN(200)))).containsExactly(Verdict.ANSWERED_BEFORE);
        // at least the minimum plus the noise away from every answered base: answered
        assertThat(two.admit(List.of(firstN(150)))).containsExactly(Verdict.NEW);
        assertThat(one.admit(List.of(firstN(151)))).containsExactly(Verdict.TOO_CLOSE);
        // a refused base refuses the groups after it; groups of an admitted base are decided one by one
        assertThat(one.admit(List.of(firstN(149), firstN(100)))).containsExactly(Verdict.TOO_CLOSE);
        assertThat(one.admit(List.of(firstN(100), firstN(99), firstN(50)))).containsExactly(Verdict.NEW,
                Verdict.TOO_CLOSE, Verdict.NEW);
        // what was recorded is in the database, for nodes that start later
        assertThat(node().admit(List.of(firstN(51)))).containsExactly(Verdict.TOO_CLOSE);
    }

    @Test
    void theEdgeOfTheMinimumIsDecidedOnTheProtectedCountOfTheDifference() {
        long other = new EditionStore(db.jdbi()).create("edge", 2026, null, null, List.of("da"), null).id();
        ExplorerLedger ledger = new ExplorerLedger(new ExplorerStore(db.jdbi()), other, responseIds,
                new DisclosureStore(db.jdbi()).secret(), 20, 5);
        boolean[] base = new boolean[N];
        for (int r = 250; r < N; r++) {
            base[r] = true;
        }
        assertThat(ledger.admit(List.of(base))).containsExactly(Verdict.NEW);
        // the base widened by 17 to 22 respondents of disjoint blocks (so the widened bases are far from each other)
        int refused = 0;
        int answered = 0;
        int start = 0;
        for (int d = 17; start + d <= 250; d = d == 22 ? 17 : d + 1) {
            boolean[] wider = base.clone();
            for (int r = start; r < start + d; r++) {
                wider[r] = true;
            }
            start += d;
            Verdict v = ledger.admit(List.of(wider)).getFirst();
            if (v == Verdict.TOO_CLOSE) {
                refused++;
            } else {
                assertThat(v).isEqualTo(Verdict.NEW);
                answered++;
            }
        }
        // the database's secret is fixed for this test class, so this split is always the same
        assertThat(refused).isPositive();
        assertThat(answered).isPositive();
    }
}
