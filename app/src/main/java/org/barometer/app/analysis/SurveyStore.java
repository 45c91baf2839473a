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
 * frame variables, and the answers of those who submitted with the final codes of their coded open answers
 * ({@link CodedVariable}). A read-only report across the frame, sample, response and coding tables, which their own
 * stores write.
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
            units = withCodes(h, editionId, units);
            String groupBy = IntStream.rangeClosed(1, frameVariables.size()).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            List<SurveySample.FrameCell> cells = h.createQuery("select " + variables + ", count(*) as n from frame_unit fu"
                            + " where fu.frame_id = :f group by " + groupBy).bind("f", frameId)
                    .map((rs, c) -> new SurveySample.FrameCell(frameValues(rs, frameVariables), rs.getLong("n"))).list();
            return new SurveySample.Parts(strataBy, strata, units, cells);
        });
    }

    /** The units with each respondent's coded variables beside its answers (none when nothing is coded). */
    private static List<SurveySample.Unit> withCodes(org.jdbi.v3.core.Handle h, long editionId, List<SurveySample.Unit> units) {
        List<CodedVariable> coded = codedVariables(h, editionId);
        if (coded.isEmpty()) {
            return units;
        }
        Map<String, Map<Long, String>> values = new LinkedHashMap<>();
        for (CodedVariable v : coded) {
            Map<String, String> parents = new java.util.HashMap<>();
            h.createQuery("""
                            select c.code, c.parent from coding_category c where c.frame_id = (select id from coding_frame
                              where edition_id = :e and question = :q order by version desc limit 1) and c.parent is not null""")
                    .bind("e", editionId).bind("q", v.question())
                    .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> parents.put(e.getKey(), e.getValue()));
            Map<Long, String> byResponse = new java.util.HashMap<>();
            h.createQuery("select response_id, codes from coding_final where edition_id = :e and question = :q")
                    .bind("e", editionId).bind("q", v.question())
                    .map((rs, c) -> Map.entry(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray())))
                    .forEach(e -> byResponse.put(e.getKey(), v.value(e.getValue(), parents)));
            values.put(v.name(), byResponse);
        }
        List<SurveySample.Unit> out = new java.util.ArrayList<>(units.size());
        for (SurveySample.Unit u : units) {
            if (u.responseId() == null) {
                out.add(u);
                continue;
            }
            Map<String, String> answers = new LinkedHashMap<>(u.answers());
            values.forEach((name, byResponse) -> {
                String value = byResponse.get(u.responseId());
                if (value != null) {
                    answers.put(name, value);
                }
            });
            out.add(new SurveySample.Unit(u.stratum(), u.frameValues(), u.responseId(), answers));
        }
        return out;
    }

    /**
     * The coded variables of an edition: one per open question with a coding frame, with the categories of its
     * current version.
     */
    public static List<CodedVariable> codedVariables(Jdbi jdbi, long editionId) {
        return jdbi.withHandle(h -> codedVariables(h, editionId));
    }

    private static List<CodedVariable> codedVariables(org.jdbi.v3.core.Handle h, long editionId) {
        List<CodedVariable> out = new java.util.ArrayList<>();
        List<Map.Entry<String, Long>> frames = h.createQuery("""
                        select distinct on (question) question, id from coding_frame where edition_id = :e
                        order by question, version desc""")
                .bind("e", editionId).map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
        for (Map.Entry<String, Long> f : frames) {
            List<DerivedVariable.Category> categories = h.createQuery("""
                            select code, label_da, label_en from coding_category where frame_id = :f order by position""")
                    .bind("f", f.getValue())
                    .map((rs, c) -> new DerivedVariable.Category(rs.getString(1), Map.of("da", rs.getString(2), "en", rs.getString(3))))
                    .list();
            out.add(new CodedVariable(f.getKey(), categories));
        }
        return out;
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
