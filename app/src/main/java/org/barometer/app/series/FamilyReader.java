package org.barometer.app.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.text.LocalizedText;
import org.barometer.forms.data.Csv;
import org.barometer.forms.data.Table;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;

/**
 * Reads a family's files — {@code family.json} and the aggregate CSV files it names — and checks them as a whole:
 * every problem is collected with its file and place, and nothing is returned unless there is none. Each
 * indicator's expressions are checked against the variables of the edition they are written for (its
 * questionnaire's questions and its derived variables, as its published data has them), an edition may belong to
 * one series only, and every aggregate must be a share in [0, 1] with the number of respondents it comes from.
 */
public final class FamilyReader {

    /** The family's main file. */
    public static final String FAMILY_FILE = "family.json";
    /** The columns an aggregate file must have, in any order (lower and upper may be empty). */
    static final List<String> AGGREGATE_COLUMNS = List.of("series", "edition", "indicator", "estimate", "lower",
            "upper", "n", "publisher", "table", "date", "licence");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final Map<String, String> files;
    private final Function<String, Optional<Set<String>>> editionVariables;
    private final List<EditionProblem> problems = new ArrayList<>();

    private FamilyReader(Map<String, String> files, Function<String, Optional<Set<String>>> editionVariables) {
        this.files = files;
        this.editionVariables = editionVariables;
    }

    /**
     * Reads and checks a family's files.
     *
     * @param files            the files by name ({@code family.json} and the aggregate files)
     * @param editionVariables the variables of a Barometer edition by its name in the database (empty: no such
     *                         edition, or none published)
     * @throws EditionException with every problem found, each with its file and place
     */
    public static Family read(Map<String, String> files, Function<String, Optional<Set<String>>> editionVariables)
            throws EditionException {
        FamilyReader reader = new FamilyReader(files, editionVariables);
        Family family = reader.family();
        if (!reader.problems.isEmpty() || family == null) {
            throw new EditionException(reader.problems);
        }
        return family;
    }

