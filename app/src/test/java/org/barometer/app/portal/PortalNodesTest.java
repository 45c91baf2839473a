package org.barometer.app.portal;

import org.barometer.app.publish.job.JobStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.Server;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.db.Database;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.publish.job.PublishJobs;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.WebClient;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.publish.spec.EditionSource;
/**
 * Two app nodes on one database: a publication made by a job on node A is shown by node B's portal within seconds,
 * without a restart; while B loads a newer publication its pages keep answering with the one before; and a
 * publication that does not load leaves the one before in place; a withdrawal on node A is honoured by node B
 * within seconds.
 */
class PortalNodesTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Database> pools = new ArrayList<>();
    static Server nodeA;
    static Server nodeB;

    static Server node(String name, String jobsPollMs) {
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=" + name;
        Database database = Database.connect(url);
        pools.add(database);
        return Server.start(Platform.create(AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "0",
                "BAROMETER_JOBS_POLL_MS", jobsPollMs)), database), 0);
    }

    @BeforeAll
    static void start() {
        nodeA = node("node-a", "100");
        // B's job worker looks once at start and then pauses for an hour, so the jobs below run on node A.
        nodeB = node("node-b", "3600000");
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        pools.forEach(Database::close);
    }

    @Test
    void nodeBFollowsThePublicationsOfNodeAWithoutBlockingItsPages() throws Exception {
        long edition = DemoEdition.load(db.jdbi()).edition().id();
        assertThat(DemoEdition.answer(db.jdbi(), edition)).isGreaterThan(2_000);
        PublishedEditions onB = nodeB.publications();
        assertThat(shown(nodeB).isMissingNode()).as("no edition is listed before any publication").isTrue();

        // a publication job runs on node A; node B finds and shows its publication by itself
        JobStore.Job job = JobWait.awaitEnd(db.jdbi(), new JobStore(db.jdbi()).enqueue(edition,
                EditionSource.stored(DemoEdition.uploadFiles(db.jdbi(), edition).id()).value(), null));
        assertThat(job.state()).as(job.log()).isEqualTo("succeeded");
        long first = job.publicationId();
        assertThat(Poll.until(Duration.ofSeconds(30), () -> shownPublication(nodeB), p -> p == first)).isEqualTo(first);
        // shown from its snapshot first; its data (what loads counts) follow in the background
        assertThat(Poll.until(Duration.ofSeconds(30), onB::loads, n -> n >= 1)).isEqualTo(1);
        assertThat(get(nodeB, "/portal?lang=en").statusCode()).isEqualTo(200);

        // A newer publication appears while its load cannot finish (a table it reads is locked): node B's pages
        // answer at once with the publication before, and the new one is loaded once when the lock goes.
        long second;
        try (Handle locker = db.jdbi().open()) {
            locker.begin();
            locker.execute("lock table sample_stratum in access exclusive mode");
            second = copyPublication(first, null);
            int waiting = Poll.until(Duration.ofSeconds(30), () -> db.count("""
                    select count(*) from pg_stat_activity
                    where application_name = 'node-b' and wait_event_type = 'Lock'"""), n -> n > 0);
            assertThat(waiting).as("node B's load waits for the lock").isPositive();
            for (int i = 0; i < 10; i++) {
                assertThat(shownPublication(nodeB)).isEqualTo(first);
                HttpResponse<String> theme = get(nodeB, "/portal/themes/technology?lang=en");
                assertThat(theme.statusCode()).isEqualTo(200);
                assertThat(theme.body()).contains("Figure 1.");
            }
            locker.rollback();
        }
        assertThat(Poll.until(Duration.ofSeconds(30), () -> shownPublication(nodeB), p -> p == second)).isEqualTo(second);
        assertThat(Poll.until(Duration.ofSeconds(30), onB::loads, n -> n >= 2))
                .as("loaded once, however many requests came meanwhile").isEqualTo(2);

        // a publication that does not load (its edition files are gone) is logged, and the one before stays
        int failedBefore = onB.failedLoads();
        copyPublication(second, "/no/such/edition");
        assertThat(Poll.until(Duration.ofSeconds(30), onB::failedLoads, n -> n > failedBefore)).isEqualTo(failedBefore + 1);
        assertThat(shownPublication(nodeB)).isEqualTo(second);
        assertThat(get(nodeB, "/portal/methods?lang=da").statusCode()).isEqualTo(200);
        assertThat(onB.loads()).isEqualTo(2);

        // an analyst withdraws the publication on node A: node B shows the notice in its place within seconds
        // (its check of the latest publications reads withdrawals too), loading nothing
        new UserStore(db.jdbi()).create("ana", "Ana Lyst", Role.ANALYST, "a long password for ana");
        WebClient analyst = new WebClient("http://localhost:" + nodeA.port());
        analyst.login("ana", "a long password for ana");
        analyst.get("/admin/analysis/" + edition);
        assertThat(analyst.post("/admin/analysis/" + edition + "/withdraw", Map.of("notice_da", "Trukket tilbage.",
                "notice_en", "Withdrawn: the weights were wrong.")).status()).isEqualTo(303);
        long withdrawnAt = System.nanoTime();
        int status = Poll.until(Duration.ofSeconds(5), () -> get(nodeB, "/api/figures?lang=en").statusCode(), c -> c == 410);
        assertThat(status).as("node B follows the withdrawal within a few of its checks").isEqualTo(410);
        assertThat(Duration.ofNanos(System.nanoTime() - withdrawnAt))
                .isLessThanOrEqualTo(PublishedEditions.CHECK_EVERY.multipliedBy(5));
        HttpResponse<String> theme = get(nodeB, "/portal/themes/technology?lang=en");
        assertThat(theme.statusCode()).isEqualTo(410);
        assertThat(theme.body()).contains("Withdrawn: the weights were wrong.").doesNotContain("Figure 1.");
        HttpResponse<String> onA = Poll.until(Duration.ofSeconds(5), () -> get(nodeA, "/portal/themes/technology?lang=da"),
                r -> r.statusCode() == 410);
        assertThat(onA.statusCode()).as("node A follows it by the same check").isEqualTo(410);
        assertThat(onA.body()).contains("Trukket tilbage.");
        assertThat(shown(nodeB).isMissingNode()).as("no edition is listed as shown").isTrue();
        assertThat(onB.loads()).isEqualTo(2);
    }

    /** Stores a copy of a publication as a newer one (optionally naming other edition files); returns its id. */
    private static long copyPublication(long publication, String specFolder) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                insert into publication (edition_id, weights_id, spec_folder, figures)
                select edition_id, weights_id, coalesce(cast(:f as text), spec_folder), figures from publication where id = :p
                returning id""").bind("p", publication).bind("f", specFolder).mapTo(Long.class).one());
    }

    private static HttpResponse<String> get(Server node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest edition a node's API lists (a missing node when it lists none). */
    private static JsonNode shown(Server node) {
        HttpResponse<String> response = get(node, "/api/editions");
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(response.body()).path("editions").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long shownPublication(Server node) {
        return shown(node).path("publication").asLong(-1);
    }
}
