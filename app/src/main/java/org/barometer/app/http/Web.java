package org.barometer.app.http;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.barometer.app.platform.Platform;
import org.barometer.app.text.Language;
import org.barometer.app.access.User;

import org.barometer.app.text.Texts;
/**
 * Small helpers every handler uses: the platform, the signed-in user, the page context, rendering a page
 * inside the layout, and access checks.
 */
public final class Web {
    static final String PLATFORM = "barometer.platform";
    static final String USER = "barometer.user";
    static final String LANG = "barometer.lang";
    static final String CLIENT = "barometer.client";

    private Web() {}

    /** Binds a request to the platform serving it (the first filter of every request). */
    public static void bind(Context ctx, Platform platform) {
        ctx.attribute(PLATFORM, platform);
    }

    /** Records the request's signed-in user, found from its session. */
    public static void signIn(Context ctx, User user) {
        ctx.attribute(USER, user);
    }

    /** Records who the request comes from ({@link ClientAddress}). */
    public static void useClient(Context ctx, String client) {
        ctx.attribute(CLIENT, client);
    }

    /** Who the request comes from: its connection's address, or the client's behind a trusted proxy. */
    public static String client(Context ctx) {
        String client = ctx.attribute(CLIENT);
        return client != null ? client : ctx.ip();
    }

    /** Whether {@code lang} is one of the languages the pages are written in. */
    public static boolean isLanguage(String lang) {
        return lang != null && Texts.LANGUAGES.contains(lang);
    }

    /** Sets the language of the request's pages. */
    public static void useLanguage(Context ctx, String lang) {
        ctx.attribute(LANG, lang);
    }

    /** A numeric path parameter, or 404: a path that names no number names no page. */
    public static long pathLong(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.NotFoundResponse();
        }
    }

    /** The sessions of the request's platform (stored in its database). */
    public static Sessions sessions(Context ctx) {
        Platform platform = platform(ctx);
        return new Sessions(platform.jdbi(), platform.config().secureCookies());
    }

    /** Records an action of the request's signed-in user (or of nobody, e.g. a failed sign-in) in the audit log. */
    public static void audit(Context ctx, String action, String target, String detail) {
        User user = user(ctx);
        platform(ctx).audit().record(user == null ? null : user.id(), user == null ? null : user.username(), action,
                target, detail, client(ctx));
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
        return lang == null ? Texts.LANGUAGES.getFirst() : lang;
    }

    /** The texts and number formats of the request's language. */
    public static Language language(Context ctx) {
        return platform(ctx).texts().in(lang(ctx));
    }

    /** The text for a key in the request's language. */
    public static String t(Context ctx, String key, Object... args) {
        return platform(ctx).texts().get(lang(ctx), key, args);
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
        Templates.PRECOMPILED.render(ctx, template, params);
    }

    /** The bytes of an uploaded file (uploads are limited in size before they are read). */
    public static byte[] bytes(io.javalin.http.UploadedFile file) {
        try (java.io.InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
