package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An analyst weights and publishes an edition from its analysis page, through a background job; each run is a
 * new weights version, and the page lists them.
 */
class PublicationPagesTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_POLL_MS", "200");

    @Test
    void publishingTwiceStoresTwoWeightsVersionsAndTheAuditSaysSo() throws Exception {
        long editionId = DemoEdition.load(server.jdbi()).edition().id();
        assertThat(org.barometer.app.analysis.DemoResponses.load(server.jdbi(), editionId, 2020)).isGreaterThan(2_000);
        assertThat(server.client().get("/admin/analysis/" + editionId).status()).isIn(302, 303, 403);
        WebClient admin = server.admin().language("en");
        WebClient.Response page = admin.get("/admin/analysis/" + editionId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Submitted responses:").contains("None yet.")
                .doesNotContain("/admin/analysis/" + editionId + "/publish\"");
        for (int run = 1; run <= 2; run++) {
            WebClient.Response started = admin.submit("/admin/analysis/" + editionId,
                    "/admin/analysis/" + editionId + "/jobs", Map.of());
            assertThat(started.status()).isEqualTo(303);
            long job = Long.parseLong(started.location().substring(started.location().lastIndexOf('/') + 1));
            assertThat(JobWait.awaitEnd(server.jdbi(), job).state()).isEqualTo("succeeded");
        }
        assertThat(server.count("select count(*) from analysis_weights where edition_id = ?", editionId)).isEqualTo(2);
        assertThat(server.count("select count(*) from publication where edition_id = ?", editionId)).isEqualTo(2);
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.job.create'")).isEqualTo(2);
        assertThat(admin.get("/admin/analysis/" + editionId).body()).contains("Weights versions").contains("<th scope=\"row\">2</th>");
        assertThat(admin.get("/admin/analysis/999999").status()).isEqualTo(404);
    }
}
