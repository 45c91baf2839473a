package org.barometer.app.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.barometer.app.db.Database;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated PostgreSQL database for one test class, dropped afterwards. The server is the one named
 * by {@code BAROMETER_TEST_DB_URL} (CI) or else one embedded PostgreSQL shared by all test classes of the
 * JVM. Use as {@code @RegisterExtension static final TestDatabase db = new TestDatabase();}.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    private static EmbeddedPostgres embedded;

    private final String dump;
    private String name;
    private String serverUrl;
    private Database database;

    /** A fresh database with the current schema. */
    public TestDatabase() {
        this(null);
    }

    private TestDatabase(String dump) {
        this.dump = dump;
    }

    /**
     * A fresh database restored from a plain-SQL dump on the class path (gzipped), before the current version's
     * migrations run on it: a database written by an earlier version, upgraded.
     */
    public static TestDatabase restoredFrom(String dumpResource) {
        return new TestDatabase(dumpResource);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Creates and migrates the database (done by JUnit when registered as an extension). */
    public void start() {
        serverUrl = serverUrl();
        name = "barometer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute(serverUrl, "create database " + name);
        if (dump != null) {
            PlainSqlDump.restore(withDatabase(serverUrl, name), dump);
        }
        database = Database.connect(withDatabase(serverUrl, name));
    }

    /** Closes the pool and drops the database. */
    public void stop() {
        if (database != null) {
            database.close();
            execute(serverUrl, "drop database if exists " + name + " with (force)");
            database = null;
        }
    }

    public Database database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** The single integer a query answers, e.g. {@code count("select count(*) from frame_unit")}. */
    public int count(String sql, Object... args) {
        return jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Integer.class).one();
        });
    }

    /** The JDBC URL of this test database. */
    public String url() {
        return withDatabase(serverUrl, name);
    }

    private static synchronized String serverUrl() {
        String url = System.getenv("BAROMETER_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    /** The same server URL pointing at another database. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?');
        String head = pathStart < 0 || (query >= 0 && pathStart > query)
                ? jdbcUrl.substring(0, query < 0 ? jdbcUrl.length() : query)
                : jdbcUrl.substring(0, pathStart);
        String tail = query < 0 ? "" : jdbcUrl.substring(query);
        return head + "/" + database + tail;
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + " failed on " + url, e);
        }
    }
}
