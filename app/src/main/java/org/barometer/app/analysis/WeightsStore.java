package org.barometer.app.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The stored weights versions of editions ({@code analysis_weights}) and every respondent's weight in each
 * ({@code analysis_weight}). A version is written together with the publication computed from it, in the
 * publication's transaction (see {@link #insert}).
 */
public final class WeightsStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public WeightsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored weights version with its diagnostics as JSON. */
    public record Version(long id, long editionId, int version, String method, String diagnostics,
                          OffsetDateTime createdAt) {}

    /**
     * Stores a new weights version of an edition (numbered after the last) with its diagnostics and each
     * respondent's weight, on the given transaction's handle; returns its id.
     *
     * @param responseIds per sampled unit of the weighting input, its response's id
     */
    public static long insert(Handle h, long editionId, WeightingSettings settings, Weights weights, Long[] responseIds) {
        int version = h.createQuery("select coalesce(max(version), 0) + 1 from analysis_weights where edition_id = :e")
                .bind("e", editionId).mapTo(Integer.class).one();
        long weightsId = h.createUpdate("""
                insert into analysis_weights (edition_id, version, method, diagnostics)
                values (:e, :v, :m, cast(:d as jsonb))""")
                .bind("e", editionId).bind("v", version).bind("m", settings.methodName())
                .bind("d", json(diagnostics(settings, weights))).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        PreparedBatch batch = h.prepareBatch("""
                insert into analysis_weight (weights_id, response_id, weight, before_calibration, variance_stratum)
                values (:w, :r, :x, :b, :s)""");
        for (int r = 0; r < weights.size(); r++) {
            int unit = weights.respondent()[r];
            batch.bind("w", weightsId).bind("r", responseIds[unit]).bind("x", weights.weight()[r])
                    .bind("b", weights.beforeCalibration()[r]).bind("s", String.valueOf(weights.varianceStratum()[r])).add();
        }
        batch.execute();
        return weightsId;
    }

    /** What a weights version's diagnostics record: its run's {@link Weights.Diagnostics} and settings. */
    private static Map<String, Object> diagnostics(WeightingSettings settings, Weights weights) {
        Weights.Diagnostics d = weights.diagnostics();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("respondents", weights.size());
        diagnostics.put("designWeightRange", d.designWeightRange());
        diagnostics.put("min", d.min());
        diagnostics.put("max", d.max());
        diagnostics.put("cv", d.cv());
        diagnostics.put("kishDeff", d.kishDeff());
        diagnostics.put("rakingSweeps", d.iterations());
        diagnostics.put("mergedGroups", d.mergedGroups());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Weights.MarginCheck c : d.marginChecks()) {
            checks.add(Map.of("margin", c.margin(), "category", c.category(), "frame", c.frameTotal(),
                    "weighted", c.weightedTotal()));
        }
        diagnostics.put("margins", checks);
        diagnostics.put("nonresponseGroups", settings.nonresponseGroups() == null ? "strata" : settings.nonresponseGroups());
        diagnostics.put("trimAbove", settings.options().trimAbove());
        return diagnostics;
    }

    /** The weights versions of an edition, newest first. */
    public List<Version> ofEdition(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, edition_id, version, method, diagnostics::text as d, created_at
                        from analysis_weights where edition_id = :e order by version desc""")
                .bind("e", editionId).map((rs, c) -> version(rs)).list());
    }

    /** One weights version of an edition by its number. */
    public Optional<Version> find(long editionId, int version) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, edition_id, version, method, diagnostics::text as d, created_at
                        from analysis_weights where edition_id = :e and version = :v""")
                .bind("e", editionId).bind("v", version).map((rs, c) -> version(rs)).findOne());
    }

    /** How many respondents a weights version weights. */
    public int respondents(long weightsId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from analysis_weight where weights_id = :w")
                .bind("w", weightsId).mapTo(Integer.class).one());
    }

    private static Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(rs.getLong("id"), rs.getLong("edition_id"), rs.getInt("version"), rs.getString("method"),
                rs.getString("d"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
