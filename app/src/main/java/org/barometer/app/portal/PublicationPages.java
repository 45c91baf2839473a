package org.barometer.app.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.publish.EditionProblem;
import org.barometer.app.text.Language;
import org.barometer.app.http.Web;

/**
 * The analysts' page of an edition's analysis: submitted responses, the edition files with their upload form,
 * every stored weights version with its diagnostics, the publications, and the background jobs that weight and
 * publish (the upload and the jobs are handled by {@link org.barometer.app.publish.PublishJobPages}: a refused
 * upload stores nothing, a job that fails leaves the last publication in place).
 */
public final class PublicationPages {

    private final Platform platform;

    public PublicationPages(Platform platform) {
        this.platform = platform;
    }

    /** A margin category of a weights version: the frame's count, the weighted total and their difference. */
    public record MarginRow(String margin, String category, String frame, String weighted, String difference) {
    }

    /** One weights version's diagnostics, formatted for its page. */
    public record WeightsDetail(int version, String createdAt, String method, String respondents,
                                String designWeights, String finalWeights, String cv, String kishDeff, String sweeps,
                                String nonresponseGroups, List<String> mergedGroups, String trimAbove,
                                List<MarginRow> margins) {
    }

    /** A stored weights version as the page lists it. */
    public record WeightsRow(int version, String createdAt, String respondents, String cv, String kishDeff) {
    }

    /** A stored publication as the page lists it. */
    public record PublicationRow(long id, String publishedAt, int weightsVersion, int figures) {
    }

    private long editionId(Context ctx) {
        long id = Web.pathLong(ctx, "edition");
        boolean exists = platform.jdbi().withHandle(h -> h.createQuery("select count(*) from edition where id = :e")
                .bind("e", id).mapTo(Integer.class).one()) > 0;
        if (!exists) {
            throw new NotFoundResponse();
        }
        return id;
    }

    public void page(Context ctx) {
        render(ctx, editionId(ctx), List.of(), null, ctx.queryParam("published"));
    }

    /**
     * One weights version: the design weights' range and the final weights' range, CV and Kish's design effect,
     * the non-response groups (and those merged for having too few respondents), trimming, and per margin category
     * the weighted total against the frame's count, which calibration should meet.
     */
    public void weights(Context ctx) {
        long id = editionId(ctx);
        long version = Web.pathLong(ctx, "version");
        Language m = Language.of(PortalPages.locale(ctx));
        Map<String, Object> row = platform.jdbi().withHandle(h -> h.createQuery("""
                        select to_char(created_at, 'YYYY-MM-DD HH24:MI') as at, method, diagnostics::text as d
                        from analysis_weights where edition_id = :e and version = :v""")
                .bind("e", id).bind("v", version).mapToMap().findOne()).orElseThrow(NotFoundResponse::new);
        JsonNode d;
        try {
            d = JSON.readTree((String) row.get("d"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored weights diagnostics are not JSON", e);
        }
        List<MarginRow> margins = new ArrayList<>();
        for (JsonNode c : d.path("margins")) {
            double frame = c.path("frame").asDouble();
            double weighted = c.path("weighted").asDouble();
            margins.add(new MarginRow(c.path("margin").asText(), c.path("category").asText(), m.decimal(frame, 1),
                    m.decimal(weighted, 1), m.decimal(weighted - frame, 3)));
        }
        List<String> merged = new ArrayList<>();
        d.path("mergedGroups").forEach(g -> merged.add(g.asText()));
        JsonNode groups = d.path("nonresponseGroups");
        List<String> groupNames = new ArrayList<>();
        if (groups.isArray()) {
            groups.forEach(g -> groupNames.add(g.asText()));
        }
        WeightsDetail detail = new WeightsDetail((int) version, (String) row.get("at"), (String) row.get("method"),
                m.integer(d.path("respondents").asLong()),
                range(m, d.path("designWeightRange").path(0).asDouble(), d.path("designWeightRange").path(1).asDouble()),
                range(m, d.path("min").asDouble(), d.path("max").asDouble()), m.decimal(d.path("cv").asDouble(), 3),
                m.decimal(d.path("kishDeff").asDouble(), 3), m.integer(d.path("rakingSweeps").asLong()),
                groupNames.isEmpty() ? m.t("analysis.weights.strata") : String.join(", ", groupNames), merged,
                d.path("trimAbove").asDouble() > 0 ? m.decimal(d.path("trimAbove").asDouble(), 2) : m.t("analysis.weights.noTrim"),
                margins);
        String name = platform.jdbi().withHandle(h -> h.createQuery("select name from edition where id = :e")
                .bind("e", id).mapTo(String.class).one());
        Web.render(ctx, "analysis/weights.jte", "m", m, "editionId", id, "name", name, "w", detail);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String range(Language m, double low, double high) {
        return m.decimal(low, 2) + " – " + m.decimal(high, 2);
    }

    /**
     * The page with what was refused: the problems of an upload of edition files (nothing was stored), or why no
     * job was started.
     */
    public void refused(Context ctx, long editionId, List<EditionProblem> fileProblems, String jobRefused) {
        render(ctx, editionId, fileProblems, jobRefused, null);
    }

    private void render(Context ctx, long id, List<EditionProblem> fileProblems, String jobRefused, String published) {
        Language m = Language.of(PortalPages.locale(ctx));
        var data = platform.jdbi().withHandle(h -> {
            String name = h.createQuery("select name from edition where id = :e").bind("e", id).mapTo(String.class).one();
            int submitted = h.createQuery("""
                    select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                    where i.edition_id = :e and r.state = 'submitted'""").bind("e", id).mapTo(Integer.class).one();
            List<WeightsRow> weights = new ArrayList<>();
            for (Map<String, Object> row : h.createQuery("""
                    select version, to_char(created_at, 'YYYY-MM-DD HH24:MI') as at,
                           diagnostics->>'respondents' as n, diagnostics->>'cv' as cv, diagnostics->>'kishDeff' as deff
                    from analysis_weights where edition_id = :e order by version desc""").bind("e", id).mapToMap().list()) {
                weights.add(new WeightsRow(((Number) row.get("version")).intValue(), (String) row.get("at"),
                        (String) row.get("n"), m.decimal(Double.parseDouble((String) row.get("cv")), 3),
                        m.decimal(Double.parseDouble((String) row.get("deff")), 3)));
            }
            List<PublicationRow> publications = new ArrayList<>();
            for (Map<String, Object> row : h.createQuery("""
                    select p.id, to_char(p.published_at, 'YYYY-MM-DD HH24:MI') as at, w.version, jsonb_array_length(p.figures) as f
                    from publication p join analysis_weights w on w.id = p.weights_id
                    where p.edition_id = :e order by p.id desc""").bind("e", id).mapToMap().list()) {
                publications.add(new PublicationRow(((Number) row.get("id")).longValue(), (String) row.get("at"),
                        ((Number) row.get("version")).intValue(), ((Number) row.get("f")).intValue()));
            }
            return new Object[] {name, submitted, weights, publications};
        });
        Web.render(ctx, "analysis/edition.jte", "m", m, "editionId", id, "name", data[0], "submitted", data[1],
                "weights", data[2], "publications", data[3], "fileProblems", fileProblems, "jobRefused", jobRefused,
                "published", published);
    }
}
