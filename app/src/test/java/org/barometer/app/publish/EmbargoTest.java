package org.barometer.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.publish.compute.PublicationStore;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A publication under embargo: nothing of it on the portal before its release time, all of it from then on. */
class EmbargoTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static JsonNode editions() throws Exception {
        return new ObjectMapper().readTree(server.client().get("/api/editions").body()).path("editions");
    }

    @Test
    void nothingIsVisibleBeforeTheReleaseTimeAndEverythingAtIt() throws Exception {
        long edition = DemoEdition.load(server.jdbi()).edition().id();
        WebClient admin = server.admin();
        admin.get("/admin/analysis/" + edition);
        String tomorrow = LocalDate.now().plusDays(1).toString();
        assertThat(admin.post("/admin/analysis/" + edition + "/release",
                Map.of("release_date", tomorrow, "release_time", "09:30")).status()).isEqualTo(303);
        // a bad time is refused with its place, and changes nothing
        admin.get("/admin/analysis/" + edition);
        WebClient.Response bad = admin.post("/admin/analysis/" + edition + "/release",
                Map.of("release_date", "2027-13-40", "release_time", "25:00"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("is not a date and time");
        assertThat(admin.get("/admin/analysis/" + edition).body())
                .contains("Publications are released at " + tomorrow + " 09:30 (Danish time)");

        DemoEdition.publish(server.jdbi(), edition);
        long publication = server.count("select max(id) from publication where edition_id = ?", edition);
        assertThat(admin.get("/admin/analysis/" + edition).body()).contains("embargoed until " + tomorrow + " 09:30");
        // the portal has looked several times since the publication was stored, and shows none of it
        Thread.sleep(3_000);
        assertThat(editions()).isEmpty();
        assertThat(server.client().get("/api/figures").status()).isEqualTo(404);
        assertThat(server.client().get("/api/figures/technology-part").status()).isEqualTo(404);
        assertThat(server.client().get("/portal/themes/technology").status()).isEqualTo(404);
        assertThat(server.client().get("/portal?lang=en").body()).doesNotContain("technolog");

        // moved to two seconds from now: still nothing before it, everything once it has come
        OffsetDateTime release = OffsetDateTime.now().plusSeconds(2);
        new PublicationStore(server.jdbi()).setRelease(edition, release);
        OffsetDateTime firstSeen = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (firstSeen == null && System.nanoTime() < deadline) {
            OffsetDateTime asked = OffsetDateTime.now();
            if (!editions().isEmpty()) {
                firstSeen = asked;
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(firstSeen).as("shown after its release time").isNotNull();
        assertThat(firstSeen).isAfterOrEqualTo(release);
        assertThat(editions().path(0).path("publication").asLong()).isEqualTo(publication);
        assertThat(server.client().get("/api/figures/technology-part").status()).isEqualTo(200);
        assertThat(server.client().get("/portal/themes/technology").status()).isEqualTo(200);
        assertThat(admin.get("/admin/analysis/" + edition).body()).contains("public since");
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.release'")).isOne();
    }
}
