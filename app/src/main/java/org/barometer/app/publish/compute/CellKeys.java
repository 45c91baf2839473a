package org.barometer.app.publish.compute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cell-key method's keys (as the Australian Bureau of Statistics' TableBuilder and the European 2021 census
 * use it): every respondent has a permanent random record key in [0, 1), and a set of respondents — a published
 * cell — has the fractional part of the sum of its members' keys as its key. The same set of respondents always has
 * the same key, however the query that selected it was written, so the same cell always gets the same noise and
 * asking again, or asking in other words, averages nothing away; a set that differs by one respondent has an
 * unrelated key.
 *
 * <p>Record keys are derived from a secret of the database (HMAC-SHA256 of the response's id), so every node
 * derives the same keys and nobody without the secret can.
 */
public final class CellKeys {
    /** Mixes a cell's key with its base's, so that a change in either gives another key (the golden ratio's part). */
    private static final double MIX = 0.6180339887498949;

    private final double[] recordKeys;

    private CellKeys(double[] recordKeys) {
        this.recordKeys = recordKeys;
    }

    /** The record keys of respondents given their response ids (in the order of the weights). */
    public static CellKeys of(byte[] secret, long[] responseIds) {
        double[] keys = new double[responseIds.length];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (int r = 0; r < keys.length; r++) {
                byte[] digest = mac.doFinal(("response:" + responseIds[r]).getBytes(StandardCharsets.UTF_8));
                keys[r] = (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        return new CellKeys(keys);
    }

    /** How many respondents have keys. */
    public int size() {
        return recordKeys.length;
    }

    /** The key of the respondents a mask selects: the fractional part of the sum of their record keys. */
    public double key(boolean[] mask) {
        double sum = 0;
        for (int r = 0; r < mask.length; r++) {
            if (mask[r]) {
                sum += recordKeys[r];
            }
        }
        return sum - Math.floor(sum);
    }

    /** The key of the respondents at these indices. */
    public double key(int[] members) {
        double sum = 0;
        for (int r : members) {
            sum += recordKeys[r];
        }
        return sum - Math.floor(sum);
    }

    /** The key of a cell within its base: another key whenever either set changes. */
    public double key(boolean[] cell, boolean[] base) {
        double mixed = key(cell) + MIX * key(base);
        return mixed - Math.floor(mixed);
    }
}
