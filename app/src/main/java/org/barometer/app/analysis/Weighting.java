package org.barometer.app.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.barometer.app.text.Message;
import java.util.Map;
import org.barometer.stats.calibrate.CalibrationException;
import org.barometer.stats.calibrate.CalibrationOptions;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.ModelMatrix;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.RakeControl;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.Design;

/**
 * Weighting as a sequence of steps, each checked: design weights from the sample (N_h / n_h), non-response
 * adjustment within groups (by default the strata; a group with too few respondents is merged with its
 * neighbour), calibration to the frame's counts (raking or linear), optional trimming, and diagnostics.
 * Every problem is refused with a message naming the step and the place, before any weight is returned.
 */
public final class Weighting {

    private Weighting() {
    }

    /** Runs every step. */
    public static Weights run(WeightingInput input, WeightingOptions options) {
        DesignWeights design = designWeights(input);
        Groups groups = nonresponseGroups(input, options);
        Adjusted adjusted = adjustForNonresponse(input, design, groups);

        // Calibration to the frame's margins and trimming, by the statistics engine, which also records what they
        // mean for the variance.
        boolean calibrating = options.method() != WeightingOptions.Method.NONE && !input.margins().isEmpty();
        checkMargins(input, adjusted.respondent(), input.stratumPopulation(), calibrating);
        Design sample = calibrationDesign(input, adjusted.respondent(), adjusted.weight(), adjusted.varianceStratum(),
                adjusted.groupPopulation());
        int iterations = 0;
        if (calibrating) {
            DesignCalibration<Design> calibrated = calibrate(sample, input, options);
            sample = calibrated.design();
            iterations = calibrated.iterations();
        }
        if (options.trimAbove() > 0) {
            sample = trim(sample, options.trimAbove());
        }
        double[] weight = sample.weights();
        Weights.Diagnostics diagnostics = diagnostics(input, adjusted.respondent(), weight, design, iterations,
                groups.merged());
        return new Weights(adjusted.respondent(), weight, adjusted.weight(), adjusted.varianceStratum(),
                adjusted.groupPopulation(), sample, diagnostics);
    }

    /**
     * The design weights N_h / n_h of every sampled unit, with the number sampled per stratum and the smallest and
     * largest weight.
     */
    private record DesignWeights(double[] weight, long[] sampled, double min, double max) {}

    private static DesignWeights designWeights(WeightingInput input) {
        int units = input.stratum().length;
        long[] population = input.stratumPopulation();
        int strata = population.length;
        long[] sampled = new long[strata];
        for (int i = 0; i < units; i++) {
            int h = input.stratum()[i];
            if (h < 0 || h >= strata) {
                throw new WeightingException("weighting.unit.outsideFrame", i, h);
            }
            sampled[h]++;
        }
        double[] design = new double[units];
        double minDesign = Double.POSITIVE_INFINITY;
        double maxDesign = 0;
        for (int h = 0; h < strata; h++) {
            if (sampled[h] > population[h]) {
                throw new WeightingException("weighting.design.tooMany", h, sampled[h], population[h]);
            }
        }
        for (int i = 0; i < units; i++) {
            int h = input.stratum()[i];
            design[i] = (double) population[h] / sampled[h];
            minDesign = Math.min(minDesign, design[i]);
            maxDesign = Math.max(maxDesign, design[i]);
        }
        return new DesignWeights(design, sampled, minDesign, maxDesign);
    }

    /**
     * The non-response adjustment groups: per sampled unit its group and per stratum its group, after merging each
     * group with too few respondents into its neighbour (the merged groups' names, e.g. "3+4").
     */
    private record Groups(int[] unitGroup, int[] groupOfStratum, int count, List<String> merged) {}

