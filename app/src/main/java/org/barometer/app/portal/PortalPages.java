package org.barometer.app.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.app.publish.ChartRenderer;
import org.barometer.app.publish.EditionException;
import org.barometer.app.publish.EditionProblem;
import org.barometer.app.publish.EditionSpec;
import org.barometer.app.publish.ExplorerQuery;
import org.barometer.app.publish.FigureComputer;
import org.barometer.app.publish.FigureDownloads;
import org.barometer.app.publish.FigureResult;
import org.barometer.app.publish.FigureSpec;
import org.barometer.app.publish.Headlines;
import org.barometer.app.publish.Messages;
import org.barometer.app.web.Web;

/**
 * The public portal in Danish and English: the front page with headline numbers, one page per theme with its
 * numbered figures, the explorer, the methods page, figure downloads, and the JSON API with its OpenAPI
 * document. Everything is served from the published aggregates; nothing here needs a signed-in user.
 */
public final class PortalPages {

    public static final String PREFIX = "/portal";

    private final java.util.function.Supplier<PublishedEdition> edition;

    public PortalPages() {
        this(PublishedEdition::current);
    }

    /** The portal of a running server: shows the latest publication stored in its database, if any. */
    public PortalPages(org.barometer.app.Platform platform) {
        this(() -> PublishedEdition.current(platform.jdbi()));
    }

    public PortalPages(java.util.function.Supplier<PublishedEdition> edition) {
        this.edition = edition;
    }

    public void register(RoutesConfig r) {
        r.get(PREFIX, this::front);
        r.get(PREFIX + "/themes/{theme}", this::theme);
        r.get(PREFIX + "/explorer", this::explorer);
        r.get(PREFIX + "/methods", this::methods);
        r.get(PREFIX + "/figures/{id}/data.csv", this::csv);
        r.get(PREFIX + "/figures/{id}/data.xlsx", this::xlsx);
        r.get(PREFIX + "/figures/{id}/chart.svg", this::svg);
        r.get("/api/figures", this::apiList);
        r.get("/api/figures/{id}", this::apiFigure);
        r.get("/api/explore", this::apiExplore);
        r.get("/api/openapi.json", this::openApi);
    }

    static Locale locale(Context ctx) {
        return "da".equals(Web.lang(ctx)) ? Messages.DANISH : Messages.ENGLISH;
    }

    /** A headline number on the front page. */
    public record Headline(String value, String text, String interval) {
    }

    /** A link in the portal's navigation. */
    public record NavLink(String href, String label, boolean current) {
    }

    List<NavLink> nav(Context ctx, Messages m) {
        PublishedEdition e = edition.get();
        List<NavLink> links = new ArrayList<>();
        links.add(new NavLink(PREFIX, m.get("portal.nav.front"), ctx.path().equals(PREFIX)));
        for (EditionSpec.Theme t : e.spec().themes()) {
            String href = PREFIX + "/themes/" + t.id();
            links.add(new NavLink(href, t.title().in(m.locale()), ctx.path().equals(href)));
        }
        links.add(new NavLink(PREFIX + "/explorer", m.get("portal.nav.explorer"), ctx.path().equals(PREFIX + "/explorer")));
        links.add(new NavLink(PREFIX + "/methods", m.get("portal.nav.methods"), ctx.path().equals(PREFIX + "/methods")));
        return links;
    }

    void front(Context ctx) {
        Messages m = Messages.of(locale(ctx));
        PublishedEdition e = edition.get();
        List<Headline> headlines = new ArrayList<>();
        for (Headlines.Result h : Headlines.compute(e.spec(), e.data(), e.estimator())) {
            var share = h.share();
            headlines.add(new Headline(m.percent(share.estimate(), 0), h.headline().text().in(m.locale()),
                    m.get("portal.headline.interval", m.decimal(share.low() * 100, 1), m.decimal(share.high() * 100, 1),
                            m.integer(share.n()))));
        }
        List<NavLink> themes = nav(ctx, m).subList(1, 1 + e.spec().themes().size());
        Web.render(ctx, "portal/front.jte", "m", m, "nav", nav(ctx, m), "edition", e.spec().title().in(m.locale()),
                "headlines", headlines, "themes", themes);
    }

    void theme(Context ctx) {
        Messages m = Messages.of(locale(ctx));
        PublishedEdition e = edition.get();
        EditionSpec.Theme theme = e.themeInfo(ctx.pathParam("theme"));
        if (theme == null) {
            throw new NotFoundResponse();
        }
        List<FigureView> figures = e.theme(theme.id()).stream().map(f -> FigureView.of(f, m.locale())).toList();
        Web.render(ctx, "portal/theme.jte", "m", m, "nav", nav(ctx, m), "title", theme.title().in(m.locale()),
                "intro", theme.intro() == null ? "" : theme.intro().in(m.locale()), "figures", figures);
    }

