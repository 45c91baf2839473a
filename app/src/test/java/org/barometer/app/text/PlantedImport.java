package org.barometer.app.text;

import java.time.Instant;
import org.barometer.app.db.Rows;

/** A planted violation for {@code ArchitectureTest}: text imports db, which docs/architecture.md does not allow. */
public final class PlantedImport {
    private PlantedImport() {}

    static Instant uses(java.sql.ResultSet rs) throws java.sql.SQLException {
        return Rows.instant(rs, "planted");
    }
}
