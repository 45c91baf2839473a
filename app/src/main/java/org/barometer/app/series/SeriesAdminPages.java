package org.barometer.app.series;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.Optional;
import org.barometer.app.access.User;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;
import org.barometer.app.publish.spec.EditionProblem;

/**
 * Staff's page of the family's files: the version the portal shows, and the upload of a new version (a ZIP of
 * {@code family.json} and its aggregate files), refused as a whole with every problem's file and place.
 */
public final class SeriesAdminPages {

    private final Platform platform;

    public SeriesAdminPages(Platform platform) {
        this.platform = platform;
    }

    /** {@code GET /admin/series}. */
    public void page(Context ctx) {
        render(ctx, List.of());
    }

    /** {@code POST /admin/series}: a new version of the family's files. */
    public void upload(Context ctx) {
        User user = Web.user(ctx);
        UploadedFile file = ctx.uploadedFile("files");
        if (file == null || file.size() == 0) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, List.of(EditionProblem.at("", "", "analysis.files.noFile")));
            return;
        }
        FamilyFiles.Upload upload = new FamilyFiles(platform.jdbi()).upload(file.filename(), Web.bytes(file),
                user.username());
        if (!upload.stored()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, upload.problems());
            return;
        }
        Web.audit(ctx, "series.files.upload", "series_family:" + upload.id(), file.filename());
        ctx.redirect("/admin/series", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, List<EditionProblem> problems) {
        FamilyStore store = new FamilyStore(platform.jdbi());
        Optional<FamilyStore.Stored> current = store.latestId().flatMap(store::find);
        Web.render(ctx, "series/admin.jte", "current", current.orElse(null), "problems", problems);
    }
}
