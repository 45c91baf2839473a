package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo loader's analysis step on a real database: responses stored as submitted responses of the
 * demo edition's invitations, weighted, published in one transaction, and served by the portal.
 */
class DemoPortalTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void theDemoEditionIsAnsweredWeightedAndPublished() throws Exception {
        long editionId = DemoEdition.load(server.jdbi()).edition().id();
        // a refused edition (its files are missing) publishes nothing
        assertThatThrownBy(() -> Publishing.publish(server.jdbi(), editionId, "stored:999999"))
                .isInstanceOf(EditionException.class).hasMessageContaining("no stored edition files of edition " + editionId);
        assertThat(server.count("select count(*) from publication")).isZero();

        DemoEdition.Published prepared = DemoEdition.publish(server.jdbi(), editionId);
        int sampled = server.count("select count(*) from fieldwork_invitation where edition_id = ?", editionId);
        int submitted = server.count("select count(*) from respond_response where state = 'submitted'");
        System.out.printf("demo loader: %d invited, %d submitted responses, %d weighted%n", sampled, submitted,
                prepared.respondents());
        assertThat(sampled).isBetween(4_400, 4_600);
        assertThat(submitted).isEqualTo(prepared.newResponses()).isBetween(2_000, 2_500);
        assertThat(prepared.respondents()).isEqualTo(submitted);
        assertThat(prepared.stored()).isTrue();
        // the demo's files went through the analysts' upload: one checked version, and the publication names it
        assertThat(prepared.filesVersion()).isOne();
        long filesId = new EditionFilesStore(server.jdbi()).current(editionId).orElseThrow().id();
        assertThat(server.count("select count(*) from edition_files where edition_id = ? and file_name = ?", editionId,
                DemoFiles.EDITION_FILES)).isOne();
        assertThat(server.count("select count(*) from publication where spec_folder = ?", "stored:" + filesId)).isOne();
        // the first invitations stay open, so the personal links the demo prints can still be answered
        assertThat(server.count("""
                select count(*) from respond_response where invitation_id in
                  (select id from fieldwork_invitation where edition_id = ? order by id limit 10)""", editionId)).isZero();
        assertThat(server.count("select count(*) from analysis_weights where edition_id = ? and version = 1", editionId)).isOne();
        assertThat(server.count("select count(*) from analysis_weight")).isEqualTo(submitted);
        assertThat(server.count("select jsonb_array_length(figures) from publication where edition_id = ?", editionId)).isEqualTo(13);
        // the weights add up to the frame
        assertThat(server.count("select round(sum(weight))::int from analysis_weight"))
                .isEqualTo(server.count("select count(*) from frame_unit fu join edition e on e.frame_id = fu.frame_id where e.id = ?", editionId));

        // a second start finds the publication and stores nothing
        DemoEdition.Published again = DemoEdition.publish(server.jdbi(), editionId);
        assertThat(again.newResponses()).isZero();
        assertThat(again.stored()).isFalse();
        assertThat(again.filesVersion()).isOne();
        assertThat(server.count("select count(*) from publication")).isOne();
        assertThat(server.count("select count(*) from edition_files")).isOne();

        // the portal finds the publication in the database by itself and shows its numbers, as protected: the
        // stored publication keeps the exact n, the portal a count a few respondents off it
        int exact = server.count("""
                select (f->>'n')::int from publication p cross join jsonb_array_elements(p.figures) f
                where f->>'id' = 'technology-part'""");
        long published = Publishing.compute(server.jdbi(), editionId, "stored:" + filesId).published().stream()
                .filter(f -> f.spec().id().equals("technology-part")).findFirst().orElseThrow().n();
        assertThat(published).isBetween(exact - 3L, exact + 3L);
        String shown = "n = " + String.format(java.util.Locale.US, "%,d", published);
        assertThat(Poll.until(Duration.ofSeconds(30),
                () -> server.client().language("en").get("/portal/themes/technology").body(), page -> page.contains(shown)))
                .contains(shown);
    }
}
