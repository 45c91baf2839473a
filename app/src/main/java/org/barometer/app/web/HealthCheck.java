package org.barometer.app.web;

import io.javalin.http.Context;
import java.util.Map;
import org.barometer.app.db.Database;
import org.barometer.app.platform.Platform;

/** {@code GET /health}: whether this node and its database are up. */
public final class HealthCheck {
    private final Platform platform;

    public HealthCheck(Platform platform) {
        this.platform = platform;
    }

    public void check(Context ctx) {
        Database.Health health = platform.database().health();
        ctx.status(health.up() ? 200 : 503).json(Map.of(
                "status", health.up() ? "up" : "down",
                "database", health));
    }
}
