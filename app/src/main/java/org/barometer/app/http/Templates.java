package org.barometer.app.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * JTE templates from {@code app/src/main/jte}, precompiled at build time into Java classes (no template
 * compiler at run time). Output is HTML-escaped by default.
 */
public final class Templates {
    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    /** The templates compiled into the app (classes, so one engine serves every platform). */
    public static final Templates PRECOMPILED = new Templates(TemplateEngine.createPrecompiled(ContentType.Html));

    /** Renders a template to a string. */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    /** Renders a template as the HTML response of a request. */
    public void render(Context ctx, String template, Map<String, Object> params) {
        ctx.html(render(template, params));
    }
}
