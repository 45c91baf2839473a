package org.barometer.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.barometer.app.Server;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.barometer.app.http.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.access.User;
class LoginTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    int sessionsOf(String username) {
        return server.jdbi().withHandle(h -> h.createQuery("""
                select count(*) from web_session s join app_user u on u.id = s.user_id where u.username = ?""")
                .bind(0, username).mapTo(Integer.class).one());
    }

    @Test
    void rightPasswordSignsInAndWrongOneDoesNot() {
        WebClient client = server.client();
        WebClient.Response wrong = client.submit("/login", "/login", Map.of("username", "admin", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("wrong");
        assertThat(client.get("/admin").status()).isEqualTo(303);

        WebClient.Response ok = client.submit("/login", "/login",
                Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD, "next", "/admin/users"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.location()).isEqualTo("/admin/users");
        assertThat(client.get("/admin").status()).isEqualTo(200);
    }

    @Test
    void unknownUsersFailLikeWrongPasswords() {
        WebClient.Response r = server.client().submit("/login", "/login",
                Map.of("username", "nobody", "password", "whatever"));
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        UserStore users = new UserStore(server.jdbi());
        users.create("locky", "Locky", Role.ANALYST, "a long enough password");
        WebClient client = server.client();
        for (int i = 0; i < UserStore.MAX_FAILURES; i++) {
            assertThat(client.submit("/login", "/login", Map.of("username", "locky", "password", "bad" + i)).status())
                    .isEqualTo(401);
        }
        WebClient.Response locked = client.submit("/login", "/login",
                Map.of("username", "locky", "password", "a long enough password"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("locked");
        assertThat(sessionsOf("locky")).isZero();
        // Once the failures are older than the window, the right password works again.
        server.jdbi().useHandle(h -> h.execute(
                "update login_failure set failed_at = now() - interval '16 minutes' where username = 'locky'"));
        assertThat(client.submit("/login", "/login",
                Map.of("username", "locky", "password", "a long enough password")).status()).isEqualTo(303);
    }

    @Test
    void sessionsLiveInTheDatabaseSoAnyNodeServesThem() {
        WebClient client = server.admin();
        String token = client.cookie(Sessions.COOKIE);
        assertThat(token).isNotBlank();
        String hash = Sessions.hash(token);
        assertThat(server.count("select count(*) from web_session where token_hash = ? and user_id is not null", hash))
                .isEqualTo(1);
        // The token itself is never stored.
        assertThat(server.count("select count(*) from web_session where token_hash = ?", token)).isZero();

        try (Server second = Server.start(server.platform(), 0)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + second.port() + "/admin"))
                    .header("Cookie", Sessions.COOKIE + "=" + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Administrator");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdleSessionExpires() {
        WebClient client = server.admin();
        assertThat(client.get("/admin").status()).isEqualTo(200);
        String hash = Sessions.hash(client.cookie(Sessions.COOKIE));
        server.jdbi().useHandle(h -> h.execute(
                "update web_session set expires_at = now() - interval '1 second' where token_hash = ?", hash));
        WebClient.Response r = client.get("/admin");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).startsWith("/login");
    }

    @Test
    void deactivatedUsersLoseTheirSessionsAndCannotSignIn() {
        UserStore users = new UserStore(server.jdbi());
        User carl = users.create("carl", "Carl", Role.ANALYST, "carl's long password");
        WebClient carlClient = server.client();
        carlClient.login("carl", "carl's long password");
        assertThat(carlClient.get("/admin").status()).isEqualTo(200);
        WebClient admin = server.admin();
        assertThat(admin.submit("/admin/users/" + carl.id(), "/admin/users/" + carl.id(),
                Map.of("displayName", "Carl", "role", "analyst")).status()).isEqualTo(303);
        assertThat(users.find(carl.id()).orElseThrow().active()).isFalse();
        assertThat(carlClient.get("/admin").status()).isEqualTo(303);
        assertThat(server.client().submit("/login", "/login",
                Map.of("username", "carl", "password", "carl's long password")).status()).isEqualTo(401);
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        WebClient admin = server.admin();
        User me = new UserStore(server.jdbi()).findByUsername(TestServer.ADMIN).orElseThrow();
        WebClient.Response r = admin.submit("/admin/users/" + me.id(), "/admin/users/" + me.id(),
                Map.of("displayName", "Administrator", "role", "analyst", "active", "true"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("last active administrator");
        assertThat(new UserStore(server.jdbi()).find(me.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void signingOutEndsTheSession() {
        WebClient client = server.admin();
        String hash = Sessions.hash(client.cookie(Sessions.COOKIE));
        client.get("/admin");
        WebClient.Response out = client.post("/logout", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(server.count("select count(*) from web_session where token_hash = ?", hash)).isZero();
        assertThat(client.get("/admin").status()).isEqualTo(303);
    }

    @Test
    void signingInReplacesThePreLoginSession() {
        WebClient client = server.client();
        client.get("/login");
        String before = client.cookie(Sessions.COOKIE);
        client.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        String after = client.cookie(Sessions.COOKIE);
        assertThat(after).isNotEqualTo(before);
        assertThat(server.count("select count(*) from web_session where token_hash = ?", Sessions.hash(before)))
                .isZero();
    }

    @Test
    void analystsSeeDataPagesButNotUserManagement() {
        new UserStore(server.jdbi()).create("ana", "Ana Analyst", Role.ANALYST, "analyst password 1");
        WebClient analyst = server.client();
        analyst.login("ana", "analyst password 1");
        assertThat(analyst.get("/admin/editions").status()).isEqualTo(200);
        assertThat(analyst.get("/admin/users").status()).isEqualTo(403);
        assertThat(analyst.get("/admin/audit").status()).isEqualTo(403);
        int users = new UserStore(server.jdbi()).count();
        analyst.get("/admin/editions");
        WebClient.Response create = analyst.post("/admin/users", Map.of("username", "sneaky",
                "displayName", "Sneaky", "role", "admin", "password", "another long password"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(new UserStore(server.jdbi()).count()).isEqualTo(users);
    }

    @Test
    void adminsCreateUsersAndEveryActionIsAudited() {
        WebClient admin = server.admin();
        WebClient.Response bad = admin.submit("/admin/users/new", "/admin/users", Map.of("username", "x",
                "displayName", "", "role", "boss", "password", "short"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("href=\"#username\"").contains("href=\"#displayName\"")
                .contains("href=\"#password\"");
        WebClient.Response ok = admin.submit("/admin/users/new", "/admin/users", Map.of("username", "bente",
                "displayName", "Bente", "role", "analyst", "password", "bente's password"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(new UserStore(server.jdbi()).findByUsername("bente")).hasValueSatisfying(u ->
                assertThat(u.role()).isEqualTo(Role.ANALYST));
        assertThat(admin.get("/admin/audit").body()).contains("user.create").contains("username=bente");
    }
}
