package org.barometer.app.publish.job;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.Optional;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.edition.EditionPath;
import org.barometer.app.http.Web;

import org.barometer.app.text.Language;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionFilesStore;
/**
 * The analysts' actions on an edition's analysis page: uploading the edition files (checked as a whole, stored as
 * a new version, audited), starting a publication job of the latest files (audited), and following a job's state,
 * progress and log; the job's page refreshes itself while the job is queued or running.
 */
public final class PublishJobPages {

    private final Platform platform;

    public PublishJobPages(Platform platform) {
        this.platform = platform;
    }

    /** The edition named in the path, or 404. */
    private long edition(Context ctx) {
        long edition = Web.pathLong(ctx, "edition");
        if (new EditionStore(platform.jdbi()).find(edition).isEmpty()) {
            throw new NotFoundResponse();
        }
        return edition;
    }

    public void upload(Context ctx) {
        User user = Web.user(ctx);
        long edition = edition(ctx);
        UploadedFile file = ctx.uploadedFile("files");
        if (file == null || file.size() == 0) {
            ctx.status(HttpStatus.BAD_REQUEST);
            new AnalysisPages(platform).refused(ctx, edition, List.of(EditionProblem.at("", "", "analysis.files.noFile")), null);
            return;
        }
        byte[] zip = Web.bytes(file);
        EditionFilesStore.Upload upload = new EditionFilesStore(platform.jdbi()).upload(edition, file.filename(), zip, user.id());
        if (!upload.stored()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            new AnalysisPages(platform).refused(ctx, edition, upload.problems(), null);
            return;
        }
        EditionFilesStore.Version v = upload.version();
        Web.audit(ctx, "analysis.files.upload", "edition:" + edition,
                "edition files version " + v.version() + ": " + file.filename() + " sha256 " + v.sha256());
        ctx.redirect("/admin/analysis/" + edition + "?files=" + v.version(), HttpStatus.SEE_OTHER);
    }

    public void start(Context ctx) {
        User user = Web.user(ctx);
        long edition = edition(ctx);
        Optional<EditionSource> source = EditionSource.forNewJob(platform.jdbi(), edition);
        if (source.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            new AnalysisPages(platform).refused(ctx, edition, List.of(), messages(ctx).t("analysis.job.noFiles"));
            return;
        }
        long job = new JobStore(platform.jdbi()).enqueue(edition, source.get().value(), user.id());
        Web.audit(ctx, "analysis.job.create", "edition:" + edition, "publication job " + job);
        ctx.redirect("/admin/analysis/" + edition + "/jobs/" + job, HttpStatus.SEE_OTHER);
    }

    private static Language messages(Context ctx) {
        return Language.of("da".equals(Web.lang(ctx)) ? Language.DANISH : Language.ENGLISH);
    }

    public void show(Context ctx) {
        long edition = Web.pathLong(ctx, "edition");
        JobStore.Job job = new JobStore(platform.jdbi()).find(Web.pathLong(ctx, "job"))
                .filter(j -> j.editionId() == edition).orElseThrow(NotFoundResponse::new);
        if (job.active()) {
            // The page follows the job without JavaScript: the browser reloads it every two seconds.
            ctx.header("Refresh", "2");
        }
        Web.render(ctx, "publish/job.jte", "job", job);
    }
}
