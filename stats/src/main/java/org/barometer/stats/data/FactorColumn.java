package org.barometer.stats.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;

/**
 * A categorical column: an int code per row into an ordered list of levels ({@code -1} = missing). The level
 * order is the order of the categories in every estimate (R's {@code levels()}); by default it is
 * {@link LevelOrder#TEXT} for text and numeric order for numbers. Immutable.
 */
public final class FactorColumn implements Column {
    private final String name;
    private final int[] codes;
    private final List<String> levels;

    FactorColumn(String name, int[] codes, List<String> levels) {
        this.name = name;
        this.codes = codes;
        this.levels = List.copyOf(levels);
    }

    /** A factor from text values ({@code null} = missing) with levels sorted by {@link LevelOrder#TEXT}. */
    public static FactorColumn ofText(String name, String[] values) {
        Map<String, Integer> first = new HashMap<>();
        List<String> seen = new ArrayList<>();
        int[] raw = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                raw[i] = -1;
                continue;
            }
            Integer c = first.get(v);
            if (c == null) {
                c = seen.size();
                first.put(v, c);
                seen.add(v);
            }
            raw[i] = c;
        }
        return sortedByText(name, raw, seen);
    }

    /** Builds from first-appearance codes, sorting the levels with {@link LevelOrder#TEXT}. */
    static FactorColumn sortedByText(String name, int[] raw, List<String> seen) {
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(LevelOrder.TEXT);
        return recode(name, raw, seen, sorted);
    }

    private static FactorColumn recode(String name, int[] raw, List<String> seen, List<String> order) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) pos.put(order.get(i), i);
        int[] map = new int[seen.size()];
        for (int i = 0; i < seen.size(); i++) map[i] = pos.get(seen.get(i));
        int[] codes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) codes[i] = raw[i] < 0 ? -1 : map[raw[i]];
        return new FactorColumn(name, codes, order);
    }

    /** A factor from a numeric column: one level per distinct value, sorted numerically; NaN stays missing. */
    public static FactorColumn ofNumeric(NumericColumn column) {
        double[] v = column.values();
        int n = v.length;
        // Fast path: small non-negative integers (the usual ids and strata), one presence table, no sorting.
        boolean small = true;
        double max = 0;
        for (int i = 0; i < n && small; i++) {
            double x = v[i];
            if (Double.isNaN(x)) continue;
            if (x < 0 || x != Math.rint(x) || x > 10_000_000) small = false;
            else if (x > max) max = x;
        }
        int[] codes = new int[n];
        List<String> levels = new ArrayList<>();
        if (small) {
            int[] lookup = new int[(int) max + 1];
            for (int i = 0; i < n; i++) if (!Double.isNaN(v[i])) lookup[(int) v[i]] = 1;
            for (int k = 0; k < lookup.length; k++) {
                if (lookup[k] != 0) {
                    lookup[k] = levels.size();
                    levels.add(Integer.toString(k));
                } else {
                    lookup[k] = -1;
                }
            }
            for (int i = 0; i < n; i++) codes[i] = Double.isNaN(v[i]) ? -1 : lookup[(int) v[i]];
            return new FactorColumn(column.name(), codes, levels);
        }
        double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[k++] = sorted[i];
        double[] distinct = Arrays.copyOf(sorted, k);
        for (double d : distinct) {
            levels.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        }
        for (int i = 0; i < n; i++) codes[i] = Double.isNaN(v[i]) ? -1 : Arrays.binarySearch(distinct, v[i]);
        return new FactorColumn(column.name(), codes, levels);
    }

    /** A factor from codes ({@code -1} = missing) and levels; codes must be below {@code levels.size()}. */
    public static FactorColumn ofCodes(String name, int[] codes, List<String> levels) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= levels.size()) { // the place is spelt out only for a bad code
                Arguments.requireInRange(Arguments.atRow("codes of variable '" + name + "'", i), codes[i], -1,
                        levels.size() - 1);
            }
        }
        return new FactorColumn(name, codes.clone(), levels);
    }

    /**
     * The same data with the levels in the given order (which must contain every level present, and may add
     * levels with no rows, like R's {@code factor(x, levels = ...)} except that unknown values are an error).
     */
    public FactorColumn withLevels(List<String> order) {
        Arguments.requireDistinct("level order of variable '" + name + "'", order);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) pos.put(order.get(i), i);
        int[] map = new int[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            Integer p = pos.get(levels.get(i));
            map[i] = p == null ? -2 : p;
        }
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0) {
                out[i] = -1;
            } else if (map[c] == -2) {
                throw Arguments.refused(Arguments.atRow("variable '" + name + "'", i), "category '" + levels.get(c)
                        + "' is not in the given level order " + order);
            } else {
                out[i] = map[c];
            }
        }
        return new FactorColumn(name, out, order);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    /** The level code of {@code row} ({@code -1} if missing). */
    public int code(int row) {
        return codes[row];
    }

    /** The backing code array, for single-pass loops inside the engine. Never modify it. */
    public int[] codes() {
        return codes;
    }

    /** The levels in order. */
    public List<String> levels() {
        return levels;
    }

    /** Number of levels. */
    public int levelCount() {
        return levels.size();
    }

    /** The index of {@code level}, or a {@link SurveyInputException} naming the variable and the category. */
    public int levelIndex(String level) {
        int i = levels.indexOf(level);
        if (i < 0) throw Arguments.unknown("variable '" + name + "'", "category", level, levels);
        return i;
    }

    @Override
    public String text(int row) {
        return codes[row] < 0 ? "NA" : levels.get(codes[row]);
    }

    @Override
    public String toString() {
        return "FactorColumn[" + name + ", " + codes.length + " rows, levels " + levels + "]";
    }
}
