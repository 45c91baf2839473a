package org.barometer.app.analysis;

import org.barometer.app.frame.FrameStore;
import org.barometer.app.frame.Register;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.barometer.app.respond.ResponseStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads an edition's survey from the database for weighting: the sample's strata, every sampled workplace with its
 * frame variables, and the answers of those who submitted. A read-only report across the frame, sample and
 * response tables, which their own stores write.
 */
public final class SurveyStore {
    private final Jdbi jdbi;

    public SurveyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The edition's sample and submitted responses, for the default weighting. */
    public SurveySample read(long editionId) {
        return read(editionId, WeightingSettings.defaults());
    }

    /** The edition's sample and submitted responses, with the non-response groups and margins of the settings. */
    public SurveySample read(long editionId, WeightingSettings settings) {
        return SurveySample.of(parts(editionId, settings), settings);
    }

    /**
     * What the edition's survey is made of (its sample's strata, the sampled workplaces with their frame variables
     * and answers, the frame's counts), the margins and groups of the settings checked against its register.
     */
    public SurveySample.Parts parts(long editionId, WeightingSettings settings) {
        return jdbi.withHandle(h -> {
            Map<String, Object> edition = h.createQuery("""
                    select e.frame_id, e.sample_id, s.strata_by, e.register_schema::text as register
                    from edition e left join sample s on s.id = e.sample_id
                    where e.id = :e""")
                    .bind("e", editionId).mapToMap().findOne()
                    .orElseThrow(() -> new WeightingException("weighting.edition.missing", editionId));
            Object frameId = edition.get("frame_id");
            Object sampleId = edition.get("sample_id");
            if (frameId == null || sampleId == null) {
                throw new WeightingException("weighting.edition.noSample", editionId);
            }
            List<String> strataBy = List.of(((String) edition.get("strata_by")).split(","));
            List<SurveySample.Stratum> strata = h.createQuery(
                            "select stratum, population from sample_stratum where sample_id = :s order by stratum")
                    .bind("s", sampleId)
                    .map((rs, c) -> new SurveySample.Stratum(rs.getString(1), rs.getLong(2))).list();
            // The frame variables are the register's: the built-in columns, or the variables the edition declared
            // (names checked against a strict pattern by the register, never taken from a request); a missing
            // value is the empty string, as in the strata's keys.
            List<String> frameVariables = Register.ofStored((String) edition.get("register"), editionId).variables();
            List<List<String>> named = new java.util.ArrayList<>(settings.margins());
            if (settings.nonresponseGroups() != null) {
                named.add(settings.nonresponseGroups());
            }
            for (List<String> margin : named) {
                for (String v : margin) {
                    if (!frameVariables.contains(v)) {
                        throw new WeightingException("weighting.margin.notInRegister", v, String.join(", ", frameVariables));
                    }
                }
            }
            String variables = frameVariables.stream().map(v -> FrameStore.valueSql("fu", v) + " as " + v)
                    .collect(Collectors.joining(", "));
            List<SurveySample.Unit> units = h.createQuery("select su.stratum, " + variables + """
                    , r.id as response_id, r.answers::text as answers
                    from sample_unit su
                    join frame_unit fu on fu.id = su.frame_unit_id
                    left join fieldwork_invitation i on i.edition_id = :e and i.workplace_id = fu.workplace_id and not i.test
                    left join respond_response r on r.invitation_id = i.id and r.state = 'submitted'
                    where su.sample_id = :s
                    order by fu.id""").bind("e", editionId).bind("s", sampleId)
                    .map((rs, c) -> {
                        long id = rs.getLong("response_id");
                        boolean responded = !rs.wasNull();
                        return new SurveySample.Unit(rs.getString("stratum"), frameValues(rs, frameVariables), responded ? id : null,
                                responded ? ResponseStore.parseAnswers(rs.getString("answers")) : null);
                    }).list();
            String groupBy = IntStream.rangeClosed(1, frameVariables.size()).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            List<SurveySample.FrameCell> cells = h.createQuery("select " + variables + ", count(*) as n from frame_unit fu"
                            + " where fu.frame_id = :f group by " + groupBy).bind("f", frameId)
                    .map((rs, c) -> new SurveySample.FrameCell(frameValues(rs, frameVariables), rs.getLong("n"))).list();
            return new SurveySample.Parts(strataBy, strata, units, cells);
        });
    }

    /** The frame variables of an edition's register: its declared ones, or the built-in register's. */
    public static List<String> frameVariables(org.jdbi.v3.core.Jdbi jdbi, long editionId) {
        String json = jdbi.withHandle(h -> h.createQuery("select register_schema::text from edition where id = ?")
                .bind(0, editionId).mapTo(String.class).findOne().orElse(null));
        return Register.ofStored(json, editionId).variables();
    }

    private static Map<String, String> frameValues(java.sql.ResultSet rs, List<String> frameVariables)
            throws java.sql.SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String v : frameVariables) {
            values.put(v, rs.getString(v));
        }
        return values;
    }
}
