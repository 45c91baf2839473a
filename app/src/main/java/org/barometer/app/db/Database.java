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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final EmbeddedPostgres embedded;
    private final String description;
    /** What the check of the applied migrations found wrong (see {@link #migrate}), or null. */
    private volatile String schemaProblem;
    /** The check of the applied migrations, when it runs after the start. */
    private volatile Thread schemaCheck;

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

    /**
     * Brings the schema to the latest migration. When every migration the app carries is applied already (a node
     * restarting), nothing is to migrate, and Flyway's check that the applied migrations are the app's own
     * (their checksums) runs after the start instead of before it: Flyway reads and checks every migration file,
     * which took as long as the rest of the database's start. A mismatch found then is logged and makes
     * {@link #health} report the database down, as an edited migration must never go unnoticed.
     */
    private void migrate() {
        if (appliedAreCurrent()) {
            schemaCheck = Thread.ofVirtual().name("schema-check").start(this::checkApplied);
            return;
        }
        flyway().migrate();
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:" + MIGRATIONS).load();
    }

    private void checkApplied() {
        try {
            org.flywaydb.core.api.output.ValidateResult result = flyway().validateWithResult();
            if (!result.validationSuccessful) {
                schemaProblem = result.getAllErrorMessages();
                LOG.error("The applied migrations are not this version's: {}", schemaProblem);
            }
        } catch (RuntimeException e) {
            if (!dataSource.isClosed()) {
                schemaProblem = e.toString();
                LOG.error("The applied migrations could not be checked", e);
            }
        }
    }

    /** Waits for the check of the applied migrations, when one runs (for tests). */
    public void awaitSchemaCheck() throws InterruptedException {
        Thread check = schemaCheck;
        if (check != null) {
            check.join();
        }
    }

    static final String MIGRATIONS = "db/migration";
    private static final java.util.regex.Pattern MIGRATION = java.util.regex.Pattern.compile("V(\\d+)__[^/]*\\.sql");

    /** Whether the database has every migration of the app applied and successful, and no other. */
    private boolean appliedAreCurrent() {
        java.util.Set<String> carried = migrationVersions();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            java.util.Set<String> applied = new java.util.HashSet<>();
            try (java.sql.ResultSet exists = st.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return false;
                }
            }
            try (java.sql.ResultSet rs = st.executeQuery(
                    "select version, success from flyway_schema_history where version is not null")) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        return false;
                    }
                    applied.add(rs.getString(1));
                }
            }
            return !carried.isEmpty() && applied.equals(carried);
        } catch (java.sql.SQLException e) {
            return false; // Flyway says what is wrong
        }
    }

    /** The versions of the migrations the app carries ({@code V56__cases.sql}: 56), from its jar or its classes. */
    static java.util.Set<String> migrationVersions() {
        java.util.Set<String> versions = new java.util.TreeSet<>();
        java.net.URL url = Database.class.getClassLoader().getResource(MIGRATIONS);
        if (url == null) {
            return versions;
        }
        try {
            if (url.getProtocol().equals("jar")) {
                java.net.JarURLConnection connection = (java.net.JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (java.util.jar.JarFile jar = connection.getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(MIGRATIONS + "/"))
                            .map(n -> n.substring(MIGRATIONS.length() + 1)).forEach(n -> addVersion(versions, n));
                }
            } else {
                try (var files = Files.list(Path.of(url.toURI()))) {
                    files.forEach(f -> addVersion(versions, f.getFileName().toString()));
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            versions.clear(); // then Flyway reads them itself
        }
        return versions;
    }

    private static void addVersion(java.util.Set<String> versions, String file) {
        java.util.regex.Matcher m = MIGRATION.matcher(file);
        if (m.matches()) {
            versions.add(m.group(1));
        }
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
                String problem = schemaProblem;
                return new Health(problem == null, version, schema, problem == null ? null : "migrations: " + problem);
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
