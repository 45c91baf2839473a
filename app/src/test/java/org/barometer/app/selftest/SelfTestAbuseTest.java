package org.barometer.app.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The self-test refuses bad input and abuse clearly and changes nothing when it does: answers that are too long or
 * are markup rather than a choice, a comparison group that is not one, a group code that is malformed, unknown or
 * expired, a group name with markup, and a burst of answered self-tests from one client (429 past the documented
 * threshold). A self-test that is accepted changes its counters and nothing else.
 */
class SelfTestAbuseTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_TRUSTED_PROXIES", "127.0.0.1,::1");

    /** Each test's visitors come from their own addresses, so one test's requests never count in another's. */
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
    }

    static WebClient visitor() {
        return server.client().forwardedFor("10.2.0." + ADDRESS.getAndIncrement());
    }

    /** The self-test's own tables: what must not change when a request is refused. */
    static Map<String, SelfTestFixtures.Table> counters() {
        Map<String, SelfTestFixtures.Table> all = SelfTestFixtures.tables(server.jdbi());
        all.keySet().removeIf(t -> !t.startsWith("selftest_"));
        return all;
    }

    @Test
    void anAcceptedSelfTestChangesOnlyItsCounters() {
        Map<String, SelfTestFixtures.Table> before = SelfTestFixtures.tables(server.jdbi());
        int completed = server.count("select coalesce(sum(completed), 0)::int from selftest_usage where comparison = 'education'");
        WebClient.Response r = SelfTestFixtures.take(visitor(), "education", "", SelfTestFixtures.ANSWERS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Dit resultat").contains("Du svarede »Ja«");
        Map<String, String> changed = SelfTestFixtures.changed(before, SelfTestFixtures.tables(server.jdbi()));
        assertThat(changed.keySet()).as(changed.toString())
                .isSubsetOf(SelfTestFixtures.COUNTER_TABLES_AND_INFRASTRUCTURE).contains("selftest_usage");
        assertThat(server.count("select completed::int from selftest_usage where comparison = 'education'"))
                .isEqualTo(completed + 1);
        // the visitor's address and browser are in no table of the self-test
        assertThat(server.count("""
                select count(*) from (select t::text from selftest_usage t union all select t::text from selftest_answer t
                union all select t::text from selftest_group t union all select t::text from selftest_group_answer t) x
                where x.t like '%10.2.0.%' or x.t like '%127.0.0.1%' or x.t ilike '%java%' or x.t ilike '%http%'""")).isZero();
    }

    @Test
    void oversizedFieldsAndMarkupAreRefusedBesideTheirFieldAndChangeNothing() {
        Map<String, SelfTestFixtures.Table> before = counters();
        WebClient v = visitor();
        assertThat(v.get("/portal/self-test/questions?lang=en&group=health").status()).isEqualTo(200);

        Map<String, String> tooLong = new LinkedHashMap<>(SelfTestFixtures.ANSWERS);
        tooLong.put("cult_ideas", "x".repeat(SelfTestPages.FIELD_MAX + 1));
        WebClient.Response r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", "", tooLong));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("The answer is longer than 100 characters").contains("href=\"#f-cult_ideas\"");

        Map<String, String> markup = new LinkedHashMap<>(SelfTestFixtures.ANSWERS);
        markup.put("inno_service", "<script>alert(1)</script>");
        r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", "", markup));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("href=\"#f-inno_service\"").doesNotContain("<script>alert(1)");

        r = v.post("/portal/self-test/result", SelfTestFixtures.form("<b>health</b>", "", SelfTestFixtures.ANSWERS));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("Choose whom you want to be compared with").doesNotContain("<b>health");

        r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", "<i>CODE</i>", SelfTestFixtures.ANSWERS));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("A group code has 8 letters and digits").contains("href=\"#code\"");

        r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", "A".repeat(5_000), SelfTestFixtures.ANSWERS));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("The field is longer than 100 characters");

        r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", "ZZZZ2222", SelfTestFixtures.ANSWERS));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("There is no group with the code ZZZZ2222");

        assertThat(v.get("/portal/self-test/questions?lang=en&group=" + "h".repeat(500)).status()).isEqualTo(422);
        assertThat(counters()).isEqualTo(before);
    }

    @Test
    void anExpiredGroupCodeIsRefusedClearlyAndCountsNothing() {
        WebClient staff = server.admin();
        WebClient.Response made = staff.submit("/admin/self-test?lang=en", "/admin/self-test/groups",
                Map.of("label", "Conference in Odense", "days", "2"));
        assertThat(made.status()).isEqualTo(201);
        String code = server.jdbi().withHandle(h -> h.createQuery(
                "select code from selftest_group where label = 'Conference in Odense'").mapTo(String.class).one());
        // a participant has the questions open when the group expires
        WebClient v = visitor();
        assertThat(v.get("/portal/self-test/questions?lang=en&group=health&code=" + code).status()).isEqualTo(200);
        server.jdbi().useHandle(h -> h.execute(
                "update selftest_group set expires_at = now() - interval '1 minute' where code = ?", code));
        Map<String, SelfTestFixtures.Table> before = counters();

        WebClient.Response r = v.post("/portal/self-test/result", SelfTestFixtures.form("health", code, SelfTestFixtures.ANSWERS));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.body()).contains("The group code " + code + " expired on").contains("ask the organiser for a new one");
        WebClient.Response start = visitor().get("/portal/self-test/questions?lang=da&group=health&code=" + code);
        assertThat(start.status()).isEqualTo(410);
        assertThat(start.body()).contains("Gruppekoden " + code + " udløb");
        assertThat(counters()).isEqualTo(before);

        // the group's name is bounded and plain text
        Map<String, SelfTestFixtures.Table> groups = counters();
        WebClient.Response markup = staff.submit("/admin/self-test?lang=en", "/admin/self-test/groups",
                Map.of("label", "<img src=x onerror=alert(1)>"));
        assertThat(markup.status()).isEqualTo(422);
        assertThat(markup.body()).contains("The name contains markup").doesNotContain("<img src=x");
        WebClient.Response long_ = staff.submit("/admin/self-test?lang=en", "/admin/self-test/groups",
                Map.of("label", "a".repeat(SelfTestPages.LABEL_MAX + 1)));
        assertThat(long_.status()).isEqualTo(422);
        assertThat(long_.body()).contains("The name is longer than 120 characters");
        WebClient.Response days = staff.submit("/admin/self-test?lang=en", "/admin/self-test/groups",
                Map.of("label", "Seminar", "days", "9999"));
        assertThat(days.status()).isEqualTo(422);
        assertThat(days.body()).contains("Enter a whole number of days from 1 to 30");
        assertThat(counters()).isEqualTo(groups);
        // a visitor is no organiser: staff's page asks for a sign-in
        assertThat(visitor().get("/admin/self-test").status()).isIn(302, 303);
    }

    @Test
    void aBurstFromOneClientIsRefusedWith429() {
        WebClient v = visitor();
        assertThat(v.get("/portal/self-test/questions?lang=en&group=care").status()).isEqualTo(200);
        int before = server.count("select coalesce(sum(completed), 0)::int from selftest_usage");
        int accepted = org.barometer.app.testing.Burst.until429(SelfTestPages.DEFAULT_PER_MINUTE, 200,
                i -> v.post("/portal/self-test/result", SelfTestFixtures.form("care", "", SelfTestFixtures.ANSWERS)))
                .accepted();
        assertThat(server.count("select coalesce(sum(completed), 0)::int from selftest_usage")).isEqualTo(before + accepted);
        // the refusal is the client's: another visitor still gets a result
        assertThat(SelfTestFixtures.take(visitor(), "care", "", SelfTestFixtures.ANSWERS).status()).isEqualTo(200);
    }

    @Test
    void theOrganisersLinkIsASecret() {
        assertThat(visitor().get("/portal/self-test/groups/" + "x".repeat(43)).status()).isEqualTo(404);
        assertThat(visitor().get("/portal/self-test/groups/" + "x".repeat(5_000)).status()).isIn(404, 414, 431);
        assertThat(List.of(server.count("select count(*) from selftest_group where organiser_hash !~ '^[0-9a-f]{64}$'")))
                .containsExactly(0);
    }
}
