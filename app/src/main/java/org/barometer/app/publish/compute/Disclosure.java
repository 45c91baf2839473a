package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.List;

/**
 * Disclosure control for a published breakdown: a table of unweighted respondent counts with one row per
 * series (e.g. government level) and one column per answer category.
 *
 * <p>A cell counted from fewer than {@code k} respondents is never shown (primary suppression). Because the
 * shares of a row add up, and the overall figure is the margin of the breakdown, one hidden cell could be
 * recovered by subtraction; so (secondary suppression) every row and every column with exactly one hidden
 * cell has its next smallest cell hidden too, repeated until nothing changes. Finally the table is audited
 * as a system of linear equations — the published row and column totals are the equations, the hidden
 * cells the unknowns — and while any hidden cell is still determined by them (which the row/column rule
 * alone misses when two hidden blocks are joined by a single cell), one more cell is hidden.
 */
public final class Disclosure {

    private Disclosure() {
    }

    /** Why a cell is hidden. */
    public enum Reason { SHOWN, TOO_FEW, PROTECTS_OTHER }

    /**
     * The outcome: which cells are hidden and why.
     *
     * @param reasons        per row and column
     * @param rowTotalHidden per row: its total (the series' n) may not be published either, because the
     *                       only cells it could be hidden behind are hidden already
     * @param colTotalHidden per column: likewise for the overall figure's cell
     */
    public record Result(Reason[][] reasons, boolean[] rowTotalHidden, boolean[] colTotalHidden) {
        public boolean suppressed(int row, int col) {
            return reasons[row][col] != Reason.SHOWN;
        }

