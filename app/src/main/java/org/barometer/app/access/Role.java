package org.barometer.app.access;

import java.util.Locale;

/**
 * What a user of the administration may do. Admins do everything; analysts work with data, not users; editors
 * review and publish the case library, nothing else; coders code open answers, and senior coders also keep the
 * coding frames and adjudicate where two coders disagree.
 */
public enum Role {
    ADMIN, ANALYST, EDITOR, CODER, SENIOR_CODER;

    /** The role's name as stored in the database and shown in forms. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a stored code. */
    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
