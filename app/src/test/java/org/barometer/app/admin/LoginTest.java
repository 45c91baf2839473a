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
    // the test's clients stand behind the loopback "proxy", each with an address of its own
    static final TestServer server = new TestServer().withEnv("BAROMETER_TRUSTED_PROXIES", "127.0.0.1, ::1");

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
    void failuresOfAUsernameMakeEachNextAttemptWaitButNeverLockItOutForGood() {
        UserStore users = new UserStore(server.jdbi());
        users.create("locky", "Locky", Role.ANALYST, "a long enough password");
        WebClient client = server.client();
        for (int i = 0; i < UserStore.ACCOUNT.freeFailures(); i++) {
            // each from another client, so that only the username's throttle counts
            client.forwardedFor("192.0.2." + i);
            assertThat(client.submit("/login", "/login", Map.of("username", "locky", "password", "bad" + i)).status())
                    .isEqualTo(401);
        }
        WebClient.Response waiting = client.submit("/login", "/login",
                Map.of("username", "locky", "password", "a long enough password"));
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(waiting.body()).contains("Wait");
        assertThat(sessionsOf("locky")).isZero();
        // a thousand failures later the wait is still at most a minute: the rightful user is never locked out
        server.jdbi().useHandle(h -> h.execute("""
                insert into login_failure (username, ip, failed_at)
                select 'locky', '198.51.100.1', now() - interval '61 seconds' from generate_series(1, 1000)"""));
        server.jdbi().useHandle(h -> h.execute(
                "update login_failure set failed_at = now() - interval '61 seconds' where username = 'locky'"));
        assertThat(client.submit("/login", "/login",
                Map.of("username", "locky", "password", "a long enough password")).status()).isEqualTo(303);
        assertThat(users.recentFailures("locky")).isZero();
    }

    @Test
    void failuresFromOneClientThrottleThatClientOnly() {
        WebClient attacker = server.client().forwardedFor("203.0.113.50");
        int free = UserStore.CLIENT.freeFailures();
        for (int i = 0; i < free; i++) {
            assertThat(attacker.submit("/login", "/login", Map.of("username", "guess" + i, "password", "x")).status())
                    .isEqualTo(401);
        }
        WebClient.Response throttled = attacker.submit("/login", "/login", Map.of("username", "another", "password", "x"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(server.count("select count(*) from login_failure where username = 'another'")).isZero();
        assertThat(server.count("select count(*) from login_failure where ip = '203.0.113.50'")).isEqualTo(free);
        // another client signs in at once
        WebClient other = server.client().forwardedFor("203.0.113.51");
        assertThat(other.submit("/login", "/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD))
                .status()).isEqualTo(303);
    }

    @Test
    void anAdminCanClearAUsernamesFailures() {
        UserStore users = new UserStore(server.jdbi());
        User stuck = users.create("stuck", "Stuck", Role.ANALYST, "a long enough password");
        server.jdbi().useHandle(h -> h.execute("""
                insert into login_failure (username, ip) select 'stuck', '198.51.100.' || g from generate_series(1, 8) g"""));
        WebClient admin = server.admin();
        assertThat(admin.get("/admin/users/" + stuck.id()).body()).contains("8 failed sign-ins");
        WebClient.Response cleared = admin.post("/admin/users/" + stuck.id() + "/unlock", Map.of());
        assertThat(cleared.status()).isEqualTo(303);
        assertThat(users.recentFailures("stuck")).isZero();
        assertThat(server.count("select count(*) from audit_log where action = 'user.unlock'")).isOne();
        WebClient other = server.client().forwardedFor("203.0.113.9");
        assertThat(other.submit("/login", "/login", Map.of("username", "stuck", "password", "a long enough password"))
                .status()).isEqualTo(303);
    }

    @Test
    void nextAcceptsOnlyAPathOfThisSite() {
        for (String bad : new String[] {"//evil.example/phish", "/\\evil.example", "/\t/evil.example/phish",
                "/\n/evil.example", "https://evil.example", "/ /evil.example", "/\u200b/evil.example",
                "/\u0000/x"}) {
            assertThat(LoginPages.safeNext(bad)).as(bad).isEqualTo("/admin");
        }
        assertThat(LoginPages.safeNext("/admin/users?x=1")).isEqualTo("/admin/users?x=1");
        // and over HTTP: a tab-smuggled next sends the signed-in user to the administration, not off the site
        WebClient client = server.client();
        WebClient.Response r = client.submit("/login", "/login", Map.of("username", "admin", "password",
                TestServer.ADMIN_PASSWORD, "next", "/\t/evil.example/phish"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/admin");
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
