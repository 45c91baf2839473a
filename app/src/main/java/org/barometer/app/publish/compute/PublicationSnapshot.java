package org.barometer.app.publish.compute;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.barometer.app.analysis.Share;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;

/**
 * What a publication computed, kept with it so that a node loads it instead of computing it again: the survey it
 * was computed from as read from the database ({@link SurveySample.Parts}) and every figure, exact and as
 * published. Weighting the survey again is cheap and gives the same weights (it is deterministic); reading the
 * survey across the frame, sample and response tables and computing every figure's intervals and tests is what
 * a load saves. Stored as gzipped JSON, with a format number so that a later layout can tell an older one.
 *
 * <p>What an edition's pages show before its data are loaded is kept too: the front page's headlines and the
 * frame's and sample's sizes ({@link Shown}), so that a node shows the edition while it weights the survey again
 * for the explorer. A snapshot written before these were kept has them null and is loaded whole.
 */
public record PublicationSnapshot(SurveySample.Parts survey, List<Figure> exact, List<Figure> published,
                                  List<Headline> headlines, Integer frameSize, Integer sampleSize) {

    /** A headline shown: its place among the edition's headlines, its exact share and its share as published. */
    public record Headline(int index, Share share, Share publishedShare) {}

    /** What the pages show of a publication without its data: its published figures, headlines and sizes. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"survey", "exact"})
    public record Shown(List<Figure> published, List<Headline> headlines, Integer frameSize, Integer sampleSize) {
        /** Whether the snapshot kept all of it (one written before it did has not). */
        boolean complete() {
            return published != null && headlines != null && frameSize != null && sampleSize != null;
        }

        /** The headlines with their specifications from the edition's files. */
        public List<Headlines.Result> headlines(EditionSpec spec) {
            List<Headlines.Result> out = new ArrayList<>();
            for (Headline h : headlines) {
                out.add(new Headlines.Result(spec.headlines().get(h.index()), h.share(), h.publishedShare()));
            }
            return out;
        }
    }

    /** The layout written now; a snapshot of another layout is not read (the publication is computed instead). */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .addMixIn(Significance.class, SignificanceTypes.class);

    /** How a figure's significance is told apart in JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Significance.NotTested.class, name = "not-tested"),
            @JsonSubTypes.Type(value = Significance.Overall.class, name = "overall"),
            @JsonSubTypes.Type(value = Significance.PerItem.class, name = "per-item")})
    private interface SignificanceTypes {
    }

    /** A figure's numbers without its specification, which the edition's files give again on loading. */
    public record Figure(String id, List<FigureResult.Series> series, List<FigureResult.Cell> cells,
                         List<FigureResult.ExcludedShare> excluded, List<FigureResult.TestOutcome> tests,
                         Significance significance, long n, Map<String, String> captions) {
        static Figure of(FigureResult f) {
            return new Figure(f.spec().id(), f.series(), f.cells(), f.excluded(), f.tests(), f.significance(), f.n(),
                    f.captions());
        }

        FigureResult with(FigureSpec spec) {
            return new FigureResult(spec, series, cells, excluded, tests, significance, n, captions);
        }
    }

    /** The snapshot of a computed publication and the survey it was computed from. */
    public static PublicationSnapshot of(SurveySample.Parts survey, Publication p) {
        List<Headline> headlines = new ArrayList<>();
        for (Headlines.Result r : Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys())) {
            headlines.add(new Headline(p.edition().headlines().indexOf(r.headline()), r.share(), r.published()));
        }
        return new PublicationSnapshot(survey, p.figures().stream().map(Figure::of).toList(),
                p.published().stream().map(Figure::of).toList(), headlines, p.frameSize(), p.sampleSize());
    }

    /** The figures with their specifications from the edition's files (the same files the publication names). */
    static List<FigureResult> figures(List<Figure> figures, EditionSpec spec) {
        List<FigureResult> out = new ArrayList<>();
        for (Figure f : figures) {
            FigureSpec figureSpec = spec.figures().stream().filter(s -> s.id().equals(f.id())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the edition files have no figure " + f.id()));
            out.add(f.with(figureSpec));
        }
        return out;
    }

    /** Gzipped JSON. */
    byte[] bytes() {
        return gzippedJson(this);
    }

    /** What the pages show ({@link Shown}) alone, as gzipped JSON: the same fields as in {@link #bytes}. */
    byte[] shownBytes() {
        return gzippedJson(new Shown(published, headlines, frameSize, sampleSize));
    }

    private static byte[] gzippedJson(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            JSON.writeValue(gz, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads what the pages show from what {@link #shownBytes} wrote, or from what {@link #bytes} wrote, passing
     * over the survey and the exact figures.
     */
    static Shown readShown(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return JSON.readValue(in, Shown.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #bytes} wrote. */
    static PublicationSnapshot read(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return JSON.readValue(in, PublicationSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
