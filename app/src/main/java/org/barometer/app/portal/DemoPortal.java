package org.barometer.app.portal;

import org.barometer.app.analysis.DemoResponses;
import org.barometer.app.publish.DemoPublication;
import org.barometer.app.publish.EditionException;
import org.barometer.app.publish.StoredPublication;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's analysis and portal step, called by the demo loader: answers for the sampled workplaces (first
 * start only), weighting and the publication (stored the first time only). The portal of every node finds the
 * publication in the database by itself (see {@link PublishedEditions}) within a second or two.
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
        if (published) {
            // Already published on an earlier start: the respondents the latest publication weighted.
            int respondents = jdbi.withHandle(h -> h.createQuery("""
                    select count(*) from analysis_weight where weights_id =
                      (select weights_id from publication where edition_id = :e order by published_at desc, id desc limit 1)""")
                    .bind("e", editionId).mapTo(Integer.class).one());
            return new Prepared(added, respondents, false);
        }
        StoredPublication p = StoredPublication.publish(jdbi, editionId, DemoPublication.EDITION_FOLDER);
        return new Prepared(added, p.weights().size(), true);
    }
}
