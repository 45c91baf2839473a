package org.barometer.app.publish.compute;

import java.util.Arrays;

/**
 * A set of an edition's respondents as a bit set over their positions ({@link ExplorerStore}): what the explorer
 * records of a base it answered. Immutable; equal when the same respondents are members.
 */
public final class Members {
    private final long[] words;

    private Members(long[] words) {
        this.words = trimmed(words);
    }

    /** The respondents a mask selects, {@code positions[r]} being respondent r's position. */
    public static Members of(boolean[] mask, int[] positions) {
        int max = 0;
        for (int p : positions) {
            max = Math.max(max, p);
        }
        long[] words = new long[max / 64 + 1];
        for (int r = 0; r < mask.length; r++) {
            if (mask[r]) {
                words[positions[r] >>> 6] |= 1L << positions[r];
            }
        }
        return new Members(words);
    }

    /** A set as stored: bit p is bit p % 8 of byte p / 8. */
    public static Members fromBytes(byte[] bytes) {
        long[] words = new long[(bytes.length + 7) / 8];
        for (int b = 0; b < bytes.length; b++) {
            words[b >>> 3] |= (bytes[b] & 0xFFL) << (8 * (b & 7));
        }
        return new Members(words);
    }

    /** The set as stored (see {@link #fromBytes}). */
    public byte[] bytes() {
        byte[] out = new byte[words.length * 8];
        for (int b = 0; b < out.length; b++) {
            out[b] = (byte) (words[b >>> 3] >>> (8 * (b & 7)));
        }
        return out;
    }

    /** One more than the highest member's position (0 for the empty set). */
    public int span() {
        return words.length == 0 ? 0 : (words.length - 1) * 64 + 64 - Long.numberOfLeadingZeros(words[words.length - 1]);
    }

    /** How many respondents are members. */
    public int count() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** How many respondents are members of exactly one of the two sets: |A Δ B|. */
    public int difference(Members other) {
        long[] a = words.length >= other.words.length ? words : other.words;
        long[] b = a == words ? other.words : words;
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            n += Long.bitCount(a[i] ^ b[i]);
        }
        for (int i = b.length; i < a.length; i++) {
            n += Long.bitCount(a[i]);
        }
        return n;
    }

    /** The positions of the respondents in exactly one of the two sets. */
    public int[] differencePositions(Members other) {
        int[] out = new int[difference(other)];
        int k = 0;
        int length = Math.max(words.length, other.words.length);
        for (int i = 0; i < length; i++) {
            long x = (i < words.length ? words[i] : 0) ^ (i < other.words.length ? other.words[i] : 0);
            while (x != 0) {
                out[k++] = i * 64 + Long.numberOfTrailingZeros(x);
                x &= x - 1;
            }
        }
        return out;
    }

    private static long[] trimmed(long[] words) {
        int length = words.length;
        while (length > 0 && words[length - 1] == 0) {
            length--;
        }
        return length == words.length ? words : Arrays.copyOf(words, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Members m && Arrays.equals(words, m.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Members(" + count() + ")";
    }
}
