package org.barometer.app.portal;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.http.Web;
import org.barometer.app.series.Family;
import org.barometer.app.series.FamilyFiles;
import org.barometer.app.series.TrendChart;
import org.barometer.app.series.Trends;
import org.barometer.app.text.Language;
import org.barometer.formats.table.Category;
import org.barometer.formats.table.Cell;
import org.barometer.formats.table.Dimension;
import org.barometer.formats.table.JsonStatWriter;
import org.barometer.formats.table.PxWriter;
import org.barometer.formats.table.StatTable;
import org.barometer.formats.sheet.SpreadsheetText;

/**
 * The portal's pages of the statistic as a series: the harmonised indicators, each indicator's trend in a series
 * (its chart, its table, the change between two editions with its test, its downloads), the countries side by
 * side, and {@code GET /api/series}. An edition is named by its series and its own id, {@code dk/2019}: an
 * edition's id is unique within its series only. Every number comes from {@link Trends}, under the same rules of
 * disclosure as the figures.
 */
public final class SeriesPages {

    private final PublishedEditions publications;
    private final FamilyFiles families;

    public SeriesPages(PublishedEditions publications, FamilyFiles families) {
        this.publications = publications;
        this.families = families;
    }

    /** A row of an indicator's table: an edition with its published numbers and where they come from. */
    public record PointRow(String key, String period, String estimate, String interval, String n, String source,
                           boolean synthetic, String breakNote) {
    }

    /** The change between two editions as a page shows it. */
    public record ChangeView(String from, String to, String estimate, String se, String interval, String p,
                             String df, String caption, boolean comparable) {
    }

    /** A link to a series or an edition pair. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** An indicator in the list, with its latest number in each series it applies to. */
    public record IndicatorItem(String id, String name, String wording, boolean core, List<String[]> latest) {
    }

    /** A row of the country comparison. */
    public record CountryRow(String country, String series, String period, String estimate, String interval,
                             String n, String source, boolean synthetic, String respondents, String sectors) {
    }

    private Family family() {
        return families.current().orElseThrow(NotFoundResponse::new);
    }

    private Optional<Trends.EditionData> data(String editionName) {
        for (PublishedEditions.Entry e : publications.editions()) {
            if (editionName.equals(e.name())) {
                PublishedEdition p = e.edition();
                return Optional.of(new Trends.EditionData(p.data(), p.estimator(), p.keys(), p.spec().minCellCount(),
                        p.spec().level()));
            }
        }
        return Optional.empty();
    }

    private static Language language(Context ctx) {
        return Language.of(Web.language(ctx).locale());
    }

    /** {@code /portal/indicators}: every harmonised indicator, with its latest number in each series. */
    public void indicators(Context ctx) {
        Family family = family();
        Language m = language(ctx);
        List<IndicatorItem> items = new ArrayList<>();
        for (Family.Indicator i : family.indicators()) {
            List<String[]> latest = new ArrayList<>();
            for (Family.Series s : family.series()) {
                if (!i.appliesTo(s)) {
                    continue;
                }
                Trends.Trend t = Trends.of(family, s, i, this::data);
                List<Trends.Point> shown = t.points().stream().filter(Trends.Point::shown).toList();
                String href = "/portal/indicators/" + i.id() + "?series=" + s.id() + "&lang=" + m.code();
                latest.add(new String[] {s.title().in(m.locale()), shown.isEmpty() ? "–"
                        : m.percent(shown.getLast().estimate(), 0) + " (" + shown.getLast().edition().period() + ")", href});
            }
            items.add(new IndicatorItem(i.id(), i.name().in(m.locale()), i.wording().in(m.locale()), i.core(), latest));
        }
        Web.render(ctx, "portal/indicators.jte", "title", family.title().in(m.locale()), "items", items);
    }

    private record Chosen(Family family, Family.Indicator indicator, Family.Series series, Trends.Trend trend) {
    }

    private Chosen chosen(Context ctx) {
        Family family = family();
        Family.Indicator indicator = family.indicator(ctx.pathParam("id")).orElseThrow(NotFoundResponse::new);
        String wanted = ctx.queryParam("series");
        Family.Series series = wanted == null || wanted.isBlank()
                ? family.series().stream().filter(indicator::appliesTo).findFirst().orElseThrow(NotFoundResponse::new)
                : family.series(wanted).filter(indicator::appliesTo).orElseThrow(NotFoundResponse::new);
        return new Chosen(family, indicator, series, Trends.of(family, series, indicator, this::data));
    }