    private static Groups nonresponseGroups(WeightingInput input, WeightingOptions options) {
        int units = input.stratum().length;
        int strata = input.stratumPopulation().length;
        int[] groupOfStratum = input.nonresponseGroup() == null ? identity(strata) : input.nonresponseGroup().clone();
        int groups = 0;
        for (int g : groupOfStratum) {
            groups = Math.max(groups, g + 1);
        }
        List<String> merged = new ArrayList<>();
        String[] groupName = new String[groups];
        for (int g = 0; g < groups; g++) {
            groupName[g] = String.valueOf(g);
        }
        int[] unitGroup = new int[units];
        while (true) {
            long[] respondents = new long[groups];
            long[] sampledInGroup = new long[groups];
            for (int i = 0; i < units; i++) {
                unitGroup[i] = groupOfStratum[input.stratum()[i]];
                sampledInGroup[unitGroup[i]]++;
                if (input.responded()[i]) {
                    respondents[unitGroup[i]]++;
                }
            }
            int small = -1;
            for (int g = 0; g < groups; g++) {
                if (sampledInGroup[g] > 0 && respondents[g] < options.minRespondents()) {
                    small = g;
                    break;
                }
            }
            if (small < 0) {
                break;
            }
            int target = neighbour(small, sampledInGroup);
            if (target < 0) {
                throw new WeightingException("weighting.groups.cannotMerge", groupName[small], respondents[small]);
            }
            for (int h = 0; h < strata; h++) {
                if (groupOfStratum[h] == small) {
                    groupOfStratum[h] = target;
                }
            }
            groupName[target] = groupName[Math.min(small, target)] + "+" + groupName[Math.max(small, target)];
            merged.add(groupName[target]);
        }
        return new Groups(unitGroup, groupOfStratum, groups, merged);
    }

    /**
     * The respondents (indices of sampled units) with their design weights raised, within each non-response group,
     * to stand for the group's non-respondents too; each respondent's variance stratum is its group, and each
     * group's frame count is that of the strata it was sampled from.
     */
    private record Adjusted(int[] respondent, double[] weight, int[] varianceStratum, double[] groupPopulation) {}

