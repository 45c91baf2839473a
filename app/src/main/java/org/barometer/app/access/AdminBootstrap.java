package org.barometer.app.access;

import java.util.Optional;

import org.barometer.app.platform.AuditStore;
/** The first start of an empty database creates an admin, so that someone can sign in. */
public final class AdminBootstrap {
    /** The username of the first admin. */
    public static final String FIRST_ADMIN = "admin";

    private AdminBootstrap() {}

    /**
     * Creates the first admin when there are no users. The password is the given one (e.g. from
     * {@code BAROMETER_ADMIN_PASSWORD}) or a random one; the result carries it so it can be shown once.
     * Empty when users exist already.
     */
    public static Optional<Credentials> ensureAdmin(UserStore users, AuditStore audit, String presetPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String password = presetPassword == null || presetPassword.isBlank()
                ? Passwords.generate()
                : presetPassword;
        User admin = users.create(FIRST_ADMIN, "Administrator", Role.ADMIN, password);
        audit.record(null, null, "user.create", "user:" + admin.id(), "first admin created at start-up", null);
        return Optional.of(new Credentials(FIRST_ADMIN, password));
    }

    /** A username and its password in clear, to be shown once. */
    public record Credentials(String username, String password) {}
}
