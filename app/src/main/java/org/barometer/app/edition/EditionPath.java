package org.barometer.app.edition;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.barometer.app.http.Web;

/** The edition an administration path names by its {@code {id}}: 404 when there is none. */
public final class EditionPath {
    private EditionPath() {}

    public static Edition of(Context ctx, EditionStore editions) {
        return editions.find(Web.pathLong(ctx, "id")).orElseThrow(NotFoundResponse::new);
    }
}
