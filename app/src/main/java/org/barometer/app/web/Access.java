package org.barometer.app.web;

import io.javalin.security.RouteRole;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;

/**
 * Who may use a guarded route, declared beside the route in {@link Routes} and enforced for every request in
 * one place ({@link WebServer}). A route declared without one is public.
 */
public enum Access implements RouteRole {
    /** Any signed-in user of the administration. */
    STAFF,
    /** Analysts (and admins, who may do everything). */
    ANALYST,
    /** Editors of the case library (and admins). */
    EDITOR,
    /** Coders of open answers (senior coders and admins too). */
    CODER,
    /** Senior coders, who keep coding frames and adjudicate (and admins). */
    SENIOR_CODER,
    /** Admins only. */
    ADMIN;

    /** Whether a signed-in user may use a route guarded by this. */
    public boolean allows(User user) {
        return switch (this) {
            case STAFF -> true;
            case ANALYST -> user.role() == Role.ANALYST || user.isAdmin();
            case EDITOR -> user.role() == Role.EDITOR || user.isAdmin();
            case CODER -> user.role() == Role.CODER || user.role() == Role.SENIOR_CODER || user.isAdmin();
            case SENIOR_CODER -> user.role() == Role.SENIOR_CODER || user.isAdmin();
            case ADMIN -> user.isAdmin();
        };
    }
}
