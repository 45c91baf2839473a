package org.barometer.app.publish.compute;

import java.util.List;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.analysis.Estimator;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.spec.EditionSpec;

/**
 * An edition's publication as computed by {@link Publishing}: the weights, the respondents' data and every
 * figure of the edition's specification, each with its exact numbers ({@code figures}: staff pages, the stored
 * publication, tests) and as the public sees it ({@code published}: protected, see {@link Protection}).
 *
 * @param weightsId     the stored weights version (0 when not stored)
 * @param publicationId the stored publication (0 when not stored)
 * @param frameSize     workplaces in the frame
 * @param sampleSize    workplaces sampled
 * @param keys          the respondents' record keys, from which every public number's noise is drawn
 * @param responseIds   the respondents' response ids, in the order of the weights
 */
public record Publication(long weightsId, long publicationId, EditionSpec edition, Dataset data, Estimator estimator,
                          Weights weights, List<FigureResult> figures, List<FigureResult> published, CellKeys keys,
                          long[] responseIds, int frameSize, int sampleSize) {

    public Publication {
        figures = List.copyOf(figures);
        published = List.copyOf(published);
    }

    /** The figure with that id; throws when the edition has none. */
    public FigureResult figure(String id) {
        return figures.stream().filter(f -> f.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + id));
    }

    /** The figure with that number (e.g. "4"); throws when the edition has none. */
    public FigureResult figureNumber(String number) {
        return figures.stream().filter(f -> number.equals(f.spec().number())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure numbered " + number));
    }

    /** The same publication as stored under these ids. */
    Publication stored(long weightsId, long publicationId) {
        return new Publication(weightsId, publicationId, edition, data, estimator, weights, figures, published, keys,
                responseIds, frameSize, sampleSize);
    }
}