    /** The explorer's form state and outcome. */
    public record ExplorerForm(String q, String by, String filter, List<ExplorerQuery.Choice> variables,
                               List<EditionProblem> problems) {
        /** A filter to show as an example. */
        public String example() {
            return "${innovator} = 1 and ${gov_level} = 'municipality'";
        }

        public String problemFor(String field) {
            return problems.stream().filter(p -> p.place().equals(field)).map(p -> p.message()
                    + (p.position() >= 0 ? " (" + (p.position() + 1) + ")" : "")).findFirst().orElse(null);
        }
    }

    void explorer(Context ctx) {
        Messages m = Messages.of(locale(ctx));
        PublishedEdition e = edition.get();
        String q = ctx.queryParam("q");
        String by = ctx.queryParam("by");
        String filter = ctx.queryParam("filter");
        List<EditionProblem> problems = new ArrayList<>();
        FigureView view = null;
        if (q != null) {
            try {
                FigureResult result = explore(e, q, by, filter, m);
                view = FigureView.of(result, m.locale());
            } catch (EditionException ex) {
                problems.addAll(ex.problems());
                ctx.status(400);
            }
        }
        ExplorerForm form = new ExplorerForm(q == null ? "tech_role" : q, by == null ? "" : by, filter == null ? "" : filter,
                ExplorerQuery.variables(e.spec()), problems);
        Web.render(ctx, "portal/explorer.jte", "m", m, "nav", nav(ctx, m), "form", form, "figure", view);
    }

    static FigureResult explore(PublishedEdition e, String q, String by, String filter, Messages m) throws EditionException {
        String key = q + "\u0000" + (by == null ? "" : by) + "\u0000" + (filter == null ? "" : filter.strip());
        FigureResult cached = e.explorerCache().get(key);
        if (cached != null) {
            return cached;
        }
        FigureSpec spec = ExplorerQuery.build(e.spec(), q, by, filter, m);
        FigureResult result = FigureComputer.compute(e.spec(), spec, e.data(), e.estimator());
        if (e.explorerCache().size() < 10_000) {
            e.explorerCache().put(key, result);
        }
        return result;
    }

    void methods(Context ctx) {
        Messages m = Messages.of(locale(ctx));
        PublishedEdition e = edition.get();
        Web.render(ctx, "portal/methods.jte", "m", m, "nav", nav(ctx, m), "methods", MethodsView.of(e, m));
    }

    private FigureResult figureOr404(Context ctx) {
        FigureResult f = edition.get().figure(ctx.pathParam("id"));
        if (f == null) {
            throw new NotFoundResponse();
        }
        return f;
    }

    void csv(Context ctx) {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + ".csv\"");
        ctx.result(FigureDownloads.csv(f, locale(ctx)));
    }

    void xlsx(Context ctx) throws IOException {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.spec().id() + ".xlsx\"");
        ctx.result(FigureDownloads.xlsx(f, locale(ctx)));
    }

    void svg(Context ctx) {
        FigureResult f = figureOr404(ctx);
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(ChartRenderer.render(f, locale(ctx)));
    }

    void apiList(Context ctx) {
        Locale locale = locale(ctx);
        PublishedEdition e = edition.get();
        List<Map<String, Object>> list = new ArrayList<>();
        for (FigureResult f : e.figures()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", f.spec().id());
            item.put("number", f.spec().number());
            item.put("theme", f.spec().theme());
            item.put("title", f.spec().title().in(locale));
            item.put("href", "/api/figures/" + f.spec().id());
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edition", e.spec().id());
        body.put("language", locale.getLanguage());
        body.put("figures", list);
        ctx.json(body);
    }

    void apiFigure(Context ctx) {
        ctx.json(FigureJson.of(figureOr404(ctx), locale(ctx)));
    }

    void apiExplore(Context ctx) {
        try {
            ctx.json(FigureJson.of(explore(edition.get(), ctx.queryParam("q"), ctx.queryParam("by"), ctx.queryParam("filter"),
                    Messages.of(locale(ctx))), locale(ctx)));
        } catch (EditionException ex) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (EditionProblem p : ex.problems()) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("parameter", p.place());
                if (p.position() >= 0) {
                    err.put("position", p.position());
                }
                err.put("message", p.message());
                errors.add(err);
            }
            ctx.status(400).json(Map.of("errors", errors));
        }
    }

    void openApi(Context ctx) throws IOException {
        try (InputStream in = PortalPages.class.getResourceAsStream("/org/barometer/app/portal/openapi.json")) {
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
