package org.barometer.app.portal;

import org.barometer.app.analysis.DemoResponses;
import org.barometer.app.publish.DemoPublication;
import org.barometer.app.publish.EditionException;
import org.barometer.app.publish.EditionFiles;
import org.barometer.app.publish.EditionSource;
import org.barometer.app.publish.EditionZip;
import org.barometer.app.publish.StoredPublication;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's analysis and portal step, called by the demo loader: answers for the sampled workplaces (first
 * start only), the demo's edition files uploaded as an analyst would (first start only), weighting and the
 * publication of those files (stored the first time only). The portal of every node finds the publication in
 * the database by itself (see {@link PublishedEditions}) within a second or two.
 */
public final class DemoPortal {

    private DemoPortal() {
    }

    /** The name the demo's edition files are uploaded under. */
    public static final String FILES_NAME = "innovation-barometer-2019-demo.zip";

    /** What the step did, and the version of the edition files published. */
    public record Prepared(int newResponses, int respondents, boolean stored, int filesVersion) {
    }

    public static Prepared prepare(Jdbi jdbi, long editionId) throws EditionException {
        int added = DemoResponses.load(jdbi, editionId, DemoPublication.POPULATION_SEED);
        EditionFiles files = new EditionFiles(jdbi);
        EditionFiles.Version version = files.current(editionId).orElse(null);
        if (version == null) {
            EditionFiles.Upload upload = files.upload(editionId, FILES_NAME, EditionZip.write(DemoPublication.files()), null);
            if (!upload.stored()) {
                throw new EditionException(upload.problems());
            }
            version = upload.version();
        }
        boolean published = jdbi.withHandle(h -> h.createQuery("select count(*) from publication where edition_id = :e")
                .bind("e", editionId).mapTo(Integer.class).one()) > 0;
        if (published) {
            // Already published on an earlier start: the respondents the latest publication weighted.
            int respondents = jdbi.withHandle(h -> h.createQuery("""
                    select count(*) from analysis_weight where weights_id =
                      (select weights_id from publication where edition_id = :e order by published_at desc, id desc limit 1)""")
                    .bind("e", editionId).mapTo(Integer.class).one());
            return new Prepared(added, respondents, false, version.version());
        }
        StoredPublication p = StoredPublication.publish(jdbi, editionId, EditionSource.stored(version.id()).value());
        return new Prepared(added, p.weights().size(), true, version.version());
    }
}
