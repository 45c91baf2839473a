package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoEditionTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void theSyntheticFrameIsShapedLikeThePublicSectorAndHoldsNoRealAddresses() {
        List<FrameUnit> units = DemoFrame.generate(DemoEdition.SEED);
        assertThat(units).hasSize(DemoFrame.SIZE);
        assertThat(units).extracting(FrameUnit::governmentLevel).containsOnly("state", "region", "municipality");
        assertThat(units).extracting(FrameUnit::area).containsAll(FrameSchema.AREAS);
        assertThat(units).extracting(FrameUnit::sizeGroup).containsAll(FrameSchema.SIZE_GROUPS);
        assertThat(units).allSatisfy(u -> assertThat(u.managerEmail()).endsWith("@example.invalid"));
        assertThat(units.stream().map(FrameUnit::workplaceId).distinct().count()).isEqualTo(DemoFrame.SIZE);
        assertThat(DemoFrame.generate(DemoEdition.SEED)).isEqualTo(units);
    }

    @Test
    void loadingCreatesEditionFrameSampleAndPersonalLinks() throws Exception {
        DemoEdition.Loaded loaded = DemoEdition.load(db.jdbi());
        assertThat(loaded.edition().questionnaireId()).as(String.join("; ", loaded.notes())).isNotNull();
        assertThat(db.count("select count(*) from frame_unit")).isEqualTo(DemoFrame.SIZE);
        assertThat(db.count("select count(*) from sample_unit")).isEqualTo(DemoEdition.SAMPLE_SIZE);
        assertThat(db.count("select sum(sample_size)::int from sample_stratum")).isEqualTo(DemoEdition.SAMPLE_SIZE);
        assertThat(db.count("select sum(population)::int from sample_stratum")).isEqualTo(DemoFrame.SIZE);
        assertThat(db.count("select min(sample_size)::int from sample_stratum where population >= 5")).isGreaterThanOrEqualTo(5);
        assertThat(loaded.links()).hasSize(DemoEdition.SAMPLE_SIZE);
        assertThat(loaded.links()).allSatisfy(l -> assertThat(l.token()).isNotBlank());
        assertThat(DemoEdition.find(db.jdbi())).isPresent();

        // Links printed at start: fresh tokens of invitations nobody has started, one of them in English.
        db.jdbi().useHandle(h -> h.execute("""
                insert into respond_response (invitation_id) select id from fieldwork_invitation order by id limit 3"""));
        List<String> tokens = DemoCommand.freshLinks(new org.barometer.app.respond.InvitationStore(db.jdbi()), loaded.edition().id());
        assertThat(tokens).hasSize(DemoCommand.LINKS_SHOWN);
        var invitations = new org.barometer.app.respond.InvitationStore(db.jdbi());
        List<org.barometer.app.respond.InvitationStore.Invitation> invited = tokens.stream()
                .map(t -> invitations.resolve(t).invitation().orElseThrow()).toList();
        assertThat(invited).extracting(org.barometer.app.respond.InvitationStore.Invitation::language).contains("en", "da");
        for (var i : invited) {
            assertThat(db.count("select count(*) from respond_response where invitation_id = ?", i.id())).isZero();
        }
    }
}
