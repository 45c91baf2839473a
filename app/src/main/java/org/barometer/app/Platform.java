package org.barometer.app;

import java.time.Clock;
import org.barometer.app.admin.AuditLog;
import org.barometer.app.db.Database;
import org.barometer.app.portal.PublishedEditions;
import org.barometer.app.web.Messages;
import org.barometer.app.web.Sessions;
import org.barometer.app.web.Templates;
import org.jdbi.v3.core.Jdbi;

/**
 * What every part of the server works with: settings, the database, templates, messages, sessions, the
 * audit log, and the publications this node's portal shows. Handlers receive it; there are no globals.
 */
public record Platform(AppConfig config, Database database, Templates templates, Messages messages,
                       Sessions sessions, AuditLog audit, Clock clock, PublishedEditions publications) {

    /** The standard wiring for a database and settings. */
    public static Platform create(AppConfig config, Database database) {
        Clock clock = Clock.systemUTC();
        return new Platform(config, database, Templates.precompiled(), Messages.load(),
                new Sessions(database.jdbi(), config.secureCookies()), new AuditLog(database.jdbi()), clock,
                new PublishedEditions(database.jdbi()));
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }
}