    private Family family() {
        String text = files.get(FAMILY_FILE);
        if (text == null) {
            problems.add(EditionProblem.at(FAMILY_FILE, "", "edition.problem.file.not.found"));
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            problems.add(EditionProblem.at(FAMILY_FILE, loc == null ? "" : "line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr(), "edition.problem.not.valid.json", e.getOriginalMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(EditionProblem.at(FAMILY_FILE, "", "edition.problem.must.hold.one.json.object"));
            return null;
        }
        String id = id(root, "id", "id");
        LocalizedText title = localized(root, "title", "title");
        List<Family.Series> series = series(root.path("series"));
        Map<String, Family.Series> byId = new HashMap<>();
        series.forEach(s -> byId.put(s.id(), s));
        List<Family.Indicator> indicators = indicators(root.path("indicators"), byId);
        List<Family.Aggregate> aggregates = new ArrayList<>();
        JsonNode aggregateFiles = root.path("aggregates");
        if (!aggregateFiles.isMissingNode()) {
            if (!aggregateFiles.isArray()) {
                problems.add(EditionProblem.at(FAMILY_FILE, "aggregates", "series.problem.list.of.files"));
            } else {
                for (int i = 0; i < aggregateFiles.size(); i++) {
                    aggregates.addAll(aggregates(aggregateFiles.get(i).asText(), "aggregates[" + i + "]", byId,
                            indicators));
                }
            }
        }
        return id == null || title == null ? null : new Family(id, title, series, indicators, aggregates);
    }

    private List<Family.Series> series(JsonNode list) {
        List<Family.Series> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(EditionProblem.at(FAMILY_FILE, "series", "series.problem.no.series"));
            return out;
        }
        Set<String> ids = new HashSet<>();
        // where each Barometer edition was declared: it may be in one series only
        Map<String, String> editionPlaces = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String place = "series[" + i + "]";
            String id = uniqueId(s, place, ids, "series.problem.duplicate.id");
            String country = text(s, "country", place + ".country");
            if (country != null && !COUNTRY.matcher(country).matches()) {
                problems.add(EditionProblem.at(FAMILY_FILE, place + ".country", "series.problem.country", country));
            }
            LocalizedText title = localized(s, "title", place + ".title");
            String owner = text(s, "owner", place + ".owner");
            List<String> languages = new ArrayList<>();
            s.path("languages").forEach(l -> languages.add(l.asText()));
            LocalizedText respondents = localized(s, "respondents", place + ".respondents");
            LocalizedText sectors = localized(s, "sectors", place + ".sectors");
            List<Family.Edition> editions = new ArrayList<>();
            JsonNode el = s.path("editions");
            if (!el.isArray() || el.isEmpty()) {
                problems.add(EditionProblem.at(FAMILY_FILE, place + ".editions", "series.problem.no.editions"));
            } else {
                Set<String> editionIds = new HashSet<>();
                for (int j = 0; j < el.size(); j++) {
                    JsonNode e = el.get(j);
                    String ep = place + ".editions[" + j + "]";
                    String eid = uniqueId(e, ep, editionIds, "series.problem.duplicate.edition");
                    String period = text(e, "period", ep + ".period");
                    String name = e.hasNonNull("edition") ? e.get("edition").asText() : null;
                    if (name != null) {
                        String before = editionPlaces.putIfAbsent(name, ep);
                        if (before != null) {
                            problems.add(EditionProblem.at(FAMILY_FILE, ep + ".edition",
                                    "series.problem.edition.in.two.series", name, before));
                        } else if (editionVariables.apply(name).isEmpty()) {
                            problems.add(EditionProblem.at(FAMILY_FILE, ep + ".edition",
                                    "series.problem.unknown.edition", name));
                        }
                    }
                    if (eid != null && period != null) {
                        editions.add(new Family.Edition(eid, period, name, e.path("synthetic").asBoolean(false)));
                    }
                }
            }
            if (id != null && country != null && title != null && owner != null && respondents != null
                    && sectors != null) {
                out.add(new Family.Series(id, country, title, owner, languages, respondents, sectors, editions));
            }
        }
        return out;
    }

