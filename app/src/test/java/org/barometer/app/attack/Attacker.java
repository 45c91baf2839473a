package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;

/**
 * A visitor of the public explorer who knows only HTTP: asks {@code /api/explore}, reads the answer's published
 * numbers or its refusal, and keeps every body it received so that a test can search them afterwards.
 */
final class Attacker {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The publishable answer categories of {@code tech_role}, in the questionnaire's order. */
    static final List<String> TECH_ROLES = List.of("solution", "important", "minor", "none", "dont_know");

    private final WebClient client;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    Attacker(WebClient client) {
        this.client = client;
    }

    /** An explorer reply: the status, the body and what it says. */
    record Reply(int status, String body, JsonNode json) {
        boolean answered() {
            return status == 200;
        }

        /** The first problem's reason, or null for an answer. */
        String reason() {
            JsonNode e = json.path("errors");
            return e.isArray() && !e.isEmpty() ? e.get(0).path("reason").asText(null) : null;
        }

        /** The published base. */
        long n() {
            return json.path("n").asLong();
        }

        /** The published share of a category in a series ({@code all} without breakdown), NaN when suppressed. */
        double share(String series, String category) {
            for (JsonNode c : json.path("cells")) {
                if (c.path("series").asText().equals(series) && c.path("category").asText().equals(category)) {
                    return c.path("estimate").isNumber() ? c.path("estimate").asDouble() : Double.NaN;
                }
            }
            return Double.NaN;
        }

        /** Every category's published share in the series {@code all}, times the published base. */
        Map<String, Double> weightedCounts(List<String> categories) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String c : categories) {
                double s = share("all", c);
                out.put(c, Double.isNaN(s) ? 0 : s * n());
            }
            return out;
        }
    }

    Reply explore(String q, String by, String filter) {
        StringBuilder path = new StringBuilder("/api/explore?q=").append(enc(q));
        if (by != null) {
            path.append("&by=").append(enc(by));
        }
        if (filter != null) {
            path.append("&filter=").append(enc(filter));
        }
        return get(path.toString());
    }

    /** Any GET, its body kept. */
    Reply get(String path) {
        WebClient.Response r = client.get(path);
        bodies.add(r.body());
        JsonNode json;
        try {
            json = r.body().startsWith("{") ? JSON.readTree(r.body()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(r.status()).as("never a server error: %s", path).isLessThan(500);
        return new Reply(r.status(), r.body(), json);
    }

    /** Every body received so far. */
    List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Fails if any body an attacker collected contains a free-text answer ({@code tech_description}, {@code comments})
     * a respondent gave: the ground truth read from the database, never shown to the attacker.
     */
    static void assertNoFreeText(TestServer server, List<String> bodies) {
        List<String> texts = server.jdbi().withHandle(h -> h.createQuery("""
                select distinct t from (
                  select answers->>'tech_description' t from respond_response where state = 'submitted'
                  union all select answers->>'comments' from respond_response where state = 'submitted') x
                where t is not null and length(t) >= 4""").mapTo(String.class).list());
        assertThat(texts).as("the demo has free-text answers to look for").isNotEmpty();
        System.out.printf("free text: %d distinct answers searched for in %d bodies%n", texts.size(), bodies.size());
        for (String body : bodies) {
            String decoded = body.replace("\\u00f8", "ø").replace("\\u00e5", "å").replace("\\u00e6", "æ");
            for (String t : texts) {
                assertThat(decoded).as("a free-text answer left the server").doesNotContain(t);
                String escaped;
                try {
                    escaped = JSON.writeValueAsString(t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertThat(body).doesNotContain(escaped.substring(1, escaped.length() - 1));
            }
        }
    }
}
