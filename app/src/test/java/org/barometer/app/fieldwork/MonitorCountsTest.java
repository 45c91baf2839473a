package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitor's AAPOR dispositions and response rates against an example counted by hand. */
class MonitorCountsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void dispositionsAndResponseRatesPerStratumAreAapors() {
        long edition = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO edition (name) VALUES ('aapor') RETURNING id")
                .mapTo(Long.class).one());
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (String w : List.of("i1", "i2", "i3", "i4", "i5")) {
            invitees.add(new InvitationStore.Invitee(w, w, "M", w + "@example.invalid", "da", "state × 10-49"));
        }
        for (String w : List.of("j1", "j2")) {
            invitees.add(new InvitationStore.Invitee(w, w, "M", w + "@example.invalid", "da", "state × 3-9"));
        }
        new InvitationStore(db.jdbi()).create(edition, invitees, Instant.now().plus(30, ChronoUnit.DAYS));
        new MailingStore(db.jdbi(), "https://barometer.example").sendInvitations(edition, LocalDate.of(2027, 1, 31));
        db.jdbi().useHandle(h -> {
            String of = "(SELECT id FROM fieldwork_invitation WHERE edition_id = " + edition + " AND workplace_id = ?)";
            // i1, i2, i3 and j1 accepted by the mail server; i4 refused as undeliverable; i5 and j2 still queued
            for (String w : List.of("i1", "i2", "i3", "j1")) {
                h.execute("UPDATE fieldwork_outbox SET state = 'sent' WHERE invitation_id = " + of, w);
            }
            h.execute("UPDATE fieldwork_outbox SET state = 'bounced' WHERE invitation_id = " + of, "i4");
            h.execute("UPDATE fieldwork_invitation SET bounced_at = now() WHERE id = " + of, "i4");
            h.execute("UPDATE fieldwork_invitation SET opted_out_at = now() WHERE id = " + of, "i5");
            // i1 and j1 submitted; i2 only opened the link; i3 saved two pages
            h.execute("INSERT INTO respond_response (invitation_id, state, saves) VALUES (" + of + ", 'submitted', 3)", "i1");
            h.execute("INSERT INTO respond_response (invitation_id, state, saves) VALUES (" + of + ", 'started', 0)", "i2");
            h.execute("INSERT INTO respond_response (invitation_id, state, saves) VALUES (" + of + ", 'started', 2)", "i3");
            h.execute("INSERT INTO respond_response (invitation_id, state, saves) VALUES (" + of + ", 'submitted', 1)", "j1");
        });

        List<MonitorStore.Counts> strata = new MonitorStore(db.jdbi()).byStratum(edition);
        // natural order: 3-9 before 10-49
        assertThat(strata).extracting(MonitorStore.Counts::stratum).containsExactly("state × 3-9", "state × 10-49");
        MonitorStore.Counts small = strata.get(0);
        MonitorStore.Counts large = strata.get(1);
        assertThat(large).isEqualTo(new MonitorStore.Counts("state × 10-49", 5, 4, 3, 3, 2, 1, 1, 1, 1));
        assertThat(small).isEqualTo(new MonitorStore.Counts("state × 3-9", 2, 1, 1, 1, 1, 0, 1, 0, 0));
        // RR1 = I / all eligible, RR2 = (I + P) / all eligible
        assertThat(large.rr1()).isEqualTo(1.0 / 5);
        assertThat(large.rr2()).isEqualTo(2.0 / 5);
        assertThat(small.rr1()).isEqualTo(0.5);
        assertThat(small.rr2()).isEqualTo(0.5);
        MonitorStore.Counts total = MonitorStore.total(strata);
        assertThat(total).isEqualTo(new MonitorStore.Counts(null, 7, 5, 4, 4, 3, 1, 2, 1, 1));
        assertThat(total.rr1Percent()).isEqualTo("28.6");
        assertThat(total.rr2Percent()).isEqualTo("42.9");
    }

    @Test
    void strataSortWithTheirNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("municipality × 250+", "municipality × 3-9", "municipality × 10-49",
                "area", "municipality × 50-99"));
        names.sort(MonitorStore.NATURAL);
        assertThat(names).containsExactly("area", "municipality × 3-9", "municipality × 10-49", "municipality × 50-99",
                "municipality × 250+");
    }
}
