package org.barometer.app.portal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.DemoPublication;
import org.barometer.app.publish.EditionException;
import org.barometer.app.publish.EditionSpec;
import org.barometer.app.publish.FigureResult;

/**
 * What the portal serves: one published edition's specification and computed figures (the published
 * aggregates, computed once and then only read), with the weighted responses kept for the explorer, whose
 * answers are cached by query.
 *
 * @param frameSize     workplaces in the frame
 * @param sampleSize    workplaces sampled
 */
public record PublishedEdition(EditionSpec spec, List<FigureResult> figures, Dataset data, Estimator estimator,
                               Weights weights, int frameSize, int sampleSize,
                               Map<String, FigureResult> explorerCache) {

    private static volatile PublishedEdition current;

    /**
     * The edition the portal shows: the one set by {@link #use}, else the latest publication stored in the
     * database (recomputed from its stored responses), else the in-memory demo edition.
     */
    public static PublishedEdition current(org.jdbi.v3.core.Jdbi jdbi) {
        if (current == null && jdbi != null) {
            synchronized (PublishedEdition.class) {
                if (current == null) {
                    var latest = jdbi.withHandle(h -> h.createQuery("""
                            select edition_id, spec_folder from publication order by published_at desc, id desc limit 1""")
                            .mapToMap().findOne());
                    if (latest.isPresent()) {
                        try {
                            current = of(org.barometer.app.publish.StoredPublication.compute(jdbi,
                                    ((Number) latest.get().get("edition_id")).longValue(),
                                    (String) latest.get().get("spec_folder"), false));
                        } catch (EditionException ex) {
                            throw new IllegalStateException("The stored publication no longer computes:\n" + ex.getMessage(), ex);
                        }
                    }
                }
            }
        }
        return current();
    }

    /** The edition set by {@link #use}, else the in-memory demo edition, computed on first use. */
    public static PublishedEdition current() {
        PublishedEdition e = current;
        if (e == null) {
            synchronized (PublishedEdition.class) {
                if (current == null) {
                    try {
                        current = of(DemoPublication.standard());
                    } catch (EditionException ex) {
                        throw new IllegalStateException("The demo edition does not publish:\n" + ex.getMessage(), ex);
                    }
                }
                e = current;
            }
        }
        return e;
    }

    public static PublishedEdition of(DemoPublication demo) {
        return new PublishedEdition(demo.edition(), demo.figures(), demo.data(), demo.estimator(), demo.survey().weights(),
                demo.frame().size(), demo.survey().sampled().length, new ConcurrentHashMap<>());
    }

    /** The portal shows this publication from now on (e.g. after the demo loader published from the database). */
    public static void use(PublishedEdition edition) {
        current = edition;
    }

    public static PublishedEdition of(org.barometer.app.publish.StoredPublication p) {
        return new PublishedEdition(p.edition(), p.figures(), p.data(), p.estimator(), p.weights(), p.frameSize(),
                p.sampleSize(), new ConcurrentHashMap<>());
    }

    public FigureResult figure(String id) {
        return figures.stream().filter(f -> f.spec().id().equals(id)).findFirst().orElse(null);
    }

    public List<FigureResult> theme(String themeId) {
        return figures.stream().filter(f -> themeId.equals(f.spec().theme())).toList();
    }

    public EditionSpec.Theme themeInfo(String themeId) {
        return spec.themes().stream().filter(t -> t.id().equals(themeId)).findFirst().orElse(null);
    }
}
