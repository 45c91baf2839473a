package org.barometer.app.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.barometer.app.Platform;
import org.barometer.app.web.Web;

/** The administration's pages of the platform: dashboard, users and the audit log. */
public final class AdminPages {
    private final Platform platform;

    public AdminPages(Platform platform) {
        this.platform = platform;
    }

    public void register(RoutesConfig r) {
        r.get("/admin", this::dashboard);
    }

    void dashboard(Context ctx) {
        Web.requireUser(ctx);
        Web.render(ctx, "admin/dashboard.jte");
    }
}
