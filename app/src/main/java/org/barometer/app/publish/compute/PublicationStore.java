package org.barometer.app.publish.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.analysis.WeightsStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored publications ({@code publication}): the figures of an edition as published, computed from one weights
 * version, and the edition files they were computed from.
 */
public final class PublicationStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public PublicationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A stored publication.
     *
     * @param specFolder    the edition files it was computed from (an {@code EditionSource} value)
     * @param editionName   the edition's name
     * @param weightsVersion the number of its weights version within the edition
     * @param figureCount   how many figures it has
     */
    public record Stored(long id, long editionId, String editionName, long weightsId, int weightsVersion,
                         String specFolder, int figureCount, OffsetDateTime publishedAt) {}

    /**
     * Stores a new weights version and the publication computed from it in one transaction (an edition is never
     * published in part); returns the ids of both.
     */
    long[] store(long editionId, WeightingSettings settings, Weights weights, Long[] responseIds,
                 List<FigureResult> figures, String source) {
        List<Map<String, Object>> published = new ArrayList<>();
        for (FigureResult f : figures) {
            published.add(FigureJsonWriter.of(f));
        }
        String json = json(published);
        return jdbi.inTransaction(h -> {
            long weightsId = WeightsStore.insert(h, editionId, settings, weights, responseIds);
            long publicationId = h.createUpdate("""
                    insert into publication (edition_id, weights_id, spec_folder, figures)
                    values (:e, :w, :f, cast(:j as jsonb))""")
                    .bind("e", editionId).bind("w", weightsId).bind("f", source).bind("j", json)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new long[] {weightsId, publicationId};
        });
    }

    private static final String SELECT = """
            select p.id, p.edition_id, e.name, p.weights_id, w.version, p.spec_folder,
                   jsonb_array_length(p.figures) as figure_count, p.published_at
            from publication p join edition e on e.id = p.edition_id join analysis_weights w on w.id = p.weights_id
            """;

    /** Every edition's latest publication, editions newest first (by year, then the latest created). */
    public List<Stored> latestOfEachEdition() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + """
                        where p.id = (select id from publication where edition_id = e.id
                                      order by published_at desc, id desc limit 1)
                        order by e.year desc nulls last, e.id desc""")
                .map((rs, c) -> stored(rs)).list());
    }

    /** The latest publication of an edition. */
    public Optional<Stored> latest(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + """
                        where p.edition_id = :e order by p.published_at desc, p.id desc limit 1""")
                .bind("e", editionId).map((rs, c) -> stored(rs)).findOne());
    }

    /** The publications of an edition, newest first. */
    public List<Stored> ofEdition(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where p.edition_id = :e order by p.id desc")
                .bind("e", editionId).map((rs, c) -> stored(rs)).list());
    }

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("name"), rs.getLong("weights_id"),
                rs.getInt("version"), rs.getString("spec_folder"), rs.getInt("figure_count"),
                rs.getObject("published_at", OffsetDateTime.class));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
