package org.barometer.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
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
 * The overlap control's verdict on breakdown groups as the attacker's instrument, with filters naming the
 * register's classification only and the breakdown an answer ({@code by} may be any publishable variable). On a
 * server of its own: the oracle reads the ledger, and other attacks' bases would change what it reads.
 */
class HiddenGroupOracleAttackTest {
    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000");

    static final long SEED = 20_190_602L;
    static final String Q = "tech_role";

    static Attacker attacker;
    static List<Respondent> answering;
    static String publicModal;

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        attacker = new Attacker(server.client());
        answering = Truth.load(server, edition).select(r -> !r.get(Q).isEmpty());
        publicModal = DifferencingAttackTest.publicModal(attacker);
    }

    /**
     * A breakdown group is admitted by the same overlap control as a base. With {@code q=gov_level&by=tech_role}
     * answered for A (every group A and tech_role = v recorded), the attacker asks an innovators' question
     * ({@code latest_type}, a base far from A) by tech_role for {@code A and not(N)} (N a register cell of 1-4
     * innovators): each group is a recorded one again but those of N's answers, a few workplaces off and hidden as
     * too close. One probe per A (a second would be too close to the first).
     */
    @Test
    void theBreakdownsHiddenGroupsAsTheOracleTellNoAnswer() {
        Random random = new Random(SEED + 4);
        Score score = new Score();
        Set<Long> seen = new HashSet<>();
        int told = 0;
        int probes = 0;
        Attacker.Reply all = attacker.explore(Q, null, null);
        for (Cond a : RefusalOracleAttackTest.classificationBases()) {
            Attacker.Reply first = attacker.explore("gov_level", Q, a.filter());
            if (!first.answered()) {
                continue;
            }
            List<Map.Entry<Cond, List<Respondent>>> small = new ArrayList<>(RefusalOracleAttackTest.smallCells(a, answering).entrySet());
            small.removeIf(e -> e.getValue().stream().anyMatch(t -> seen.contains(t.id())));
            if (small.isEmpty()) {
                continue;
            }
            Map.Entry<Cond, List<Respondent>> n = small.get(random.nextInt(small.size()));
            probes++;
            Set<String> shownFirst = RefusalOracleAttackTest.series(first);
            Attacker.Reply r = attacker.explore("latest_type", Q, a.filter() + " and not(" + n.getKey().filter() + ")");
            String guess = publicModal;
            if (r.answered()) {
                List<String> lost = shownFirst.stream().filter(s -> !RefusalOracleAttackTest.series(r).contains(s)).toList();
                if (!lost.isEmpty()) {
                    told++;
                    guess = RefusalOracleAttackTest.commonestOf(all, lost);
                }
            }
            score.guess(guess, n.getValue().stream().filter(t -> seen.add(t.id())).toList());
        }
        System.out.printf("refusal oracle (hidden groups, by=tech_role, classification only): %d probes A and not(cell "
                + "of 1-4 innovators), %d told by hidden groups; recovered %d of %d (%.1f %%), baseline %.1f %%%n",
                probes, told, score.recovered, score.truths.size(), 100 * score.rate(), 100 * score.baseline());
        assertThat(score.truths.size()).isGreaterThan(20);
        assertThat(score.rate()).as("recovered vs baseline")
                .isLessThanOrEqualTo(score.baseline() + DifferencingAttackTest.MARGIN);
    }

}
