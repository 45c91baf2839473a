package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.access.UserStore;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coding in PostgreSQL: codes outside the frame and more codes than the frame allows are refused and change
 * nothing; the double-coded sample is drawn with its recorded seed; a second coder is given only answers of that
 * sample; agreeing codes are final, disagreeing ones wait for an adjudicator; the coded variable carries the final
 * codes with the categories above them.
 */
class CodingStoreTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String Q = "description";
    static final String FRAME = """
            code,parent,label_da,label_en
            tech,,Teknologi,Technology
            app,tech,App,App
            robot,tech,Robot,Robot
            people,,Mennesker,People
            """;

    @Test
    void codingFromFrameToFinalCodes() throws Exception {
        long edition = TestForm.edition(db.jdbi(), "Coded edition");
        List<Long> responses = answers(edition, "En app til forældre", "En robot i køkkenet", "Nye kolleger",
                "App og robot", "Flere hænder", "En robotarm");
        UserStore users = new UserStore(db.jdbi());
        User anna = users.create("anna", "Anna", Role.CODER, "a long password for anna");
        User bo = users.create("bo", "Bo", Role.CODER, "a long password for bo");
        User senior = users.create("senior", "Senior", Role.SENIOR_CODER, "a long password for senior");
        CodingStore store = new CodingStore(db.jdbi());

        // before a frame, nothing can be coded
        assertThatThrownBy(() -> store.code(edition, Q, responses.getFirst(), anna.id(), List.of("app")))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.noFrame");

        FrameFile.Result read = FrameFile.read("frame.csv", FRAME.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CodingStore.Frame single = store.saveFrame(edition, Q, false, "frame.csv", read.categories(), senior.id());
        assertThat(single.version()).isOne();
        assertThatThrownBy(() -> store.code(edition, Q, responses.getFirst(), anna.id(), List.of("app", "robot")))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.onlyOne");
        CodingStore.Frame frame = store.saveFrame(edition, Q, true, "frame.csv", read.categories(), senior.id());
        assertThat(frame.version()).isEqualTo(2);
        assertThat(frame.depth(frame.category("app").orElseThrow())).isOne();

        // a code outside the frame, or none, is refused and nothing is stored
        assertThatThrownBy(() -> store.code(edition, Q, responses.getFirst(), anna.id(), List.of("app", "drone")))
                .isInstanceOf(CodingStore.Refused.class)
                .satisfies(e -> assertThat(((CodingStore.Refused) e).args()).containsExactly("drone", 2, "tech, app, robot, people"));
        assertThatThrownBy(() -> store.code(edition, Q, responses.getFirst(), anna.id(), List.of()))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.none");
        assertThat(db.count("select count(*) from coding_code")).isZero();
        assertThat(db.count("select count(*) from coding_final")).isZero();

        // half the answers drawn to be coded twice, with the seed recorded; the same seed draws the same answers
        assertThat(store.setDoubleShare(edition, Q, 0.5, 42L)).isEqualTo(3);
        List<Long> drawn = doubled(edition);
        assertThat(store.setDoubleShare(edition, Q, 0.5, null)).isEqualTo(3);
        assertThat(doubled(edition)).isEqualTo(drawn);
        assertThat(store.question(edition, Q).orElseThrow().seed()).isEqualTo(42L);

        // anna codes every answer; bo is offered only those of the sample, and never sees anna's codes
        Map<Long, List<String>> byAnna = Map.of(responses.get(0), List.of("app"), responses.get(1), List.of("robot"),
                responses.get(2), List.of("people"), responses.get(3), List.of("app", "robot"),
                responses.get(4), List.of("people"), responses.get(5), List.of("robot"));
        for (var a = store.next(edition, Q, anna.id()); a.isPresent(); a = store.next(edition, Q, anna.id())) {
            store.code(edition, Q, a.get().responseId(), anna.id(), byAnna.get(a.get().responseId()));
        }
        assertThat(db.count("select count(*) from coding_code where coder_id = ?", anna.id())).isEqualTo(6);
        assertThat(db.count("select count(*) from coding_final")).isEqualTo(3);
        List<Long> offeredToBo = new ArrayList<>();
        long disagreed = -1;
        for (var a = store.next(edition, Q, bo.id()); a.isPresent(); a = store.next(edition, Q, bo.id())) {
            long id = a.get().responseId();
            offeredToBo.add(id);
            // bo disagrees on the first answer of the sample and agrees on the others
            List<String> codes = offeredToBo.size() == 1 ? List.of("people") : byAnna.get(id);
            if (offeredToBo.size() == 1) {
                disagreed = id;
                assertThat(store.code(edition, Q, id, bo.id(), codes)).isFalse();
            } else {
                assertThat(store.code(edition, Q, id, bo.id(), codes)).isTrue();
            }
        }
        assertThat(offeredToBo).containsExactlyElementsOf(drawn);
        long notDrawn = responses.stream().filter(r -> !drawn.contains(r)).findFirst().orElseThrow();
        assertThatThrownBy(() -> store.code(edition, Q, notDrawn, bo.id(), List.of("people")))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.final");
        assertThat(store.disagreements(edition, Q)).extracting(CodingStore.DoubleCoded::responseId).containsExactly(disagreed);

        // the agreement of the pair, from the three answers both coded
        Agreements.Report report = Agreements.of(frame, store.doubleCoded(edition, Q));
        assertThat(report.pairs()).singleElement().satisfies(p -> {
            assertThat(p.first()).isEqualTo("anna");
            assertThat(p.answers()).isEqualTo(3);
            assertThat(p.agreed()).isEqualTo(2);
        });

        // only a disagreement is adjudicated, with codes of the frame; the decision is final
        assertThatThrownBy(() -> store.adjudicate(edition, Q, drawn.get(1), senior.id(), List.of("app")))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.noDisagreement");
        final long toDecide = disagreed;
        assertThatThrownBy(() -> store.adjudicate(edition, Q, toDecide, senior.id(), List.of("nonsense")))
                .isInstanceOf(CodingStore.Refused.class).extracting("key").isEqualTo("coding.refused.notInFrame");
        assertThat(db.count("select count(*) from coding_final")).isEqualTo(5);
        store.adjudicate(edition, Q, disagreed, senior.id(), byAnna.get(disagreed));
        assertThat(db.count("select count(*) from coding_final where adjudicated_by = ?", senior.id())).isOne();
        assertThat(store.disagreements(edition, Q)).isEmpty();
        assertThat(store.next(edition, Q, bo.id())).isEmpty();

        // the coded variable: every final code with the category above it, in the frame's order
        List<CodedVariable> coded = SurveyStore.codedVariables(db.jdbi(), edition);
        assertThat(coded).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("coded.description");
            assertThat(v.value(List.of("robot", "app"), Map.of("app", "tech", "robot", "tech"))).isEqualTo("tech app robot");
        });
    }

    private List<Long> doubled(long edition) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "select response_id from coding_double where edition_id = :e order by response_id")
                .bind("e", edition).mapTo(Long.class).list());
    }

    private List<Long> answers(long edition, String... texts) {
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (int k = 0; k < texts.length; k++) {
            invitees.add(new InvitationStore.Invitee("W" + k, "Workplace " + k, "Manager " + k, "m" + k + "@example.org", "da", "s1"));
        }
        List<InvitationStore.IssuedLink> links = new InvitationStore(db.jdbi()).create(edition, invitees,
                Instant.now().plus(Duration.ofDays(30)));
        List<ResponseStore.Imported> imported = new ArrayList<>();
        for (int k = 0; k < texts.length; k++) {
            imported.add(new ResponseStore.Imported(links.get(k).invitationId(), Map.of("innovated", "yes", Q, texts[k]), "da"));
        }
        new ResponseStore(db.jdbi()).importSubmitted(imported);
        return db.jdbi().withHandle(h -> h.createQuery("""
                        select r.id from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                        where i.edition_id = :e order by r.id""").bind("e", edition).mapTo(Long.class).list());
    }
}
