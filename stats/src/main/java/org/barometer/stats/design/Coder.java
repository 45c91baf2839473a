package org.barometer.stats.design;

import java.util.Arrays;

/** Dense codes (0, 1, ... in order of first appearance) for pairs of int codes; open addressing, no boxing. */
final class Coder {
    private Coder() {}

    /** Result: a code per row and the number of distinct codes. */
    record Coded(int[] codes, int count, int[] firstRow) {}

    /** Codes the pairs (a[i], b[i]); either array may be null (treated as all 0). */
    static Coded pairs(int[] a, int[] b, int n) {
        Coded direct = direct(a, b, n);
        if (direct != null) return direct;
        int cap = Integer.highestOneBit(Math.max(16, n * 2 + 1)) << 1;
        long[] keys = new long[cap];
        int[] vals = new int[cap];
        Arrays.fill(vals, -1);
        int mask = cap - 1;
        int[] codes = new int[n];
        int[] first = new int[Math.max(16, Math.min(n, 1024))];
        int count = 0;
        for (int i = 0; i < n; i++) {
            long key = ((long) (a == null ? 0 : a[i]) << 32) | ((b == null ? 0 : b[i]) & 0xffffffffL);
            int h = (int) mix(key) & mask;
            while (true) {
                if (vals[h] < 0) {
                    keys[h] = key;
                    vals[h] = count;
                    if (count == first.length) first = Arrays.copyOf(first, first.length * 2);
                    first[count] = i;
                    codes[i] = count++;
                    break;
                }
                if (keys[h] == key) {
                    codes[i] = vals[h];
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        return new Coded(codes, count, Arrays.copyOf(first, count));
    }

    /**
     * Array lookup instead of hashing when the pairs fit in a table of at most ~4n cells (codes are
     * non-negative); null otherwise.
     */
    private static Coded direct(int[] a, int[] b, int n) {
        int maxA = 0;
        int maxB = 0;
        for (int i = 0; i < n; i++) {
            int x = a == null ? 0 : a[i];
            int y = b == null ? 0 : b[i];
            if (x < 0 || y < 0) return null;
            if (x > maxA) maxA = x;
            if (y > maxB) maxB = y;
        }
        long cells = (long) (maxA + 1) * (maxB + 1);
        if (cells > 4L * n + 1024) return null;
        int width = maxB + 1;
        int[] table = new int[(int) cells];
        Arrays.fill(table, -1);
        int[] codes = new int[n];
        int[] first = new int[Math.max(16, Math.min(n, 1024))];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int key = (a == null ? 0 : a[i]) * width + (b == null ? 0 : b[i]);
            int c = table[key];
            if (c < 0) {
                c = count++;
                table[key] = c;
                if (c == first.length) first = Arrays.copyOf(first, first.length * 2);
                first[c] = i;
            }
            codes[i] = c;
        }
        return new Coded(codes, count, Arrays.copyOf(first, count));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
