package org.barometer.app.web;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import org.barometer.app.Platform;
import org.barometer.app.admin.AdminPages;
import org.barometer.app.admin.LoginPages;
import org.barometer.app.db.Database;
import org.barometer.app.edition.EditionPages;
import org.barometer.app.frame.FramePages;
import org.barometer.app.sample.SamplePages;

/**
 * Every route of the server, in one place. Each part of the app registers its routes in its own marked
 * section below; handlers are plain functions.
 */
public final class Routes {
    /**
     * Paths whose POSTs are not browser forms and so carry no CSRF token (e.g. machine-to-machine hooks with
     * their own authentication). Keep this list short.
     */
    public static final List<String> CSRF_EXEMPT_PREFIXES = List.of(
            // Respondent pages: every URL carries the respondent's secret token, which a forging site cannot know.
            org.barometer.app.respond.RespondPages.PREFIX);

    private Routes() {}

    static void register(RoutesConfig r, Platform p) {
        // ===== platform =====
        r.get("/health", ctx -> {
            Database.Health health = p.database().health();
            ctx.status(health.up() ? 200 : 503).json(Map.of(
                    "status", health.up() ? "up" : "down",
                    "database", health));
        });
        r.get("/", ctx -> ctx.redirect("/portal")); // the public comes first; staff sign in at /admin
        LoginPages login = new LoginPages(p);
        r.get("/login", login::form);
        r.post("/login", login::submit);
        r.post("/logout", login::logout);
        new AdminPages(p).register(r);
        new EditionPages(p).register(r);
        new FramePages(p).register(r);
        new SamplePages(p).register(r);
        // ===== end platform =====

        // ===== fieldwork =====
        new org.barometer.app.respond.RespondPages(p).register(r);
        new org.barometer.app.fieldwork.FieldworkPages(p).register(r);
        org.barometer.app.fieldwork.FieldworkJobs.start(p);
        // ===== end fieldwork =====

        // ===== analysis & portal =====
        p.publications().startChecking(p);
        new org.barometer.app.portal.PortalPages(p).register(r);
        new org.barometer.app.portal.PublicationPages(p).register(r);
        new org.barometer.app.publish.PublishJobPages(p).register(r);
        org.barometer.app.publish.PublishJobs.start(p);
        // ===== end analysis & portal =====
    }
}
