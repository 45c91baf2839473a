package org.barometer.app.portal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.barometer.app.publish.chart.ChartRenderer;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.http.Admission;
import org.barometer.app.publish.compute.Explorer;
import org.barometer.app.publish.compute.ExplorerQuery;
import org.barometer.app.publish.compute.ExplorerRefusal;
import org.barometer.app.publish.compute.FigureComputer;
import org.barometer.app.publish.chart.FigureDownloads;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.publish.compute.Headlines;
import org.barometer.app.text.Language;
import org.barometer.app.http.Web;
import org.barometer.app.series.FamilyFiles;

/**
 * The public portal in Danish and English: the front page with headline numbers, one page per theme with its
 * numbered figures, the explorer, the methods page, figure downloads, and the JSON API with its OpenAPI
 * document. Everything is served from the published aggregates; nothing here needs a signed-in user. Every
 * page and API call shows the edition staff chose to show first (else the newest), or the one {@code ?edition=}
 * names (its database id or its spec's id; unknown: 404; withdrawn: 410 with the withdrawal's notice), and the
 * navigation offers a switch between editions. The same pages and API calls under {@link #PREVIEW_PREFIX} show a
 * publication not yet released to staff (the route table lets no one else in), with a banner saying so.
 */
public final class PortalPages {

    public static final String PREFIX = "/portal";
    /** Where the self-test of the newest edition that offers one is (the {@code selftest} package's pages). */
    public static final String SELF_TEST = PREFIX + "/self-test";
    /** Where staff preview a publication not yet released: {@code /admin/preview/{publication}/portal/…}. */
    public static final String PREVIEW_PREFIX = "/admin/preview";

    /** The zone dates of the portal are shown in. */
    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Copenhagen");

    /**
     * The edition of the request being handled, bound by {@link #inEdition} around every portal handler, so
     * that handlers and templates read it from here instead of passing it along.
     */
    private static final ScopedValue<Shown> SHOWN = ScopedValue.newInstance();

    /** The bucket of explorer questions in the admission control's rate per client. */
    static final String EXPLORER_BUCKET = "explorer";

    private final PublishedEditions publications;
    private final Admission admission;
    private final FamilyFiles families;
    private final Supplier<PublishedEdition> edition = () -> SHOWN.get().entry().edition();

    /**
     * The portal of a running server: the publications stored in its database, as this node has loaded them; the
     * explorer's questions admitted by {@code admission}.
     */
    public PortalPages(PublishedEditions publications, Admission admission, FamilyFiles families) {
        this.publications = publications;
        this.admission = admission;
        this.families = families;
    }

