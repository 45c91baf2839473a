package org.barometer.app.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The family's files as uploaded versions ({@code series_family}) and the Barometer editions each version places
 * in its series ({@code series_edition}, where an edition belongs to one series only).
 */
public final class FamilyStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public FamilyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored version of the family's files. */
    public record Stored(long id, String fileName, Map<String, String> files, String uploadedBy,
                         OffsetDateTime uploadedAt) {
    }

    /**
     * Stores a checked family as the next version, with the Barometer editions of its series (by edition id), in
     * one transaction.
     */
    public long store(String fileName, Map<String, String> files, Family family, Map<String, Long> editionIds,
                      String uploadedBy) {
        String json;
        try {
            json = JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("insert into series_family (file_name, files, uploaded_by) values (:f, cast(:j as jsonb), :u)")
                    .bind("f", fileName).bind("j", json).bind("u", uploadedBy)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            var batch = h.prepareBatch("""
                    insert into series_edition (family_id, series_key, edition_key, edition_id)
                    values (:f, :s, :e, :id)""");
            for (Family.Series s : family.series()) {
                for (Family.Edition e : s.editions()) {
                    if (e.microdata()) {
                        batch.bind("f", id).bind("s", s.id()).bind("e", e.id())
                                .bind("id", editionIds.get(e.editionName())).add();
                    }
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            return id;
        });
    }

    /** The id of the latest version, if any. */
    public Optional<Long> latestId() {
        return jdbi.withHandle(h -> h.createQuery("select max(id) from series_family").mapTo(Long.class).findOne());
    }

    /** A stored version. */
    public Optional<Stored> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, file_name, files::text as files, uploaded_by, uploaded_at from series_family where id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getLong("id"), rs.getString("file_name"), files(rs.getString("files")),
                        rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class)))
                .findOne());
    }

    /** How many versions are stored. */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from series_family").mapTo(Integer.class).one());
    }

    private static Map<String, String> files(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
