package org.barometer.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every guarded route of the route table, walked over HTTP: an anonymous visitor is sent to sign in (pages) or
 * refused (forms, even with a valid CSRF token of an anonymous session), and a signed-in user without the role is
 * refused, before any handler runs.
 */
class RouteAccessTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** The path with every parameter filled in (the guard answers before any handler looks them up). */
    static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "1");
    }

    @Test
    void everyGuardedRouteRefusesAnonymousAndUnderPrivilegedRequests() {
        List<WebServer.DeclaredRoute> routes = server.routes();
        List<WebServer.DeclaredRoute> guarded = routes.stream().filter(r -> !r.access().isEmpty()).toList();
        assertThat(guarded).hasSizeGreaterThan(30);
        assertThat(routes.stream().filter(r -> r.path().startsWith("/admin")).toList()).allSatisfy(
                r -> assertThat(r.access()).as(r.method() + " " + r.path()).isNotEmpty());
        new UserStore(server.jdbi()).create("ana", "Ana Lyst", Role.ANALYST, "a long password for ana");
        WebClient analyst = server.client();
        analyst.login("ana", "a long password for ana");
        analyst.get("/admin");
        int adminOnly = 0;
        for (WebServer.DeclaredRoute route : guarded) {
            String path = concrete(route.path());
            String place = route.method() + " " + route.path();
            WebClient anonymous = server.client();
            anonymous.get("/login");
            if (route.method().equals("GET")) {
                WebClient.Response r = anonymous.get(path);
                assertThat(r.status()).as(place).isEqualTo(303);
                assertThat(r.location()).as(place).startsWith("/login?next=");
            } else {
                assertThat(anonymous.post(path, Map.of()).status()).as(place + " with an anonymous session's token").isEqualTo(403);
            }
            if (route.access().contains(Access.ADMIN)) {
                adminOnly++;
                WebClient.Response r = route.method().equals("GET") ? analyst.get(path) : analyst.post(path, Map.of());
                assertThat(r.status()).as(place + " as an analyst").isEqualTo(403);
            }
        }
        assertThat(adminOnly).isGreaterThanOrEqualTo(8);
        assertThat(server.count("select count(*) from app_user")).isEqualTo(2);
    }

    @Test
    void publicRoutesNeedNoSignIn() {
        for (WebServer.DeclaredRoute route : server.routes()) {
            if (route.access().isEmpty() && route.method().equals("GET") && !route.path().contains("{")) {
                int status = server.client().get(route.path()).status();
                assertThat(status).as(route.path()).isNotEqualTo(403);
            }
        }
    }
}
