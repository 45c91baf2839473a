package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed publication's Figure 2 on the demo portal: the demo's descriptions of technology coded by its coders
 * (a fifth coded twice, every disagreement decided), and the figure of the coded variable on the technology theme
 * page with its caption in Danish and in English.
 */
class DemoFigureTwoTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String FIGURE = "technologies-new-or-known";

    @Test
    void figureTwoIsOnTheDemoPortalWithItsCaptionInBothLanguages() throws Exception {
        long edition = DemoEdition.load(server.jdbi()).edition().id();
        DemoEdition.publish(server.jdbi(), edition);

        // the coding as the demo did it: every description finally coded, a fifth twice, the disagreements decided
        int described = server.count("""
                select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                where i.edition_id = ? and r.state = 'submitted' and coalesce(r.answers->>'tech_description', '') <> ''""", edition);
        assertThat(described).isGreaterThan(300);
        assertThat(server.count("select count(*) from coding_final where edition_id = ?", edition)).isEqualTo(described);
        assertThat(server.count("select count(*) from coding_double where edition_id = ?", edition)).isEqualTo(Math.round(0.2f * described));
        assertThat(server.count("select count(distinct coder_id) from coding_code where edition_id = ?", edition)).isEqualTo(2);
        assertThat(server.count("select count(*) from coding_final where edition_id = ? and adjudicated_by is not null", edition)).isPositive();
        // several technologies in one answer: some answers have more than one final code
        assertThat(server.count("select count(*) from coding_final where edition_id = ? and cardinality(codes) > 1", edition)).isPositive();

        String da = Poll.until(Duration.ofSeconds(30), () -> server.client().language("da").get("/portal/themes/technology").body(),
                page -> page.contains("id=\"figure-" + FIGURE + "\""));
        assertThat(figure(da)).contains("Teknologier fra nye til kendte")
                .contains("<figcaption>Figuren placerer de teknologier, arbejdspladserne selv har beskrevet, efter hvor ofte teknologien var ny for de arbejdspladser, der brugte den")
                .contains("Kunstig intelligens").contains("Droner").contains("Computere");
        String en = server.client().language("en").get("/portal/themes/technology").body();
        assertThat(figure(en)).contains("Technologies from new to known")
                .contains("<figcaption>The figure places the technologies the workplaces described in their own words by how often the technology was new to the workplaces that used it")
                .contains("Artificial intelligence").contains("Drones").contains("Computers");
        // its number in the publication is the seed's
        assertThat(server.client().get("/api/figures/" + FIGURE).body()).contains("\"number\":\"2\"");
    }

    /** The figure element of a page. */
    private static String figure(String page) {
        int start = page.indexOf("<figure class=\"portal-figure\" id=\"figure-" + FIGURE + "\"");
        assertThat(start).as("the figure is on the page").isNotNegative();
        return page.substring(start, page.indexOf("</figure>", start));
    }
}