    /** {@code /portal/indicators/{id}?series=dk&from=2016&to=2019}: an indicator's trend in a series. */
    public void indicator(Context ctx) {
        Chosen c = chosen(ctx);
        Language m = language(ctx);
        Locale locale = m.locale();
        Trends.Trend trend = c.trend();
        List<PointRow> rows = new ArrayList<>();
        for (Trends.Point p : trend.points()) {
            rows.add(row(p, m));
        }
        List<Trends.Point> shown = trend.points().stream().filter(Trends.Point::shown).toList();
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if ((from == null || to == null) && shown.size() >= 2) {
            from = shown.get(shown.size() - 2).edition().id();
            to = shown.getLast().edition().id();
        }
        ChangeView change = null;
        if (from != null && to != null) {
            Optional<Trends.Change> between = trend.between(from, to);
            if (between.isEmpty() && (ctx.queryParam("from") != null || ctx.queryParam("to") != null)) {
                throw new NotFoundResponse();
            }
            change = between.map(ch -> view(ch, trend, m)).orElse(null);
        }
        List<String> steps = trend.steps().stream().map(ch -> caption(ch, trend, m)).toList();
        List<Choice> seriesChoices = c.family().series().stream().filter(c.indicator()::appliesTo)
                .map(s -> new Choice(s.id(), s.title().in(locale), s == c.series())).toList();
        String fromId = from;
        String toId = to;
        List<Choice> fromChoices = shown.stream().map(p -> new Choice(p.edition().id(), p.edition().period(),
                p.edition().id().equals(fromId))).toList();
        List<Choice> toChoices = shown.stream().map(p -> new Choice(p.edition().id(), p.edition().period(),
                p.edition().id().equals(toId))).toList();
        String title = c.indicator().name().in(locale) + " – " + c.series().title().in(locale);
        String description = steps.isEmpty() ? m.t("series.trend.noChange") : String.join(" ", steps);
        String svg = TrendChart.trend(title, description, chartPoints(trend), m.t("series.trend.break"),
                m.t("series.notShown"));
        String base = "/portal/indicators/" + c.indicator().id();
        String query = "?series=" + c.series().id();
        Web.render(ctx, "portal/indicator.jte", "title", title, "wording", c.indicator().wording().in(locale),
                "indicatorId", c.indicator().id(), "seriesId", c.series().id(),
                "rows", rows, "svg", svg, "steps", steps, "change", change, "series", seriesChoices,
                "fromChoices", fromChoices, "toChoices", toChoices, "respondents",
                c.series().respondents().in(locale), "sectors", c.series().sectors().in(locale),
                "csv", base + "/data.csv" + query, "px", base + "/data.px" + query,
                "jsonStat", base + "/data.json-stat" + query + "&lang=" + m.code(),
                "synthetic", trend.points().stream().anyMatch(p -> p.edition().synthetic()));
    }

    private static List<TrendChart.Point> chartPoints(Trends.Trend trend) {
        List<TrendChart.Point> out = new ArrayList<>();
        for (Trends.Point p : trend.points()) {
            out.add(new TrendChart.Point(p.edition().period(), p.shown(), p.estimate(), p.low(), p.high(),
                    p.breakNote() != null));
        }
        return out;
    }

    private static PointRow row(Trends.Point p, Language m) {
        String source = p.aggregate() == null ? m.t("series.source.microdata")
                : m.t("series.source.aggregate", p.aggregate().source().publisher(), p.aggregate().source().table(),
                p.aggregate().source().date(), p.aggregate().source().licence());
        return new PointRow(p.key(), p.edition().period(), p.shown() ? m.percent(p.estimate(), 1) : m.t("series.notShown"),
                p.shown() && !Double.isNaN(p.low()) ? m.percent(p.low(), 1) + " – " + m.percent(p.high(), 1) : "–",
                p.shown() ? m.integer(p.n()) : "–", source, p.edition().synthetic(),
                p.breakNote() == null ? null : p.breakNote().in(m.locale()));
    }

    private static ChangeView view(Trends.Change ch, Trends.Trend trend, Language m) {
        return new ChangeView(ch.from().edition().period(), ch.to().edition().period(),
                m.decimal(ch.estimate() * 100, 1), m.decimal(ch.se() * 100, 1),
                m.decimal(ch.low() * 100, 1) + " – " + m.decimal(ch.high() * 100, 1),
                Double.isNaN(ch.p()) ? "–" : m.decimal(ch.p(), 3),
                Double.isInfinite(ch.df()) ? m.t("series.change.normal") : m.integer(Math.round(ch.df())),
                caption(ch, trend, m), ch.comparable());
    }

