package org.barometer.app.publish.job;

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
class AnalysisPagesTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_POLL_MS", "200");

    @Test
    void publishingTwiceStoresTwoWeightsVersionsAndTheAuditSaysSo() throws Exception {
        long editionId = DemoEdition.load(server.jdbi()).edition().id();
        assertThat(DemoEdition.answer(server.jdbi(), editionId)).isGreaterThan(2_000);
        DemoEdition.uploadFiles(server.jdbi(), editionId);
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

        // Each version's diagnostics page: every calibration margin category with the frame's count beside the
        // weighted total, as stored with the weights.
        int margins = server.count("""
                select jsonb_array_length(diagnostics->'margins') from analysis_weights where edition_id = ? and version = 1""",
                editionId);
        assertThat(margins).isGreaterThan(5);
        WebClient.Response weights = admin.get("/admin/analysis/" + editionId + "/weights/1");
        assertThat(weights.status()).isEqualTo(200);
        assertThat(weights.body()).contains("Weights version 1").contains("Calibration margins against the frame")
                .contains("raking").contains("the strata");
        String table = weights.body().substring(weights.body().indexOf("id=\"weights-margins\""));
        assertThat(table.split("<th scope=\"row\">", -1)).hasSize(margins + 1);
        // raking meets the margins: no difference reaches a tenth of a workplace
        assertThat(table).containsPattern("<td class=\"number\">-?0\\.0[0-9]{2}</td></tr>")
                .doesNotContainPattern("<td class=\"number\">-?([1-9][0-9,]*\\.[0-9]{3}|0\\.[1-9][0-9]{2})</td></tr>");
        assertThat(admin.language("da").get("/admin/analysis/" + editionId + "/weights/1").body())
                .contains("Kalibreringsmarginaler mod registret");
        assertThat(admin.get("/admin/analysis/" + editionId + "/weights/99").status()).isEqualTo(404);
        assertThat(admin.get("/admin/analysis/" + editionId + "/weights/x").status()).isEqualTo(404);
        assertThat(server.client().get("/admin/analysis/" + editionId + "/weights/1").status()).isIn(302, 303, 403);
    }
}
