package org.barometer.app.publish.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.WeightsStore;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.platform.Platform;
import org.barometer.app.publish.compute.PublicationStore;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.access.Role;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.text.Language;
import org.barometer.app.http.Web;

/**
 * The analysts' page of an edition's analysis: submitted responses, the edition files with their upload form,
 * every stored weights version with its diagnostics, the publications, and the background jobs that weight and
 * publish (the upload and the jobs are handled by {@link org.barometer.app.publish.job.PublishJobPages}: a refused
 * upload stores nothing, a job that fails leaves the last publication in place).
 */
public final class AnalysisPages {

    private final Platform platform;

    public AnalysisPages(Platform platform) {
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

    /**
     * A stored publication as the page lists it.
     *
     * @param withdrawnAt when it was withdrawn (Danish time), or null
     */
    public record PublicationRow(long id, String publishedAt, int weightsVersion, int figures, String releaseAt,
                                 boolean released, String withdrawnAt) {
    }

    /**
     * What the portal shows of the edition.
     *
     * @param publication the publication it shows (its latest released one), or 0 for none
     * @param withdrawal  that publication's withdrawal, or null
     * @param shownFirst  whether staff chose this edition to be shown first
     */
    public record PortalState(long publication, String since, PublicationStore.Withdrawal withdrawal,
                              String withdrawnAt, boolean shownFirst) {
        /** Whether the portal shows the edition's figures (so it can be withdrawn and chosen to be shown first). */
        public boolean published() {
            return publication != 0 && withdrawal == null;
        }
    }

    /** What was refused on the page, by field ({@code notice_da}, {@code withdraw}, …), and the values sent. */
    public record Refusals(java.util.Map<String, String> byField, String noticeDa, String noticeEn) {
        static final Refusals NONE = new Refusals(java.util.Map.of(), "", "");

        public String of(String field) {
            return byField.get(field);
        }
    }

    /** The longest withdrawal notice, in characters. */
    static final int NOTICE_MAX = 2_000;

    private long editionId(Context ctx) {
        return edition(ctx).id();
    }

    private Edition edition(Context ctx) {
        return new EditionStore(platform.jdbi()).find(Web.pathLong(ctx, "edition")).orElseThrow(NotFoundResponse::new);
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
        Edition edition = edition(ctx);
        long version = Web.pathLong(ctx, "version");
        Language m = Web.language(ctx);
        WeightsStore.Version row = version > Integer.MAX_VALUE ? null
                : new WeightsStore(platform.jdbi()).find(edition.id(), (int) version).orElse(null);
        if (row == null) {
            throw new NotFoundResponse();
        }
        JsonNode d;
        try {
            d = JSON.readTree(row.diagnostics());
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
        WeightsDetail detail = new WeightsDetail((int) version, minutes(row.createdAt()), row.method(),
                m.integer(d.path("respondents").asLong()),
                range(m, d.path("designWeightRange").path(0).asDouble(), d.path("designWeightRange").path(1).asDouble()),
                range(m, d.path("min").asDouble(), d.path("max").asDouble()), m.decimal(d.path("cv").asDouble(), 3),
                m.decimal(d.path("kishDeff").asDouble(), 3), m.integer(d.path("rakingSweeps").asLong()),
                groupNames.isEmpty() ? m.t("analysis.weights.strata") : String.join(", ", groupNames), merged,
                d.path("trimAbove").asDouble() > 0 ? m.decimal(d.path("trimAbove").asDouble(), 2) : m.t("analysis.weights.noTrim"),
                margins);
        Web.render(ctx, "publish/weights.jte", "editionId", edition.id(), "name", edition.name(), "w", detail);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode diagnostics(WeightsStore.Version v) {
        try {
            return JSON.readTree(v.diagnostics());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored weights diagnostics are not JSON", e);
        }
    }

    /** A time as the page shows it: {@code 2026-12-01 20:43} (UTC, as the database wrote it before). */
    private static String minutes(java.time.OffsetDateTime t) {
        return t.atZoneSameInstant(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

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

    /** The zone release times are entered and shown in. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Copenhagen");

    private static String local(java.time.OffsetDateTime t) {
        return t.atZoneSameInstant(ZONE).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    /**
     * Sets when the edition's publications are released (an embargo): a date and a time in Danish time, or neither
     * for "as soon as made". A publication not yet released follows the new time; one released stays public.
     */
    public void release(Context ctx) {
        long id = editionId(ctx);
        new EditionStore(platform.jdbi()).find(id).orElseThrow(NotFoundResponse::new);
        String date = ctx.formParam("release_date");
        String time = ctx.formParam("release_time");
        java.time.OffsetDateTime at = null;
        if (date != null && !date.isBlank()) {
            try {
                java.time.LocalTime clock = time == null || time.isBlank() ? java.time.LocalTime.MIDNIGHT
                        : java.time.LocalTime.parse(time.strip());
                at = java.time.LocalDate.parse(date.strip()).atTime(clock).atZone(ZONE).toOffsetDateTime();
            } catch (java.time.format.DateTimeParseException e) {
                ctx.status(io.javalin.http.HttpStatus.UNPROCESSABLE_CONTENT);
                renderWith(ctx, id, List.of(), null, null, Web.t(ctx, "analysis.release.error", date + " " + time));
                return;
            }
        }
        new PublicationStore(platform.jdbi()).setRelease(id, at);
        Web.audit(ctx, "analysis.release", "edition:" + id, at == null ? "at once" : at.toString());
        ctx.redirect("/admin/analysis/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * Withdraws the publication the portal shows of the edition, with a notice in Danish and in English that the
     * portal shows in its place (every node from its next check on). Refused, changing nothing, without both
     * notices, or when nothing of the edition is public (never released, or withdrawn already).
     */
    public void withdraw(Context ctx) {
        long id = editionId(ctx);
        String da = formText(ctx, "notice_da");
        String en = formText(ctx, "notice_en");
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (String[] field : new String[][] {{"notice_da", da}, {"notice_en", en}}) {
            if (field[1].isEmpty()) {
                errors.put(field[0], Web.t(ctx, "analysis.withdraw.missing." + field[0]));
            } else if (field[1].length() > NOTICE_MAX) {
                errors.put(field[0], Web.t(ctx, "analysis.withdraw.tooLong." + field[0], NOTICE_MAX));
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(io.javalin.http.HttpStatus.UNPROCESSABLE_CONTENT);
            renderWith(ctx, id, List.of(), null, null, null, new Refusals(errors, da, en));
            return;
        }
        PublicationStore store = new PublicationStore(platform.jdbi());
        var user = Web.user(ctx);
        var refused = store.withdraw(id, user == null ? null : user.username(), da, en);
        if (refused.isPresent()) {
            ctx.status(io.javalin.http.HttpStatus.CONFLICT);
            renderWith(ctx, id, List.of(), null, null, null, new Refusals(java.util.Map.of("withdraw",
                    Web.t(ctx, "analysis.withdraw.refused." + refused.get().name())), da, en));
            return;
        }
        long publication = store.latest(id).map(PublicationStore.Stored::id).orElse(0L);
        Web.audit(ctx, "analysis.withdraw", "edition:" + id, "publication " + publication + "; da: " + da + "; en: " + en);
        ctx.redirect("/admin/analysis/" + id + "?withdrawn=" + publication + "#portal", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * Chooses the edition the portal shows first ({@code shown_first=yes}), or lets it show the newest published
     * edition first again ({@code no}); an edition whose figures the portal does not show (never released, or
     * withdrawn) is refused, changing nothing.
     */
    public void showFirst(Context ctx) {
        long id = editionId(ctx);
        String choice = formText(ctx, "shown_first");
        PublicationStore store = new PublicationStore(platform.jdbi());
        var user = Web.user(ctx);
        java.util.Optional<PublicationStore.Refusal> refused;
        if (choice.equals("yes")) {
            refused = store.showFirst(id, user == null ? null : user.username());
        } else if (choice.equals("no")) {
            store.showNewestFirst();
            refused = java.util.Optional.empty();
        } else {
            ctx.status(io.javalin.http.HttpStatus.UNPROCESSABLE_CONTENT);
            renderWith(ctx, id, List.of(), null, null, null, new Refusals(java.util.Map.of("shown_first",
                    Web.t(ctx, "analysis.shownFirst.choose")), "", ""));
            return;
        }
        if (refused.isPresent()) {
            ctx.status(io.javalin.http.HttpStatus.CONFLICT);
            renderWith(ctx, id, List.of(), null, null, null, new Refusals(java.util.Map.of("shown_first",
                    Web.t(ctx, "analysis.shownFirst.refused." + refused.get().name())), "", ""));
            return;
        }
        Web.audit(ctx, "analysis.shownFirst", "edition:" + id, choice.equals("yes") ? "shown first" : "newest first");
        ctx.redirect("/admin/analysis/" + id + "#portal", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String formText(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    private void render(Context ctx, long id, List<EditionProblem> fileProblems, String jobRefused, String published) {
        renderWith(ctx, id, fileProblems, jobRefused, published, null, Refusals.NONE);
    }

    private void renderWith(Context ctx, long id, List<EditionProblem> fileProblems, String jobRefused,
                            String published, String releaseError) {
        renderWith(ctx, id, fileProblems, jobRefused, published, releaseError, Refusals.NONE);
    }

    private void renderWith(Context ctx, long id, List<EditionProblem> fileProblems, String jobRefused,
                            String published, String releaseError, Refusals refusals) {
        Language m = Web.language(ctx);
        Edition edition = new EditionStore(platform.jdbi()).find(id).orElseThrow(NotFoundResponse::new);
        int submitted = new ResponseStore(platform.jdbi()).submittedCount(id);
        List<WeightsRow> weights = new ArrayList<>();
        for (WeightsStore.Version v : new WeightsStore(platform.jdbi()).ofEdition(id)) {
            JsonNode d = diagnostics(v);
            weights.add(new WeightsRow(v.version(), minutes(v.createdAt()), d.path("respondents").asText(),
                    m.decimal(d.path("cv").asDouble(), 3), m.decimal(d.path("kishDeff").asDouble(), 3)));
        }
        List<PublicationRow> publications = new ArrayList<>();
        for (PublicationStore.Stored p : new PublicationStore(platform.jdbi()).ofEdition(id)) {
            publications.add(new PublicationRow(p.id(), minutes(p.publishedAt()), p.weightsVersion(), p.figureCount(),
                    local(p.releaseAt()), p.released(), p.withdrawn() ? local(p.withdrawal().at()) : null));
        }
        PublicationStore store = new PublicationStore(platform.jdbi());
        PortalState portal = store.latest(id).map(p -> new PortalState(p.id(), local(p.releaseAt()), p.withdrawal(),
                        p.withdrawn() ? local(p.withdrawal().at()) : null, p.shownFirst()))
                .orElse(new PortalState(0, null, null, null, false));
        Object[] data = {edition.name(), submitted, weights, publications};
        Web.render(ctx, "publish/edition.jte", "editionId", id, "name", data[0], "submitted", data[1],
                "weights", data[2], "publications", data[3], "fileProblems", fileProblems, "jobRefused", jobRefused,
                "published", published, "files", new EditionFilesStore(platform.jdbi()).current(id).orElse(null),
                "jobRows", new JobStore(platform.jdbi()).ofEdition(id, 10), "releaseError", releaseError,
                "portal", portal, "refusals", refusals,
                "scheduled", new PublicationStore(platform.jdbi()).releaseOf(id).map(AnalysisPages::local).orElse(null));
    }
}
