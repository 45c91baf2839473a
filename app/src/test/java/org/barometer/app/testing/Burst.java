package org.barometer.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntFunction;

/**
 * A burst of posts from one client against a per-minute limit: sent until one is refused with 429 (at most three
 * times the limit), each other one answered as {@code accepted}. The refusal must say when to come back and why;
 * when the burst stayed within one minute, exactly the documented number got through.
 *
 * @param accepted how many got through
 * @param refused  the 429 answer
 */
public record Burst(int accepted, WebClient.Response refused) {

    /** Sends {@code post.apply(i)} for i = 0, 1, … until one is refused; checks each answer and the refusal. */
    public static Burst until429(int perMinute, int acceptedStatus, IntFunction<WebClient.Response> post) {
        int accepted = 0;
        WebClient.Response refused = null;
        Instant start = Instant.now();
        for (int i = 0; i < 3 * perMinute && refused == null; i++) {
            WebClient.Response r = post.apply(i);
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).isEqualTo(acceptedStatus);
                accepted++;
            }
        }
        Instant end = Instant.now();
        assertThat(refused).as("a refusal within " + 3 * perMinute + " posts").isNotNull();
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many attempts");
        if (start.truncatedTo(ChronoUnit.MINUTES).equals(end.truncatedTo(ChronoUnit.MINUTES))) {
            assertThat(accepted).isEqualTo(perMinute); // the documented threshold
        }
        return new Burst(accepted, refused);
    }
}
