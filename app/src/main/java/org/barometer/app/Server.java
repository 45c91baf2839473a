package org.barometer.app;

import io.javalin.Javalin;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.access.AdminBootstrap;
import org.barometer.app.access.UserStore;
import org.barometer.app.db.Database;
import org.barometer.app.fieldwork.FieldworkJobs;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Node;
import org.barometer.app.platform.Platform;
import org.barometer.app.portal.PublishedEdition;
import org.barometer.app.portal.PublishedEditions;
import org.barometer.app.publish.job.PublishJobs;
import org.barometer.app.web.Routes;
import org.barometer.app.web.WebServer;

/**
 * A running app node, and the one place where its parts are put together: the platform, the portal's view of
 * the stored publications, the background work (fieldwork, publication jobs, following new publications) and
 * the HTTP server with every route. Nothing else imports this package.
 */
public final class Server implements Node {
    private final Platform platform;
    private final PublishedEditions publications;
    private final Javalin javalin;
    private final FieldworkJobs fieldwork;
    private final PublishJobs jobs;

    private Server(Platform platform, PublishedEditions publications, Javalin javalin, FieldworkJobs fieldwork,
                   PublishJobs jobs) {
        this.platform = platform;
        this.publications = publications;
        this.javalin = javalin;
        this.fieldwork = fieldwork;
        this.jobs = jobs;
    }

    /** Starts a node for a platform on a port (0: a free one): its HTTP server and its background work. */
    public static Server start(Platform platform, int port) {
        PublishedEditions publications = new PublishedEditions(platform.jdbi());
        // the stored publications start loading first, beside the HTTP server's start rather than after it
        publications.startChecking(platform);
        Javalin javalin = WebServer.create(platform, Routes.Handlers.of(platform, publications)).start(port);
        FieldworkJobs fieldwork = FieldworkJobs.start(platform);
        // This node's portal takes a publication its own job computed instead of computing it again.
        PublishJobs jobs = PublishJobs.start(platform,
                (edition, p) -> publications.offer(edition, p.publicationId(),
                        PublishedEdition.of(p, platform.jdbi(), edition)));
        return new Server(platform, publications, javalin, fieldwork, jobs);
    }

    public Platform platform() {
        return platform;
    }

    /** The publications this node's portal shows. */
    public PublishedEditions publications() {
        return publications;
    }

    /** Every route this node serves, with the access it is declared with. */
    public java.util.List<WebServer.DeclaredRoute> routes() {
        return WebServer.routes(javalin);
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public String baseUrl() {
        String configured = platform.config().publicUrl();
        return configured != null ? configured.replaceAll("/+$", "") : "http://localhost:" + port();
    }

    /** Creates the first admin if the database has no users yet. */
    public static Optional<AdminBootstrap.Credentials> ensureAdmin(Platform platform) {
        return AdminBootstrap.ensureAdmin(new UserStore(platform.jdbi()), platform.audit(),
                platform.config().env().get("BAROMETER_ADMIN_PASSWORD"));
    }

    /** {@code ./barometer serve}: the server on the database of {@code BAROMETER_DB_URL}. */
    static int serve(Map<String, String> env) throws Exception {
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

    @Override
    public void close() {
        jobs.close();
        fieldwork.close();
        publications.close();
        javalin.stop();
    }
}
