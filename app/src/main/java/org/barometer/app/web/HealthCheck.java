package org.barometer.app.web;

import io.javalin.http.Context;
import java.util.Map;
import org.barometer.app.db.Database;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;

/**
 * {@code GET /health}: whether this node and its database are up. Anyone (a load balancer) learns only that; a
 * signed-in member of staff also sees the database's versions and the schema's, which would tell an attacker what
 * to try.
 */
public final class HealthCheck {
    private final Platform platform;

    public HealthCheck(Platform platform) {
        this.platform = platform;
    }

    public void check(Context ctx) {
        Database.Health health = platform.database().health();
        String status = health.up() ? "up" : "down";
        ctx.status(health.up() ? 200 : 503).json(Web.user(ctx) == null ? Map.of("status", status)
                : Map.of("status", status, "database", health));
    }
}
