package org.barometer.app.export;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;

/**
 * The microdata downloads of an edition's analysis page ({@code /admin/analysis/{edition}/microdata/{format}}), for
 * analysts and admins only (the route table says so). Every download is audited; a refusal (an unknown edition or
 * format, an edition without submitted responses or edition files) is an error page that says why, and nothing is
 * sent.
 */
public final class MicrodataPages {
    private final Platform platform;

    public MicrodataPages(Platform platform) {
        this.platform = platform;
    }

    public void download(Context ctx) throws IOException {
        String formatCode = ctx.pathParam("format");
        Optional<MicrodataFiles.Format> format = MicrodataFiles.Format.of(formatCode);
        if (format.isEmpty()) {
            refuse(ctx, HttpStatus.NOT_FOUND, new Microdata.Refused("export.refused.format", formatCode, MicrodataFiles.Format.codes()));
            return;
        }
        long editionId;
        try {
            editionId = Long.parseLong(ctx.pathParam("edition"));
        } catch (NumberFormatException e) {
            refuse(ctx, HttpStatus.NOT_FOUND, new Microdata.Refused("export.refused.noEdition", ctx.pathParam("edition")));
            return;
        }
        Microdata m;
        try {
            m = Microdata.of(platform.jdbi(), editionId);
        } catch (Microdata.Refused e) {
            refuse(ctx, e.key().equals("export.refused.noEdition") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicrodataFiles.write(m, format.get(), Web.lang(ctx), out);
        Web.audit(ctx, "export.microdata", "edition " + editionId, format.get().code() + ", "
                + m.data().rows().size() + " respondents, " + m.data().variables().size() + " variables");
        ctx.header("Content-Disposition", "attachment; filename=\"" + format.get().fileName(editionId, m) + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(format.get().contentType(m)).result(out.toByteArray());
    }

    private static void refuse(Context ctx, HttpStatus status, Microdata.Refused e) {
        ctx.status(status);
        Web.render(ctx, "layout/error.jte", "status", status.getCode(), "text", Web.t(ctx, e.key(), e.args()));
    }
}
