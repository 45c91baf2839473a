package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * the question it wants, {@code A and not(N and ${q} = 'v')}. For every v but the workplace's own, that is A
 * itself, answered again with A's very numbers; for the workplace's own it is A less one workplace, refused as too
 * close. Widening ({@code A or (N and ${q} = 'v')} with N outside A) works alike. Neither needs a single number:
 * the refusal alone tells the answer.
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

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        attacker = new Attacker(server.client());
        truth = Truth.load(server, edition);
        answering = truth.select(r -> !r.get(Q).isEmpty());
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

    @Test
    void narrowingByTheAnswerItselfTellsTheAnswerByWhichQuestionIsRefused() {
        Random random = new Random(SEED);
        System.out.printf("refusal oracle (narrowing): seed %d%n", SEED);
        Score score = new Score();
        int told = 0;
        Set<Long> seen = new HashSet<>();
        List<Cond> broad = List.of(Cond.of("gov_level", "state"), Cond.of("gov_level", "region"),
                Cond.of("gov_level", "municipality"), Cond.of("area", "education"), Cond.of("area", "care"));
        while (score.truths.size() < TARGETS) {
            Cond a = broad.get(random.nextInt(broad.size()));
            Attacker.Reply ra = attacker.explore(Q, null, a.filter());
            assertThat(ra.status()).as(a.filter()).isEqualTo(200);
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
            String guess = read(Attacker.TECH_ROLES, replies, DifferencingAttackTest.commonest(ra));
            if (replies.stream().filter(r -> !r.answered()).count() == 1) {
                told++;
            }
            score.guess(guess, List.of(target));
        }
        System.out.printf("refusal oracle (narrowing): %d targets, %d told by a single refusal, recovered %d (%.1f %%), "
                + "baseline %.1f %%%n", score.truths.size(), told, score.recovered, 100 * score.rate(), 100 * score.baseline());
        assertThat(score.rate()).as("KNOWN HOLE: the too_close refusal tells the answer (recovered vs baseline)")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

    @Test
    void wideningByTheAnswerItselfTellsTheAnswerByWhichQuestionIsRefused() {
        Random random = new Random(SEED + 1);
        Score score = new Score();
        Set<Long> seen = new HashSet<>();
        List<Cond> broad = List.of(Cond.of("size_group", "10-49"), Cond.of("size_group", "50-99"),
                Cond.of("area", "childcare"), Cond.of("area", "administration"));
        while (score.truths.size() < TARGETS) {
            Cond a = broad.get(random.nextInt(broad.size()));
            Attacker.Reply ra = attacker.explore(Q, null, a.filter());
            assertThat(ra.status()).as(a.filter()).isEqualTo(200);
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
            score.guess(read(Attacker.TECH_ROLES, replies, DifferencingAttackTest.commonest(ra)), List.of(target));
        }
        System.out.printf("refusal oracle (widening): %d targets, recovered %d (%.1f %%), baseline %.1f %%%n",
                score.truths.size(), score.recovered, 100 * score.rate(), 100 * score.baseline());
        assertThat(score.rate()).as("KNOWN HOLE: the too_close refusal tells the answer (recovered vs baseline)")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }
}
