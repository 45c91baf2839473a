package org.barometer.app.portal;

import org.barometer.app.analysis.DemoResponses;
import org.barometer.app.publish.DemoPublication;
import org.barometer.app.publish.EditionException;
import org.barometer.app.publish.StoredPublication;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's analysis and portal step, called by the demo loader: answers for the sampled workplaces (first
 * start only), weighting, the publication (stored the first time, recomputed from the stored responses on later
 * starts), and the portal switched to it.
 */
public final class DemoPortal {

    private DemoPortal() {
    }

    /** What the step did. */
    public record Prepared(int newResponses, int respondents, boolean stored) {
    }

    public static Prepared prepare(Jdbi jdbi, long editionId) throws EditionException {
        int added = DemoResponses.load(jdbi, editionId, DemoPublication.POPULATION_SEED);
        boolean published = jdbi.withHandle(h -> h.createQuery("select count(*) from publication where edition_id = :e")
                .bind("e", editionId).mapTo(Integer.class).one()) > 0;
        StoredPublication p = StoredPublication.compute(jdbi, editionId, DemoPublication.EDITION_FOLDER, !published);
        PublishedEdition.use(PublishedEdition.of(p));
        return new Prepared(added, p.weights().size(), !published);
    }
}
