package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.barometer.app.attack.DifferencingAttackTest.Score;
import org.barometer.app.attack.Truth.Cond;
import org.barometer.app.attack.Truth.Respondent;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overlap control's verdict as the attacker's measuring instrument. The attacker has a broad base A answered,
 * picks a condition N that selects one workplace of A (from what it knows of it) and asks, for each answer v of
 * the question it wants, {@code A and not(N and ${q} = 'v')}: for every v but the workplace's own that is A
 * itself, for the workplace's own A less one workplace, refused as too close. Widening
 * ({@code A or (N and ${q} = 'v')} with N outside A) works alike. An answer in a filter is now refused
 * ({@code not_filterable}) before anything is counted; these tests replay the oracle with answers, and with what
 * is left to the attacker: conditions on the register's classification, with the question and the breakdown
 * chosen freely.
 */
class RefusalOracleAttackTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000");

    static final long SEED = 20_190_602L;
    static final String Q = "tech_role";
    static final int TARGETS = 40;

    static Attacker attacker;
    static Truth truth;
    static List<Respondent> answering;
    static String publicModal;

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        attacker = new Attacker(server.client());
        truth = Truth.load(server, edition);
        answering = truth.select(r -> !r.get(Q).isEmpty());
        publicModal = DifferencingAttackTest.publicModal(attacker);
    }

    /** The attacker's reading: the one answer whose question was refused while the others were answered. */
    static String read(List<String> categories, List<Attacker.Reply> replies, String otherwise) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            if (!replies.get(i).answered()) {
                refused.add(categories.get(i));
            }
        }
        return refused.size() == 1 ? refused.getFirst() : otherwise;
    }

    /** The five replies to the oracle's questions for one target: refused alike, the same bytes whatever v. */
    static void assertRefusedAlike(List<Attacker.Reply> replies, String what) {
        Set<String> bodies = new HashSet<>();
        for (Attacker.Reply r : replies) {
            assertThat(r.status()).as(what).isEqualTo(400);
            assertThat(r.reason()).as(what).isEqualTo("not_filterable");
            bodies.add(r.body());
        }
        assertThat(bodies).as("%s: the refusal is the same whatever v", what).hasSize(1);
    }

    @Test
    void narrowingByTheAnswerItselfIsRefusedAlikeWhateverTheAnswer() {
        Random random = new Random(SEED);
        Score score = new Score();
        int told = 0;
        Set<Long> seen = new HashSet<>();
        List<Cond> broad = List.of(Cond.of("gov_level", "state"), Cond.of("gov_level", "region"),
                Cond.of("gov_level", "municipality"), Cond.of("area", "education"), Cond.of("area", "care"));
        while (score.truths.size() < TARGETS) {
            Cond a = broad.get(random.nextInt(broad.size()));
            attacker.explore(Q, null, a.filter()); // answered, or too close to a base another attack asked
            List<Respondent> inA = answering.stream().filter(a).toList();
            Respondent target = inA.get(random.nextInt(inA.size()));
            Cond one = Truth.narrowing(random, target, inA, DifferencingAttackTest.NARROW, 4, 1, 200);
            if (one == null || !seen.add(target.id())) {
                continue;
            }
            List<Attacker.Reply> replies = new ArrayList<>();
            for (String v : Attacker.TECH_ROLES) {
                replies.add(attacker.explore(Q, null,
                        a.filter() + " and not(" + one.filter() + " and ${" + Q + "} = '" + v + "')"));
            }
            assertRefusedAlike(replies, a.filter() + " and not(" + one.filter() + " and ${tech_role} = v)");
            if (replies.stream().filter(r -> !r.answered()).count() == 1) {
                told++;
            }
            score.guess(read(Attacker.TECH_ROLES, replies, publicModal), List.of(target));
        }
        System.out.printf("refusal oracle (narrowing by answers): %d targets, %d told by a single refusal, recovered %d "
                + "(%.1f %%), baseline %.1f %%%n", score.truths.size(), told, score.recovered, 100 * score.rate(),
                100 * score.baseline());
        assertThat(told).isZero();
        assertThat(score.rate()).as("recovered vs baseline")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

    @Test
    void wideningByTheAnswerItselfIsRefusedAlikeWhateverTheAnswer() {
        Random random = new Random(SEED + 1);
        Score score = new Score();
        Set<Long> seen = new HashSet<>();
        List<Cond> broad = List.of(Cond.of("size_group", "10-49"), Cond.of("size_group", "50-99"),
                Cond.of("area", "childcare"), Cond.of("area", "administration"));
        while (score.truths.size() < TARGETS) {
            Cond a = broad.get(random.nextInt(broad.size()));
            attacker.explore(Q, null, a.filter()); // answered, or too close to a base another attack asked
            List<Respondent> outside = answering.stream().filter(r -> !a.test(r)).toList();
            Respondent target = outside.get(random.nextInt(outside.size()));
            Cond one = Truth.narrowing(random, target, outside, DifferencingAttackTest.NARROW, 4, 1, 200);
            if (one == null || !seen.add(target.id())) {
                continue;
            }
            List<Attacker.Reply> replies = new ArrayList<>();
            for (String v : Attacker.TECH_ROLES) {
                replies.add(attacker.explore(Q, null,
                        a.filter() + " or (" + one.filter() + " and ${" + Q + "} = '" + v + "')"));
            }
            assertRefusedAlike(replies, a.filter() + " or (" + one.filter() + " and ${tech_role} = v)");
            score.guess(read(Attacker.TECH_ROLES, replies, publicModal), List.of(target));
        }
        System.out.printf("refusal oracle (widening by answers): %d targets, recovered %d (%.1f %%), baseline %.1f %%%n",
                score.truths.size(), score.recovered, 100 * score.rate(), 100 * score.baseline());
        assertThat(score.rate()).as("recovered vs baseline")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

    /**
     * Broad bases made of the classification only: each category, and each pair of categories of two
     * classification variables, in a fixed order.
     */
    static List<Cond> classificationBases() {
        List<Cond> out = new ArrayList<>();
        List<String> vars = Truth.CLASSIFICATION;
        for (String v : vars) {
            for (String c : Truth.CATEGORIES.get(v)) {
                out.add(Cond.of(v, c));
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            for (int j = i + 1; j < vars.size(); j++) {
                for (String x : Truth.CATEGORIES.get(vars.get(i))) {
                    for (String y : Truth.CATEGORIES.get(vars.get(j))) {
                        out.add(Cond.of(vars.get(i), x, vars.get(j), y));
                    }
                }
            }
        }
        return out;
    }

    /** The cells of the register within A holding 1 to 4 of {@code among}, with those they hold. */
    static Map<Cond, List<Respondent>> smallCells(Cond a, List<Respondent> among) {
        Map<Cond, List<Respondent>> out = new LinkedHashMap<>();
        for (Cond c : Truth.cells()) {
            List<Respondent> in = among.stream().filter(a).filter(c).toList();
            if (!in.isEmpty() && in.size() <= 4) {
                out.put(c, in);
            }
        }
        return out;
    }

    @Test
    void narrowingByTheClassificationOnlyTellsNoAnswer() {
        // N is a register cell within A holding 1-4 of those who answered tech_role: A less N is refused whatever
        // their answers, so the refusal tells only that N holds some of the base, never which answer
        Score score = new Score();
        Set<Long> seen = new HashSet<>();
        int refused = 0;
        int answered = 0;
        int probes = 0;
        for (Cond a : classificationBases()) {
            Attacker.Reply ra = attacker.explore(Q, null, a.filter());
            if (!ra.answered()) {
                continue;
            }
            for (Map.Entry<Cond, List<Respondent>> n : smallCells(a, answering).entrySet()) {
                Attacker.Reply r = attacker.explore(Q, null, a.filter() + " and not(" + n.getKey().filter() + ")");
                probes++;
                if (r.answered()) {
                    answered++;
                } else {
                    refused++;
                    assertThat(r.reason()).isIn("too_close", "too_few");
                }
                // the attacker's reading: nothing of the answers; the commonest published answer
                score.guess(publicModal, n.getValue().stream().filter(t -> seen.add(t.id())).toList());
            }
        }
        System.out.printf("refusal oracle (classification only, q=tech_role): %d probes A and not(cell of 1-4), %d "
                + "refused too_close, %d answered; recovered %d of %d (%.1f %%), baseline %.1f %%%n", probes, refused,
                answered, score.recovered, score.truths.size(), 100 * score.rate(), 100 * score.baseline());
        assertThat(score.truths.size()).isGreaterThan(40);
        assertThat(score.rate()).isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

    /**
     * The base of a question is those who answered it, so the questionnaire's routing is in the base: {@code
     * tech_new} is asked only of workplaces whose technology was the solution or important. With A answered for
     * {@code q=tech_new}, {@code A and not(N)} (N a register cell of 1-4 innovators) is A itself, answered again
     * with A's numbers, unless one of them answered tech_new: then it is refused as too close.
     */
    @Test
    void theQuestionsRoutingAsTheOracleTellsNoAnswer() {
        Score score = new Score();
        Set<Long> seen = new HashSet<>();
        int refused = 0;
        int probes = 0;
        Attacker.Reply all = attacker.explore(Q, null, null);
        String ifAsked = commonestOf(all, List.of("solution", "important"));
        String ifNot = commonestOf(all, List.of("minor", "none", "dont_know"));
        for (Cond a : classificationBases()) {
            Attacker.Reply ra = attacker.explore("tech_new", null, a.filter());
            if (!ra.answered()) {
                continue;
            }
            for (Map.Entry<Cond, List<Respondent>> n : smallCells(a, answering).entrySet()) {
                Attacker.Reply r = attacker.explore("tech_new", null, a.filter() + " and not(" + n.getKey().filter()
                        + ")");
                probes++;
                if (!r.answered()) {
                    refused++;
                }
                score.guess(r.answered() ? ifNot : ifAsked, n.getValue().stream().filter(t -> seen.add(t.id())).toList());
            }
        }
        System.out.printf("refusal oracle (routing, q=tech_new, classification only): %d probes A and not(cell of 1-4 "
                + "innovators), %d refused; recovered %d of %d tech_role (%.1f %%), baseline %.1f %%%n", probes, refused,
                score.recovered, score.truths.size(), 100 * score.rate(), 100 * score.baseline());
        assertThat(score.truths.size()).isGreaterThan(40);
        assertThat(score.rate()).as("recovered vs baseline")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

    /** The series (breakdown groups) an answer shows. */
    static Set<String> series(Attacker.Reply r) {
        Set<String> out = new HashSet<>();
        r.json().path("cells").forEach(c -> out.add(c.path("series").asText()));
        out.remove("all");
        return out;
    }

    /** The category of the largest published share among some categories. */
    static String commonestOf(Attacker.Reply r, List<String> categories) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String c : categories) {
            double s = r.share("all", c);
            shares.put(c, Double.isNaN(s) ? -1 : s);
        }
        return shares.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
