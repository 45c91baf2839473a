package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.barometer.app.attack.Truth.Cond;
import org.barometer.app.attack.Truth.Respondent;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trackers: two filters whose bases differ by a few workplaces, their answers subtracted (each asked in several
 * wordings and again, to average the noise away), and filters widened one workplace at a time. The attacker's
 * guess of each targeted workplace's {@code tech_role} is compared with its true answer (from the database); the
 * attack fails when it does no better than always guessing the commonest answer.
 */
class DifferencingAttackTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000");

    static final long SEED = 20_190_601L;
    static final String Q = "tech_role";
    static final int PAIRS = 200;
    static final int REPEATS = 2;
    static final double MARGIN = 0.05;

    /**
     * Answers an attacker would narrow by, none of them telling {@code tech_role} by the questionnaire's routing:
     * no longer filterable, each filter naming one is refused.
     */
    static final List<String> NARROW = List.of("gov_level", "area", "size_group", "cult_curious", "cult_ideas",
            "cult_failure", "cult_users", "cult_learn", "novelty", "evaluated", "spread", "emp_promoted",
            "emp_inhibited", "cit_promoted", "cit_inhibited", "latest_type", "inno_service", "inno_process");

    /** Broad filters: one category of one classification variable. */
    static final List<Cond> BROAD = List.of(Cond.of("gov_level", "state"), Cond.of("gov_level", "region"),
            Cond.of("gov_level", "municipality"), Cond.of("area", "administration"), Cond.of("area", "education"),
            Cond.of("area", "health"), Cond.of("area", "care"), Cond.of("area", "childcare"),
            Cond.of("size_group", "3-9"), Cond.of("size_group", "10-49"), Cond.of("size_group", "50-99"),
            Cond.of("size_group", "100+"), Cond.of("area", "other"));

    static Attacker attacker;
    static Truth truth;
    /** Who answered {@code tech_role}: the respondents of every base the attacks ask about. */
    static List<Respondent> answering;
    /** The commonest category of the published, unfiltered {@code tech_role}: the guess of one who learns nothing. */
    static String publicModal;

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        attacker = new Attacker(server.client());
        truth = Truth.load(server, edition);
        answering = truth.select(r -> !r.get(Q).isEmpty());
        assertThat(answering).hasSizeGreaterThan(1_000);
        publicModal = publicModal(attacker);
    }

    /** The commonest category of the published, unfiltered answer to {@code tech_role}. */
    static String publicModal(Attacker attacker) {
        Attacker.Reply all = attacker.explore(Q, null, null);
        assertThat(all.status()).isEqualTo(200);
        return commonest(all);
    }

    @AfterAll
    static void noFreeTextLeftTheServer() {
        Attacker.assertNoFreeText(server, attacker.bodies());
    }

    /** The attacks' outcome: how many targets, how many guessed right, and the commonest-answer baseline. */
    static final class Score {
        final List<String> truths = new ArrayList<>();
        int recovered;

        void guess(String guess, List<Respondent> targets) {
            for (Respondent t : targets) {
                truths.add(t.get(Q));
                if (t.get(Q).equals(guess)) {
                    recovered++;
                }
            }
        }

        double rate() {
            return (double) recovered / truths.size();
        }

        double baseline() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            truths.forEach(t -> counts.merge(t, 1, Integer::sum));
            return (double) counts.values().stream().max(Integer::compare).orElse(0) / truths.size();
        }
    }

    /** The category of the largest share in an answer: the attacker's guess when it learns nothing else. */
    static String commonest(Attacker.Reply a) {
        String best = Attacker.TECH_ROLES.getFirst();
        for (String c : Attacker.TECH_ROLES) {
            double s = a.share("all", c);
            if (!Double.isNaN(s) && (Double.isNaN(a.share("all", best)) || s > a.share("all", best))) {
                best = c;
            }
        }
        return best;
    }

    /** The guess from answers of A and of B ⊂ A: the category whose weighted count fell most, averaged. */
    static String fromDifferences(Attacker.Reply a, List<Attacker.Reply> bs) {
        Map<String, Double> sum = new LinkedHashMap<>();
        Map<String, Double> wa = a.weightedCounts(Attacker.TECH_ROLES);
        for (Attacker.Reply b : bs) {
            Map<String, Double> wb = b.weightedCounts(Attacker.TECH_ROLES);
            for (String c : Attacker.TECH_ROLES) {
                sum.merge(c, wa.get(c) - wb.get(c), Double::sum);
            }
        }
        return sum.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The same base in other words: as asked, reordered, doubly negated, and with a duplicated alternative. */
    static List<String> wordings(Cond a, Cond narrow) {
        String af = a.filter();
        String nf = narrow.filter();
        return List.of(af + " and not(" + nf + ")", "not(" + nf + ") and " + af,
                "not(not(" + af + ")) and not(" + nf + ")", "(" + af + " or " + af + ") and not(" + nf + ")");
    }

    @Test
    void subtractingTwoBasesAFewWorkplacesApartAndAveragingRewordingsRecoversNothing() {
        Random random = new Random(SEED);
        // the narrow condition from answers, as the attack was first replayed: refused, whatever it selects
        int notFilterable = 0;
        for (int i = 0; i < 20; i++) {
            Cond a = BROAD.get(random.nextInt(BROAD.size()));
            List<Respondent> inA = answering.stream().filter(a).toList();
            Cond narrow = Truth.narrowing(random, inA.get(random.nextInt(inA.size())), inA, NARROW, 5, 4, 200);
            if (narrow == null) {
                continue;
            }
            for (String wording : wordings(a, narrow)) {
                Attacker.Reply rb = attacker.explore(Q, null, wording);
                assertThat(rb.status()).as(wording).isEqualTo(400);
                assertThat(rb.reason()).as(wording).isEqualTo("not_filterable");
                notFilterable++;
            }
        }
        assertThat(notFilterable).isPositive();
        System.out.printf("differencing: %d B filters narrowed by answers, all refused not_filterable%n", notFilterable);
        // narrowed by the register's classification only: A one category, B = A less a cell of 1-4 workplaces
        System.out.printf("differencing: seed %d, %d pairs, %d wordings each asked %d times%n", SEED, PAIRS,
                wordings(BROAD.getFirst(), BROAD.getFirst()).size(), REPEATS);
        Map<String, Attacker.Reply> broad = new LinkedHashMap<>();
        Score score = new Score();
        int pairs = 0;
        int asked = 0;
        int tooClose = 0;
        int otherRefusals = 0;
        int answered = 0;
        int pairsAnswered = 0;
        int broadRefused = 0;
        Set<Integer> sizes = new HashSet<>();
        Set<String> distinct = new HashSet<>();
        while (pairs < PAIRS) {
            Cond a = BROAD.get(random.nextInt(BROAD.size()));
            List<Respondent> inA = answering.stream().filter(a).toList();
            Respondent target = inA.get(random.nextInt(inA.size()));
            Cond narrow = Truth.narrowing(random, target, inA, Truth.CLASSIFICATION, 3, 4, 200);
            if (narrow == null) {
                continue;
            }
            List<Respondent> targets = inA.stream().filter(narrow).toList();
            assertThat(targets).hasSizeBetween(1, 4);
            sizes.add(targets.size());
            distinct.add(a.filter() + " / " + narrow.filter());
            pairs++;
            Attacker.Reply ra = broad.computeIfAbsent(a.filter(), f -> attacker.explore(Q, null, f));
            if (!ra.answered()) {
                broadRefused++;
            }
            List<Attacker.Reply> bs = new ArrayList<>();
            for (String wording : wordings(a, narrow)) {
                for (int k = 0; k < REPEATS; k++) {
                    Attacker.Reply rb = attacker.explore(Q, null, wording);
                    asked++;
                    if (rb.answered()) {
                        answered++;
                        bs.add(rb);
                    } else if ("too_close".equals(rb.reason())) {
                        tooClose++;
                    } else {
                        otherRefusals++;
                        assertThat(rb.reason()).as(wording).isIn("too_few", "too_close");
                    }
                }
            }
            String guess;
            if (ra.answered() && !bs.isEmpty()) {
                pairsAnswered++;
                guess = fromDifferences(ra, bs);
            } else {
                guess = publicModal;
            }
            score.guess(guess, targets);
        }
        System.out.printf("differencing: %d pairs tried (%d distinct, targets per pair %s), %d B requests: %d refused too_close, "
                        + "%d refused otherwise, %d answered; %d pairs with both answered; %d of %d broad filters refused%n",
                pairs, distinct.size(), sizes, asked, tooClose, otherRefusals, answered, pairsAnswered, broadRefused, broad.size());
        System.out.printf("differencing: recovered %d of %d targets' %s (%.1f %%), commonest-answer baseline %.1f %%%n",
                score.recovered, score.truths.size(), Q, 100 * score.rate(), 100 * score.baseline());
        assertThat(score.rate()).as("recovered vs baseline").isLessThanOrEqualTo(score.baseline() + MARGIN);
        assertThat(tooClose).as("the pairs were refused as too close").isGreaterThan(asked / 2);
        assertThat(broad.values().stream().filter(Attacker.Reply::answered).count())
                .as("the broad filters were answered").isGreaterThan(BROAD.size() / 2);
    }

    @Test
    void wideningOneWorkplaceAtATimeTellsNothingAboutTheWorkplaceAdded() {
        Random random = new Random(SEED + 1);
        // widened by a workplace named by its answers, as the attack was first replayed: refused
        for (String f : List.of("${gov_level} = 'region' or (${area} = 'care' and ${cult_ideas} = 'dont_know')",
                "${area} = 'care' or (${size_group} = '100+' and ${novelty} = 'new' and ${spread} = 'no')")) {
            Attacker.Reply r = attacker.explore(Q, null, f);
            assertThat(r.status()).as(f).isEqualTo(400);
            assertThat(r.reason()).as(f).isEqualTo("not_filterable");
        }
        Score score = new Score();
        int steps = 0;
        int answeredSteps = 0;
        int refused = 0;
        int consecutive = 0;
        for (Cond a : BROAD) {
            Set<Long> in = new HashSet<>();
            answering.stream().filter(a).forEach(r -> in.add(r.id()));
            String filter = a.filter();
            Attacker.Reply first = attacker.explore(Q, null, filter);
            Attacker.Reply previous = first;
            // the register's cells, and pairs of classifications, that add exactly one workplace to the base
            List<Cond> ones = new ArrayList<>(Truth.cells());
            for (String g : Truth.CATEGORIES.get("gov_level")) {
                for (String s : Truth.CATEGORIES.get("size_group")) {
                    ones.add(Cond.of("gov_level", g, "size_group", s));
                }
                for (String ar : Truth.CATEGORIES.get("area")) {
                    ones.add(Cond.of("gov_level", g, "area", ar));
                }
            }
            java.util.Collections.shuffle(ones, random);
            for (Cond one : ones) {
                List<Respondent> added = answering.stream().filter(one).filter(r -> !in.contains(r.id())).toList();
                if (added.size() != 1) {
                    continue;
                }
                Respondent target = added.getFirst();
                String widened = filter + " or (" + one.filter() + ")";
                if (widened.length() > 500) {
                    break; // the public budget's length: an attacker cannot widen further in one filter
                }
                filter = widened;
                in.add(target.id());
                Attacker.Reply next = attacker.explore(Q, null, filter);
                steps++;
                String guess;
                if (next.answered()) {
                    answeredSteps++;
                    if (previous.answered()) {
                        consecutive++;
                        // the weighted count that grew most is the added workplace's answer
                        guess = fromDifferences(next, List.of(previous));
                    } else {
                        guess = publicModal;
                    }
                } else {
                    refused++;
                    assertThat(next.reason()).isEqualTo("too_close");
                    guess = publicModal;
                }
                score.guess(guess, List.of(target));
                previous = next;
            }
        }
        System.out.printf("widening: %d steps of one workplace, %d refused too_close, %d answered, %d consecutive "
                        + "pairs answered; recovered %d of %d (%.1f %%), baseline %.1f %%%n", steps, refused,
                answeredSteps, consecutive, score.recovered, score.truths.size(), 100 * score.rate(),
                100 * score.baseline());
        assertThat(steps).isGreaterThan(20);
        assertThat(consecutive).as("two answers one workplace apart").isZero();
        assertThat(score.rate()).isLessThanOrEqualTo(score.baseline() + MARGIN);
    }
}