    /** The explorer's answer, computed only as admission control allows. */
    private Explorer.Answer explore(Context ctx, PublishedEdition e, String q, String by, String filter)
            throws ExplorerRefusal {
        try {
            return admission.compute(ctx, EXPLORER_BUCKET, () -> e.explorer().answer(q, by, filter));
        } catch (ExplorerRefusal | RuntimeException refusedOrFailed) {
            throw refusedOrFailed;
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /**
     * The edition a request shows and the editions it can switch to.
     *
     * @param chosen whether the request named its edition ({@code ?edition=}); links then keep naming it, while
     *               pages reached without it follow the edition shown first
     * @param preview the address every link of a staff preview starts with ({@code /admin/preview/42}), or null
     */
    public record Shown(PublishedEditions.Entry entry, List<PublishedEditions.Entry> editions, boolean chosen,
                        String preview, java.util.Optional<org.barometer.app.series.Family> family) {
        /**
         * A portal or API address that keeps the chosen edition, e.g. {@code /portal/methods?edition=12}, or
         * stays in the preview ({@code /admin/preview/42/portal/methods}).
         */
        public String href(String path) {
            if (preview != null) {
                return preview + path;
            }
            return chosen ? path + (path.contains("?") ? "&" : "?") + "edition="
                    + URLEncoder.encode(entry.key(), StandardCharsets.UTF_8) : path;
        }

        /** Whether this is staff's preview of a publication not yet released. */
        public boolean previewing() {
            return preview != null;
        }

        /** Whether there is more than one edition to choose from. */
        public boolean switchable() {
            return editions.size() > 1;
        }

        /** The editions as the switcher offers them, newest first. */
        public List<EditionOption> options(Locale locale) {
            return editions.stream()
                    .map(e -> new EditionOption(e.key(), e.label(editions, locale), e.key().equals(entry.key())))
                    .toList();
        }

        /**
         * The editions as the navigator offers them: grouped by the family's series (a series' editions newest
         * first, named by their period), then the editions in no series; one group without a label when there is no
         * family.
         */
        public List<EditionGroup> groups(Locale locale) {
            List<EditionGroup> groups = new ArrayList<>();
            java.util.Set<String> placed = new java.util.HashSet<>();
            if (family.isPresent()) {
                for (org.barometer.app.series.Family.Series s : family.get().series()) {
                    List<EditionOption> options = new ArrayList<>();
                    for (org.barometer.app.series.Family.Edition fe : s.editions().reversed()) {
                        for (PublishedEditions.Entry e : editions) {
                            if (fe.microdata() && fe.editionName().equals(e.name())) {
                                options.add(new EditionOption(e.key(), fe.period(), e.key().equals(entry.key())));
                                placed.add(e.key());
                            }
                        }
                    }
                    if (!options.isEmpty()) {
                        groups.add(new EditionGroup(s.title().in(locale), options));
                    }
                }
            }
            List<EditionOption> rest = options(locale).stream().filter(o -> !placed.contains(o.key())).toList();
            if (!rest.isEmpty()) {
                groups.add(new EditionGroup(groups.isEmpty() ? null : Language.of(locale).t("portal.edition.others"),
                        rest));
            }
            return groups;
        }
    }

    /** An edition in the switcher. */
    public record EditionOption(String key, String label, boolean selected) {
    }

    /** A series' editions in the navigator (label null: the only group, shown without one). */
    public record EditionGroup(String label, List<EditionOption> options) {
    }

    /** The edition of the request being rendered (for the portal's templates). */
    public static Shown shown() {
        return SHOWN.get();
    }

    /**
     * Runs a handler with the edition its request names (404 when unknown, 410 when withdrawn), or else the one
     * shown first.
     */
    public Handler inEdition(Handler handler) {
        return ctx -> {
            String wanted = ctx.queryParam("edition");
            boolean chosen = wanted != null && !wanted.isBlank();
            if (chosen) {
                var withdrawn = publications.withdrawn(wanted.strip());
                if (withdrawn.isPresent()) {
                    withdrawn(ctx, withdrawn.get());
                    return;
                }
            }
            PublishedEditions.Entry named = chosen
                    ? publications.find(wanted.strip()).orElseThrow(NotFoundResponse::new) : null;
            List<PublishedEditions.Entry> all = publications.editions();
            if (all.isEmpty()) {
                List<PublishedEditions.Withdrawn> withdrawn = publications.withdrawn();
                if (withdrawn.isEmpty()) {
                    unpublished(ctx);
                } else {
                    withdrawn(ctx, withdrawn.getFirst());
                }
                return;
            }
            Shown shown = new Shown(chosen ? named : publications.first(all), all, chosen, null, families.current());
            ScopedValue.where(SHOWN, shown).call(() -> {
                handler.handle(ctx);
                return null;
            });
        };
    }

    /**
     * Runs a handler on staff's preview of the publication in the path, as the portal will show it once released
     * (404 when there is no such publication). A publication released already is previewed no more: the request
     * is sent to the same address on the portal itself.
     */
    public Handler inPreview(Handler handler) {
        return ctx -> {
            long id = Web.pathLong(ctx, "publication");
            var publication = publications.stored(id).orElseThrow(NotFoundResponse::new);
            String prefix = PREVIEW_PREFIX + "/" + id;
            if (publication.released()) {
                String query = ctx.queryString();
                ctx.redirect(ctx.path().substring(prefix.length()) + "?edition=" + publication.editionId()
                        + (query == null || query.isEmpty() ? "" : "&" + query), io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            PublishedEditions.Entry entry = new PublishedEditions.Entry(Long.toString(publication.editionId()),
                    publication.editionId(), publication.id(), publication.editionName(),
                    publications.preview(publication));
            Shown shown = new Shown(entry, List.of(entry), true, prefix, java.util.Optional.empty());
            ScopedValue.where(SHOWN, shown).call(() -> {
                handler.handle(ctx);
                return null;
            });
        };
    }

    /** A withdrawn publication's notice and date, as the portal shows it in its place. */
    public record Withdrawal(String name, String date, String notice) {
    }

    /**
     * What the portal answers for a withdrawn edition: 410 Gone, with the withdrawal's date and notice in the
     * visitor's language (a page, or JSON from the API).
     */
    private static void withdrawn(Context ctx, PublishedEditions.Withdrawn w) {
        Locale locale = locale(ctx);
        String date = w.withdrawal().at().atZoneSameInstant(ZONE).toLocalDate().format(
                java.time.format.DateTimeFormatter.ofPattern(locale.getLanguage().equals("da") ? "d. MMMM yyyy"
                        : "d MMMM yyyy", locale));
        String notice = w.withdrawal().notice(locale);
        ctx.status(410);
        if (ctx.path().startsWith("/api/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 410);
            body.put("error", "withdrawn");
            body.put("editionId", w.key());
            body.put("withdrawnAt", w.withdrawal().at().toString());
            body.put("notice", notice);
            ctx.json(body);
            return;
        }
        Web.render(ctx, "portal/withdrawn.jte", "withdrawal", new Withdrawal(w.name(), date, notice));
    }

    /**
     * What the portal answers while nothing is published: its front page says so (in the visitor's language), and
     * every other page and API call answers 404.
     */
    private static void unpublished(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            ctx.status(404).json(Map.of("status", 404, "error", "nothing is published yet"));
            return;
        }
        ctx.status(ctx.path().equals(PREFIX) ? 200 : 404);
        Web.render(ctx, "portal/unpublished.jte");
    }

    static Locale locale(Context ctx) {
        return Web.language(ctx).locale();
    }

    /** A headline number on the front page. */
    public record Headline(String value, String text, String interval) {
    }

    /** A link in the portal's navigation. */
    public record NavLink(String href, String label, boolean current) {
    }

    /** The portal's navigation: front page, themes, explorer and methods, each keeping the chosen edition. */
    List<NavLink> nav(Context ctx, Language m) {
        Shown shown = SHOWN.get();
        List<NavLink> links = new ArrayList<>();
        links.add(navLink(ctx, shown, PREFIX, m.t("portal.nav.front")));
        for (EditionSpec.Theme t : shown.entry().edition().spec().themes()) {
            links.add(navLink(ctx, shown, PREFIX + "/themes/" + t.id(), t.title().in(m.locale())));
        }
        links.add(navLink(ctx, shown, PREFIX + "/explorer", m.t("portal.nav.explorer")));
        links.add(navLink(ctx, shown, PREFIX + "/methods", m.t("portal.nav.methods")));
        if (shown.family().isPresent()) {
            // the statistic as a series, across editions and countries: the same pages whatever edition is shown
            links.add(new NavLink(PREFIX + "/indicators?lang=" + m.code(), m.t("series.nav.indicators"), false));
            links.add(new NavLink(PREFIX + "/countries?lang=" + m.code(), m.t("series.nav.countries"), false));
        }
        if (publications.editions().stream().anyMatch(e -> e.edition().spec().selfTest() != null)) {
            // offered only where an edition configures it, so a statistic without one is not sent to an empty page
            links.add(new NavLink(SELF_TEST + "?lang=" + m.code(), m.t("nav.selfTest"), false));
        }
        return links;
    }

    private static NavLink navLink(Context ctx, Shown shown, String path, String label) {
        return new NavLink(shown.href(path), label,
                ctx.path().equals(shown.previewing() ? shown.preview() + path : path));
    }

    public void front(Context ctx) {
        Language m = Language.of(locale(ctx));
        PublishedEdition e = edition.get();
        List<Headline> headlines = new ArrayList<>();
        for (Headlines.Result h : e.headlines()) {
            var share = h.published();
            headlines.add(new Headline(m.percent(share.estimate(), 0), h.headline().text().in(m.locale()),
                    m.t("portal.headline.interval", m.decimal(share.low() * 100, 1), m.decimal(share.high() * 100, 1),
                            m.integer(share.n()))));
        }
        List<NavLink> themes = nav(ctx, m).subList(1, 1 + e.spec().themes().size());
        EditionSpec.Portal portal = e.spec().portal();
        String lead = portal.lead() != null ? portal.lead().in(m.locale())
                : m.t("portal.front.lead", e.spec().title().in(m.locale()));
        Web.render(ctx, "portal/front.jte", "nav", nav(ctx, m), "title", portal.title().in(m.locale()), "lead", lead,
                "headlines", headlines, "themes", themes);
    }

    public void theme(Context ctx) {
        Language m = Language.of(locale(ctx));
        PublishedEdition e = edition.get();
        EditionSpec.Theme theme = e.themeInfo(ctx.pathParam("theme"));
        if (theme == null) {
            throw new NotFoundResponse();
        }
        List<FigureView> figures = e.theme(theme.id()).stream().map(f -> e.view(f, m.locale())).toList();
        Web.render(ctx, "portal/theme.jte", "nav", nav(ctx, m), "title", theme.title().in(m.locale()),
                "intro", theme.intro() == null ? "" : theme.intro().in(m.locale()), "figures", figures);
    }

    /** The explorer's form state and outcome. */
    public record ExplorerForm(String q, String by, String filter, List<ExplorerQuery.Choice> variables,
                               List<String> filterVariables, String example, List<ExplorerRefusal.Problem> problems) {

        public String problemFor(String field, Language language) {
            return problems.stream().filter(p -> p.parameter().equals(field)).map(p -> p.problem().message(language)
                    + (p.problem().position() >= 0 ? " (" + (p.problem().position() + 1) + ")" : "")).findFirst()
                    .orElse(null);
        }
    }

    public void explorer(Context ctx) {
        Language m = Language.of(locale(ctx));
        PublishedEdition e = edition.get();
        String q = ctx.queryParam("q");
        String by = ctx.queryParam("by");
        String filter = ctx.queryParam("filter");
        List<ExplorerRefusal.Problem> problems = new ArrayList<>();
        FigureView view = null;
        String hidden = null;
        if (q != null && !e.preview()) { // a preview's explorer answers nothing (see PublishedEdition.preview)
            try {
                Explorer.Answer answer = explore(ctx, e, q, by, filter);
                view = FigureView.of(answer.figure(), m.locale());
                hidden = hiddenGroups(answer, m);
            } catch (ExplorerRefusal refusal) {
                problems.addAll(refusal.problems());
                ctx.status(400);
            }
        }
        List<ExplorerQuery.Choice> variables = ExplorerQuery.variables(e.spec());
        String shownQ = q != null ? q : variables.isEmpty() ? "" : variables.getFirst().name();
        ExplorerForm form = new ExplorerForm(shownQ, by == null ? "" : by, filter == null ? "" : filter, variables,
                e.spec().explorer().filters(), ExplorerQuery.example(e.spec()), problems);
        Web.render(ctx, "portal/explorer.jte", "nav", nav(ctx, m), "form", form, "figure", view, "hidden", hidden);
    }

    /** The sentence naming the groups left out, or null when none was. */
    private static String hiddenGroups(Explorer.Answer answer, Language m) {
        if (answer.hiddenGroups().isEmpty()) {
            return null;
        }
        return m.t("portal.explorer.hiddenGroups", String.join(", ",
                answer.hiddenGroups().stream().map(l -> l.in(m.locale())).toList()));
    }

    public void methods(Context ctx) {
        Language m = Language.of(locale(ctx));
        PublishedEdition e = edition.get();
        Web.render(ctx, "portal/methods.jte", "nav", nav(ctx, m), "methods", MethodsView.of(e, m));
    }

    private FigureResult figureOr404(Context ctx) {
        FigureResult f = edition.get().figure(ctx.pathParam("id"));
        if (f == null) {
            throw new NotFoundResponse();
        }
        return f;
    }

    public void csv(Context ctx) {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + ".csv\"");
        ctx.result(FigureDownloads.csv(f, locale(ctx)));
    }

    public void xlsx(Context ctx) throws IOException {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + ".xlsx\"");
        ctx.result(FigureDownloads.xlsx(f, locale(ctx)));
    }

    /** The figure as PX (PC-Axis, UTF-8), Danish and English, as PxWeb reads it. */
    public void px(Context ctx) throws java.io.IOException {
        FigureResult f = figureOr404(ctx);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.barometer.formats.table.PxWriter.utf8().write(org.barometer.app.publish.chart.FigureTables.of(f, edition.get().spec().portal().title()), out);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + ".px\"");
        ctx.result(out.toByteArray());
    }

    /** The figure as a JSON-stat 2.0 dataset in the page's language. */
    public void jsonStat(Context ctx) throws java.io.IOException {
        FigureResult f = figureOr404(ctx);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.barometer.formats.table.JsonStatWriter.of(locale(ctx).getLanguage().equals("da") ? "da" : "en")
                .write(org.barometer.app.publish.chart.FigureTables.of(f, edition.get().spec().portal().title()), out);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(out.toByteArray());
    }

    public void svg(Context ctx) {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(ChartRenderer.render(f, locale(ctx)));
    }

    public void png(Context ctx) {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("image/png");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + "-" + locale(ctx).getLanguage() + ".png\"");
        ctx.result(FigureDownloads.png(f, locale(ctx)));
    }

