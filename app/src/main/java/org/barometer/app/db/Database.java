package org.barometer.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The one PostgreSQL database of the app: a connection pool, the schema migrated to the latest version,
 * and a {@link Jdbi} to work with it. Either a server named by a JDBC URL (production, CI) or an embedded
 * PostgreSQL whose data directory survives restarts (demo, local tests).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final EmbeddedPostgres embedded;
    private final String description;

    private Database(HikariDataSource dataSource, EmbeddedPostgres embedded, String description) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.description = description;
        this.jdbi = Jdbi.create(GatedDataSource.wrap(dataSource, dataSource.getMaximumPoolSize(), dataSource.getConnectionTimeout()))
                .installPlugin(new PostgresPlugin());
    }

    /** Connects to the server named by a JDBC URL (user and password may be in the URL) and migrates. */
    public static Database connect(String jdbcUrl) {
        Database db = new Database(pool(jdbcUrl, 10), null, redact(jdbcUrl));
        db.migrate();
        return db;
    }

    /**
     * Starts an embedded PostgreSQL keeping its data in {@code dataDir} (created if missing, reused if
     * present) and migrates it.
     */
    public static Database embedded(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "50")
                .start();
        String url = pg.getJdbcUrl("postgres", "postgres");
        try {
            Database db = new Database(pool(url, 10), pg, "embedded PostgreSQL in " + dataDir);
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The database named by {@code BAROMETER_DB_URL}, or an embedded one in {@code fallbackDataDir}. */
    public static Database fromEnvironment(Map<String, String> env, Path fallbackDataDir) throws IOException {
        String url = env.get("BAROMETER_DB_URL");
        return url == null || url.isBlank() ? embedded(fallbackDataDir) : connect(url);
    }

    private static HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("barometer");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Where the data lives, without secrets: for logs and the start-up banner. */
    public String description() {
        return description;
    }

    /** The embedded server, when this database runs one. */
    public Optional<EmbeddedPostgres> embeddedServer() {
        return Optional.ofNullable(embedded);
    }

    /** The database's state for {@code /health}: reachable, server version, latest applied migration. */
    public Health health() {
        try {
            return jdbi.withHandle(h -> {
                String version = h.createQuery("show server_version").mapTo(String.class).one();
                String schema = h.createQuery(
                                "select version from flyway_schema_history where success order by installed_rank desc limit 1")
                        .mapTo(String.class).findOne().orElse("none");
                return new Health(true, version, schema, null);
            });
        } catch (RuntimeException e) {
            return new Health(false, null, null, e.getClass().getSimpleName());
        }
    }

    /** The database's state as reported by {@link #health()}. */
    public record Health(boolean up, String serverVersion, String schemaVersion, String error) {}

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
