package org.barometer.app.demo;

import java.util.Map;
import java.util.Optional;
import org.barometer.app.AppConfig;
import org.barometer.app.Platform;
import org.barometer.app.Server;
import org.barometer.app.admin.AdminBootstrap;
import org.barometer.app.db.Database;

/**
 * {@code ./barometer demo}: starts an embedded PostgreSQL (data kept in {@code ./data/pg}), loads the demo
 * edition on first start, starts the server and prints where to go.
 */
public final class DemoCommand {
    private DemoCommand() {}

    public static int run(Map<String, String> env) throws Exception {
        long started = System.nanoTime();
        AppConfig config = AppConfig.fromEnvironment(env);
        Database database = Database.embedded(java.nio.file.Path.of("data", "pg"));
        Platform platform = Platform.create(config, database);
        Optional<AdminBootstrap.Credentials> admin = Server.ensureAdmin(platform);
        Server server = Server.start(platform, config.port());
        System.out.println();
        System.out.println("Barometer demo is running at " + server.baseUrl());
        System.out.println("  database: " + database.description());
        admin.ifPresentOrElse(
                c -> System.out.println("  admin login: " + c.username() + " / " + c.password()
                        + "   (shown only this once; kept in data/demo-admin.txt)"),
                () -> System.out.println("  admin login: see data/demo-admin.txt"));
        System.out.printf("  started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            database.close();
        }));
        Thread.currentThread().join();
        return 0;
    }
}