    /** The change in words, written from the numbers and the edition's level. */
    static String caption(Trends.Change ch, Trends.Trend trend, Language m) {
        String a = m.percent(ch.from().estimate(), 0);
        String b = m.percent(ch.to().estimate(), 0);
        String level = m.decimal(trend.significance(), 2);
        if (!ch.comparable()) {
            return m.t("series.caption.notComparable", a, ch.from().edition().period(), b, ch.to().edition().period());
        }
        String direction = ch.estimate() > 0 ? "series.caption.rose" : ch.estimate() < 0 ? "series.caption.fell"
                : "series.caption.same";
        String test = m.t(ch.significant() ? "series.caption.significant" : "series.caption.notSignificant", level);
        return m.t(direction, a, ch.from().edition().period(), b, ch.to().edition().period()) + "; " + test + ".";
    }

    /** {@code /portal/indicators/{id}/trend.svg?series=dk}: the trend chart alone. */
    public void svg(Context ctx) {
        Chosen c = chosen(ctx);
        Language m = language(ctx);
        String title = c.indicator().name().in(m.locale()) + " – " + c.series().title().in(m.locale());
        List<String> steps = c.trend().steps().stream().map(ch -> caption(ch, c.trend(), m)).toList();
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(TrendChart.trend(title, String.join(" ", steps), chartPoints(c.trend()), m.t("series.trend.break"),
                m.t("series.notShown")));
    }

