package org.barometer.app.publish.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.portal.PublishedEdition;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.publish.spec.EditionSource;
/**
 * Weighting and publishing as a background job run by the server's own worker: an analyst starts it and follows
 * its page; a job that succeeds changes the portal's publication (the portal finds it in the database), a job
 * that fails logs why and leaves the last publication in place.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishJobsTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_POLL_MS", "200");

    static final ObjectMapper JSON = new ObjectMapper();

    static long editionId;

    @Test
    @Order(1)
    void anAnalystStartsAJobThatPublishesAndThePortalShowsIt() throws Exception {
        editionId = DemoEdition.load(server.jdbi()).edition().id();
        assertThat(DemoEdition.answer(server.jdbi(), editionId)).isGreaterThan(2_000);
        DemoEdition.uploadFiles(server.jdbi(), editionId);

        WebClient anonymous = server.client();
        anonymous.get("/login");
        String csrf = anonymous.csrf();
        assertThat(anonymous.post("/admin/analysis/" + editionId + "/jobs", Map.of("_csrf", csrf)).status())
                .isIn(302, 303, 401, 403);
        assertThat(server.count("select count(*) from analysis_job")).isZero();

        // before any publication the portal lists no edition
        assertThat(shownPublication()).isNull();
        WebClient admin = server.admin().language("en");
        WebClient.Response started = admin.submit("/admin/analysis/" + editionId,
                "/admin/analysis/" + editionId + "/jobs", Map.of());
        assertThat(started.status()).isEqualTo(303);
        assertThat(started.location()).matches("/admin/analysis/" + editionId + "/jobs/\\d+");
        long jobId = Long.parseLong(started.location().replaceAll(".*/", ""));
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.job.create' and detail = ?",
                "publication job " + jobId)).isEqualTo(1);

        JobStore.Job job = JobWait.awaitEnd(server.jdbi(), jobId);
        assertThat(job.state()).as(job.log()).isEqualTo("succeeded");
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.log()).contains("Design weights", "Non-response adjustment", "Calibration (raking)",
                "Trimming", "Diagnostics: CV", "Figure new-or-known-technology computed",
                "Stored: weights version", "Succeeded: publication " + job.publicationId());
        assertThat(server.count("select count(*) from publication where edition_id = ? and id = ?", editionId,
                job.publicationId())).isEqualTo(1);

        // the portal finds the new publication by itself and loads it in the background
        assertThat(Poll.until(Duration.ofSeconds(30), PublishJobsTest::shownPublication, job.publicationId()::equals))
                .isEqualTo(job.publicationId());
        PublishedEdition after = server.publications().editions().getFirst().edition();
        assertThat(after.weights().size()).isEqualTo(server.count("""
                select count(*) from analysis_weight w join publication p on p.weights_id = w.weights_id
                where p.id = ?""", job.publicationId()));

        WebClient.Response page = admin.get(started.location());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Refresh")).isEmpty();
        assertThat(page.body()).contains("Succeeded").contains("<progress id=\"job-progress\" max=\"100\" value=\"100\">")
                .contains("<label for=\"job-progress\">Progress: 100 %</label>").contains("Calibration (raking)");
        assertThat(admin.language("da").get(started.location()).body()).contains("Gennemført").contains("Fremdrift: 100 %");
        assertThat(admin.get("/admin/analysis/" + editionId).body()).contains(started.location());
        assertThat(server.client().get(started.location()).status()).isIn(302, 303, 401, 403);
        assertThat(admin.get("/admin/analysis/" + editionId + "/jobs/999999").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aJobWithAnEditionFileInErrorFailsWithItsMessageAndThePublicationStays() throws Exception {
        PublishedEdition served = server.publications().editions().getFirst().edition();
        int publications = server.count("select count(*) from publication");
        int weights = server.count("select count(*) from analysis_weights");
        // edition files in error, stored as an older version might have been before its check was tightened
        long broken = storeUnchecked(editionId, "/org/barometer/app/publish/job/broken-edition");
        long jobId = new JobStore(server.jdbi()).enqueue(editionId, EditionSource.stored(broken).value(), null);

        JobStore.Job job = JobWait.awaitEnd(server.jdbi(), jobId);
        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.log()).contains("Failed: ").contains("figures/fig03.json").contains("no-such-theme")
                .contains("The last publication stays in place.");
        assertThat(server.count("select count(*) from publication")).isEqualTo(publications);
        assertThat(server.count("select count(*) from analysis_weights")).isEqualTo(weights);
        assertThat(server.publications().editions().getFirst().edition()).isSameAs(served);
        assertThat(server.client().get("/portal").status()).isEqualTo(200);

        WebClient.Response page = server.admin().language("en").get("/admin/analysis/" + editionId + "/jobs/" + jobId);
        assertThat(page.body()).contains("Failed").contains("no-such-theme").contains("the last publication is still shown");
    }

    /** The publication the portal shows by default, as its API lists it; null when it lists none. */
    private static Long shownPublication() {
        try {
            JsonNode newest = JSON.readTree(server.client().get("/api/editions").body()).path("editions").path(0);
            return newest.path("publication").isMissingNode() ? null : newest.path("publication").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stores edition files from a class-path folder as a new version of an edition, without the upload's check. */
    private static long storeUnchecked(long edition, String folder) throws Exception {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String name : List.of("edition.json", "figures/fig03.json")) {
            try (var in = PublishJobsTest.class.getResourceAsStream(folder + "/" + name)) {
                files.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        byte[] zip = org.barometer.app.publish.spec.EditionZip.write(files);
        return server.jdbi().withHandle(h -> h.createUpdate("""
                insert into edition_files (edition_id, version, file_name, content, sha256, questionnaire_id)
                select :e, coalesce(max(version), 0) + 1, 'broken.zip', :z, 'unchecked', (select questionnaire_id from edition where id = :e)
                from edition_files where edition_id = :e""").bind("e", edition).bind("z", zip)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    @Order(3)
    void aJobOfAnEditionWithoutResponsesFailsInWeightingAndStoresNothing() throws Exception {
        // an edition with the demo's questionnaire and edition files, but no frame, sample or responses
        Long questionnaire = new EditionStore(server.jdbi()).find(editionId).orElseThrow().questionnaireId();
        long empty = new EditionStore(server.jdbi()).create("Empty", 2030, null, null, List.of("da"), questionnaire).id();
        int publications = server.count("select count(*) from publication");
        long jobId = new JobStore(server.jdbi()).enqueue(empty,
                EditionSource.stored(DemoEdition.uploadFiles(server.jdbi(), empty).id()).value(), null);
        JobStore.Job job = JobWait.awaitEnd(server.jdbi(), jobId);
        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.log()).contains("Failed: ");
        assertThat(server.count("select count(*) from publication")).isEqualTo(publications);
    }
}
