package org.barometer.app.publish.compute;

import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;

/** The database's secret for the record keys of the cell-key method ({@code disclosure_secret}). */
public final class DisclosureStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public DisclosureStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The secret, made on first use (two nodes asking at once get the same one). */
    public byte[] secret() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return jdbi.inTransaction(h -> {
            h.createUpdate("insert into disclosure_secret (id, secret) values (1, :s) on conflict (id) do nothing")
                    .bind("s", fresh).execute();
            return h.createQuery("select secret from disclosure_secret where id = 1").mapTo(byte[].class).one();
        });
    }
}
