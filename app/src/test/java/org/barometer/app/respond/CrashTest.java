package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server process (a separate JVM running {@code Main serve}) is killed with SIGKILL while 200 respondents save
 * pages. After a restart, every save that had been acknowledged is there, none twice, and every link still works.
 */
class CrashTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final int RESPONDENTS = 200;

    /** One POST of a page save: which respondent, which save id, and whether the server acknowledged it. */
    record Attempt(String path, UUID saveId, int employees, boolean acknowledged) {}

    @Test
    void acknowledgedSavesSurviveAKillAndNoneIsStoredTwice() throws Exception {
        long edition = TestForm.edition(db.jdbi(), "crash");
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (int i = 0; i < RESPONDENTS; i++) {
            invitees.add(new InvitationStore.Invitee("c" + i, "Workplace " + i, "M", "c" + i + "@example.invalid", "da", "s"));
        }
        List<String> links = new InvitationStore(db.jdbi()).create(edition, invitees, Instant.now().plus(30, ChronoUnit.DAYS))
                .stream().map(l -> "/r/" + l.token()).toList();
        int port = freePort();
        Process server = startServer(port);
        Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String link : links) {
                clients.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        n++;
                        UUID saveId = UUID.randomUUID();
                        boolean ok;
                        try {
                            ok = post(http, port, link, saveId, n).statusCode() == 303;
                        } catch (IOException | InterruptedException e) {
                            ok = false;
                        }
                        attempts.add(new Attempt(link, saveId, n, ok));
                        if (ok) {
                            acknowledged.incrementAndGet();
                        } else if (!server.isAlive()) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Kill once a good number of saves went through.
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.get() < 1000 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
            server.waitFor();
            Thread.sleep(300);
            stop.set(true);
        }
        List<Attempt> all = new ArrayList<>(attempts);
        List<UUID> acked = all.stream().filter(Attempt::acknowledged).map(Attempt::saveId).toList();
        int unacknowledged = all.size() - acked.size();

        Process restarted = startServer(port);
        try {
            int storedAcked = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM respond_page_save WHERE save_id = ANY(?)")
                    .bind(0, acked.toArray(UUID[]::new)).mapTo(Integer.class).one());
            int storedTotal = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM respond_page_save")
                    .mapTo(Integer.class).one());
            System.out.printf("crash test: %d save attempts, %d acknowledged before the kill, %d not acknowledged; "
                            + "after restart %d of the acknowledged are stored, %d saves stored in all%n",
                    all.size(), acked.size(), unacknowledged, storedAcked, storedTotal);
            assertThat(acked.size()).isGreaterThanOrEqualTo(1000);
            assertThat(storedAcked).as("every acknowledged save is stored").isEqualTo(acked.size());

            // Every attempt is sent again with its save id (as a browser resending would): each is then stored once.
            HttpClient again = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            AtomicInteger resentOk = new AtomicInteger();
            try (var resend = Executors.newFixedThreadPool(16)) {
                for (Attempt a : all) {
                    resend.submit(() -> {
                        // A browser whose request timed out sends it again with the same save id; so does this.
                        for (int tries = 0; tries < 5; tries++) {
                            try {
                                if (post(again, port, a.path(), a.saveId(), a.employees()).statusCode() == 303) {
                                    resentOk.incrementAndGet();
                                }
                                return null;
                            } catch (java.net.http.HttpTimeoutException e) {
                                // a loaded machine; try again
                            }
                        }
                        return null;
                    });
                }
            }
            assertThat(resentOk.get()).as("every resent save is acknowledged").isEqualTo(all.size());
            Map<String, Object> counts = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) AS rows, count(DISTINCT (response_id, save_id)) AS distinct_saves FROM respond_page_save""")
                    .mapToMap().one());
            System.out.printf("crash test: after resending all %d attempts: %s%n", all.size(), counts);
            assertThat(((Number) counts.get("rows")).intValue()).isEqualTo(all.size());
            assertThat(((Number) counts.get("distinct_saves")).intValue()).isEqualTo(all.size());
            int mismatched = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM respond_response r
                    WHERE r.saves <> (SELECT count(*) FROM respond_page_save s WHERE s.response_id = r.id)""")
                    .mapTo(Integer.class).one());
            assertThat(mismatched).as("each response's save counter matches its stored saves").isZero();

            // Every link still works.
            int working = 0;
            for (String link : links) {
                HttpResponse<String> r = again.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 303 && r.headers().firstValue("Location").orElse("").startsWith(link + "/p/")) {
                    working++;
                }
            }
            System.out.printf("crash test: %d of %d links work after the restart%n", working, links.size());
            assertThat(working).isEqualTo(RESPONDENTS);
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
    }

    private static HttpResponse<String> post(HttpClient http, int port, String link, UUID saveId, int employees)
            throws IOException, InterruptedException {
        String body = "_save=" + saveId + "&innovated=no&employees=" + employees;
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link + "/p/about"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code Main serve} in its own JVM on the test database and waits until it answers. */
    private static Process startServer(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.barometer.app.Main", "serve");
        pb.environment().put("BAROMETER_DB_URL", db.url());
        pb.environment().put("BAROMETER_PORT", Integer.toString(port));
        pb.environment().put("BAROMETER_ADMIN_PASSWORD", "crash test admin password");
        pb.environment().remove("BAROMETER_SMTP_HOST");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "barometer-crash-test.log")));
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server process ended with " + p.exitValue()
                        + "; see barometer-crash-test.log in " + System.getProperty("java.io.tmpdir"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not answer within 60 s");
    }
}