    /** {@code /portal/indicators/{id}/data.csv?series=dk}: the trend's table. */
    public void csv(Context ctx) {
        Chosen c = chosen(ctx);
        Language m = language(ctx);
        StringBuilder out = new StringBuilder();
        out.append(SpreadsheetText.csvLine(List.of(m.t("series.csv.edition"), m.t("series.csv.period"),
                m.t("series.csv.estimate"), m.t("series.csv.lower"), m.t("series.csv.upper"), "n",
                m.t("series.csv.source"), m.t("series.csv.synthetic"))));
        for (Trends.Point p : c.trend().points()) {
            out.append(SpreadsheetText.csvLine(List.of(p.key(), p.edition().period(),
                    p.shown() ? number(p.estimate()) : "",
                    p.shown() && !Double.isNaN(p.low()) ? number(p.low()) : "",
                    p.shown() && !Double.isNaN(p.high()) ? number(p.high()) : "",
                    p.shown() ? Long.toString(p.n()) : "",
                    p.aggregate() == null ? m.t("series.source.microdata") : p.aggregate().source().publisher()
                            + ", " + p.aggregate().source().table(),
                    p.edition().synthetic() ? "1" : "0")));
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.indicator().id() + "-" + c.series().id() + ".csv\"");
        ctx.result(out.toString());
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** The trend as a statistical table: editions across, the share with its interval and n as measures. */
    private static StatTable table(Chosen c) {
        List<Category> editions = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (Trends.Point p : c.trend().points()) {
            editions.add(new Category(p.edition().id(),
                    org.barometer.formats.LocalizedText.daEn(p.edition().period(), p.edition().period())));
            cells.add(p.shown() ? Cell.shown(pct(p.estimate()), Double.isNaN(p.low()) ? null : pct(p.low()),
                    Double.isNaN(p.high()) ? null : pct(p.high()), p.n()) : Cell.suppressed());
        }
        var title = org.barometer.formats.LocalizedText.daEn(
                c.indicator().name().da() + " – " + c.series().title().da(),
                c.indicator().name().en() + " – " + c.series().title().en());
        return new StatTable((c.indicator().id() + "_" + c.series().id()).replaceAll("[^A-Za-z0-9_]", "_"), "barometer",
                List.of("da", "en"), org.barometer.formats.LocalizedText.daEn(c.family().title().da(),
                c.family().title().en()), title,
                org.barometer.formats.LocalizedText.daEn(c.indicator().wording().da(), c.indicator().wording().en()),
                org.barometer.formats.LocalizedText.daEn("procent", "per cent"), null, 2, List.of(),
                List.of(new Dimension("edition", org.barometer.formats.LocalizedText.daEn("Udgave", "Edition"),
                        editions)), cells, null);
    }

    private static double pct(double share) {
        return Math.round(share * 1_000_000d) / 10_000d;
    }

    /** {@code /portal/indicators/{id}/data.px?series=dk}: the trend as PX, Danish and English. */
    public void px(Context ctx) throws IOException {
        Chosen c = chosen(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxWriter.utf8().write(table(c), out);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.indicator().id() + "-" + c.series().id() + ".px\"");
        ctx.result(out.toByteArray());
    }

    /** {@code /portal/indicators/{id}/data.json-stat?series=dk}: the trend as JSON-stat 2.0 in the page's language. */
    public void jsonStat(Context ctx) throws IOException {
        Chosen c = chosen(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonStatWriter.of(language(ctx).code().equals("da") ? "da" : "en").write(table(c), out);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(out.toByteArray());
    }

    /** {@code /portal/countries?indicator=innovating}: the family's core indicator in every country and edition. */
    public void countries(Context ctx) {
        Family family = family();
        Language m = language(ctx);
        Locale locale = m.locale();
        List<Family.Indicator> core = family.indicators().stream().filter(Family.Indicator::core).toList();
        if (core.isEmpty()) {
            throw new NotFoundResponse();
        }
        String wanted = ctx.queryParam("indicator");
        Family.Indicator indicator = wanted == null || wanted.isBlank() ? core.getFirst()
                : core.stream().filter(i -> i.id().equals(wanted)).findFirst().orElseThrow(NotFoundResponse::new);
        List<CountryRow> rows = new ArrayList<>();
        List<TrendChart.Point> points = new ArrayList<>();
        for (Family.Series s : family.series()) {
            Trends.Trend t = Trends.of(family, s, indicator, this::data);
            for (Trends.Point p : t.points()) {
                PointRow r = row(p, m);
                String country = new Locale("", s.country()).getDisplayCountry(locale);
                rows.add(new CountryRow(country, s.title().in(locale), p.edition().period(), r.estimate(), r.interval(),
                        r.n(), r.source(), p.edition().synthetic(), s.respondents().in(locale), s.sectors().in(locale)));
                points.add(new TrendChart.Point(s.country() + " " + p.edition().period(), p.shown(), p.estimate(),
                        p.low(), p.high(), false));
            }
        }
        List<Choice> choices = core.stream().map(i -> new Choice(i.id(), i.name().in(locale), i == indicator)).toList();
        String title = m.t("series.countries.title", indicator.name().in(locale));
        String svg = TrendChart.comparison(title, m.t("series.countries.chart", indicator.wording().in(locale)), points,
                m.t("series.notShown"));
        Web.render(ctx, "portal/countries.jte", "title", title, "wording", indicator.wording().in(locale),
                "rows", rows, "svg", svg, "choices", choices,
                "methods", family.series().stream().map(s -> new String[] {s.title().in(locale),
                        s.respondents().in(locale), s.sectors().in(locale), s.owner()}).toList());
    }

    /** {@code GET /api/series}: the family's series with country, title, editions and indicators. */
    public void api(Context ctx) {
        Family family = family();
        Locale locale = language(ctx).locale();
        List<Map<String, Object>> series = new ArrayList<>();
        for (Family.Series s : family.series()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", s.id());
            item.put("country", s.country());
            item.put("title", s.title().in(locale));
            item.put("owner", s.owner());
            item.put("languages", s.languages());
            item.put("respondents", s.respondents().in(locale));
            item.put("sectors", s.sectors().in(locale));
            List<Map<String, Object>> editions = new ArrayList<>();
            for (Family.Edition e : s.editions()) {
                Map<String, Object> ed = new LinkedHashMap<>();
                ed.put("id", Family.key(s, e));
                ed.put("period", e.period());
                ed.put("source", e.microdata() ? "microdata" : "aggregates");
                ed.put("synthetic", e.synthetic());
                if (e.microdata()) {
                    publications.editions().stream().filter(p -> e.editionName().equals(p.name())).findFirst()
                            .ifPresent(p -> ed.put("figures", "/api/figures?edition="
                                    + URLEncoder.encode(p.key(), StandardCharsets.UTF_8)));
                }
                editions.add(ed);
            }
            item.put("editions", editions);
            List<Map<String, Object>> indicators = new ArrayList<>();
            for (Family.Indicator i : family.indicators()) {
                if (i.appliesTo(s)) {
                    Map<String, Object> in = new LinkedHashMap<>();
                    in.put("id", i.id());
                    in.put("name", i.name().in(locale));
                    in.put("core", i.core());
                    in.put("trend", "/portal/indicators/" + i.id() + "?series=" + s.id());
                    indicators.add(in);
                }
            }
            item.put("indicators", indicators);
            series.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("family", family.id());
        body.put("title", family.title().in(locale));
        body.put("language", locale.getLanguage());
        body.put("series", series);
        ctx.json(body);
    }
}
