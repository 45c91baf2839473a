package org.barometer.app.analysis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/**
 * An edition's survey as the database holds it: the sample's strata with their frame counts, every sampled
 * workplace with its frame variables, and the answers of those who submitted — read into what weighting and
 * estimation need.
 *
 * @param input       strata, non-response groups, response and calibration margins
 * @param strataNames the stratum key of each stratum index
 * @param responseIds per sampled unit, its submitted response's id (null when it did not respond)
 * @param answers     per sampled unit, the submitted answers (null when it did not respond)
 * @param frameSize   workplaces in the frame
 */
public record StoredSurvey(WeightingInput input, List<String> strataNames, Long[] responseIds,
                           List<Map<String, String>> answers, int frameSize) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the edition's sample, frame margins and submitted responses, for the default weighting. */
    public static StoredSurvey read(Jdbi jdbi, long editionId) {
        return read(jdbi, editionId, WeightingSettings.defaults());
    }

    /**
     * Reads the edition's sample and submitted responses, with the non-response groups and calibration margins
     * the settings name.
     */
    public static StoredSurvey read(Jdbi jdbi, long editionId, WeightingSettings settings) {
        return jdbi.withHandle(h -> {
            Map<String, Object> edition = h.createQuery("""
                    select e.frame_id, e.sample_id, s.strata_by from edition e left join sample s on s.id = e.sample_id
                    where e.id = :e""")
                    .bind("e", editionId).mapToMap().findOne()
                    .orElseThrow(() -> new WeightingException("Edition " + editionId + " does not exist"));
            Object frameId = edition.get("frame_id");
            Object sampleId = edition.get("sample_id");
            if (frameId == null || sampleId == null) {
                throw new WeightingException("Edition " + editionId + " has no frame or no sample to weight");
            }
            String groupsProblem = nonresponseGroupsProblem(settings, List.of(((String) edition.get("strata_by")).split(",")));
            if (groupsProblem != null) {
                throw new WeightingException("edition.json: weighting.nonresponseGroups: " + groupsProblem);
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
            // Column names come from the fixed list of frame variables, never from an edition or a request; a
            // missing value (region is optional) is the empty string, as in the strata's keys.
            String variables = WeightingSettings.FRAME_VARIABLES.stream().map(v -> "coalesce(fu." + v + ", '') as " + v)
                    .collect(Collectors.joining(", "));
            List<Map<String, Object>> units = h.createQuery("select su.stratum, " + variables + """
                    , r.id as response_id, r.answers::text as answers
                    from sample_unit su
                    join frame_unit fu on fu.id = su.frame_unit_id
                    left join fieldwork_invitation i on i.edition_id = :e and i.workplace_id = fu.workplace_id
                    left join respond_response r on r.invitation_id = i.id and r.state = 'submitted'
                    where su.sample_id = :s
                    order by fu.id""").bind("e", editionId).bind("s", sampleId).mapToMap().list();
            String groupBy = IntStream.rangeClosed(1, WeightingSettings.FRAME_VARIABLES.size()).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            List<Map<String, Object>> frameCells = h.createQuery("select " + variables + ", count(*) as n from frame_unit fu"
                    + " where fu.frame_id = :f group by " + groupBy).bind("f", frameId).mapToMap().list();
            int n = units.size();
            int[] stratum = new int[n];
            boolean[] responded = new boolean[n];
            Long[] responseIds = new Long[n];
            List<Map<String, String>> answers = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                Map<String, Object> row = units.get(u);
                Integer h2 = index.get((String) row.get("stratum"));
                if (h2 == null) {
                    throw new WeightingException("Sampled unit in stratum '" + row.get("stratum") + "', which the sample does not list");
                }
                stratum[u] = h2;
                Object id = row.get("response_id");
                responded[u] = id != null;
                responseIds[u] = id == null ? null : ((Number) id).longValue();
                answers.add(id == null ? null : parse((String) row.get("answers")));
            }
            int frameSize = 0;
            for (Map<String, Object> cell : frameCells) {
                frameSize += ((Number) cell.get("n")).intValue();
            }
            List<WeightingInput.Margin> margins = new ArrayList<>();
            for (List<String> margin : settings.margins()) {
                margins.add(margin(margin, units, frameCells));
            }
            long[] pop = population.stream().mapToLong(Long::longValue).toArray();
            int[] groups = settings.nonresponseGroups() == null ? null
                    : nonresponseGroups(settings.nonresponseGroups(), units, stratum, strata.size());
            WeightingInput input = new WeightingInput(stratum, responded, pop, groups, margins);
            return new StoredSurvey(input, List.copyOf(strata), responseIds, answers, frameSize);
        });
    }

    /**
     * Why the non-response groups cannot be used with a sample stratified by {@code strataBy}, or null: each group
     * must be a union of strata, so it may be defined only by variables the sample is stratified by.
     */
    public static String nonresponseGroupsProblem(WeightingSettings settings, List<String> strataBy) {
        if (settings.nonresponseGroups() == null) {
            return null;
        }
        for (String v : settings.nonresponseGroups()) {
            if (!strataBy.contains(v)) {
                return "'" + v + "' is not a stratification variable of the sample (" + String.join(", ", strataBy)
                        + "); a non-response group must be a union of strata";
            }
        }
        return null;
    }

    /** The values of {@code variables} of a row, joined: a margin's category or a non-response group's key. */
    private static String key(Map<String, Object> row, List<String> variables) {
        return variables.stream().map(v -> (String) row.get(v)).collect(Collectors.joining("/"));
    }

    /** A calibration margin: its categories are the combinations of the variables' values found in the frame. */
    private static WeightingInput.Margin margin(List<String> variables, List<Map<String, Object>> units,
                                                List<Map<String, Object>> frameCells) {
        Map<String, Double> totals = new TreeMap<>();
        for (Map<String, Object> cell : frameCells) {
            totals.merge(key(cell, variables), ((Number) cell.get("n")).doubleValue(), Double::sum);
        }
        List<String> labels = List.copyOf(totals.keySet());
        Map<String, Integer> position = new HashMap<>();
        for (String label : labels) {
            position.put(label, position.size());
        }
        int[] category = new int[units.size()];
        for (int u = 0; u < units.size(); u++) {
            category[u] = position.get(key(units.get(u), variables));
        }
        return new WeightingInput.Margin(WeightingSettings.marginName(variables), category, labels,
                totals.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Per stratum, its non-response group: strata with the same values of the variables form one group, groups
     * numbered in the order of their values (so a thin group is merged with its neighbour in that order). A
     * stratum nobody was sampled from is a group of its own, which weighting then leaves aside.
     */
    private static int[] nonresponseGroups(List<String> variables, List<Map<String, Object>> units, int[] stratum,
                                           int strata) {
        String[] keyOfStratum = new String[strata];
        for (int u = 0; u < units.size(); u++) {
            keyOfStratum[stratum[u]] = key(units.get(u), variables);
        }
        Map<String, Integer> groupOfKey = new TreeMap<>();
        for (String k : keyOfStratum) {
            if (k != null) {
                groupOfKey.put(k, 0);
            }
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : groupOfKey.entrySet()) {
            e.setValue(next++);
        }
        int[] group = new int[strata];
        for (int s = 0; s < strata; s++) {
            group[s] = keyOfStratum[s] == null ? next++ : groupOfKey.get(keyOfStratum[s]);
        }
        return group;
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
