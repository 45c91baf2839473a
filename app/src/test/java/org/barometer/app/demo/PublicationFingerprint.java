package org.barometer.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barometer.app.analysis.Share;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Headlines;
import org.barometer.app.publish.compute.Publication;
import org.jdbi.v3.core.Jdbi;

/**
 * Every number of a demo publication as lines of text, each double written so that it reads back to the same bits
 * ({@link Double#toString}): per figure its n, cells (estimate, interval, count, suppression) and tests; the
 * weights version's diagnostics; every respondent's final weight, weight before calibration and variance stratum
 * by workplace id; and the front page's headlines. {@code publication-fingerprint.txt} holds these lines as
 * written by the version before the code base was reorganised, so that comparing them shows that nothing moved.
 */
final class PublicationFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublicationFingerprint() {
    }

    /** The lines of the latest publication of an edition, read back from the database. */
    static List<String> ofDatabase(Jdbi jdbi, long editionId, Publication computed) {
        List<String> out = new ArrayList<>();
        String figures = jdbi.withHandle(h -> h.createQuery(
                        "select figures::text from publication where edition_id = :e order by id desc limit 1")
                .bind("e", editionId).mapTo(String.class).one());
        for (JsonNode f : read(figures)) {
            out.add("figure " + f.get("id").asText() + " n=" + f.get("n").asLong());
            for (JsonNode c : f.get("cells")) {
                out.add(cell(c.get("series").asText(), c.get("category").asText(), number(c.get("estimate")),
                        number(c.get("low")), number(c.get("high")),
                        c.get("count").isNull() ? "null" : c.get("count").asText(), c.get("suppressed").asBoolean()));
            }
            for (JsonNode t : f.get("tests")) {
                out.add(test(t.get("category").isNull() ? "-" : t.get("category").asText(), number(t.get("statistic")),
                        number(t.get("numeratorDf")), number(t.get("denominatorDf")), number(t.get("pValue"))));
            }
        }
        String diagnostics = jdbi.withHandle(h -> h.createQuery(
                        "select diagnostics::text from analysis_weights where edition_id = :e order by id desc limit 1")
                .bind("e", editionId).mapTo(String.class).one());
        try {
            out.add("diagnostics " + JSON.writeValueAsString(JSON.readTree(diagnostics)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbi.useHandle(h -> h.createQuery("""
                        select i.workplace_id, w.weight, w.before_calibration, w.variance_stratum
                        from analysis_weight w join respond_response r on r.id = w.response_id
                        join fieldwork_invitation i on i.id = r.invitation_id
                        where w.weights_id = (select max(id) from analysis_weights where edition_id = :e)
                        order by i.workplace_id""").bind("e", editionId)
                .map((rs, ctx) -> weight(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)))
                .forEach(out::add));
        out.addAll(headlines(computed));
        return out;
    }

    /** The same lines of a publication computed in memory, without the diagnostics (which only the database keeps). */
    static List<String> ofSimulation(Publication publication, DemoSimulation.Survey survey) {
        List<String> out = new ArrayList<>();
        for (FigureResult f : publication.figures()) {
            out.add("figure " + f.spec().id() + " n=" + f.n());
            for (FigureResult.Cell c : f.cells()) {
                out.add(cell(c.series(), c.item(), string(c.estimate()), string(c.low()), string(c.high()),
                        c.count() == null ? "null" : c.count().toString(), c.suppressed()));
            }
            for (FigureResult.TestOutcome t : f.tests()) {
                out.add(test(t.item() == null ? "-" : t.item(), Double.toString(t.statistic()),
                        Double.toString(t.numeratorDf()), Double.toString(t.denominatorDf()), Double.toString(t.pValue())));
            }
        }
        Weights weights = publication.weights();
        int[] positions = survey.respondents();
        Map<String, String> byWorkplace = new TreeMap<>();
        for (int r = 0; r < weights.size(); r++) {
            String id = survey.population().frame().get(positions[r]).workplaceId();
            byWorkplace.put(id, weight(id, weights.weight()[r], weights.beforeCalibration()[r],
                    String.valueOf(weights.varianceStratum()[r])));
        }
        out.addAll(byWorkplace.values());
        out.addAll(headlines(publication));
        return out;
    }

    private static List<String> headlines(Publication p) {
        List<String> out = new ArrayList<>();
        int k = 0;
        for (Headlines.Result r : Headlines.compute(p.edition(), p.data(), p.estimator(), p.keys())) {
            k++;
            Share s = r.share();
            out.add("headline " + k + " " + r.headline().baseSource() + " | " + r.headline().conditionSource()
                    + " est=" + s.estimate() + " se=" + s.se() + " low=" + s.low() + " high=" + s.high() + " n=" + s.n()
                    + " count=" + s.count());
        }
        return out;
    }

    private static String cell(String series, String item, String estimate, String low, String high, String count,
                               boolean suppressed) {
        return "  cell " + series + " " + item + " est=" + estimate + " low=" + low + " high=" + high + " count=" + count
                + " suppressed=" + suppressed;
    }

    private static String test(String item, String statistic, String df1, String df2, String p) {
        return "  test " + item + " stat=" + statistic + " df1=" + df1 + " df2=" + df2 + " p=" + p;
    }

    private static String weight(String workplace, double weight, double before, String stratum) {
        return "weight " + workplace + " " + weight + " " + before + " " + stratum;
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() ? "null" : Double.toString(n.asDouble());
    }

    private static String string(Double d) {
        return d == null ? "null" : d.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
