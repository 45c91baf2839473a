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

    /** The categories of the questions everyone answers that the attacks break down by. */
    static final Map<String, List<String>> EVERYONE = new LinkedHashMap<>();

    static {
        EVERYONE.putAll(Truth.CATEGORIES);
        EVERYONE.put("cult_learn", List.of("completely_agree", "partly_agree", "partly_disagree", "completely_disagree",
                "dont_know", "not_applicable"));
    }

    /** A filter an attacker may send and its true number of respondents. */
    record Narrow(String filter, int n) {
    }

    /**
     * Filters naming the register's classification only, as an attacker narrows from the public register: every
     * cell of gov_level × area × size_group, every area × size_group, and pairs of small cells together, each
     * with its true number of respondents.
     */
    static List<Narrow> narrowings() {
        List<Narrow> out = new ArrayList<>();
        List<Cond> small = new ArrayList<>();
        for (Cond c : Truth.cells()) {
            int n = truth.count(c);
            out.add(new Narrow(c.filter(), n));
            if (n > 0 && n <= 8) {
                small.add(c);
            }
        }
        for (String a : Truth.CATEGORIES.get("area")) {
            for (String s : Truth.CATEGORIES.get("size_group")) {
                Cond c = Cond.of("area", a, "size_group", s);
                out.add(new Narrow(c.filter(), truth.count(c)));
            }
        }
        for (int i = 0; i < small.size(); i++) {
            for (int j = i + 1; j < small.size(); j++) {
                Cond x = small.get(i);
                Cond y = small.get(j);
                out.add(new Narrow("(" + x.filter() + ") or (" + y.filter() + ")", truth.count(x.or(y))));
            }
        }
        return out;
    }

    @Test
    void filtersNarrowedToFewerThanTheMinimumAreRefusedAlikeWhateverTheirTrueSize() {
        // an answer in a filter is refused before anything is counted, whether it would select one workplace or many
        Set<String> notFilterable = new HashSet<>();
        for (String f : List.of("${area} = 'judiciary' and ${size_group} = '3-9' and ${cult_ideas} = 'partly_agree'",
                "${cult_curious} = 'dont_know'", "${gov_level} = 'state' and ${tech_role} = 'none'", "${innovator} = 1",
                "not(${cult_learn} = 'completely_agree')", "${area} = 'care' or ${novelty} = 'new'")) {
            Attacker.Reply r = attacker.explore("gov_level", null, f);
            assertThat(r.status()).as(f).isEqualTo(400);
            assertThat(r.reason()).as(f).isEqualTo("not_filterable");
            assertThat(r.json().path("errors").get(0).path("parameter").asText()).isEqualTo("filter");
            notFilterable.add(r.reason());
        }
        Map<Integer, List<String>> bySize = new LinkedHashMap<>();
        for (Narrow e : narrowings()) {
            bySize.computeIfAbsent(e.n(), k -> new ArrayList<>()).add(e.filter());
        }
        for (int size : List.of(0, 1, 2, 3, 4)) {
            assertThat(bySize).as("a classification filter of exactly %d workplaces exists", size).containsKey(size);
        }
        assertThat(bySize.keySet().stream().filter(k -> k > 4 && k < MIN_BASE - MAX_NOISE))
                .as("classification filters of 5-16 workplaces exist").isNotEmpty();
        Set<String> refusalBodies = new HashSet<>();
        Set<Integer> sizes = new java.util.TreeSet<>();
        int asked = 0;
        for (int size = 0; size <= MIN_BASE - MAX_NOISE - 1; size++) {
            for (String f : bySize.getOrDefault(size, List.of()).stream().limit(4).toList()) {
                Attacker.Reply r = attacker.explore("gov_level", null, f);
                asked++;
                sizes.add(size);
                assertThat(r.status()).as("%s (%d workplaces)", f, size).isEqualTo(400);
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
            for (String f : bySize.getOrDefault(size, List.of()).stream().limit(6).toList()) {
                Attacker.Reply r = attacker.explore("gov_level", null, f);
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
        System.out.printf("small bases: answers in filters refused %s; %d classification filters of %s workplaces all "
                + "refused too_few with one body; %d filters of 17-19 workplaces, %d of them answered (protected n >= %d)%n",
                notFilterable, asked, sizes, near, nearAnswered, MIN_BASE);
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
            // the cell as a base, the group without the cell, the figure's base without it: an answer in a filter,
            // refused before anything is counted
            for (String filter : List.of(group + " and " + item, group + " and not(" + item + ")",
                    "${innovator} = 1 and not(" + group + " and " + item + ")", "not(" + item + ") and " + group)) {
                Attacker.Reply r = attacker.explore("tech_role", null, filter);
                assertThat(r.status()).as(filter).isEqualTo(400);
                assertThat(r.reason()).as(filter).isEqualTo("not_filterable");
            }
            // what is left: the group by classification, whole or split by the other classifications
            for (String by : List.of("gov_level", "area")) {
                Attacker.Reply split = attacker.explore("tech_role", by, group);
                if (!split.answered()) {
                    assertThat(split.reason()).isIn("too_few", "too_close");
                    continue;
                }
                for (String part : Truth.CATEGORIES.get(by)) {
                    int inPart = truth.count(Cond.of("innovator", "1", "size_group", cell[0], by, part, "tech_role",
                            cell[1]));
                    if (inPart < 5) {
                        assertThat(split.share(part, cell[1])).as("cell %s/%s in %s %s", cell[0], cell[1], by, part)
                                .isNaN();
                    }
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
            // nor alone among the cells hidden both in the figure's row and in the row asked alone (the same base,
            // the same shares): a cell the figure hides that the explorer shows would give the other by subtraction
            long hiddenInBoth = Attacker.TECH_ROLES.stream().filter(c -> Double.isNaN(alone.share("all", c))
                    && hidden.stream().anyMatch(h -> h[0].equals(cell[0]) && h[1].equals(c))).count();
            assertThat(hiddenInBoth).as("cells of %s hidden in the figure and asked alone", cell[0]).isNotEqualTo(1L);
            // the figure itself asked again (its base is those who answered tech_role: the innovators)
            Attacker.Reply broken = attacker.explore("tech_role", "size", null);
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
