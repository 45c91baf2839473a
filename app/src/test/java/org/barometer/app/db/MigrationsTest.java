package org.barometer.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void allMigrationsApplyOnAnEmptyDatabase() {
        List<String> failed = db.jdbi().withHandle(h -> h.createQuery(
                "select version from flyway_schema_history where not success").mapTo(String.class).list());
        assertThat(failed).isEmpty();
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                "select table_name from information_schema.tables where table_schema = 'public'")
                .mapTo(String.class).list());
        assertThat(tables).contains("app_user", "web_session", "audit_log", "login_failure", "edition",
                "questionnaire", "frame", "frame_unit", "sample", "sample_stratum", "sample_unit");
    }

    @Test
    void healthReportsTheSchemaVersion() {
        Database.Health health = db.database().health();
        assertThat(health.up()).isTrue();
        assertThat(health.schemaVersion()).isNotEqualTo("none");
        assertThat(health.serverVersion()).isNotBlank();
    }
}
