package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.compute.PublicationStore;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fresh demo publication is bit for bit the one the earlier version of the code base published: every cell,
 * interval, test, weight, weighting diagnostic and headline equals the line recorded before the reorganisation
 * ({@code demo/publication-fingerprint.txt}), which has since gained the lines of Figure 2, the figure of the demo's
 * coded descriptions of technology, and changed only in the last digits of twelve Rao-Scott tests (at most 1.3e-14
 * relative) when the tests' interaction contrasts became R's {@code qr.resid} through LINPACK's QR; and the same
 * demo computed in memory gives the same numbers.
 */
class DemoPublicationUnchangedTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static List<String> recorded() throws IOException {
        try (InputStream in = DemoPublicationUnchangedTest.class.getResourceAsStream("/demo/publication-fingerprint.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void aFreshDemoPublicationHasEveryNumberOfTheRecordedOne() throws Exception {
        long edition = DemoEdition.load(db.jdbi()).edition().id();
        DemoEdition.publish(db.jdbi(), edition);
        String source = new PublicationStore(db.jdbi()).latest(edition).orElseThrow().specFolder();
        Publication computed = Publishing.compute(db.jdbi(), edition, source);
        List<String> now = PublicationFingerprint.ofDatabase(db.jdbi(), edition, computed);
        List<String> before = recorded();
        assertThat(now).hasSizeGreaterThan(2_000);
        assertThat(now).containsExactlyElementsOf(before);
    }

    @Test
    void theDemoComputedInMemoryGivesTheSameNumbers() throws Exception {
        DemoSimulation.Survey survey = DemoSimulation.Population.standard()
                .survey(DemoEdition.SEED, DemoEdition.POPULATION_SEED, DemoFiles.edition().weighting());
        List<String> inMemory = PublicationFingerprint.ofSimulation(survey.publish(DemoFiles.edition()), survey);
        List<String> recorded = recorded().stream().filter(line -> !line.startsWith("diagnostics ")).toList();
        assertThat(inMemory).containsExactlyElementsOf(recorded);
    }
}
