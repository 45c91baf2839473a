package org.barometer.app.frame;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.util.List;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionPath;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.formats.sheet.WorkbookLimits;

/** Frame import: the upload form, the validation report, and the decision to import, leave rows out, or discard. */
public final class FramePages {
    /** Units shown on the frame page. */
    static final int PREVIEW_ROWS = 50;
    private final Platform platform;
    private final EditionStore editions;
    private final FrameStore frames;
    private final WorkbookLimits limits;

    public FramePages(Platform platform) {
        this.platform = platform;
        this.editions = new EditionStore(platform.jdbi());
        this.frames = new FrameStore(platform.jdbi());
        this.limits = new WorkbookLimits(FrameValidator.DEFAULT_LIMITS.maxUnpackedBytes(), platform.config()
                .integer("BAROMETER_FRAME_MAX_ROWS", FrameValidator.DEFAULT_LIMITS.maxRows(), 1, 10_000_000));
    }

    /** A CSV with the header row and one example row, to start a frame file from. */
    public void template(Context ctx) {
        String csv = String.join(",", FrameSchema.COLUMNS) + "\r\n"
                + "W0001,Example School,municipality,education,25,10-49,Hovedstaden,Anna Example,"
                + "anna@example.invalid,da\r\n";
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"frame-template.csv\"")
                .result(csv);
    }

    public void page(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        render(ctx, edition, List.of());
    }

    private void render(Context ctx, Edition edition, List<FieldError> errors) {
        render(ctx, edition, errors, editions.registerSchema(edition.id()).orElse(""));
    }

    private void render(Context ctx, Edition edition, List<FieldError> errors, String registerText) {
        FrameStore.Frame frame = edition.frameId() == null ? null : frames.frame(edition.frameId()).orElse(null);
        List<FrameStore.StoredUnit> preview = frame == null ? List.of() : frames.units(frame.id(), PREVIEW_ROWS, 0);
        Web.render(ctx, "frame/frame.jte", "edition", edition, "frame", frame, "units", preview, "errors", errors,
                "register", register(edition), "registerText", registerText);
    }

    /** The edition's declared register, or null for the built-in one. */
    private RegisterSchema register(Edition edition) {
        return Register.of(editions, edition.id()).declared();
    }

    /**
     * Declares the edition's register (or, empty, goes back to the built-in one). Refused while a frame is
     * imported; a declaration with problems saves nothing and names each place.
     */
    public void saveRegister(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        String text = ctx.formParam("register") == null ? "" : ctx.formParam("register").strip();
        List<FieldError> errors = new java.util.ArrayList<>();
        if (edition.frameId() != null) {
            errors.add(new FieldError("register-text", "register.refused.frame"));
        } else if (!text.isEmpty()) {
            try {
                RegisterSchema.parse(text);
            } catch (RegisterSchema.Invalid e) {
                for (FrameProblem p : e.problems()) {
                    Object[] args = new Object[p.args().length + 1];
                    args[0] = p.column().isEmpty() ? "register" : p.column();
                    System.arraycopy(p.args(), 0, args, 1, p.args().length);
                    errors.add(new FieldError("register-text", p.messageKey(), args));
                }
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, edition, errors, text);
            return;
        }
        if (!editions.setRegisterSchema(edition.id(), text.isEmpty() ? null : text)) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, edition, List.of(new FieldError("register-text", "register.refused.frame")), text);
            return;
        }
        Web.audit(ctx, "frame.register", "edition:" + edition.id(), text.isEmpty() ? "built-in register" : text.length() + " characters");
        ctx.redirect("/admin/editions/" + edition.id() + "/frame", HttpStatus.SEE_OTHER);
    }

    public void upload(Context ctx) {
        User user = Web.user(ctx);
        Edition edition = EditionPath.of(ctx, editions);
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, edition, List.of(new FieldError("file", "frame.error.noFile")));
            return;
        }
        byte[] content = Web.bytes(file);
        String name = file.filename() == null ? "frame" : file.filename();
        FrameReport report = FrameReport.of(FrameValidator.validate(name, content, limits, register(edition)));
        long uploadId = frames.saveUpload(edition.id(), name, content, report, user.id());
        Web.audit(ctx, "frame.upload", "edition:" + edition.id(), name + " (" + content.length + " bytes)");
        ctx.redirect("/admin/editions/" + edition.id() + "/frame/uploads/" + uploadId, HttpStatus.SEE_OTHER);
    }

    private FrameStore.Upload upload(Context ctx, Edition edition) {
        FrameStore.Upload upload = frames.upload(Web.pathLong(ctx, "upload")).orElseThrow(NotFoundResponse::new);
        if (upload.editionId() != edition.id()) {
            throw new NotFoundResponse();
        }
        return upload;
    }

    public void report(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        FrameStore.Upload upload = upload(ctx, edition);
        FrameReport report = upload.report();
        if (report == null) {
            report = FrameReport.of(FrameValidator.validate(upload.fileName(), upload.content(), limits, register(edition)));
            frames.saveReport(upload.id(), report);
        }
        renderReport(ctx, edition, upload, report, null);
    }

    private void renderReport(Context ctx, Edition edition, FrameStore.Upload upload, FrameReport report,
                              String refusal) {
        Web.render(ctx, "frame/report.jte", "edition", edition, "upload", upload, "report", report,
                "refusal", refusal);
    }

    public void importUpload(Context ctx) {
        User user = Web.user(ctx);
        Edition edition = EditionPath.of(ctx, editions);
        FrameStore.Upload upload = upload(ctx, edition);
        boolean leaveOut = "true".equals(ctx.formParam("leaveOutFaulty"));
        // the rows not kept of each workplace id given twice, as chosen on the report
        java.util.Set<Integer> notKept = new java.util.TreeSet<>();
        java.util.Map<String, List<Integer>> duplicates = upload.report() == null ? java.util.Map.of()
                : upload.report().duplicates();
        int k = 0;
        for (List<Integer> rows : duplicates.values()) {
            String keep = ctx.formParam("keep." + k++);
            if (keep == null) {
                continue;
            }
            if (!keep.equals("none") && rows.stream().noneMatch(r -> String.valueOf(r).equals(keep))) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                renderReport(ctx, edition, upload, upload.report(), "frame.import.refused.choice");
                return;
            }
            rows.stream().filter(r -> !String.valueOf(r).equals(keep)).forEach(notKept::add);
        }
        // importing reads the file once more: the units themselves are not kept with the report
        FrameValidator.Result result = FrameValidator.validate(upload.fileName(), upload.content(), limits,
                register(edition), notKept);
        try {
            FrameStore.Frame frame = frames.importFrame(edition.id(), upload.fileName(), result, leaveOut, notKept.size(),
                    user.id());
            frames.deleteUpload(upload.id());
            Web.audit(ctx, "frame.import", "frame:" + frame.id(), upload.fileName() + ": " + frame.unitCount()
                    + " units, " + frame.skippedRows() + " rows left out" + (notKept.isEmpty() ? ""
                    : "; of duplicate ids, rows not kept: " + notKept));
            ctx.redirect("/admin/editions/" + edition.id() + "/frame?imported=" + frame.id(), HttpStatus.SEE_OTHER);
        } catch (FrameStore.ImportRefused e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            renderReport(ctx, edition, upload, FrameReport.of(result), e.getMessage());
        }
    }

    public void discard(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        FrameStore.Upload upload = upload(ctx, edition);
        frames.deleteUpload(upload.id());
        Web.audit(ctx, "frame.discard", "edition:" + edition.id(), upload.fileName());
        ctx.redirect("/admin/editions/" + edition.id() + "/frame", HttpStatus.SEE_OTHER);
    }
}
