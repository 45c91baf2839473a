package org.barometer.app.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.barometer.app.text.Message;

/**
 * An edition's sample as weighting and estimation need it: the strata with their frame counts, every sampled
 * workplace with its frame variables and, for those who submitted, its answers, read into the weighting's input.
 * Built from plain rows by {@link #of}, so that the rows may come from the database ({@link SurveyStore}) or from
 * a simulation, through the very same code.
 *
 * @param input       strata, non-response groups, response and calibration margins
 * @param strataNames the stratum key of each stratum index
 * @param responseIds per sampled unit, its submitted response's id (null when it did not respond)
 * @param answers     per sampled unit, the submitted answers (null when it did not respond)
 * @param frameSize   workplaces in the frame
 */
public record SurveySample(WeightingInput input, List<String> strataNames, Long[] responseIds,
                           List<Map<String, String>> answers, int frameSize) {

    /** A stratum of the sample with its frame count N_h. */
    public record Stratum(String key, long population) {}

    /**
     * A sampled workplace: its stratum key, its frame variables ({@link WeightingSettings#FRAME_VARIABLES}, a
     * missing value as the empty string), and its submitted response (both null when it did not respond).
     */
    public record Unit(String stratum, Map<String, String> frameValues, Long responseId, Map<String, String> answers) {}

    /** The frame's count of workplaces with one combination of the frame variables. */
    public record FrameCell(Map<String, String> frameValues, long count) {}

    /**
     * What a survey is read from, as {@link SurveyStore} reads it: the sample's stratification variables and
     * strata, the sampled workplaces and the frame's counts. A publication keeps them, so that loading it again
     * reads them in one piece.
     */
    public record Parts(List<String> strataBy, List<Stratum> strata, List<Unit> units, List<FrameCell> cells) {
        public Parts {
            strataBy = List.copyOf(strataBy);
            strata = List.copyOf(strata);
            units = List.copyOf(units);
            cells = List.copyOf(cells);
        }
    }

    /** Builds the weighting input from the parts a survey is read from. */
    public static SurveySample of(Parts parts, WeightingSettings settings) {
        return of(parts.strataBy(), parts.strata(), parts.units(), parts.cells(), settings);
    }

    /**
     * Builds the weighting input.
     *
     * @param strataBy the sample's stratification variables
     * @param strata   the sample's strata, in key order
     * @param units    the sampled workplaces, in frame order
     * @param cells    the frame's counts by combination of the frame variables
     * @param settings non-response groups and calibration margins to use
     */
    public static SurveySample of(List<String> strataBy, List<Stratum> strata, List<Unit> units, List<FrameCell> cells,
                                  WeightingSettings settings) {
        Message groupsProblem = nonresponseGroupsProblem(settings, strataBy);
        if (groupsProblem != null) {
            throw new WeightingException("weighting.editionJson.groups", groupsProblem);
        }
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        long[] population = new long[strata.size()];
        for (Stratum s : strata) {
            index.put(s.key(), names.size());
            population[names.size()] = s.population();
            names.add(s.key());
        }
        int n = units.size();
        int[] stratum = new int[n];
        boolean[] responded = new boolean[n];
        Long[] responseIds = new Long[n];
        List<Map<String, String>> answers = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            Unit unit = units.get(u);
            Integer h = index.get(unit.stratum());
            if (h == null) {
                throw new WeightingException("weighting.unit.unknownStratum", unit.stratum());
            }
            stratum[u] = h;
            responded[u] = unit.responseId() != null;
            responseIds[u] = unit.responseId();
            answers.add(withFrameValues(unit));
        }
        long frameSize = 0;
        for (FrameCell cell : cells) {
            frameSize += cell.count();
        }
        List<WeightingInput.Margin> margins = new ArrayList<>();
        for (List<String> margin : settings.margins()) {
            margins.add(margin(margin, units, cells));
        }
        int[] groups = settings.nonresponseGroups() == null ? null
                : nonresponseGroups(settings.nonresponseGroups(), units, stratum, strata.size());
        WeightingInput input = new WeightingInput(stratum, responded, population, groups, margins);
        return new SurveySample(input, List.copyOf(names), responseIds, answers, Math.toIntExact(frameSize));
    }

    /**
     * Why the non-response groups cannot be used with a sample stratified by {@code strataBy}, or null: each group
     * must be a union of strata, so it may be defined only by variables the sample is stratified by.
     */
    public static Message nonresponseGroupsProblem(WeightingSettings settings, List<String> strataBy) {
        if (settings.nonresponseGroups() == null) {
            return null;
        }
        for (String v : settings.nonresponseGroups()) {
            if (!strataBy.contains(v)) {
                return Message.of("weighting.groups.notStratifier", v, String.join(", ", strataBy));
            }
        }
        return null;
    }

    /** The values of {@code variables}, joined: a margin's category or a non-response group's key. */
    private static String key(Map<String, String> values, List<String> variables) {
        return variables.stream().map(values::get).collect(Collectors.joining("/"));
    }

    /** A calibration margin: its categories are the combinations of the variables' values found in the frame. */
    private static WeightingInput.Margin margin(List<String> variables, List<Unit> units, List<FrameCell> cells) {
        Map<String, Double> totals = new TreeMap<>();
        for (FrameCell cell : cells) {
            totals.merge(key(cell.frameValues(), variables), (double) cell.count(), Double::sum);
        }
        List<String> labels = List.copyOf(totals.keySet());
        Map<String, Integer> position = new HashMap<>();
        for (String label : labels) {
            position.put(label, position.size());
        }
        int[] category = new int[units.size()];
        for (int u = 0; u < units.size(); u++) {
            category[u] = position.get(key(units.get(u).frameValues(), variables));
        }
        return new WeightingInput.Margin(WeightingSettings.marginName(variables), category, labels,
                totals.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Per stratum, its non-response group: strata with the same values of the variables form one group, groups
     * numbered in the order of their values (so a thin group is merged with its neighbour in that order). A
     * stratum nobody was sampled from is a group of its own, which weighting then leaves aside.
     */
    private static int[] nonresponseGroups(List<String> variables, List<Unit> units, int[] stratum, int strata) {
        String[] keyOfStratum = new String[strata];
        for (int u = 0; u < units.size(); u++) {
            keyOfStratum[stratum[u]] = key(units.get(u).frameValues(), variables);
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

    /**
     * A respondent's answers with its frame values beside them, under the register's names (an answer of the same
     * name wins), so that derived variables can read them; null for a workplace that did not respond.
     */
    private static Map<String, String> withFrameValues(Unit unit) {
        if (unit.answers() == null || unit.frameValues() == null || unit.frameValues().isEmpty()) {
            return unit.answers();
        }
        Map<String, String> all = new LinkedHashMap<>(unit.answers());
        unit.frameValues().forEach(all::putIfAbsent);
        return all;
    }

    /** The names of the coded variables some respondent has a value of ({@link CodedVariable}), sorted. */
    public List<String> codedVariables() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Map<String, String> a : answers) {
            if (a != null) {
                a.keySet().stream().filter(k -> k.startsWith(CodedVariable.PREFIX)).forEach(names::add);
            }
        }
        return List.copyOf(names);
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
