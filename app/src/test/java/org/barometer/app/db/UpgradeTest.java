package org.barometer.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.Server;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database written by the version before the code base was reorganised (a plain-SQL dump of a demo database
 * with three respondents half-way, {@code upgrade/demo-database-2d73c00.sql.gz}; see the README beside it) upgrades
 * without loss: Flyway validates the applied migrations and adds only the new ones, every row survives, the
 * publication is served, and the personal links noted when the dump was made open at their saved pages.
 */
class UpgradeTest {
    static final String DUMP = "/upgrade/demo-database-2d73c00.sql.gz";
    static final List<String> TABLES = List.of("edition", "questionnaire", "frame", "frame_unit", "sample",
            "sample_stratum", "sample_unit", "fieldwork_invitation", "fieldwork_token", "respond_response",
            "respond_page_save", "edition_files", "analysis_weights", "analysis_weight", "publication", "app_user",
            "audit_log");

    static TestDatabase db;
    static Server server;
    /** The row counts right after the upgrade, before this version's server served anything. */
    static Map<String, Integer> upgraded;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void upgrade() {
        db = TestDatabase.restoredFrom(DUMP);
        db.start();
        upgraded = counts(db);
        server = Server.start(Platform.create(AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "0")), db.database()), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.stop();
    }

    /** The rows of every table as the dump holds them: the lines of each {@code COPY} block. */
    static Map<String, Integer> rowsInTheDump() throws Exception {
        Map<String, Integer> rows = new LinkedHashMap<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                UpgradeTest.class.getResourceAsStream(DUMP)), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            String table = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("COPY public.")) {
                    table = line.substring("COPY public.".length(), line.indexOf(' ', "COPY public.".length()));
                    rows.put(table, 0);
                } else if (table != null && line.equals("\\.")) {
                    table = null;
                } else if (table != null) {
                    rows.merge(table, 1, Integer::sum);
                }
            }
        }
        return rows;
    }

    static Map<String, Integer> counts(TestDatabase database) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, database.count("select count(*) from " + table));
        }
        return counts;
    }

    @Test
    void everyRowOfTheEarlierVersionSurvivesAndOnlyNewMigrationsAreAdded() throws Exception {
        Map<String, Integer> now = upgraded;
        Map<String, Integer> dumped = rowsInTheDump();
        for (String table : TABLES) {
            assertThat(now.get(table)).as(table).isEqualTo(dumped.get(table));
        }
        assertThat(now.get("respond_response")).isEqualTo(2241);
        assertThat(now.get("frame_unit")).isEqualTo(14_300);
        assertThat(now.get("fieldwork_invitation")).isEqualTo(4_500);
        assertThat(now.get("publication")).isOne();
        // the applied migrations of the earlier version are still there, validated, and none failed
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(version::int) from flyway_schema_history where success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(42);
        }
        assertThat(db.count("select count(*) from flyway_schema_history where version::int <= 42 and success")).isEqualTo(8);
        assertThat(db.count("select count(*) from flyway_schema_history where not success")).isZero();
        // every respondent's answers are those of the earlier version, byte for byte as JSON
        assertThat(db.count("""
                select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                where i.id = 2 and r.current_page = 'latest' and r.answers = '{"inno_process": "no", "inno_service": "yes",
                  "inno_organisation": "yes", "inno_communication": "no"}'::jsonb""")).isOne();
    }

    @Test
    void theEarlierPublicationIsServed() throws Exception {
        JsonNode editions = Poll.until(Duration.ofSeconds(60), () -> json("/api/editions").path("editions"), e -> e.size() == 1);
        long stored = db.count("select id from publication");
        assertThat(editions.path(0).path("publication").asLong()).isEqualTo(stored);
        int n = db.count("""
                select (f->>'n')::int from publication p cross join jsonb_array_elements(p.figures) f
                where f->>'id' = 'technology-part'""");
        // the portal serves the stored figure protected: its base within the cell-key noise of the stored one
        assertThat(json("/api/figures/technology-part").path("n").asInt()).isBetween(n - 3, n + 3);
        assertThat(get("/portal?lang=en").statusCode()).isEqualTo(200);
    }

    @Test
    void theNotedPersonalLinksOpenAtTheirSavedPages() throws Exception {
        assertThat(get("/r/TSWV34meAz6NEJdxhprWyA").headers().firstValue("Location")).hasValue("/r/TSWV34meAz6NEJdxhprWyA/p/latest");
        assertThat(get("/r/EMFeoMCfrOccN149mcnT_Q").headers().firstValue("Location")).hasValue("/r/EMFeoMCfrOccN149mcnT_Q/p/underway_page");
        assertThat(get("/r/gdTzP_lJYMRvq8GLbUjB5Q").headers().firstValue("Location")).hasValue("/r/gdTzP_lJYMRvq8GLbUjB5Q/p/filter");
        HttpResponse<String> page = get("/r/TSWV34meAz6NEJdxhprWyA/p/latest");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"latest_type\"");
        assertThat(get("/r/jdVZnbjQGceNHHjRoS5bTg").statusCode()).isEqualTo(303);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) {
        try {
            return new ObjectMapper().readTree(get(path).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