    public void apiList(Context ctx) {
        Locale locale = locale(ctx);
        PublishedEdition e = edition.get();
        List<Map<String, Object>> list = new ArrayList<>();
        for (FigureResult f : e.figures()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", f.spec().id());
            item.put("number", f.spec().number());
            item.put("theme", f.spec().theme());
            item.put("title", f.spec().title().in(locale));
            item.put("href", SHOWN.get().href("/api/figures/" + f.spec().id()));
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edition", e.spec().id());
        body.put("editionId", SHOWN.get().entry().key());
        body.put("language", locale.getLanguage());
        body.put("figures", list);
        ctx.json(body);
    }

    /** The editions the portal shows, newest first, each with the value of {@code ?edition=} that names it. */
    public void apiEditions(Context ctx) {
        Locale locale = locale(ctx);
        List<PublishedEditions.Entry> all = publications.editions();
        PublishedEditions.Entry first = all.isEmpty() ? null : publications.first(all);
        List<Map<String, Object>> list = new ArrayList<>();
        for (PublishedEditions.Entry e : all) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.key());
            item.put("specId", e.specId());
            item.put("title", e.label(all, locale));
            item.put("publication", e.publicationId());
            item.put("newest", e == all.getFirst());
            item.put("default", e == first);
            item.put("figures", "/api/figures?edition=" + URLEncoder.encode(e.key(), StandardCharsets.UTF_8));
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", locale.getLanguage());
        body.put("editions", list);
        List<Map<String, Object>> withdrawn = new ArrayList<>();
        for (PublishedEditions.Withdrawn w : publications.withdrawn()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", w.key());
            item.put("name", w.name());
            item.put("publication", w.publicationId());
            item.put("withdrawnAt", w.withdrawal().at().toString());
            item.put("notice", w.withdrawal().notice(locale));
            withdrawn.add(item);
        }
        body.put("withdrawn", withdrawn);
        ctx.json(body);
    }

