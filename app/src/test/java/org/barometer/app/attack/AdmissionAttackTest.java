package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An attacker who would ask many questions quickly, with the server's default admission limits (60 explorer
 * questions per client and minute): a burst from one address is turned away with 429 and Retry-After, while a
 * visitor at another address is still answered. The server sits behind a trusted proxy on the loopback address,
 * which tells it the visitor's address.
 */
class AdmissionAttackTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_TRUSTED_PROXIES", "127.0.0.1, ::1");

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
    }

    @Test
    void aBurstFromOneAddressIsTurnedAwayAndAnotherAddressIsStillAnswered() throws InterruptedException {
        // the rate is counted per minute of the clock: a burst across a minute's end would be counted in two
        double second = server.jdbi().withHandle(h -> h.createQuery("select extract(second from now())")
                .mapTo(Double.class).one());
        if (second > 40) {
            Thread.sleep((long) ((61 - second) * 1000));
        }
        WebClient burst = server.client().forwardedFor("203.0.113.7");
        int ok = 0;
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 70; i++) {
            // each a different wording, as a tracker would ask, of a classification filter the explorer answers
            WebClient.Response r = burst.get("/api/explore?q=gov_level&filter="
                    + Attacker.enc("${size_group} != 'x" + i + "' and ${area} = 'childcare'"));
            assertThat(r.status()).as("request %d: %s", i, r.body()).isIn(200, 429);
            if (r.status() == 429) {
                assertThat(r.header("Retry-After")).as("request %d", i).isPresent();
                assertThat(Integer.parseInt(r.header("Retry-After").orElseThrow())).isPositive();
                retryAfter = r.header("Retry-After").orElseThrow();
                refused++;
            } else {
                ok++;
            }
        }
        System.out.printf("admission: a burst of 70 from one address, %d answered, %d refused 429 (Retry-After %s)%n",
                ok, refused, retryAfter);
        assertThat(ok).isEqualTo(60);
        assertThat(refused).isEqualTo(10);
        WebClient other = server.client().forwardedFor("198.51.100.23");
        WebClient.Response r = other.get("/api/explore?q=gov_level&filter="
                + Attacker.enc("${area} = 'childcare'"));
        assertThat(r.status()).isEqualTo(200);
    }
}
