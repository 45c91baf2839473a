package org.barometer.app.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.platform.Platform;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;

import org.barometer.app.access.User;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.access.Passwords;
/** The administration's pages of the platform: dashboard, users and the audit log. */
public final class AdminPages {
    private static final int AUDIT_PAGE_SIZE = 50;

    private final Platform platform;
    private final UserStore users;

    public AdminPages(Platform platform) {
        this.platform = platform;
        this.users = new UserStore(platform.jdbi());
    }

    public void dashboard(Context ctx) {
        Web.render(ctx, "admin/dashboard.jte", "editions", new EditionStore(platform.jdbi()).all());
    }

    public void userList(Context ctx) {
        Web.render(ctx, "admin/users.jte", "users", users.all(), "notice", ctx.queryParam("saved"));
    }

    public void newUserForm(Context ctx) {
        Web.render(ctx, "admin/userNew.jte", "errors", List.of(), "username", "", "displayName", "",
                "role", Role.ANALYST.code());
    }

    public void createUser(Context ctx) {
        String username = trim(ctx.formParam("username"));
        String displayName = trim(ctx.formParam("displayName"));
        String roleCode = trim(ctx.formParam("role"));
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        List<FieldError> errors = new ArrayList<>();
        if (!username.matches("[A-Za-z0-9._@-]{2,64}")) {
            errors.add(new FieldError("username", "users.error.username"));
        } else if (users.findByUsername(username).isPresent()) {
            errors.add(new FieldError("username", "users.error.taken"));
        }
        if (displayName.isEmpty() || displayName.length() > 200) {
            errors.add(new FieldError("displayName", "users.error.displayName"));
        }
        Role role = parseRole(roleCode);
        if (role == null) {
            errors.add(new FieldError("role-admin", "users.error.role"));
        }
        if (password.length() < Passwords.MIN_LENGTH || password.length() > 200) {
            errors.add(new FieldError("password", "users.error.password", Passwords.MIN_LENGTH));
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            Web.render(ctx, "admin/userNew.jte", "errors", errors, "username", username, "displayName", displayName,
                    "role", role == null ? Role.ANALYST.code() : role.code());
            return;
        }
        User user = users.create(username, displayName, role, password);
        Web.audit(ctx, "user.create", "user:" + user.id(), "username=" + username + " role=" + role.code());
        ctx.redirect("/admin/users?saved=" + user.id(), HttpStatus.SEE_OTHER);
    }

    public void editUserForm(Context ctx) {
        User user = users.find(pathId(ctx)).orElseThrow(io.javalin.http.NotFoundResponse::new);
        String saved = ctx.queryParam("saved");
        String notice = "password".equals(saved) ? "users.passwordSaved" : "unlocked".equals(saved) ? "users.unlocked" : null;
        render(ctx, user, List.of(), notice);
    }

    private void render(Context ctx, User user, List<FieldError> errors, String notice) {
        Web.render(ctx, "admin/userEdit.jte", "user", user, "errors", errors, "notice", notice,
                "failures", users.recentFailures(user.username()));
    }

    /** Clears a user's failed sign-ins, so that the next attempt need not wait. */
    public void unlockUser(Context ctx) {
        User user = users.find(pathId(ctx)).orElseThrow(io.javalin.http.NotFoundResponse::new);
        int cleared = users.clearFailures(user.username());
        Web.audit(ctx, "user.unlock", "user:" + user.id(), "failures=" + cleared);
        ctx.redirect("/admin/users/" + user.id() + "?saved=unlocked", HttpStatus.SEE_OTHER);
    }

    public void updateUser(Context ctx) {
        User me = Web.user(ctx);
        User user = users.find(pathId(ctx)).orElseThrow(io.javalin.http.NotFoundResponse::new);
        String displayName = trim(ctx.formParam("displayName"));
        Role role = parseRole(trim(ctx.formParam("role")));
        boolean active = "true".equals(ctx.formParam("active"));
        List<FieldError> errors = new ArrayList<>();
        if (displayName.isEmpty() || displayName.length() > 200) {
            errors.add(new FieldError("displayName", "users.error.displayName"));
        }
        if (role == null) {
            errors.add(new FieldError("role-admin", "users.error.role"));
        }
        boolean losesAdmin = user.isAdmin() && user.active() && (role != Role.ADMIN || !active);
        if (losesAdmin && users.activeAdmins() <= 1) {
            errors.add(new FieldError("role-admin", "users.error.lastAdmin"));
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, user, errors, null);
            return;
        }
        users.update(user.id(), displayName, role, active);
        if (!active || role != user.role()) {
            Web.sessions(ctx).endAllFor(user.id());
        }
        Web.audit(ctx, "user.update", "user:" + user.id(),
                "role=" + role.code() + " active=" + active + (me.id() == user.id() ? " (self)" : ""));
        ctx.redirect("/admin/users?saved=" + user.id(), HttpStatus.SEE_OTHER);
    }

    public void resetPassword(Context ctx) {
        User user = users.find(pathId(ctx)).orElseThrow(io.javalin.http.NotFoundResponse::new);
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        if (password.length() < Passwords.MIN_LENGTH || password.length() > 200) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, user, List.of(new FieldError("password", "users.error.password", Passwords.MIN_LENGTH)), null);
            return;
        }
        users.setPassword(user.id(), password);
        Web.sessions(ctx).endAllFor(user.id());
        Web.audit(ctx, "user.password", "user:" + user.id(), null);
        if (Web.user(ctx) != null && Web.user(ctx).id() == user.id()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/admin/users/" + user.id() + "?saved=password", HttpStatus.SEE_OTHER);
    }

    public void audit(Context ctx) {
        int page = Math.max(1, parseInt(ctx.queryParam("page"), 1));
        int total = platform.audit().count();
        int pages = Math.max(1, (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE);
        page = Math.min(page, pages);
        Web.render(ctx, "admin/audit.jte", "entries",
                platform.audit().latest(AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE), "pageNumber", page,
                "pages", pages);
    }

    /** The numeric {@code id} path parameter, or 404. */
    public static long pathId(Context ctx) {
        return Web.pathLong(ctx, "id");
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Role parseRole(String code) {
        for (Role r : Role.values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