    public void apiFigure(Context ctx) {
        ctx.json(FigureJson.of(figureOr404(ctx), locale(ctx)));
    }

    public void apiExplore(Context ctx) {
        if (edition.get().preview()) {
            ctx.status(409).json(Map.of("status", 409, "error", "the explorer answers once the edition is released"));
            return;
        }
        try {
            Explorer.Answer answer = explore(ctx, edition.get(), ctx.queryParam("q"), ctx.queryParam("by"),
                    ctx.queryParam("filter"));
            Map<String, Object> body = FigureJson.of(answer.figure(), locale(ctx));
            body.put("hiddenGroups", answer.hiddenGroups().stream().map(l -> l.in(locale(ctx))).toList());
            ctx.json(body);
        } catch (ExplorerRefusal refusal) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (ExplorerRefusal.Problem p : refusal.problems()) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("parameter", p.parameter());
                err.put("reason", p.reason());
                if (p.problem().position() >= 0) {
                    err.put("position", p.problem().position());
                }
                err.put("message", p.problem().message(Web.language(ctx)));
                errors.add(err);
            }
            ctx.status(400).json(Map.of("errors", errors));
        }
    }

    public void openApi(Context ctx) throws IOException {
        try (InputStream in = PortalPages.class.getResourceAsStream("/org/barometer/app/portal/openapi.json")) {
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
