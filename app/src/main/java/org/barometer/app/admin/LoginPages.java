package org.barometer.app.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.barometer.app.platform.Platform;
import org.barometer.app.http.Web;

import org.barometer.app.access.UserStore;
import org.barometer.app.text.Message;
/** Signing in and out of the administration. */
public final class LoginPages {
    private final Platform platform;
    private final UserStore users;

    public LoginPages(Platform platform) {
        this.platform = platform;
        this.users = new UserStore(platform.jdbi());
    }

    public void form(Context ctx) {
        Web.render(ctx, "admin/login.jte", "next", safeNext(ctx.queryParam("next")), "error", null,
                "username", "");
    }

    public void submit(Context ctx) {
        String username = ctx.formParam("username");
        String next = safeNext(ctx.formParam("next"));
        UserStore.SignIn result = users.signIn(username, ctx.formParam("password"), Web.client(ctx));
        switch (result) {
            case UserStore.SignIn.Success s -> {
                Web.sessions(ctx).signIn(ctx, s.user().id());
                platform.audit().record(s.user().id(), s.user().username(), "login", "user:" + s.user().id(), null,
                        Web.client(ctx));
                ctx.redirect(next, HttpStatus.SEE_OTHER);
            }
            case UserStore.SignIn.WrongCredentials w -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                Web.render(ctx, "admin/login.jte", "next", next, "error", Message.of("login.error.wrong"),
                        "username", username == null ? "" : username);
            }
            case UserStore.SignIn.Throttled t -> {
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                ctx.header("Retry-After", Integer.toString(t.retryAfterSeconds()));
                Web.render(ctx, "admin/login.jte", "next", next, "error", Message.of("login.error.throttled",
                        t.retryAfterSeconds()), "username", username == null ? "" : username);
            }
        }
    }

    public void logout(Context ctx) {
        var user = Web.user(ctx);
        if (user != null) {
            Web.audit(ctx, "logout", "user:" + user.id(), null);
        }
        Web.sessions(ctx).signOut(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /**
     * Only paths of this site, so the sign-in page cannot be used to send people elsewhere: one leading slash
     * followed by no slash or backslash, and no control character or space anywhere (browsers drop tabs and line
     * breaks from URLs, so {@code /<TAB>/evil.example} would become {@code //evil.example}).
     */
    static String safeNext(String next) {
        if (next == null || next.length() > 2_000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.contains("\\")) {
            return "/admin";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= ' ' || c == 0x7F || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT) {
                return "/admin";
            }
        }
        return next;
    }
}