        public int suppressedCount() {
            int n = 0;
            for (Reason[] row : reasons) {
                for (Reason r : row) {
                    if (r != Reason.SHOWN) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    /**
     * Decides which cells to hide.
     *
     * @param counts          unweighted respondents per cell, rows × columns (a rectangular table)
     * @param minCount        the smallest count that may be shown (k)
     * @param rowTotalsShown  whether each row's total (the series' n) is published
     * @param colTotalsShown  whether each column's total (the overall figure without the breakdown) is published
     */
    public static Result suppress(long[][] counts, int minCount, boolean rowTotalsShown, boolean colTotalsShown) {
        if (minCount < 1) {
            throw new IllegalArgumentException("The disclosure threshold must be at least 1, was " + minCount);
        }
        int rows = counts.length;
        int cols = rows == 0 ? 0 : counts[0].length;
        Reason[][] reasons = new Reason[rows][cols];
        for (int r = 0; r < rows; r++) {
            if (counts[r].length != cols) {
                throw new IllegalArgumentException("Row " + r + " has " + counts[r].length + " cells, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (counts[r][c] < 0) {
                    throw new IllegalArgumentException("Negative count in row " + r + ", column " + c);
                }
                reasons[r][c] = counts[r][c] < minCount ? Reason.TOO_FEW : Reason.SHOWN;
            }
        }
        boolean[] rowPublished = new boolean[rows];
        boolean[] colPublished = new boolean[cols];
        java.util.Arrays.fill(rowPublished, rowTotalsShown);
        java.util.Arrays.fill(colPublished, colTotalsShown);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                if (rowPublished[r]) {
                    changed |= protectLine(counts, reasons, r, true);
                }
            }
            for (int c = 0; c < cols; c++) {
                if (colPublished[c]) {
                    changed |= protectLine(counts, reasons, c, false);
                }
            }
            if (!changed) {
                changed = protectDeterminedCell(counts, reasons, rowPublished, colPublished);
            }
        }
        boolean[] rowHidden = new boolean[rows];
        boolean[] colHidden = new boolean[cols];
        for (int r = 0; r < rows; r++) {
            rowHidden[r] = rowTotalsShown && !rowPublished[r];
        }
        for (int c = 0; c < cols; c++) {
            colHidden[c] = colTotalsShown && !colPublished[c];
        }
        return new Result(reasons, rowHidden, colHidden);
    }

    /** In a row (or column) with exactly one hidden cell, hides the smallest shown cell as well. */
    private static boolean protectLine(long[][] counts, Reason[][] reasons, int index, boolean isRow) {
        int length = isRow ? reasons[index].length : reasons.length;
        int hidden = 0;
        int smallest = -1;
        for (int i = 0; i < length; i++) {
            int r = isRow ? index : i;
            int c = isRow ? i : index;
            if (reasons[r][c] != Reason.SHOWN) {
                hidden++;
            } else if (smallest < 0 || counts[r][c] < (isRow ? counts[index][smallest] : counts[smallest][index])) {
                smallest = i;
            }
        }
        if (hidden != 1 || smallest < 0) {
            return false;
        }
        if (isRow) {
            reasons[index][smallest] = Reason.PROTECTS_OTHER;
        } else {
            reasons[smallest][index] = Reason.PROTECTS_OTHER;
        }
        return true;
    }

    /**
     * Finds one hidden cell that the published totals still determine and hides one more cell in its row
     * or column — the smallest one that leaves it undetermined, or else the smallest one there is.
     */
    private static boolean protectDeterminedCell(long[][] counts, Reason[][] reasons, boolean[] rowTotals, boolean[] colTotals) {
        List<int[]> determined = determinedCells(reasons, rowTotals, colTotals);
        if (determined.isEmpty()) {
            return false;
        }
        int[] cell = determined.getFirst();
        List<int[]> candidates = new ArrayList<>();
        for (int c = 0; c < reasons[cell[0]].length; c++) {
            if (reasons[cell[0]][c] == Reason.SHOWN) {
                candidates.add(new int[] {cell[0], c});
            }
        }
        for (int r = 0; r < reasons.length; r++) {
            if (reasons[r][cell[1]] == Reason.SHOWN) {
                candidates.add(new int[] {r, cell[1]});
            }
        }
        if (candidates.isEmpty()) {
            // Its whole row and column are hidden already: the totals that give it away go instead.
            rowTotals[cell[0]] = false;
            colTotals[cell[1]] = false;
            return true;
        }
        candidates.sort((a, b) -> Long.compare(counts[a[0]][a[1]], counts[b[0]][b[1]]));
        for (int[] candidate : candidates) {
            reasons[candidate[0]][candidate[1]] = Reason.PROTECTS_OTHER;
            boolean stillDetermined = determinedCells(reasons, rowTotals, colTotals).stream()
                    .anyMatch(d -> d[0] == cell[0] && d[1] == cell[1]);
            if (!stillDetermined) {
                return true;
            }
            reasons[candidate[0]][candidate[1]] = Reason.SHOWN;
        }
        int[] first = candidates.getFirst();
        reasons[first[0]][first[1]] = Reason.PROTECTS_OTHER;
        return true;
    }

    /**
     * The hidden cells whose values follow from the shown cells and the published totals: those whose unit
     * vector lies in the row space of the equations "sum of the hidden cells of a line = its total minus its
     * shown cells" for every line whose total is published.
     */
    public static List<int[]> determinedCells(Reason[][] reasons, boolean[] rowTotals, boolean[] colTotals) {
        List<int[]> unknowns = new ArrayList<>();
        for (int r = 0; r < reasons.length; r++) {
            for (int c = 0; c < reasons[r].length; c++) {
                if (reasons[r][c] != Reason.SHOWN) {
                    unknowns.add(new int[] {r, c});
                }
            }
        }
        if (unknowns.isEmpty()) {
            return List.of();
        }
        List<double[]> equations = new ArrayList<>();
        int rows = reasons.length;
        int cols = reasons[0].length;
        for (int r = 0; r < rows; r++) {
            if (rowTotals[r]) {
                double[] eq = new double[unknowns.size()];
                for (int u = 0; u < unknowns.size(); u++) {
                    eq[u] = unknowns.get(u)[0] == r ? 1 : 0;
                }
                equations.add(eq);
            }
        }
        for (int c = 0; c < cols; c++) {
            if (colTotals[c]) {
                double[] eq = new double[unknowns.size()];
                for (int u = 0; u < unknowns.size(); u++) {
                    eq[u] = unknowns.get(u)[1] == c ? 1 : 0;
                }
                equations.add(eq);
            }
        }
        int base = rank(equations, unknowns.size());
        List<int[]> determined = new ArrayList<>();
        for (int u = 0; u < unknowns.size(); u++) {
            List<double[]> extended = new ArrayList<>(equations);
            double[] unit = new double[unknowns.size()];
            unit[u] = 1;
            extended.add(unit);
            if (rank(extended, unknowns.size()) == base) {
                determined.add(unknowns.get(u));
            }
        }
        return determined;
    }

    private static int rank(List<double[]> equations, int width) {
        double[][] m = new double[equations.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = equations.get(i).clone();
        }
        int rank = 0;
        for (int col = 0; col < width && rank < m.length; col++) {
            int pivot = -1;
            for (int i = rank; i < m.length; i++) {
                if (Math.abs(m[i][col]) > 1e-9) {
                    pivot = i;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] tmp = m[pivot];
            m[pivot] = m[rank];
            m[rank] = tmp;
            for (int i = 0; i < m.length; i++) {
                if (i != rank && Math.abs(m[i][col]) > 1e-9) {
                    double f = m[i][col] / m[rank][col];
                    for (int j = col; j < width; j++) {
                        m[i][j] -= f * m[rank][j];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
