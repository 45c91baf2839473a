package org.barometer.stats.design;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hadamard matrices (entries 1 and 0 for +1 and -1) that balanced repeated replication takes for a number of
 * strata, chosen and built as R survey's {@code hadamard(n)} does, so that the replicates are R's for every
 * number of strata: the smallest of R's four base orders (4, 16, 28, 36) that fits, else Paley's construction on
 * a prime p = 3 (mod 4) when that is more than 4 rows smaller than a doubled base matrix, else the base matrix
 * doubled (Sylvester's step). Row 1 is all ones and is not used for strata; the columns are the replicates.
 */
final class Hadamard {
    private Hadamard() {}

    /** The orders of R's stored base matrices, in the order its choice tries them. */
    private static final int[] BASE_ORDERS = {4, 16, 28, 36};

    /** The largest prime that R's Paley construction accepts (the end of its table of primes p = 3 mod 4). */
    static final int LARGEST_PALEY_PRIME = 7919;

    /**
     * The matrix R's {@code hadamard(n)} returns for {@code n} strata (pairs): at least {@code n + 1} rows, so
     * that every stratum has a row besides the first.
     */
    static int[][] forStrata(int n) {
        if (n < 0) throw new IllegalArgumentException("negative number of strata: " + n);
        int m = n - n % 4;
        // a base matrix whose order lies within 4 above the number of strata rounded down to a multiple of 4
        for (int i = 0; i < BASE_ORDERS.length; i++) {
            if (m < BASE_ORDERS[i] && m + 4 >= BASE_ORDERS[i]) return base(i);
        }
        // otherwise the base matrix that, doubled as often as needed to exceed n, overshoots least (the first
        // such in R's order on ties)
        int best = -1;
        int bestOrder = 0;
        int bestDoublings = 0;
        for (int i = 0; i < BASE_ORDERS.length; i++) {
            int order = BASE_ORDERS[i];
            int doublings = 0;
            while (order < n + 1) {
                order *= 2;
                doublings++;
            }
            if (best < 0 || order - n < bestOrder - n) {
                best = i;
                bestOrder = order;
                bestDoublings = doublings;
            }
        }
        int[][] h = null;
        // Paley's construction is tried only when the doubled matrix would waste more than 4 replicates
        if (bestOrder - n > 4) h = paley(n, bestOrder);
        if (h == null) {
            h = base(best);
            for (int i = 0; i < bestDoublings; i++) h = doubled(h);
        }
        return h;
    }

    /**
     * R's {@code paley(n, nmax)}: a matrix with more than {@code n} rows from Paley's construction (possibly
     * doubled), or null when its choice of prime would give more than {@code nmax} rows or it has no prime.
     */
    static int[][] paley(int n, int nmax) {
        int nceil = n + 4 - n % 4;
        // n mod 8 in 4..7: the multiple of 4 above n may be a doubling of 4 (p + 1), for a p in the table
        if (n % 8 >= 4) {
            int nn = nceil;
            while (nn % 8 == 0) nn /= 2;
            if (isPaleyPrime(nn - 1)) {
                int[][] h = paleyOfPrime(nn - 1);
                while (nn < nceil) {
                    h = doubled(h);
                    nn *= 2;
                }
                return h;
            }
        }
        if (n > LARGEST_PALEY_PRIME) return null;
        int p = n;
        while (!isPaleyPrime(p)) p++;
        // a prime much beyond the next multiple of 4: R retries from 3 past that multiple, with its own default
        // limit of twice that
        if (p + 1 > nceil + 4 && nceil + 4 < nmax) return paley(nceil + 3, 2 * (nceil + 3));
        if (p > nmax) return null;
        return paleyOfPrime(p);
    }

    /** Whether {@code p} is in R's table: a prime, 3 mod 4, at most {@link #LARGEST_PALEY_PRIME}. */
    static boolean isPaleyPrime(int p) {
        if (p < 3 || p > LARGEST_PALEY_PRIME || p % 4 != 3) return false;
        for (int d = 3; (long) d * d <= p; d += 2) if (p % d == 0) return false;
        return true;
    }

    /**
     * Paley's construction of order {@code p + 1}: a first row and column of ones around the p × p matrix whose
     * entry (i, j) is 0 where i + j (mod p) is 0 or a quadratic residue of p and 1 otherwise.
     */
    static int[][] paleyOfPrime(int p) {
        boolean[] zero = new boolean[p];
        zero[0] = true;
        for (long i = 1; i <= (p - 1) / 2; i++) zero[(int) (i * i % p)] = true;
        int[][] h = new int[p + 1][p + 1];
        for (int j = 0; j <= p; j++) {
            h[0][j] = 1;
            h[j][0] = 1;
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) h[i + 1][j + 1] = zero[(i + j) % p] ? 0 : 1;
        }
        return h;
    }

    /** Sylvester's doubling [[H, H], [H, 1 - H]]. */
    static int[][] doubled(int[][] h) {
        int s = h.length;
        int[][] g = new int[2 * s][2 * s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                g[a][b] = h[a][b];
                g[a][b + s] = h[a][b];
                g[a + s][b] = h[a][b];
                g[a + s][b + s] = 1 - h[a][b];
            }
        }
        return g;
    }

    /** R's base matrix {@code i}: 4 (written out), 16 (the 4 doubled twice, as R's is), 28 and 36 (stored). */
    private static int[][] base(int i) {
        return switch (i) {
            case 0 -> new int[][] {{1, 1, 1, 1}, {1, 0, 1, 0}, {1, 1, 0, 0}, {1, 0, 0, 1}};
            case 1 -> doubled(doubled(base(0)));
            default -> copy(Stored.MATRICES.get(i - 2));
        };
    }

    private static int[][] copy(int[][] h) {
        int[][] c = new int[h.length][];
        for (int i = 0; i < h.length; i++) c[i] = h[i].clone();
        return c;
    }

    /** The orders 28 and 36, read once from the resource file that carries R's entries. */
    private static final class Stored {
        static final List<int[][]> MATRICES = read();

        private static List<int[][]> read() {
            List<int[][]> out = new ArrayList<>();
            try (InputStream in = Hadamard.class.getResourceAsStream("hadamard-28-36.txt")) {
                if (in == null) throw new IllegalStateException("resource hadamard-28-36.txt is missing");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                List<int[]> rows = null;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) continue;
                    if (line.startsWith("order")) {
                        if (rows != null) out.add(rows.toArray(new int[0][]));
                        rows = new ArrayList<>();
                        continue;
                    }
                    int[] row = new int[line.length()];
                    for (int j = 0; j < row.length; j++) row[j] = line.charAt(j) - '0';
                    rows.add(row);
                }
                if (rows != null) out.add(rows.toArray(new int[0][]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() != 2 || out.get(0).length != 28 || out.get(1).length != 36) {
                throw new IllegalStateException("resource hadamard-28-36.txt does not hold matrices of orders 28 and 36");
            }
            return List.copyOf(out);
        }
    }
}
