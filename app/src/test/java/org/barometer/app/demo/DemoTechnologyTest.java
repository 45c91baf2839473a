package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The demo's descriptions of technology and the rules that suggest their codes: every way a technology is written
 * is read as that technology and no other, answers naming several are given several codes, and the codes are the
 * demo's coding frame's.
 */
class DemoTechnologyTest {

    @Test
    void everyPhraseIsReadAsItsOwnTechnology() {
        for (Map.Entry<String, List<String>> e : DemoTechnology.PHRASES.entrySet()) {
            for (String phrase : e.getValue()) {
                assertThat(DemoTechnology.suggest(phrase)).as(phrase).containsExactly(e.getKey());
                assertThat(DemoTechnology.suggest("Vi har indført " + phrase.toUpperCase(java.util.Locale.ROOT)))
                        .as(phrase).containsExactly(e.getKey());
            }
        }
        assertThat(DemoTechnology.suggest("noget helt andet")).containsExactly(DemoTechnology.OTHER);
    }

    @Test
    void answersAreVariedAndSomeNameSeveralTechnologiesEachOfTheFrame() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> frame = DemoCoding.frame().categories().stream().map(c -> c.code()).toList();
        int several = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int k = 0; k < 500; k++) {
            String answer = DemoTechnology.describe(random, k % 3 == 0 ? "new" : k % 3 == 1 ? "known" : "dont_know");
            distinct.add(answer);
            List<String> codes = DemoTechnology.suggest(answer);
            assertThat(frame).as(answer).containsAll(codes);
            assertThat(codes).as(answer).doesNotContain(DemoTechnology.OTHER);
            several += codes.size() > 1 ? 1 : 0;
        }
        assertThat(several).isBetween(100, 250);
        assertThat(distinct.size()).isGreaterThan(300);
        // a child category carries its parent in the coded variable
        assertThat(DemoCoding.codedValue("Maskinlæring til visitation og nye bærbare computere"))
                .isEqualTo("ai ai_learning computers");
    }
}
