package org.barometer.app.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.Platform;
import org.barometer.app.admin.Role;
import org.barometer.app.publish.EditionProblem;
import org.barometer.app.publish.Messages;
import org.barometer.app.web.Web;

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

    public void register(RoutesConfig r) {
        r.get("/admin/analysis/{edition}", this::page);
    }

    /** A stored weights version as the page lists it. */
    public record WeightsRow(int version, String createdAt, String respondents, String cv, String kishDeff) {
    }

    /** A stored publication as the page lists it. */
    public record PublicationRow(long id, String publishedAt, int weightsVersion, int figures) {
    }

    private long editionId(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("edition"));
            boolean exists = platform.jdbi().withHandle(h -> h.createQuery("select count(*) from edition where id = :e")
                    .bind("e", id).mapTo(Integer.class).one()) > 0;
            if (!exists) {
                throw new NotFoundResponse();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new NotFoundResponse();
        }
    }

    void page(Context ctx) {
        Web.requireRole(ctx, Role.ANALYST);
        render(ctx, editionId(ctx), List.of(), null, ctx.queryParam("published"));
    }

    /**
     * The page with what was refused: the problems of an upload of edition files (nothing was stored), or why no
     * job was started.
     */
    public void refused(Context ctx, long editionId, List<EditionProblem> fileProblems, String jobRefused) {
        render(ctx, editionId, fileProblems, jobRefused, null);
    }

    private void render(Context ctx, long id, List<EditionProblem> fileProblems, String jobRefused, String published) {
        Messages m = Messages.of(PortalPages.locale(ctx));
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
