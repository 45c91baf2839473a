package org.barometer.app.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.ContentType;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.User;
import org.barometer.app.access.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.barometer.app.http.ClientAddress;
import org.barometer.app.http.TooManyRequests;
import org.barometer.app.http.Web;
import org.barometer.app.text.Texts;
/**
 * The HTTP server: Javalin on virtual threads, with the filters every request passes (size limits, security
 * headers, language, session and user, CSRF) and the routes of {@link Routes}.
 */
public final class WebServer {
    /** The largest upload (frame files, questionnaires). */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    /** The largest ordinary request (forms). */
    public static final long MAX_FORM_BYTES = 1024L * 1024;
    /** The form field carrying the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    /** The header that may carry the CSRF token instead (for scripts). */
    public static final String CSRF_HEADER = "X-CSRF-Token";


    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private WebServer() {}

    /** Creates (does not start) the server for a platform with the given handlers. */
    public static Javalin create(Platform platform, Routes.Handlers handlers) {
        UserStore users = new UserStore(platform.jdbi());
        ClientAddress clients = ClientAddress.trusting(platform.config().setting(ClientAddress.SETTING, ""));
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_UPLOAD_BYTES;
            config.jetty.modifyServer(server -> {
                server.setHandler(new BodyLimit());
                server.setErrorHandler(new SecurityHeaders.OnErrors());
                SlowClients.limit(server);
            });
            config.jetty.modifyHttpConfiguration(SlowClients::limit);
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });

            var routes = config.routes;
            routes.before(ctx -> {
                Web.bind(ctx, platform);
                Web.useClient(ctx, clients.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
                securityHeaders(ctx);
                if (platform.config().secureCookies()) {
                    ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
                refuseOversized(ctx);
                chooseLanguage(ctx, platform);
                if (!ctx.path().startsWith("/static/")) { // files need no session
                    Web.sessions(ctx).find(ctx).ifPresent(s -> {
                        if (s.userId() != null) {
                            User user = users.find(s.userId()).filter(User::active).orElse(null);
                            Web.signIn(ctx, user);
                        }
                    });
                }
                checkCsrf(ctx, platform);
            });
            routes.beforeMatched(WebServer::guard);

            routes.apiBuilder(Routes.table(handlers));
            Routes.exceptions(routes, handlers);

            for (HttpStatus status : new HttpStatus[] {HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN,
                    HttpStatus.NOT_FOUND, HttpStatus.CONTENT_TOO_LARGE, HttpStatus.INTERNAL_SERVER_ERROR}) {
                routes.error(status, ctx -> {
                    // Pages that answer with an error status and their own body (a form with its errors) keep it.
                    if (ctx.resultInputStream() == null) {
                        errorPage(ctx, status);
                    }
                });
            }
            routes.exception(TooManyRequests.class, (e, ctx) -> {
                ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
                if (ctx.path().startsWith("/api/")) {
                    ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(java.util.Map.of("status", 429,
                            "error", Web.t(ctx, e.messageKey()), "retryAfter", e.retryAfterSeconds()));
                } else {
                    ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                    Web.render(ctx, "layout/error.jte", "status", 429, "text", Web.t(ctx, e.messageKey()));
                }
            });
            routes.exception(HttpResponseException.class, (e, ctx) -> {
                ctx.status(e.getStatus());
                errorPage(ctx, HttpStatus.forStatus(e.getStatus()));
            });
            routes.exception(Exception.class, (e, ctx) -> {
                // Jetty refused the request's bytes (a body past its limit, a malformed form): the status it chose
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof org.eclipse.jetty.http.HttpException jetty && jetty.getCode() >= 400
                            && jetty.getCode() < 500) {
                        ctx.header("Connection", "close");
                        errorPage(ctx, HttpStatus.forStatus(jetty.getCode()));
                        return;
                    }
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
                errorPage(ctx, HttpStatus.INTERNAL_SERVER_ERROR);
            });
        });
    }

    /** A route as a running server declares it: its method, its path and who may use it (empty: anyone). */
    public record DeclaredRoute(String method, String path, java.util.Set<Access> access) {}

    /** Every route a running server declares, as its router holds them. */
    public static java.util.List<DeclaredRoute> routes(Javalin javalin) {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream().map(p -> {
            io.javalin.security.Roles roles = p.endpoint.metadata(io.javalin.security.Roles.class);
            java.util.Set<Access> access = roles == null ? java.util.Set.of() : roles.getRoles().stream()
                    .map(Access.class::cast).collect(java.util.stream.Collectors.toUnmodifiableSet());
            return new DeclaredRoute(p.endpoint.method.name(), p.endpoint.path, access);
        }).toList();
    }

    /**
     * The one place where access is checked: a route declared with an {@link Access} needs a signed-in user it
     * allows. A signed-out visitor asking for a page is sent to sign in (and back afterwards); anything else is
     * refused with 403.
     */
    private static void guard(Context ctx) {
        var required = ctx.routeRoles();
        if (required.isEmpty()) {
            return;
        }
        User user = Web.user(ctx);
        if (user == null) {
            if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ForbiddenResponse(Web.t(ctx, "error.forbidden"));
        }
        for (var role : required) {
            if (!(role instanceof Access access) || !access.allows(user)) {
                throw new ForbiddenResponse(Web.t(ctx, "error.forbidden"));
            }
        }
    }

    private static void securityHeaders(Context ctx) {
        SecurityHeaders.ALL.forEach(ctx::header);
    }

    /** Uploads may be up to 10 MB, anything else up to 1 MB; larger bodies are refused unread. */
    private static void refuseOversized(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        long limit = ctx.isMultipartFormData() ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
        if (length > limit) {
            ctx.header("Connection", "close");
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "request too large");
        }
    }

    private static void chooseLanguage(Context ctx, Platform platform) {
        String asked = ctx.queryParam("lang");
        String lang;
        if (asked != null && Texts.LANGUAGES.contains(asked)) {
            lang = asked;
            ctx.cookie(new io.javalin.http.Cookie("barometer_lang", lang, "/", 365 * 24 * 3600,
                    platform.config().secureCookies(), true, null, io.javalin.http.SameSite.LAX));
        } else {
            String cookie = ctx.cookie("barometer_lang");
            lang = cookie != null && Texts.LANGUAGES.contains(cookie) ? cookie : fromAcceptLanguage(ctx);
        }
        Web.useLanguage(ctx, lang);
    }

    private static String fromAcceptLanguage(Context ctx) {
        String header = ctx.header("Accept-Language");
        if (header != null) {
            for (String part : header.split(",")) {
                String code = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                String primary = code.split("-")[0];
                if (Texts.LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        }
        return Texts.LANGUAGES.getFirst();
    }

    /** Every state-changing request must carry the session's CSRF token (synchroniser token pattern). */
    private static void checkCsrf(Context ctx, Platform platform) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return;
        }
        for (String prefix : Routes.CSRF_EXEMPT_PREFIXES) {
            if (ctx.path().startsWith(prefix)) {
                return;
            }
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        String expected = Web.sessions(ctx).find(ctx).map(org.barometer.app.http.Sessions.WebSession::csrfToken).orElse(null);
        if (sent == null || expected == null || !MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode(), "missing or wrong CSRF token");
        }
    }

    private static void errorPage(Context ctx, HttpStatus status) {
        if (ctx.path().equals("/health") || ctx.path().startsWith("/api/")) {
            ctx.status(status).json(java.util.Map.of("status", status.getCode(), "error", status.getMessage()));
            return;
        }
        if (Web.platform(ctx) == null) {
            ctx.status(status).contentType(ContentType.TEXT_PLAIN).result(status.getCode() + " " + status.getMessage());
            return;
        }
        ctx.status(status);
        Web.render(ctx, "layout/error.jte", "status", status.getCode(), "text", null);
    }
}
