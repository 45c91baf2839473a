package org.barometer.app.platform;

import java.time.Clock;
import org.barometer.app.db.Database;
import org.barometer.app.text.Texts;
import org.jdbi.v3.core.Jdbi;

/**
 * What every part of the server works with: settings, the database, the clock, the texts and the audit log.
 * It carries no stage's state (the portal's loaded publications, for example, belong to the server that
 * serves them). Handlers receive it; there are no globals.
 */
public record Platform(AppConfig config, Database database, Texts texts, AuditStore audit, Clock clock) {

    /** The standard wiring for a database and settings. */
    public static Platform create(AppConfig config, Database database) {
        return new Platform(config, database, Texts.bundled(), new AuditStore(database.jdbi()), Clock.systemUTC());
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }
}
