package org.barometer.app.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small readers of result-set columns that stores share. */
public final class Rows {
    private Rows() {}

    /** A timestamp column as an instant, null when the column is null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
