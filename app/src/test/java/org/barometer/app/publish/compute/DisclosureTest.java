package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    @Test
    void aSmallCellIsHiddenWithItsNextSmallestNeighbour() {
        long[][] counts = {
                {120, 40, 3, 30},
                {200, 90, 25, 60},
        };
        Disclosure.Result result = Disclosure.suppress(counts, 5, true, true);
        assertThat(result.reasons()[0][2]).isEqualTo(Disclosure.Reason.TOO_FEW);
        // the row would give 3 away: its next smallest cell (30) goes too
        assertThat(result.reasons()[0][3]).isEqualTo(Disclosure.Reason.PROTECTS_OTHER);
        // the columns would give both away through the overall figure: the other row loses two cells
        assertThat(result.suppressed(1, 2)).isTrue();
        assertThat(result.suppressed(1, 3)).isTrue();
        assertThat(result.suppressed(0, 0)).isFalse();
        assertNothingRecoverable(counts, result, 5, true, true);
    }

    @Test
    void theThresholdIsConfigurable() {
        long[][] counts = {{8, 50, 60}, {50, 50, 60}};
        assertThat(Disclosure.suppress(counts, 5, true, true).suppressedCount()).isZero();
        assertThat(Disclosure.suppress(counts, 10, true, true).suppressed(0, 0)).isTrue();
        assertThatThrownBy(() -> Disclosure.suppress(counts, 0, true, true))
                .hasMessageContaining("at least 1");
    }

    @Test
    void twoHiddenBlocksJoinedByOneCellAreCaughtByTheAudit() {
        // Rows 0-1 × columns 0-1 and rows 2-3 × columns 2-3 are small; cell (1,2) joins the two blocks.
        // Every line then has two hidden cells, yet (1,2) follows from the totals: the audit must act.
        long[][] counts = {
                {1, 1, 90, 90, 90},
                {1, 1, 2, 90, 90},
                {90, 90, 1, 1, 90},
                {90, 90, 1, 1, 90},
                {90, 90, 90, 90, 90},
        };
        Disclosure.Result result = Disclosure.suppress(counts, 5, true, true);
        assertNothingRecoverable(counts, result, 5, true, true);
    }

    @Test
    void randomTablesNeverLeaveARecoverableCell() {
        Random random = new Random(20260127);
        for (int trial = 0; trial < 400; trial++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(6);
            long[][] counts = new long[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    counts[r][c] = random.nextDouble() < 0.3 ? random.nextInt(5) : random.nextInt(200);
                }
            }
            boolean rowTotals = random.nextBoolean();
            boolean colTotals = random.nextBoolean();
            int k = 3 + random.nextInt(5);
            assertNothingRecoverable(counts, Disclosure.suppress(counts, k, rowTotals, colTotals), k, rowTotals, colTotals);
        }
    }

    /**
     * Checks, independently of the implementation's own linear algebra, that every small cell is hidden
     * and that no hidden cell follows from the published totals. Hidden cells are the edges of a bipartite
     * graph between rows and columns; a line whose total is not published imposes no equation, so all such
     * lines are merged into one free node. A hidden cell is determined exactly when its edge is a bridge.
     */
    private static void assertNothingRecoverable(long[][] counts, Disclosure.Result result, int k,
                                                 boolean rowTotals, boolean colTotals) {
        int rows = counts.length;
        int cols = counts[0].length;
        List<int[]> edges = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (counts[r][c] < k) {
                    assertThat(result.suppressed(r, c)).as("cell %d,%d with count %d", r, c, counts[r][c]).isTrue();
                }
                if (result.suppressed(r, c)) {
                    int free = rows + cols;
                    boolean rowEquation = rowTotals && !result.rowTotalHidden()[r];
                    boolean colEquation = colTotals && !result.colTotalHidden()[c];
                    edges.add(new int[] {rowEquation ? r : free, colEquation ? rows + c : free, r, c});
                }
            }
        }
        for (int e = 0; e < edges.size(); e++) {
            int[] edge = edges.get(e);
            assertThat(connectedWithout(edges, e, edge[0], edge[1], rows + cols + 1))
                    .as("hidden cell %d,%d can be recovered from the totals", edge[2], edge[3]).isTrue();
        }
    }

    private static boolean connectedWithout(List<int[]> edges, int skip, int from, int to, int nodes) {
        if (from == to) {
            return true; // both ends are free lines: the cell is unconstrained
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            if (e != skip) {
                adjacent.get(edges.get(e)[0]).add(edges.get(e)[1]);
                adjacent.get(edges.get(e)[1]).add(edges.get(e)[0]);
            }
        }
        boolean[] seen = new boolean[nodes];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        seen[from] = true;
        while (!queue.isEmpty()) {
            int node = queue.poll();
            if (node == to) {
                return true;
            }
            for (int next : adjacent.get(node)) {
                if (!seen[next]) {
                    seen[next] = true;
                    queue.add(next);
                }
            }
        }
        return false;
    }
}
