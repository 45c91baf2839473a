package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.app.attack.Truth.Cond;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attacks on the public explorer that narrow its filter: to a handful of workplaces, to the cells a published figure
 * hides, to free text, numbers and dates, or past the expression budget. Each is replayed over HTTP as a visitor
 * would; the database is read only for the ground truth the replies are judged by.
 */
class NarrowFilterAttackTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000");

    static final int MIN_BASE = 20;
    /** The most a protected count is above the true one: a true base this far below the minimum may be shown. */
    static final int MAX_NOISE = 3;

    static Attacker attacker;
    static Truth truth;

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        attacker = new Attacker(server.client());
        truth = Truth.load(server, edition);
        assertThat(truth.respondents).hasSizeGreaterThan(2_000);
    }

    @AfterAll
    static void noFreeTextLeftTheServer() {
        Attacker.assertNoFreeText(server, attacker.bodies());
    }

    /** The background and culture questions everyone answers, with their categories. */
    static final Map<String, List<String>> EVERYONE = new LinkedHashMap<>();

    static {
        EVERYONE.put("area", List.of("judiciary", "administration", "education", "health", "care", "childcare", "other"));
        EVERYONE.put("size_group", List.of("3-9", "10-49", "50-99", "100+"));
        EVERYONE.put("gov_level", List.of("state", "region", "municipality"));
        List<String> agree = List.of("completely_agree", "partly_agree", "partly_disagree", "completely_disagree",
                "dont_know", "not_applicable");
        for (String v : List.of("cult_curious", "cult_ideas", "cult_failure", "cult_users", "cult_learn")) {
            EVERYONE.put(v, agree);
        }
    }

    /**
     * Conditions on the questions everyone answers, narrowing step by step from {@code area} and {@code size_group}
     * (as an attacker would, from the public register), each with its true number of respondents.
     */
    static Map<Cond, Integer> narrowings() {
        Map<Cond, Integer> out = new LinkedHashMap<>();
        List<Cond> level = new ArrayList<>();
        for (String a : EVERYONE.get("area")) {
            for (String s : EVERYONE.get("size_group")) {
                level.add(Cond.of("area", a, "size_group", s));
            }
        }
        List<String> deeper = List.of("gov_level", "cult_curious", "cult_ideas", "cult_failure");
        for (String variable : deeper) {
            List<Cond> next = new ArrayList<>();
            for (Cond c : level) {
                int n = truth.count(c);
                out.putIfAbsent(c, n);
                if (n > 0 && n < 60) {
                    for (String value : EVERYONE.get(variable)) {
                        next.add(c.and(variable, value));
                    }
                }
            }
            level = next;
        }
        for (Cond c : level) {
            out.putIfAbsent(c, truth.count(c));
        }
        return out;
    }

    @Test
    void filtersNarrowedToFewerThanTheMinimumAreRefusedAlikeWhateverTheirTrueSize() {
        Map<Cond, Integer> all = narrowings();
        // the brief's first step: judiciary workplaces with 3-9 employees, then narrower, down to one and to none
        Map<Integer, List<Cond>> bySize = new LinkedHashMap<>();
        for (Map.Entry<Cond, Integer> e : all.entrySet()) {
            bySize.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        for (int size : List.of(0, 1, 2, 3, 4, 16)) {
            assertThat(bySize).as("a narrowing to exactly %d workplaces exists", size).containsKey(size);
        }
        Set<String> refusalBodies = new HashSet<>();
        int asked = 0;
        for (int size = 0; size <= MIN_BASE - MAX_NOISE - 1; size++) {
            for (Cond c : bySize.getOrDefault(size, List.of()).stream().limit(4).toList()) {
                Attacker.Reply r = attacker.explore("gov_level", null, c.filter());
                asked++;
                assertThat(r.status()).as("%s (%d workplaces)", c.filter(), size).isEqualTo(400);
                assertThat(r.reason()).isEqualTo("too_few");
                assertThat(r.json().path("errors").get(0).path("parameter").asText()).isEqualTo("filter");
                assertThat(r.json().path("errors").get(0).has("position")).isFalse();
                refusalBodies.add(r.body());
            }
        }
        // a value no workplace has, and the brief's example, too
        refusalBodies.add(attacker.explore("gov_level", null, "${gov_level} = 'nowhere'").body());
        assertThat(truth.count(Cond.of("area", "judiciary", "size_group", "3-9"))).isLessThan(MIN_BASE - MAX_NOISE);
        refusalBodies.add(attacker.explore("gov_level", null, "${area} = 'judiciary' and ${size_group} = '3-9'").body());
        // refusals of 0, 1, 4 or 16 workplaces are the very same bytes: nothing tells none from one
        assertThat(refusalBodies).hasSize(1);
        assertThat(refusalBodies.iterator().next()).doesNotContainPattern("\\d");

        // 17 to 19 workplaces: the minimum is decided on the protected count, which may be up to 3 above
        int near = 0;
        int nearAnswered = 0;
        for (int size = MIN_BASE - MAX_NOISE; size < MIN_BASE; size++) {
            for (Cond c : bySize.getOrDefault(size, List.of()).stream().limit(6).toList()) {
                Attacker.Reply r = attacker.explore("gov_level", null, c.filter());
                near++;
                if (r.answered()) {
                    nearAnswered++;
                    assertThat(r.n()).as("a shown base is published as at least the minimum").isGreaterThanOrEqualTo(MIN_BASE);
                } else {
                    assertThat(r.reason()).isIn("too_few", "too_close");
                    if ("too_few".equals(r.reason())) {
                        assertThat(r.body()).isEqualTo(refusalBodies.iterator().next());
                    }
                }
            }
        }
        System.out.printf("small bases: %d filters of 0-16 workplaces all refused too_few with one body; "
                + "%d filters of 17-19 workplaces, %d of them answered (protected n >= %d)%n", asked, near, nearAnswered,
                MIN_BASE);
    }

    @Test
    void noAnsweredBaseOrShownGroupHoldsFewerWorkplacesThanTheMinimumLessTheNoise() {
        // broad filters whose breakdowns have small groups: every group shown must be large, the small ones hidden
        List<Cond> filters = List.of(Cond.of("gov_level", "state"), Cond.of("gov_level", "region"),
                Cond.of("area", "judiciary"), Cond.of("size_group", "100+"), Cond.of("area", "other"));
        int shownGroups = 0;
        int hiddenGroups = 0;
        for (Cond f : filters) {
            for (String by : List.of("area", "size", "gov_level", "cult_learn")) {
                // "size" is the edition's derived variable with categories, the questionnaire's size_group
                String variable = by.equals("size") ? "size_group" : by;
                if (f.equalities().getFirst()[0].equals(variable)) {
                    continue;
                }
                Attacker.Reply r = attacker.explore("tech_role", by, f.filter());
                if (!r.answered()) {
                    assertThat(r.reason()).isIn("too_few", "too_close");
                    continue;
                }
                List<Truth.Respondent> base = truth.select(f.and("innovator", "1"));
                assertThat(base.size()).isGreaterThanOrEqualTo(MIN_BASE - MAX_NOISE);
                assertThat(r.n()).isGreaterThanOrEqualTo(MIN_BASE);
                Set<String> shown = new HashSet<>();
                for (JsonNode cell : r.json().path("cells")) {
                    shown.add(cell.path("series").asText());
                    // a series' n is published as at least the minimum, or not at all (when its total is hidden)
                    assertThat(cell.path("n").isNull() || cell.path("n").asLong() >= MIN_BASE).as("series n %s",
                            cell.path("n")).isTrue();
                    assertThat(cell.has("count")).isFalse();
                }
                for (String group : shown) {
                    long n = base.stream().filter(x -> x.get(variable).equals(group)).count();
                    assertThat(n).as("group %s of %s by %s", group, f.filter(), by).isGreaterThanOrEqualTo(MIN_BASE - MAX_NOISE);
                }
                shownGroups += shown.size();
                for (String group : EVERYONE.get(variable)) {
                    long n = base.stream().filter(x -> x.get(variable).equals(group)).count();
                    if (n > 0 && n < MIN_BASE - MAX_NOISE) {
                        assertThat(shown).as("small group %s of %s by %s", group, f.filter(), by).doesNotContain(group);
                        hiddenGroups++;
                    }
                }
                assertThat(r.json().path("hiddenGroups").isArray()).isTrue();
            }
        }
        System.out.printf("breakdowns: %d groups shown, %d small groups (1-16 workplaces) hidden%n", shownGroups, hiddenGroups);
        assertThat(hiddenGroups).as("the attack met small groups").isPositive();
    }

    @Test
    void askingForTheCellsAPublishedFigureHidesGivesNothing() {
        Attacker.Reply figure = attacker.get("/api/figures/technology-part-by-size");
        assertThat(figure.status()).isEqualTo(200);
        List<String[]> hidden = new ArrayList<>();
        for (JsonNode c : figure.json().path("cells")) {
            if (c.path("suppressed").asBoolean()) {
                assertThat(c.path("estimate").isNull()).isTrue();
                hidden.add(new String[] {c.path("series").asText(), c.path("category").asText()});
            }
        }
        assertThat(hidden).as("the published figure hides cells").isNotEmpty();
        for (String[] cell : hidden) {
            String group = "${size} = '" + cell[0] + "'";
            String item = "${tech_role} = '" + cell[1] + "'";
            int truly = truth.count(Cond.of("innovator", "1", "size_group", cell[0], "tech_role", cell[1]));
            // hidden for having fewer than 5 (primary) or to protect such a cell (secondary): too few to ask about
            assertThat(truly).as("hidden cell %s/%s", cell[0], cell[1]).isLessThan(MIN_BASE - MAX_NOISE);
            // the cell as a base
            Attacker.Reply asBase = attacker.explore("tech_role", null, group + " and " + item);
            assertThat(asBase.status()).isEqualTo(400);
            assertThat(asBase.reason()).isEqualTo("too_few");
            // the group without the cell, and the figure's base without the cell, next to the published ones
            for (String filter : List.of(group + " and not(" + item + ")", "${innovator} = 1 and not(" + group
                    + " and " + item + ")", "not(" + item + ") and " + group)) {
                Attacker.Reply r = attacker.explore("tech_role", null, filter);
                if (truly > 0) {
                    assertThat(r.status()).as(filter).isEqualTo(400);
                    assertThat(r.reason()).as(filter).isEqualTo("too_close");
                }
            }
            // the group itself, asked alone or broken down as the figure: the cell stays hidden
            Attacker.Reply alone = attacker.explore("tech_role", null, group);
            assertThat(alone.status()).isEqualTo(200);
            if (truly < 5) {
                assertThat(alone.share("all", cell[1])).as("cell %s/%s asked alone", cell[0], cell[1]).isNaN();
            }
            // and never alone in its row, where the shown shares would give it by subtraction
            long hiddenInRow = Attacker.TECH_ROLES.stream().filter(c -> Double.isNaN(alone.share("all", c))).count();
            assertThat(hiddenInRow).as("hidden cells of %s asked alone", cell[0]).isNotEqualTo(1L);
            Attacker.Reply broken = attacker.explore("tech_role", "size", "${innovator} = 1");
            assertThat(broken.status()).isEqualTo(200);
            assertThat(broken.share(cell[0], cell[1])).isNaN();
        }
    }

    @Test
    void freeTextNumbersAndDatesCannotBeAskedFilteredOrBrokenDownBy() {
        String text = truth.respondents.stream().map(r -> r.get("tech_description")).filter(t -> !t.isEmpty())
                .findFirst().orElseThrow();
        List<String> filters = List.of(
                "${tech_description} != ''",
                "${tech_description} = '" + text + "'",
                "${employees} > 50",
                "${employees} = 14",
                "${latest_year} = 2019",
                "${comments} = 'x'",
                "${innovation_types} != ''",
                "substr(${tech_description}, 0, 1) = 'R'",
                "string-length(${tech_description}) > 10",
                "contains(${tech_description}, 'Robot')",
                "starts-with(${tech_description}, 'App')",
                "regex(${tech_description}, '^R.*')",
                "string-length(${comments}) > 0",
                "${gov_level} = 'state' and ${employees} < 10",
                "not(${tech_description} = '')",
                "substr(${area}, 0, 1) = 'e'",
                "contains(${area}, 'jud')",
                "string-length(${area}) = 9",
                "${workplace_id} = '1'",
                "${manager_email} != ''");
        for (String filter : filters) {
            Attacker.Reply r = attacker.explore("gov_level", null, filter);
            assertThat(r.status()).as(filter).isEqualTo(400);
            assertThat(r.reason()).as(filter).isIn("not_publishable", "function_not_allowed", "unknown_name");
            assertThat(r.json().path("errors").get(0).path("parameter").asText()).isEqualTo("filter");
        }
        for (String variable : List.of("tech_description", "comments", "employees", "latest_year", "innovation_types",
                "workplace_id")) {
            Attacker.Reply q = attacker.explore(variable, null, null);
            assertThat(q.status()).as("q=%s", variable).isEqualTo(400);
            assertThat(q.reason()).isEqualTo("not_a_question");
            Attacker.Reply by = attacker.explore("gov_level", variable, null);
            assertThat(by.status()).as("by=%s", variable).isEqualTo(400);
            assertThat(by.reason()).isEqualTo("not_a_breakdown");
            Attacker.Reply page = attacker.get("/portal/explorer?q=" + variable + "&by=" + variable + "&filter="
                    + Attacker.enc("${" + variable + "} != ''"));
            assertThat(page.status()).isEqualTo(400);
        }
        // what the portal does publish, searched for free text too (@AfterAll)
        for (String path : List.of("/portal", "/portal/explorer", "/portal/methods", "/api/figures",
                "/api/figures/technology-part", "/api/figures/new-or-known-technology",
                "/portal/explorer?q=tech_new&by=tech_core", "/api/explore?q=tech_new&by=tech_core")) {
            attacker.get(path);
        }
    }

    @Test
    void filtersOutsideTheExpressionBudgetAreRefusedQuicklyWithTheirReason() {
        record Case(String filter, Set<String> reasons) {
        }
        List<Case> cases = List.of(
                new Case("regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')", Set.of("function_not_allowed")),
                new Case("(".repeat(200) + "${gov_level} = 'state'" + ")".repeat(200), Set.of("too_deep", "too_long")),
                new Case("(".repeat(1_000) + "${gov_level} = 'state'" + ")".repeat(1_000), Set.of("too_deep", "too_long")),
                new Case("not(".repeat(200) + "${gov_level} = 'state'" + ")".repeat(200), Set.of("too_deep", "too_long")),
                new Case("${gov_level} = 'state' and ".repeat(25) + "1 = 1", Set.of("too_long")),
                new Case("(".repeat(200), Set.of("too_deep", "too_long", "syntax")));
        for (Case c : cases) {
            for (String path : List.of("/api/explore?q=tech_role&filter=", "/portal/explorer?q=tech_role&filter=")) {
                long start = System.nanoTime();
                Attacker.Reply r = attacker.get(path + Attacker.enc(c.filter()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                String shortFilter = c.filter().substring(0, Math.min(40, c.filter().length()));
                assertThat(r.status()).as("%s %s…", path, shortFilter).isEqualTo(400);
                assertThat(millis).as("%s… answered in %d ms", shortFilter, millis).isLessThan(2_000);
                if (path.startsWith("/api")) {
                    assertThat(r.reason()).as(shortFilter).isIn(c.reasons());
                    assertThat(r.json().path("errors").get(0).path("parameter").asText()).isEqualTo("filter");
                    assertThat(r.json().path("errors").get(0).path("message").asText()).isNotBlank();
                }
                System.out.printf("budget: %-40s -> %d %s in %d ms%n", shortFilter, r.status(), r.reason(), millis);
            }
        }
    }
}
