package org.barometer.formats.microdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing little-endian byte buffer: both writers build the whole file in memory and hand it over only when it
 * is complete, so a rejected input writes nothing.
 */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    Bytes int8(int v) {
        out.write(v);
        return this;
    }

    Bytes int16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    Bytes int32(int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
        return this;
    }

    Bytes int48(long v) {
        for (int i = 0; i < 6; i++) out.write((int) (v >>> (8 * i)));
        return this;
    }

    Bytes int64(long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
        return this;
    }

    Bytes float64(double v) {
        return int64(Double.doubleToRawLongBits(v));
    }

    Bytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** ASCII text as is (tags, keys). */
    Bytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code b} cut or padded with {@code pad} to exactly {@code width} bytes. */
    Bytes fixed(byte[] b, int width, byte pad) {
        byte[] field = Arrays.copyOf(b, width);
        if (b.length < width) Arrays.fill(field, b.length, width, pad);
        return bytes(field);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The longest prefix of {@code s} whose UTF-8 encoding has at most {@code maxBytes} bytes, never splitting a
     * character.
     */
    static String cutToBytes(String s, int maxBytes) {
        if (utf8(s).length <= maxBytes) return s;
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = utf8(new String(Character.toChars(cp))).length;
            if (bytes + n > maxBytes) break;
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The longest prefix of {@code s} with at most {@code maxChars} Unicode characters. */
    static String cutToChars(String s, int maxChars) {
        if (s.codePointCount(0, s.length()) <= maxChars) return s;
        return s.substring(0, s.offsetByCodePoints(0, maxChars));
    }
}
