package org.barometer.app.access;

import java.time.OffsetDateTime;

/** A user of the administration (never a respondent). */
public record User(long id, String username, String displayName, Role role, boolean active, OffsetDateTime createdAt) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
