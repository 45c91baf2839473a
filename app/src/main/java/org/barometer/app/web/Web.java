package org.barometer.app.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.barometer.app.Platform;
import org.barometer.app.admin.Role;
import org.barometer.app.admin.User;

/**
 * Small helpers every handler uses: the platform, the signed-in user, the page context, rendering a page
 * inside the layout, and access checks.
 */
public final class Web {
    static final String PLATFORM = "barometer.platform";
    static final String USER = "barometer.user";
    static final String LANG = "barometer.lang";

    private Web() {}

    /** A numeric path parameter, or 404: a path that names no number names no page. */
    public static long pathLong(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.NotFoundResponse();
        }
    }

    /** The platform serving this request. */
    public static Platform platform(Context ctx) {
        return ctx.attribute(PLATFORM);
    }

    /** The signed-in user of this request, or null. */
    public static User user(Context ctx) {
        return ctx.attribute(USER);
    }

    /** The language of this request's pages ("da" or "en"). */
    public static String lang(Context ctx) {
        String lang = ctx.attribute(LANG);
        return lang == null ? Messages.LANGUAGES.getFirst() : lang;
    }

    /** The text for a key in the request's language. */
    public static String t(Context ctx, String key, Object... args) {
        return platform(ctx).messages().get(lang(ctx), key, args);
    }

    /** What every template receives as {@code page}. */
    public static PageContext page(Context ctx) {
        return new PageContext(ctx, platform(ctx));
    }

    /**
     * Renders a template with the page context as {@code page} and the given name/value pairs as its other
     * parameters.
     */
    public static void render(Context ctx, String template, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", page(ctx));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        platform(ctx).templates().render(ctx, template, params);
    }

    /** Sends a signed-out visitor to the sign-in page (coming back here afterwards); true if it did. */
    public static boolean redirectToLoginIfSignedOut(Context ctx) {
        if (user(ctx) != null) {
            return false;
        }
        String next = ctx.method().name().equals("GET") ? ctx.path() : "/admin";
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return true;
    }

    /** Refuses (403) unless the signed-in user has the role (admins have every role). */
    public static User requireRole(Context ctx, Role role) {
        User user = user(ctx);
        if (user == null || !(user.role() == role || user.isAdmin())) {
            throw new ForbiddenResponse(t(ctx, "error.forbidden"));
        }
        return user;
    }

    /** Refuses (403) unless someone is signed in. */
    public static User requireUser(Context ctx) {
        User user = user(ctx);
        if (user == null) {
            throw new ForbiddenResponse(t(ctx, "error.forbidden"));
        }
        return user;
    }

    /** Reads a whole-number form field, or null when empty or not a number. */
    public static Integer intParam(Context ctx, String name) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
