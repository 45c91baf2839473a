package org.barometer.app.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of the demo survey: a stratified random sample of about 4,500 of the frame's workplaces, drawn
 * with larger sampling fractions for state and regional workplaces and for large ones, and non-response
 * that depends on the stratum (municipal and small workplaces answer less often), leaving about 2,270
 * respondents. Then the weighting the edition uses: design weights, non-response adjustment within strata,
 * raking to government level × area and to size group.
 *
 * @param sampled     frame positions of the sampled workplaces
 * @param responded   per sampled workplace, whether it answered
 * @param weights     the respondents' weights
 * @param answers     per variable, the respondents' answers (in the order of {@code weights})
 */
public record DemoSurvey(int[] sampled, boolean[] responded, Weights weights, Map<String, int[]> answers) {

    /** Sampling fraction by government level, before the size factor. */
    static final double[] GOV_FRACTION = {0.50, 0.50, 0.262};
    static final double[] SIZE_FACTOR = {0.85, 1.0, 1.3};
    /** Response propensity by government level and the size group's shift. */
    static final double[] GOV_RESPONSE = {0.57, 0.58, 0.475};
    static final double[] SIZE_RESPONSE = {-0.06, 0.0, 0.07};
    static final double[] AREA_RESPONSE = {0.03, -0.03, 0.02, 0.0, -0.02, 0.01, -0.01};

    /** Workplaces to sample in each stratum: at least 6 (or all of a smaller stratum). */
    public static int[] allocation(DemoFrame frame) {
        int[] counts = frame.stratumCounts();
        int[] n = new int[counts.length];
        for (int h = 0; h < counts.length; h++) {
            if (counts[h] == 0) {
                continue;
            }
            int size = h % DemoFrame.SIZE_GROUPS.size();
            int gov = h / (DemoFrame.SIZE_GROUPS.size() * DemoFrame.AREAS.size());
            int planned = (int) Math.round(counts[h] * GOV_FRACTION[gov] * SIZE_FACTOR[size]);
            n[h] = Math.min(counts[h], Math.max(6, planned));
        }
        return n;
    }

    /** The response propensity of a stratum. */
    public static double responsePropensity(int stratum) {
        int size = stratum % DemoFrame.SIZE_GROUPS.size();
        int area = (stratum / DemoFrame.SIZE_GROUPS.size()) % DemoFrame.AREAS.size();
        int gov = stratum / (DemoFrame.SIZE_GROUPS.size() * DemoFrame.AREAS.size());
        return GOV_RESPONSE[gov] + SIZE_RESPONSE[size] + AREA_RESPONSE[area];
    }

    /** Draws the sample and the response, then weights with the given options. */
    public static DemoSurvey draw(DemoFrame frame, Map<String, int[]> population, long seed, WeightingOptions options) {
        SplittableRandom random = new SplittableRandom(seed);
        int strata = DemoFrame.stratumCount();
        List<List<Integer>> members = new ArrayList<>();
        for (int h = 0; h < strata; h++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < frame.size(); i++) {
            members.get(frame.stratum(i)).add(i);
        }
        int[] allocation = allocation(frame);
        List<Integer> sample = new ArrayList<>();
        for (int h = 0; h < strata; h++) {
            List<Integer> units = members.get(h);
            int[] pool = units.stream().mapToInt(Integer::intValue).toArray();
            // partial Fisher–Yates: the first n positions are a simple random sample without replacement
            for (int k = 0; k < allocation[h]; k++) {
                int j = k + random.nextInt(pool.length - k);
                int t = pool[k];
                pool[k] = pool[j];
                pool[j] = t;
                sample.add(pool[k]);
            }
        }
        int[] sampled = sample.stream().mapToInt(Integer::intValue).toArray();
        boolean[] responded = new boolean[sampled.length];
        for (int s = 0; s < sampled.length; s++) {
            responded[s] = random.nextDouble() < responsePropensity(frame.stratum(sampled[s]));
        }
        Weights weights = Weighting.run(weightingInput(frame, sampled, responded), options);
        Map<String, int[]> answers = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : population.entrySet()) {
            int[] column = new int[weights.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = e.getValue()[sampled[weights.respondent()[r]]];
            }
            answers.put(e.getKey(), column);
        }
        return new DemoSurvey(sampled, responded, weights, answers);
    }

    /** The weighting input of a demo sample: strata, the frame's counts, and the two raking margins. */
    public static WeightingInput weightingInput(DemoFrame frame, int[] sampled, boolean[] responded) {
        int[] stratum = new int[sampled.length];
        int areas = DemoFrame.AREAS.size();
        int[] govArea = new int[sampled.length];
        int[] size = new int[sampled.length];
        for (int s = 0; s < sampled.length; s++) {
            int i = sampled[s];
            stratum[s] = frame.stratum(i);
            govArea[s] = frame.govLevel()[i] * areas + frame.area()[i];
            size[s] = frame.sizeGroup()[i];
        }
        int[] counts = frame.stratumCounts();
        long[] population = new long[counts.length];
        for (int h = 0; h < counts.length; h++) {
            population[h] = counts[h];
        }
        List<String> govAreaLabels = new ArrayList<>();
        double[] govAreaTotals = new double[DemoFrame.GOV_LEVELS.size() * areas];
        for (int g = 0; g < DemoFrame.GOV_LEVELS.size(); g++) {
            for (int a = 0; a < areas; a++) {
                govAreaLabels.add(DemoFrame.GOV_LEVELS.get(g) + "/" + DemoFrame.AREAS.get(a));
                govAreaTotals[g * areas + a] = DemoFrame.COUNTS[g][a];
            }
        }
        double[] sizeTotals = new double[DemoFrame.SIZE_GROUPS.size()];
        for (int i = 0; i < frame.size(); i++) {
            sizeTotals[frame.sizeGroup()[i]]++;
        }
        return new WeightingInput(stratum, responded, population, null, List.of(
                new WeightingInput.Margin("government level × area", govArea, govAreaLabels, govAreaTotals),
                new WeightingInput.Margin("size group", size, DemoFrame.SIZE_GROUPS, sizeTotals)));
    }

    /** Unweighted "weights": every respondent counts once, for comparing with the weighted estimates. */
    public Weights unweighted() {
        int n = weights.size();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        int[] single = new int[n];
        double[] population = {Double.POSITIVE_INFINITY};
        return new Weights(weights.respondent(), ones, ones, single, population,
                Weights.design(ones, single, population), weights.diagnostics());
    }
}
