package org.barometer.app.publish;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import org.barometer.app.Platform;
import org.barometer.app.admin.Role;
import org.barometer.app.admin.User;
import org.barometer.app.web.Web;

/**
 * The analysts' pages of background publication jobs: starting a job (audited) and following its state,
 * progress and log; the page refreshes itself while the job is queued or running.
 */
public final class PublishJobPages {

    private final Platform platform;

    public PublishJobPages(Platform platform) {
        this.platform = platform;
    }

    public void register(RoutesConfig r) {
        r.post("/admin/analysis/{edition}/jobs", this::start);
        r.get("/admin/analysis/{edition}/jobs/{job}", this::show);
    }

    private long number(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse();
        }
    }

    void start(Context ctx) {
        User user = Web.requireRole(ctx, Role.ANALYST);
        long edition = number(ctx, "edition");
        boolean exists = platform.jdbi().withHandle(h -> h.createQuery("select count(*) from edition where id = :e")
                .bind("e", edition).mapTo(Integer.class).one()) > 0;
        if (!exists) {
            throw new NotFoundResponse();
        }
        long job = PublishJobs.enqueue(platform.jdbi(), edition, DemoPublication.EDITION_FOLDER, user.id());
        platform.audit().record(ctx, "analysis.job.create", "edition:" + edition, "publication job " + job);
        ctx.redirect("/admin/analysis/" + edition + "/jobs/" + job, HttpStatus.SEE_OTHER);
    }

    void show(Context ctx) {
        Web.requireRole(ctx, Role.ANALYST);
        long edition = number(ctx, "edition");
        PublishJobs.Job job = PublishJobs.find(platform.jdbi(), number(ctx, "job"))
                .filter(j -> j.editionId() == edition).orElseThrow(NotFoundResponse::new);
        if (job.active()) {
            // The page follows the job without JavaScript: the browser reloads it every two seconds.
            ctx.header("Refresh", "2");
        }
        Web.render(ctx, "analysis/job.jte", "m", Messages.of("da".equals(Web.lang(ctx)) ? Messages.DANISH : Messages.ENGLISH), "job", job);
    }
}
