package org.barometer.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that starts on a database with every migration applied does not run Flyway before it serves, but checks
 * the applied migrations right after: a mismatch (an applied migration edited since) makes the database's health
 * report it down.
 */
class MigrationCheckAtStartTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void theMigrationsCarriedAreTheFilesOfTheSchemaFolder() throws Exception {
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(Path.of("src/main/resources/db/migration"))) {
            list.map(f -> f.getFileName().toString()).forEach(n -> files.add(n.substring(1, n.indexOf("__"))));
        }
        assertThat(Database.migrationVersions()).isEqualTo(files).contains("1", "56");
    }

    @Test
    void aCurrentSchemaIsCheckedAfterTheStartAndAnEditedMigrationMakesTheDatabaseDown() throws Exception {
        try (Database again = Database.connect(db.url())) {
            again.awaitSchemaCheck();
            assertThat(again.health().up()).as(String.valueOf(again.health())).isTrue();
        }
        // an applied migration whose file has changed since: its stored checksum is no longer the file's
        db.jdbi().useHandle(h -> h.execute(
                "update flyway_schema_history set checksum = checksum + 1 where version = '56'"));
        int rows = db.count("select count(*) from flyway_schema_history");
        try (Database edited = Database.connect(db.url())) {
            edited.awaitSchemaCheck();
            Database.Health health = edited.health();
            assertThat(health.up()).isFalse();
            assertThat(health.error()).startsWith("migrations: ").contains("56");
        }
        // nothing was migrated or repaired
        assertThat(db.count("select count(*) from flyway_schema_history")).isEqualTo(rows);
    }
}
