package org.barometer.app;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Optional;
import org.barometer.app.admin.AdminBootstrap;
import org.barometer.app.admin.Users;
import org.barometer.app.db.Database;
import org.barometer.app.web.WebServer;

/** A running app node: its platform and its HTTP server. */
public final class Server implements AutoCloseable {
    private final Platform platform;
    private final Javalin javalin;

    private Server(Platform platform, Javalin javalin) {
        this.platform = platform;
        this.javalin = javalin;
    }

    /** Starts the HTTP server for a platform on a port (0: a free one). */
    public static Server start(Platform platform, int port) {
        Javalin javalin = WebServer.create(platform).start(port);
        return new Server(platform, javalin);
    }

    public Platform platform() {
        return platform;
    }

    public int port() {
        return javalin.port();
    }

    /** The address a visitor uses. */
    public String baseUrl() {
        String configured = platform.config().publicUrl();
        return configured != null ? configured.replaceAll("/+$", "") : "http://localhost:" + port();
    }

    /** Creates the first admin if the database has no users yet. */
    public static Optional<AdminBootstrap.Credentials> ensureAdmin(Platform platform) {
        return AdminBootstrap.ensureAdmin(new Users(platform.jdbi()), platform.audit(),
                platform.config().env().get("BAROMETER_ADMIN_PASSWORD"));
    }

    /** {@code ./barometer serve}: the server on the database of {@code BAROMETER_DB_URL}. */
    static int serve(java.util.Map<String, String> env) throws Exception {
        AppConfig config = AppConfig.fromEnvironment(env);
        String url = env.get("BAROMETER_DB_URL");
        if (url == null || url.isBlank()) {
            System.err.println("serve: set BAROMETER_DB_URL to the JDBC URL of the PostgreSQL database "
                    + "(e.g. jdbc:postgresql://localhost:5432/barometer?user=barometer&password=…), "
                    + "or use ./barometer demo for an embedded one");
            return 2;
        }
        Database database = Database.connect(url);
        Platform platform = Platform.create(config, database);
        Optional<AdminBootstrap.Credentials> admin = ensureAdmin(platform);
        Server server = start(platform, config.port());
        System.out.println("Barometer is running at " + server.baseUrl() + " (database: " + database.description() + ")");
        admin.ifPresent(c -> System.out.println("First admin created: username " + c.username()
                + (env.containsKey("BAROMETER_ADMIN_PASSWORD") ? " with the password of BAROMETER_ADMIN_PASSWORD"
                : ", password " + c.password() + "  (shown only this once)")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            database.close();
        }));
        Thread.currentThread().join();
        return 0;
    }

    static Path demoDataDir() {
        return Path.of("data", "pg");
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