    private static Adjusted adjustForNonresponse(WeightingInput input, DesignWeights design, Groups groups) {
        int units = input.stratum().length;
        long[] population = input.stratumPopulation();
        int strata = population.length;
        int[] unitGroup = groups.unitGroup();
        double[] sampledWeight = new double[groups.count()];
        double[] respondentWeight = new double[groups.count()];
        double[] groupPopulation = new double[groups.count()];
        for (int i = 0; i < units; i++) {
            sampledWeight[unitGroup[i]] += design.weight()[i];
            if (input.responded()[i]) {
                respondentWeight[unitGroup[i]] += design.weight()[i];
            }
        }
        for (int h = 0; h < strata; h++) {
            if (design.sampled()[h] > 0) {
                groupPopulation[groups.groupOfStratum()[h]] += population[h];
            }
        }
        List<Integer> respondentIndex = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            if (input.responded()[i]) {
                respondentIndex.add(i);
            }
        }
        int n = respondentIndex.size();
        int[] respondent = new int[n];
        double[] adjusted = new double[n];
        int[] varianceStratum = new int[n];
        for (int r = 0; r < n; r++) {
            int i = respondentIndex.get(r);
            respondent[r] = i;
            adjusted[r] = design.weight()[i] * sampledWeight[unitGroup[i]] / respondentWeight[unitGroup[i]];
            varianceStratum[r] = unitGroup[i];
        }
        return new Adjusted(respondent, adjusted, varianceStratum, groupPopulation);
    }

    /** The final weights' range, CV, Kish's design effect and every margin category's weighted total. */
    private static Weights.Diagnostics diagnostics(WeightingInput input, int[] respondent, double[] weight,
                                                   DesignWeights design, int iterations, List<String> merged) {
        int n = weight.length;
        double mean = mean(weight);
        double ss = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double w : weight) {
            ss += (w - mean) * (w - mean);
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        double cv = n > 1 ? Math.sqrt(ss / (n - 1)) / mean : 0;
        double sum = 0;
        double sumSq = 0;
        for (double w : weight) {
            sum += w;
            sumSq += w * w;
        }
        double kish = n * sumSq / (sum * sum);
        List<Weights.MarginCheck> checks = new ArrayList<>();
        for (WeightingInput.Margin m : input.margins()) {
            double[] totals = new double[m.totals().length];
            for (int r = 0; r < n; r++) {
                totals[m.category()[respondent[r]]] += weight[r];
            }
            for (int c = 0; c < totals.length; c++) {
                checks.add(new Weights.MarginCheck(m.name(), m.labels().get(c), m.totals()[c], totals[c]));
            }
        }
        return new Weights.Diagnostics(new double[] {design.min(), design.max()}, min, max, cv, kish, iterations,
                List.copyOf(merged), List.copyOf(checks));
    }

    /**
     * Trims weights above {@code ratio} times the mean weight to that cap and shares what was cut among the
     * others in proportion to their size, so the grand total is kept, until no weight is above the cap (R's
     * {@code trimWeights(strict = TRUE)}, done by the statistics engine). The margins may then miss their totals
     * slightly, which the diagnostics show.
     */
    static Design trim(Design design, double ratio) {
        if (ratio <= 1) {
            throw new WeightingException("weighting.trim.cap", ratio);
        }
        double cap = ratio * design.weightSum() / design.rowCount();
        try {
            return DesignCalibration.trimWeights(design, Double.NEGATIVE_INFINITY, cap, true).design();
        } catch (CalibrationException e) {
            throw new WeightingException("weighting.trim.failed", e.getMessage());
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The nearest other group that has sampled units: the next one, else the previous one. */
    private static int neighbour(int group, long[] sampledInGroup) {
        for (int d = 1; d < sampledInGroup.length; d++) {
            if (group + d < sampledInGroup.length && sampledInGroup[group + d] > 0) {
                return group + d;
            }
            if (group - d >= 0 && sampledInGroup[group - d] > 0) {
                return group - d;
            }
        }
        return -1;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /**
     * Checks that the margins agree with the frame and with each other and, when the weights are calibrated to
     * them, that every category has respondents. Without calibration the margins only show in the diagnostics how
     * far the weighted totals are from the frame's.
     */
    private static void checkMargins(WeightingInput input, int[] respondent, long[] population, boolean calibrating) {
        long frameTotal = 0;
        for (long p : population) {
            frameTotal += p;
        }
        for (WeightingInput.Margin m : input.margins()) {
            double sum = 0;
            for (int c = 0; c < m.totals().length; c++) {
                if (m.totals()[c] < 0 || !Double.isFinite(m.totals()[c])) {
                    throw new WeightingException("weighting.margin.badTotal", m.name(), m.labels().get(c), m.totals()[c]);
                }
                sum += m.totals()[c];
            }
            if (Math.abs(sum - frameTotal) > 0.5) {
                throw new WeightingException("weighting.margin.sum", m.name(), fmt(sum), frameTotal);
            }
            long[] respondents = new long[m.totals().length];
            for (int i : respondent) {
                int c = m.category()[i];
                if (c < 0 || c >= respondents.length) {
                    throw new WeightingException("weighting.margin.unknownCategory", m.name(), i, c);
                }
                respondents[c]++;
            }
            for (int c = 0; c < respondents.length && calibrating; c++) {
                if (m.totals()[c] > 0 && respondents[c] == 0) {
                    throw new WeightingException("weighting.margin.noRespondents", m.name(), m.labels().get(c),
                            fmt(m.totals()[c]));
                }
                if (m.totals()[c] == 0 && respondents[c] > 0) {
                    throw new WeightingException("weighting.margin.noFrameUnits", m.name(), m.labels().get(c),
                            respondents[c]);
                }
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Name of the design's column holding margin {@code m}'s categories. */
    private static String marginColumn(int m) {
        return "margin" + m;
    }

    /**
     * The uncalibrated design of the respondents (weights after non-response adjustment) with one factor per
     * margin; its levels are the margin's categories that have units in the frame (checked to be those that
     * have respondents), named by their position so that any label is safe.
     */
    private static Design calibrationDesign(WeightingInput input, int[] respondent, double[] adjusted,
                                            int[] varianceStratum, double[] groupPopulation) {
        Design base = Weights.design(adjusted, varianceStratum, groupPopulation);
        DataTable table = base.table();
        for (int m = 0; m < input.margins().size(); m++) {
            WeightingInput.Margin margin = input.margins().get(m);
            int[] position = new int[margin.totals().length];
            List<String> levels = new ArrayList<>();
            for (int c = 0; c < position.length; c++) {
                position[c] = margin.totals()[c] > 0 ? levels.size() : -1;
                if (margin.totals()[c] > 0) {
                    levels.add(String.valueOf(c));
                }
            }
            int[] codes = new int[respondent.length];
            for (int r = 0; r < respondent.length; r++) {
                codes[r] = position[margin.category()[respondent[r]]];
            }
            table = table.with(FactorColumn.ofCodes(marginColumn(m), codes, levels));
        }
        return base.withTable(table);
    }

    /** Raking (R's {@code rake}) or linear calibration (R's {@code calibrate}, GREG) to the margins' totals. */
    private static DesignCalibration<Design> calibrate(Design design, WeightingInput input, WeightingOptions options) {
        List<WeightingInput.Margin> margins = input.margins();
        try {
            if (options.method() == WeightingOptions.Method.LINEAR) {
                List<String> terms = new ArrayList<>();
                Map<String, Double> totals = new LinkedHashMap<>();
                double frameTotal = 0;
                for (double t : margins.get(0).totals()) {
                    frameTotal += t;
                }
                totals.put(ModelMatrix.INTERCEPT, frameTotal);
                for (int m = 0; m < margins.size(); m++) {
                    terms.add(marginColumn(m));
                    boolean first = true;
                    for (int c = 0; c < margins.get(m).totals().length; c++) {
                        double t = margins.get(m).totals()[c];
                        if (t > 0) {
                            if (!first) {
                                totals.put(marginColumn(m) + c, t);
                            }
                            first = false;
                        }
                    }
                }
                return DesignCalibration.calibrate(design, terms, totals, CalibrationOptions.linear());
            }
            List<PopulationMargin> population = new ArrayList<>();
            for (int m = 0; m < margins.size(); m++) {
                Map<String, Double> totals = new LinkedHashMap<>();
                for (int c = 0; c < margins.get(m).totals().length; c++) {
                    if (margins.get(m).totals()[c] > 0) {
                        totals.put(String.valueOf(c), margins.get(m).totals()[c]);
                    }
                }
                population.add(new PopulationMargin(marginColumn(m), totals));
            }
            return DesignCalibration.rake(design, population,
                    RakeControl.converged(options.tolerance(), options.maxIterations()));
        } catch (CalibrationException e) {
            Message where = place(e, margins);
            if (options.method() == WeightingOptions.Method.RAKING) {
                throw new WeightingException("weighting.raking.notMet", options.maxIterations(), where,
                        describe(e, margins));
            }
            throw new WeightingException("weighting.calibration.failed", where, describe(e, margins));
        }
    }

    /** ", margin 'size', category 'a'" for the margin and category the engine names, or nothing. */
    private static Message place(CalibrationException e, List<WeightingInput.Margin> margins) {
        for (int m = 0; m < margins.size(); m++) {
            if (marginColumn(m).equals(e.variable())) {
                String name = margins.get(m).name();
                List<String> labels = margins.get(m).labels();
                try {
                    int c = Integer.parseInt(e.category());
                    return c >= 0 && c < labels.size() ? Message.of("weighting.place.category", name, labels.get(c))
                            : Message.of("weighting.place.margin", name);
                } catch (NumberFormatException notAPosition) {
                    return Message.of("weighting.place.margin", name);
                }
            }
        }
        return Message.of("weighting.place.none");
    }

    /** The engine's message with margin columns named as the margins are. */
    private static String describe(CalibrationException e, List<WeightingInput.Margin> margins) {
        String message = e.getMessage();
        for (int m = margins.size() - 1; m >= 0; m--) {
            List<String> labels = margins.get(m).labels();
            for (int c = labels.size() - 1; c >= 0; c--) {
                message = message.replace(marginColumn(m) + "=" + c, "'" + margins.get(m).name() + "'='" + labels.get(c) + "'");
            }
            message = message.replace(marginColumn(m), "'" + margins.get(m).name() + "'");
        }
        return message;
    }
}
