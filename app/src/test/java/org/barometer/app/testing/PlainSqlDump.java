package org.barometer.app.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * Restores a plain-SQL dump as {@code pg_dump} writes it (gzipped, on the class path) into an empty database over
 * JDBC, as {@code psql -f} would: statements end with a semicolon at the end of a line, {@code COPY … FROM stdin}
 * blocks are streamed through the driver's copy API up to their {@code \.}, and psql's own meta-commands
 * ({@code \restrict}) are skipped.
 */
final class PlainSqlDump {
    private PlainSqlDump() {
    }

    static void restore(String jdbcUrl, String resource) {
        try (InputStream raw = PlainSqlDump.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no dump " + resource + " on the class path");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
                StringBuilder statement = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (statement.isEmpty() && (line.isBlank() || line.startsWith("--") || line.startsWith("\\"))) {
                        continue;
                    }
                    statement.append(line).append('\n');
                    if (!line.endsWith(";")) {
                        continue;
                    }
                    String sql = statement.toString();
                    statement.setLength(0);
                    if (sql.startsWith("COPY ") && sql.strip().endsWith("FROM stdin;")) {
                        StringBuilder data = new StringBuilder();
                        String row;
                        while ((row = in.readLine()) != null && !row.equals("\\.")) {
                            data.append(row).append('\n');
                        }
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.strip(), new StringReader(data.toString()));
                    } else {
                        s.execute(sql);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dump " + resource, e);
        } catch (SQLException e) {
            throw new IllegalStateException("the dump " + resource + " does not restore: " + e.getMessage(), e);
        }
    }
}
