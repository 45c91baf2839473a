package org.barometer.app.fieldwork;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** A fresh, migrated PostgreSQL database for one test class: on BAROMETER_TEST_DB_URL's server, else embedded. */
final class FieldworkDb implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    final String url;
    final Jdbi jdbi;

    FieldworkDb() throws IOException, SQLException {
        String server = System.getenv("BAROMETER_TEST_DB_URL");
        if (server == null || server.isBlank()) {
            embedded = EmbeddedPostgres.builder().start();
            url = embedded.getJdbcUrl("postgres", "postgres");
        } else {
            embedded = null;
            String name = "t_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(server)) {
                c.createStatement().execute("CREATE DATABASE " + name);
            }
            url = server.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        }
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        jdbi = Jdbi.create(url).installPlugin(new PostgresPlugin());
    }

    long newEdition(String name) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO edition (name) VALUES (?) RETURNING id")
                .bind(0, name).mapTo(Long.class).one());
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
