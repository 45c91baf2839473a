package org.barometer.app.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.barometer.app.platform.Platform;
import org.barometer.app.http.Web;

import org.barometer.app.access.UserStore;
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
        UserStore.SignIn result = users.signIn(username, ctx.formParam("password"), ctx.ip());
        switch (result) {
            case UserStore.SignIn.Success s -> {
                Web.sessions(ctx).signIn(ctx, s.user().id());
                platform.audit().record(s.user().id(), s.user().username(), "login", "user:" + s.user().id(), null,
                        ctx.ip());
                ctx.redirect(next, HttpStatus.SEE_OTHER);
            }
            case UserStore.SignIn.WrongCredentials w -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                Web.render(ctx, "admin/login.jte", "next", next, "error", "login.error.wrong",
                        "username", username == null ? "" : username);
            }
            case UserStore.SignIn.LockedOut l -> {
                platform.audit().record(null, username, "login.locked", null, null, ctx.ip());
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                Web.render(ctx, "admin/login.jte", "next", next, "error", "login.error.locked",
                        "username", username == null ? "" : username);
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

    /** Only local paths, so the sign-in page cannot be used to send people elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.contains("\r") || next.contains("\n")) {
            return "/admin";
        }
        return next;
    }
}
