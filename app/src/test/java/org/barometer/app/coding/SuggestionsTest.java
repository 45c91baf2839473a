package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How suggestions are made from a frame's keywords and from coded answers, worked by hand. */
class SuggestionsTest {
    static final CodingStore.Frame FRAME = new CodingStore.Frame(1, 1, "q", 1, true, "frame.csv", List.of(
            new FrameCategory("tech", null, "Teknologi", "Technology", "", "", "", "", "", ""),
            new FrameCategory("drones", "tech", "Droner", "Drones", "", "", "", "", "drone", ""),
            new FrameCategory("robots", "tech", "Robotter", "Robots", "", "", "", "", "robot", ""),
            new FrameCategory("people", null, "Mennesker", "People", "", "", "", "", "", "")));

    static Suggestions.Coded coded(String text, Set<String> stems, String... codes) {
        return new Suggestions.Coded(text, stems, List.of(codes));
    }

    @Test
    void aRulesConfidenceIsItsPrecisionSoFarAndParentsCountForIt() {
        List<Suggestions.Coded> coded = List.of(
                coded("Droner", Set.of("a"), "drones"),
                coded("Dronen og robotten", Set.of("b"), "drones", "robots"),
                coded("Ingen droner", Set.of("c"), "people"),
                coded("En robot", Set.of("d"), "robots"));
        // no coded answer shares a stem with the answer: the rules alone
        List<Suggestions.Suggestion> s = Suggestions.of(FRAME, "Vi har en DRONE.", Set.of("x"), coded);
        assertThat(s).extracting(Suggestions.Suggestion::code).containsExactly("drones");
        Suggestions.Suggestion drones = s.getFirst();
        assertThat(drones.keyword()).isEqualTo("drone");
        assertThat(drones.ruleFired()).isEqualTo(3);
        assertThat(drones.ruleRight()).isEqualTo(2);
        assertThat(drones.confidence()).isEqualTo(2.0 / 3);
        assertThat(drones.similarOf()).isZero();
        assertThat(Suggestions.ticked(FRAME, s, 0.6)).containsExactly("drones");
        assertThat(Suggestions.ticked(FRAME, s, 0.7)).isEmpty();
        // a keyword must start a word
        assertThat(Suggestions.of(FRAME, "androne", Set.of("x"), coded)).isEmpty();
        // before anything is coded, the rule's confidence is not known: shown, never ticked
        List<Suggestions.Suggestion> fresh = Suggestions.of(FRAME, "drone", Set.of("x"), List.of());
        assertThat(fresh.getFirst().percent()).isNull();
        assertThat(Suggestions.ticked(FRAME, fresh, 0)).isEmpty();
    }

    @Test
    void similarAnswersVoteByLikeness() {
        List<Suggestions.Coded> coded = List.of(
                coded("a", Set.of("ny", "kolleg"), "people"),       // likeness 2/3 to {ny, kolleg, team}
                coded("b", Set.of("team", "robot"), "robots"),      // 1/4
                coded("c", Set.of("helt", "andet"), "drones"));     // 0: no vote
        List<Suggestions.Suggestion> s = Suggestions.of(FRAME, "Nye kolleger i teamet", Set.of("ny", "kolleg", "team"),
                coded);
        assertThat(s).extracting(Suggestions.Suggestion::code).containsExactly("people", "robots");
        double people = (2.0 / 3) / (2.0 / 3 + 1.0 / 4);
        assertThat(s.get(0).similarShare()).isCloseTo(people, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.get(0).similarWith()).isOne();
        assertThat(s.get(0).similarOf()).isEqualTo(2);
        assertThat(s.get(1).confidence()).isCloseTo(1 - people, org.assertj.core.data.Offset.offset(1e-15));
        // one code per answer: only the most confident is ticked
        CodingStore.Frame single = new CodingStore.Frame(1, 1, "q", 1, false, "f", FRAME.categories());
        assertThat(Suggestions.ticked(single, s, 0)).containsExactly("people");
    }

    @Test
    void theStemmerFollowsTheQuestionnairesLanguage() {
        assertThat(Suggestions.textSearchConfig("da")).isEqualTo("danish");
        assertThat(Suggestions.textSearchConfig("Dansk (da)")).isEqualTo("danish");
        assertThat(Suggestions.textSearchConfig("English (en)")).isEqualTo("english");
        assertThat(Suggestions.textSearchConfig("nb")).isEqualTo("norwegian");
        assertThat(Suggestions.textSearchConfig("Kalaallisut (kl)")).isEqualTo("simple");
        assertThat(Suggestions.textSearchConfig(null)).isEqualTo("simple");
    }
}
