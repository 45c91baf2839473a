package org.barometer.app.analysis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * An edition's survey as the database holds it: the sample's strata with their frame counts, every sampled
 * workplace with its frame variables, and the answers of those who submitted — read into what weighting and
 * estimation need.
 *
 * @param input       strata, response and calibration margins (government level × area, size group)
 * @param strataNames the stratum key of each stratum index
 * @param responseIds per sampled unit, its submitted response's id (null when it did not respond)
 * @param answers     per sampled unit, the submitted answers (null when it did not respond)
 * @param frameSize   workplaces in the frame
 */
public record StoredSurvey(WeightingInput input, List<String> strataNames, Long[] responseIds,
                           List<Map<String, String>> answers, int frameSize) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the edition's sample, frame margins and submitted responses. */
    public static StoredSurvey read(Jdbi jdbi, long editionId) {
        return jdbi.withHandle(h -> {
            Map<String, Object> edition = h.createQuery("select frame_id, sample_id from edition where id = :e")
                    .bind("e", editionId).mapToMap().findOne()
                    .orElseThrow(() -> new WeightingException("Edition " + editionId + " does not exist"));
            Object frameId = edition.get("frame_id");
            Object sampleId = edition.get("sample_id");
            if (frameId == null || sampleId == null) {
                throw new WeightingException("Edition " + editionId + " has no frame or no sample to weight");
            }
            List<String> strata = new ArrayList<>();
            List<Long> population = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            h.createQuery("select stratum, population from sample_stratum where sample_id = :s order by stratum")
                    .bind("s", sampleId).mapToMap().forEach(row -> {
                        index.put((String) row.get("stratum"), strata.size());
                        strata.add((String) row.get("stratum"));
                        population.add(((Number) row.get("population")).longValue());
                    });
            List<Map<String, Object>> units = h.createQuery("""
                    select su.stratum, fu.government_level, fu.area, fu.size_group, r.id as response_id, r.answers::text as answers
                    from sample_unit su
                    join frame_unit fu on fu.id = su.frame_unit_id
                    left join fieldwork_invitation i on i.edition_id = :e and i.workplace_id = fu.workplace_id
                    left join respond_response r on r.invitation_id = i.id and r.state = 'submitted'
                    where su.sample_id = :s
                    order by fu.id""").bind("e", editionId).bind("s", sampleId).mapToMap().list();
            List<Map<String, Object>> margins = h.createQuery("""
                    select government_level, area, size_group, count(*) as n from frame_unit where frame_id = :f
                    group by 1, 2, 3""").bind("f", frameId).mapToMap().list();
            int n = units.size();
            int[] stratum = new int[n];
            boolean[] responded = new boolean[n];
            Long[] responseIds = new Long[n];
            List<Map<String, String>> answers = new ArrayList<>();
            Map<String, Integer> govAreaIndex = new LinkedHashMap<>();
            Map<String, Integer> sizeIndex = new LinkedHashMap<>();
            List<Map<String, Object>> sortedMargins = new ArrayList<>(margins);
            sortedMargins.sort((a, b) -> (a.get("government_level") + "/" + a.get("area") + "/" + a.get("size_group"))
                    .compareTo(b.get("government_level") + "/" + b.get("area") + "/" + b.get("size_group")));
            for (Map<String, Object> m : sortedMargins) {
                govAreaIndex.putIfAbsent(m.get("government_level") + "/" + m.get("area"), govAreaIndex.size());
                sizeIndex.putIfAbsent((String) m.get("size_group"), sizeIndex.size());
            }
            double[] govAreaTotals = new double[govAreaIndex.size()];
            double[] sizeTotals = new double[sizeIndex.size()];
            int frameSize = 0;
            for (Map<String, Object> m : sortedMargins) {
                long count = ((Number) m.get("n")).longValue();
                govAreaTotals[govAreaIndex.get(m.get("government_level") + "/" + m.get("area"))] += count;
                sizeTotals[sizeIndex.get((String) m.get("size_group"))] += count;
                frameSize += (int) count;
            }
            int[] govArea = new int[n];
            int[] size = new int[n];
            for (int u = 0; u < n; u++) {
                Map<String, Object> row = units.get(u);
                Integer h2 = index.get((String) row.get("stratum"));
                if (h2 == null) {
                    throw new WeightingException("Sampled unit in stratum '" + row.get("stratum") + "', which the sample does not list");
                }
                stratum[u] = h2;
                govArea[u] = govAreaIndex.get(row.get("government_level") + "/" + row.get("area"));
                size[u] = sizeIndex.get((String) row.get("size_group"));
                Object id = row.get("response_id");
                responded[u] = id != null;
                responseIds[u] = id == null ? null : ((Number) id).longValue();
                answers.add(id == null ? null : parse((String) row.get("answers")));
            }
            long[] pop = population.stream().mapToLong(Long::longValue).toArray();
            WeightingInput input = new WeightingInput(stratum, responded, pop, null, List.of(
                    new WeightingInput.Margin("government level × area", govArea, List.copyOf(govAreaIndex.keySet()), govAreaTotals),
                    new WeightingInput.Margin("size group", size, List.copyOf(sizeIndex.keySet()), sizeTotals)));
            return new StoredSurvey(input, List.copyOf(strata), responseIds, answers, frameSize);
        });
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (Exception e) {
            throw new WeightingException("A stored response's answers are not a JSON object of texts: " + e.getMessage());
        }
    }

    /** The respondents' answers, variable by variable, in the order of the weights. */
    public Map<String, String[]> respondentAnswers(Weights weights, List<String> variables) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String v : variables) {
            String[] column = new String[weights.size()];
            for (int r = 0; r < column.length; r++) {
                Map<String, String> a = answers.get(weights.respondent()[r]);
                column[r] = a == null ? null : a.get(v);
            }
            out.put(v, column);
        }
        return out;
    }
}
