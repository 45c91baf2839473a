package org.barometer.app.access;

import java.util.Locale;

/**
 * What a user of the administration may do. Admins do everything; analysts work with data, not users; editors
 * review and publish the case library, nothing else.
 */
public enum Role {
    ADMIN, ANALYST, EDITOR;

    /** The role's name as stored in the database and shown in forms. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a stored code. */
    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
