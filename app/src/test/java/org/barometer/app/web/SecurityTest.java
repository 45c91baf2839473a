package org.barometer.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.barometer.app.access.UserStore;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.http.Sessions;
class SecurityTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String SCRIPT = "<script>alert('x')</script>";
    static final String MARKUP = "<b onmouseover=\"alert(1)\">bold</b>";
    static long editionId;

    /** An edition, frame and sample whose names carry script and markup. */
    @BeforeAll
    static void hostileData() {
        WebClient admin = server.admin();
        WebClient.Response created = admin.get("/admin/editions/new");
        assertThat(created.status()).isEqualTo(200);
        WebClient.Response r = admin.postMultipart("/admin/editions", Map.of("name", "Edition " + SCRIPT,
                "year", "2026", "languages", "da"), "questionnaire", "", new byte[0]);
        assertThat(r.status()).isEqualTo(303);
        editionId = Long.parseLong(r.location().replaceAll(".*/", ""));
        String csv = "workplace_id,name,government_level,area,employees,region,manager_name,manager_email,language\n"
                + "S1,\"" + SCRIPT + "\",state,health,20,\"" + MARKUP + "\",\"" + SCRIPT + "\",a@example.invalid,da\n"
                + "S2,\"" + MARKUP + "\",state,health,20,Nord,Bo,b@example.invalid,da\n"
                + "S3,\"Bad " + SCRIPT + "\",state,\"" + SCRIPT + "\",20,Nord,Bo,c@example.invalid,da\n";
        admin.get("/admin/editions/" + editionId + "/frame");
        WebClient.Response up = admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of(), "file",
                SCRIPT + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).isEqualTo(303);
        String report = up.location();
        assertThat(admin.get(report).status()).isEqualTo(200);
        WebClient.Response imported = admin.post(report + "/import", Map.of("leaveOutFaulty", "true"));
        assertThat(imported.status()).isEqualTo(303);
        // keep a report with the hostile values around for the escaping check
        admin.get("/admin/editions/" + editionId + "/frame");
        admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of(), "file", "again.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        admin.get("/admin/editions/" + editionId + "/sample?by=region");
        WebClient.Response drawn = admin.post("/admin/editions/" + editionId + "/sample",
                Map.of("by", "region", "method", "take_all", "minimum", "0", "seed", "1",
                        "stratum.0", "Nord", "stratum.1", MARKUP));
        assertThat(drawn.status()).isEqualTo(303);
    }

    static List<String> adminPages() {
        long uploadId = server.jdbi().withHandle(h -> h.createQuery("select max(id) from frame_upload")
                .mapTo(Long.class).one());
        return List.of("/admin", "/admin/users", "/admin/users/new", "/admin/users/1", "/admin/audit",
                "/admin/editions", "/admin/editions/new", "/admin/editions/" + editionId,
                "/admin/editions/" + editionId + "/edit",
                "/admin/editions/" + editionId + "/frame",
                "/admin/editions/" + editionId + "/frame/uploads/" + uploadId,
                "/admin/editions/" + editionId + "/sample?by=region");
    }

    @Test
    void adminPagesRedirectToLoginWithoutASession() {
        WebClient anonymous = server.client();
        for (String page : adminPages()) {
            WebClient.Response r = anonymous.get(page);
            assertThat(r.status()).as(page).isEqualTo(303);
            assertThat(r.location()).as(page).startsWith("/login?next=");
        }
    }

    @Test
    void scriptAndMarkupInDataAreEscapedOnEveryAdminPage() {
        WebClient admin = server.admin();
        boolean sawEscaped = false;
        for (String page : adminPages()) {
            WebClient.Response r = admin.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(SCRIPT).doesNotContain(MARKUP).doesNotContain("<b onmouseover");
            sawEscaped |= r.body().contains("&lt;script&gt;");
        }
        assertThat(sawEscaped).isTrue();
        // The pages that show the data do show it, escaped.
        assertThat(admin.get("/admin/editions/" + editionId + "/frame").body())
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;").contains("&lt;b onmouseover=");
        assertThat(admin.get("/admin/editions/" + editionId + "/sample?by=region").body()).contains("&lt;b onmouseover=");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        WebClient admin = server.admin();
        int users = new UserStore(server.jdbi()).count();
        Map<String, String> newUser = Map.of("username", "csrfvictim", "displayName", "X", "role", "admin",
                "password", "a long enough password");
        assertThat(admin.postRaw("/admin/users", newUser).status()).isEqualTo(403);
        Map<String, String> wrongToken = new java.util.HashMap<>(newUser);
        wrongToken.put("_csrf", "forged");
        assertThat(admin.postRaw("/admin/users", wrongToken).status()).isEqualTo(403);
        // another visitor's token does not work either
        WebClient other = server.client();
        other.get("/login");
        wrongToken.put("_csrf", other.csrf());
        assertThat(admin.postRaw("/admin/users", wrongToken).status()).isEqualTo(403);
        assertThat(new UserStore(server.jdbi()).count()).isEqualTo(users);
        // a multipart upload without the token stores nothing either
        int uploads = server.jdbi().withHandle(h -> h.createQuery("select count(*) from frame_upload")
                .mapTo(Integer.class).one());
        assertThat(admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of("_csrf", "forged"), "file",
                "f.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        assertThat(server.count("select count(*) from frame_upload")).isEqualTo(uploads);
        // and the login form itself needs its token
        assertThat(server.client().postRaw("/login", Map.of("username", "admin",
                "password", TestServer.ADMIN_PASSWORD)).status()).isEqualTo(403);
    }

    @Test
    void oversizedRequestsAreRefused() {
        WebClient admin = server.admin();
        admin.get("/admin/editions/" + editionId + "/frame");
        int uploads = server.jdbi().withHandle(h -> h.createQuery("select count(*) from frame_upload")
                .mapTo(Integer.class).one());
        byte[] big = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(admin.postMultipart("/admin/editions/" + editionId + "/frame", Map.of(), "file", "big.csv", big)
                .status()).isEqualTo(413);
        assertThat(server.count("select count(*) from frame_upload")).isEqualTo(uploads);
        String longForm = "x".repeat(2 * 1024 * 1024);
        assertThat(admin.post("/admin/users", Map.of("username", "big", "displayName", longForm)).status())
                .isEqualTo(413);
    }

    @Test
    void chunkedBodiesAreHeldToTheSameLimits() {
        WebClient admin = server.admin();
        admin.get("/admin/users/new");
        byte[] body = ("_csrf=" + admin.csrf() + "&username=chunky&role=analyst&displayName="
                + "x".repeat(1536 * 1024)).getBytes(StandardCharsets.US_ASCII);
        // a body of unknown length goes chunked: no Content-Length for the server to refuse it by
        WebClient.Response r = admin.send(java.net.http.HttpRequest.newBuilder(admin.uri("/admin/users"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
        assertThat(r.status()).isEqualTo(413);
        assertThat(server.count("select count(*) from app_user where username = 'chunky'")).isZero();
    }

    @Test
    void aClientThatDripsItsHeaderIsCutOff() throws Exception {
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(200);
            java.io.OutputStream out = socket.getOutputStream();
            out.write("GET /login HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            // a header line a byte at a time, one byte a second: each byte is well within the idle timeout
            for (int second = 0; second < 45 && !closed; second++) {
                try {
                    out.write('X');
                    out.flush();
                    closed = socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    Thread.sleep(800);
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the connection of a client dripping its header").isTrue();
        }
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        for (String path : List.of("/login", "/admin", "/health", "/does-not-exist", "/static/app.css")) {
            WebClient.Response r = server.client().get(path);
            assertThat(r.header("Content-Security-Policy")).as(path).isPresent();
            assertThat(r.header("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.header("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.header("Referrer-Policy")).as(path).contains("no-referrer");
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite() {
        WebClient.Response r = server.client().get("/login");
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void theSignInPageOnlyRedirectsWithinTheSite() {
        WebClient client = server.client();
        WebClient.Response r = client.submit("/login", "/login", Map.of("username", "admin",
                "password", TestServer.ADMIN_PASSWORD, "next", "//evil.example/"));
        assertThat(r.location()).isEqualTo("/admin");
    }
}