    private List<Family.Indicator> indicators(JsonNode list, Map<String, Family.Series> series) {
        List<Family.Indicator> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(EditionProblem.at(FAMILY_FILE, "indicators", "series.problem.no.indicators"));
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String place = "indicators[" + i + "]";
            String id = uniqueId(node, place, ids, "series.problem.duplicate.indicator");
            String seriesId = node.hasNonNull("series") ? node.get("series").asText() : null;
            if (seriesId != null && !series.containsKey(seriesId)) {
                problems.add(EditionProblem.at(FAMILY_FILE, place + ".series", "series.problem.unknown.series", seriesId));
            }
            LocalizedText name = localized(node, "name", place + ".name");
            LocalizedText wording = localized(node, "wording", place + ".wording");
            Map<String, Family.Computation> computed = new LinkedHashMap<>();
            JsonNode editions = node.path("editions");
            if (!editions.isObject()) {
                problems.add(EditionProblem.at(FAMILY_FILE, place + ".editions", "series.problem.editions.object"));
            } else {
                for (var it = editions.properties().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    String ep = place + ".editions." + entry.getKey();
                    Optional<Family.Edition> edition = edition(series, entry.getKey(), ep);
                    if (edition.isEmpty()) {
                        continue;
                    }
                    if (!edition.get().microdata()) {
                        problems.add(EditionProblem.at(FAMILY_FILE, ep, "series.problem.aggregate.edition.computed",
                                entry.getKey()));
                        continue;
                    }
                    Set<String> known = editionVariables.apply(edition.get().editionName()).orElse(Set.of());
                    String shareSource = text(entry.getValue(), "share", ep + ".share");
                    Expression share = shareSource == null ? null : expression(ep + ".share", shareSource, known);
                    String amongSource = entry.getValue().hasNonNull("among") ? entry.getValue().get("among").asText()
                            : null;
                    Expression among = amongSource == null ? null : expression(ep + ".among", amongSource, known);
                    if (share != null && (amongSource == null || among != null)) {
                        computed.put(entry.getKey(), new Family.Computation(share, shareSource, among, amongSource));
                    }
                }
            }
            Map<String, LocalizedText> breaks = new LinkedHashMap<>();
            JsonNode breakNode = node.path("breaks");
            if (breakNode.isObject()) {
                for (var it = breakNode.properties().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    String bp = place + ".breaks." + entry.getKey();
                    if (edition(series, entry.getKey(), bp).isPresent()) {
                        LocalizedText note = localized(breakNode, entry.getKey(), bp);
                        if (note != null) {
                            breaks.put(entry.getKey(), note);
                        }
                    }
                }
            }
            if (id != null && name != null && wording != null) {
                out.add(new Family.Indicator(id, seriesId, name, wording, computed, breaks));
            }
        }
        return out;
    }

    /** The edition a key ({@code dk/2019}) names, or a problem at {@code place}. */
    private Optional<Family.Edition> edition(Map<String, Family.Series> series, String key, String place) {
        int slash = key.indexOf('/');
        Family.Series s = slash < 0 ? null : series.get(key.substring(0, slash));
        Optional<Family.Edition> e = s == null ? Optional.empty() : s.edition(key.substring(slash + 1));
        if (e.isEmpty()) {
            problems.add(EditionProblem.at(FAMILY_FILE, place, "series.problem.unknown.edition.key", key));
        }
        return e;
    }

    private Expression expression(String place, String source, Set<String> known) {
        Expression e;
        try {
            e = Expression.parse(source);
        } catch (ExpressionSyntaxException ex) {
            problems.add(new EditionProblem(FAMILY_FILE, place, ex.position(),
                    "edition.problem.the.expression.does.not.parse", source, ex.text()));
            return null;
        }
        List<ExpressionProblem> found = e.check(known, Set.of());
        for (ExpressionProblem p : found) {
            problems.add(new EditionProblem(FAMILY_FILE, place, p.position(), "edition.problem.text", p.text()));
        }
        return found.isEmpty() ? e : null;
    }

    private List<Family.Aggregate> aggregates(String file, String place, Map<String, Family.Series> series,
                                              List<Family.Indicator> indicators) {
        List<Family.Aggregate> out = new ArrayList<>();
        String text = files.get(file);
        if (text == null) {
            problems.add(EditionProblem.at(FAMILY_FILE, place, "series.problem.aggregate.file.missing", file));
            return out;
        }
        Table table;
        try {
            table = Csv.read(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (Csv.CsvException e) {
            problems.add(EditionProblem.at(file, "line " + e.line(), "series.problem.csv", e.reason()));
            return out;
        }
        List<String> missing = AGGREGATE_COLUMNS.stream().filter(c -> table.column(c) < 0).toList();
        if (!missing.isEmpty()) {
            problems.add(EditionProblem.at(file, "line 1", "series.problem.columns.missing", String.join(", ", missing)));
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            int line = r + 2;
            String at = "line " + line;
            String seriesId = cell(table, row, "series");
            String editionId = cell(table, row, "edition");
            String indicator = cell(table, row, "indicator");
            Family.Series s = series.get(seriesId);
            Optional<Family.Edition> e = s == null ? Optional.empty() : s.edition(editionId);
            int before = problems.size();
            if (e.isEmpty()) {
                problems.add(EditionProblem.at(file, at + ", edition", "series.problem.unknown.edition.key",
                        seriesId + "/" + editionId));
            } else if (e.get().microdata()) {
                problems.add(EditionProblem.at(file, at + ", edition", "series.problem.microdata.edition.aggregate",
                        seriesId + "/" + editionId));
            }
            if (indicators.stream().noneMatch(i -> i.id().equals(indicator))) {
                problems.add(EditionProblem.at(file, at + ", indicator", "series.problem.unknown.indicator", indicator));
            }
            double estimate = share(file, at + ", estimate", cell(table, row, "estimate"), true);
            double lower = share(file, at + ", lower", cell(table, row, "lower"), false);
            double upper = share(file, at + ", upper", cell(table, row, "upper"), false);
            if (Double.isNaN(lower) != Double.isNaN(upper)) {
                problems.add(EditionProblem.at(file, at + ", lower", "series.problem.interval.half"));
            } else if (!Double.isNaN(lower) && !(lower <= estimate && estimate <= upper)) {
                problems.add(EditionProblem.at(file, at + ", lower", "series.problem.interval.order"));
            }
            long n = count(file, at + ", n", cell(table, row, "n"));
            String publisher = required(file, at + ", publisher", cell(table, row, "publisher"));
            String tableName = required(file, at + ", table", cell(table, row, "table"));
            String date = required(file, at + ", date", cell(table, row, "date"));
            String licence = required(file, at + ", licence", cell(table, row, "licence"));
            if (!seen.add(seriesId + "/" + editionId + "/" + indicator)) {
                problems.add(EditionProblem.at(file, at, "series.problem.aggregate.twice", seriesId + "/" + editionId,
                        indicator));
            }
            if (problems.size() == before) {
                out.add(new Family.Aggregate(seriesId, editionId, indicator, estimate, lower, upper, n,
                        new Family.Source(publisher, tableName, date, licence), file, line));
            }
        }
        return out;
    }

    private static String cell(Table table, List<String> row, String column) {
        int c = table.column(column);
        return c < row.size() ? row.get(c).strip() : "";
    }

    private double share(String file, String place, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                problems.add(EditionProblem.at(file, place, "series.problem.value.missing"));
            }
            return Double.NaN;
        }
        try {
            double x = Double.parseDouble(value);
            if (!(x >= 0 && x <= 1)) {
                problems.add(EditionProblem.at(file, place, "series.problem.share.range", value));
                return Double.NaN;
            }
            return x;
        } catch (NumberFormatException e) {
            problems.add(EditionProblem.at(file, place, "series.problem.not.a.number", value));
            return Double.NaN;
        }
    }

    private long count(String file, String place, String value) {
        if (value.isEmpty()) {
            problems.add(EditionProblem.at(file, place, "series.problem.n.missing"));
            return -1;
        }
        try {
            long n = Long.parseLong(value);
            if (n < 1) {
                problems.add(EditionProblem.at(file, place, "series.problem.n.range", value));
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(EditionProblem.at(file, place, "series.problem.n.range", value));
            return -1;
        }
    }

    private String required(String file, String place, String value) {
        if (value.isEmpty()) {
            problems.add(EditionProblem.at(file, place, "series.problem.value.missing"));
            return null;
        }
        return value;
    }

    /** The {@code id} of the object at {@code place}, a problem ({@code twice}) when {@code seen} has it already. */
    private String uniqueId(JsonNode node, String place, Set<String> seen, String twice) {
        String id = id(node, "id", place + ".id");
        if (id != null && !seen.add(id)) {
            problems.add(EditionProblem.at(FAMILY_FILE, place + ".id", twice, id));
        }
        return id;
    }

    private String id(JsonNode node, String field, String place) {
        String v = text(node, field, place);
        if (v != null && !ID.matcher(v).matches()) {
            problems.add(EditionProblem.at(FAMILY_FILE, place, "series.problem.id", v));
            return null;
        }
        return v;
    }

    private String text(JsonNode node, String field, String place) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(EditionProblem.at(FAMILY_FILE, place, "edition.problem.must.be.a.non.empty"));
            return null;
        }
        return v.asText();
    }

    private LocalizedText localized(JsonNode node, String field, String place) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            problems.add(EditionProblem.at(FAMILY_FILE, place, "series.problem.localized"));
            return null;
        }
        String da = text(v, "da", place + ".da");
        String en = text(v, "en", place + ".en");
        return da == null || en == null ? null : new LocalizedText(da, en);
    }
}
