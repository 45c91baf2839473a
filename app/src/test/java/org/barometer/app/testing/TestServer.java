package org.barometer.app.testing;

import java.util.HashMap;
import java.util.Map;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.Server;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The app running on a free port over its own fresh {@link TestDatabase}, for one test class. The first
 * admin is {@link #ADMIN} with password {@link #ADMIN_PASSWORD}. Use as
 * {@code @RegisterExtension static final TestServer server = new TestServer();}.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private final TestDatabase db = new TestDatabase();
    private final Map<String, String> extraEnv = new HashMap<>();
    private Server server;

    /** Adds an environment setting for the server (before it starts), e.g. {@code BAROMETER_SMTP_PORT}. */
    public TestServer withEnv(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() {
        db.start();
        Map<String, String> env = new HashMap<>();
        env.put("BAROMETER_PORT", "0");
        env.put("BAROMETER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(extraEnv);
        AppConfig config = AppConfig.fromEnvironment(env);
        Platform platform = Platform.create(config, db.database());
        Server.ensureAdmin(platform);
        server = Server.start(platform, 0);
    }

    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        db.stop();
    }

    /** The server's address, e.g. {@code http://localhost:40123}. */
    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public Platform platform() {
        return server.platform();
    }

    /**
     * Loads the demo edition, publishes it and waits (bounded) until this server's portal shows it with its data: for tests of
     * the portal that need a publication. Returns the edition's id.
     */
    public long publishDemo() throws Exception {
        long edition = org.barometer.app.demo.DemoEdition.load(jdbi()).edition().id();
        org.barometer.app.demo.DemoEdition.publish(jdbi(), edition);
        Poll.until(java.time.Duration.ofSeconds(60), () -> completeEditions(), n -> n > 0);
        return edition;
    }

    /**
     * Loads and publishes the demo's Danish series (every edition) and its family's files, and waits (bounded)
     * until this server's portal shows every edition: for tests of the pages of the series.
     */
    public void publishDemoSeries() throws Exception {
        for (org.barometer.app.demo.DemoVintage v : org.barometer.app.demo.DemoVintage.SERIES) {
            long edition = org.barometer.app.demo.DemoEdition.load(jdbi(), v).edition().id();
            org.barometer.app.demo.DemoEdition.publish(jdbi(), edition, v);
        }
        org.barometer.app.demo.DemoSeries.publish(jdbi());
        Poll.until(java.time.Duration.ofSeconds(120), () -> completeEditions(),
                n -> n == org.barometer.app.demo.DemoVintage.SERIES.size());
    }

    /** How many editions the portal shows with their data loaded (a node shows an edition a moment before). */
    private long completeEditions() {
        return publications().editions().stream().filter(e -> e.edition().complete()).count();
    }

    /**
     * Waits (bounded) until every edition the portal shows has its data loaded: what loading them writes (the
     * explorer's record of its respondents) is then done, for tests that compare the database before and after.
     */
    public void awaitEditionsComplete() throws InterruptedException {
        Poll.until(java.time.Duration.ofSeconds(60),
                () -> publications().editions().stream().allMatch(e -> e.edition().complete()), done -> done);
    }

    /** Every route the server declares, with its access. */
    public java.util.List<org.barometer.app.web.WebServer.DeclaredRoute> routes() {
        return server.routes();
    }

    /** The publications this server's portal shows. */
    public org.barometer.app.portal.PublishedEditions publications() {
        return server.publications();
    }

    public Jdbi jdbi() {
        return db.jdbi();
    }

    /** The single integer a query answers (see {@link TestDatabase#count}). */
    public int count(String sql, Object... args) {
        return db.count(sql, args);
    }

    public TestDatabase database() {
        return db;
    }

    /** A new HTTP client with its own cookies (a new visitor). */
    public WebClient client() {
        return new WebClient(baseUrl());
    }

    /** A new HTTP client signed in as the first admin. */
    public WebClient admin() {
        WebClient client = client();
        client.login(ADMIN, ADMIN_PASSWORD);
        return client;
    }
}
