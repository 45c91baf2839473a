package org.barometer.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void healthTellsAnyoneUpOrDownAndOnlyStaffTheVersions() {
        WebClient.Response r = server.client().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(r.body()).isEqualTo("{\"status\":\"up\"}");
        WebClient.Response staff = server.admin().get("/health");
        assertThat(staff.body()).contains("\"status\":\"up\"").contains("\"up\":true").contains("schemaVersion");
    }

    @Test
    void jettysOwnErrorPagesCarryTheSecurityHeadersToo() throws Exception {
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("Content-Security-Policy: default-src 'self'", "X-Frame-Options: DENY",
                    "X-Content-Type-Options: nosniff");
            assertThat(answer).containsPattern("Cache-Control: [^\\r]*no-store");
        }
    }

    @Test
    void pagesCarrySecurityHeaders() {
        WebClient.Response r = server.client().get("/login");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(r.header("X-Frame-Options")).contains("DENY");
        assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void languageSwitchChangesTheTexts() {
        WebClient client = server.client();
        assertThat(client.get("/login?lang=da").body()).contains("<html lang=\"da\"").contains("Log ind");
        // the choice is remembered in a cookie
        assertThat(client.get("/login").body()).contains("<html lang=\"da\"");
        assertThat(client.get("/login?lang=en").body()).contains("<html lang=\"en\"").contains("Sign in");
    }
}
