package org.barometer.app.analysis;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
        int units = input.stratum().length;
        long[] population = input.stratumPopulation();
        int strata = population.length;
        long[] sampled = new long[strata];
        for (int i = 0; i < units; i++) {
            int h = input.stratum()[i];
            if (h < 0 || h >= strata) {
                throw new WeightingException("Sampled unit " + i + " is in stratum " + h + ", which the frame does not have");
            }
            sampled[h]++;
        }
        double[] design = new double[units];
        double minDesign = Double.POSITIVE_INFINITY;
        double maxDesign = 0;
        for (int h = 0; h < strata; h++) {
            if (sampled[h] > population[h]) {
                throw new WeightingException("Design weights: stratum " + h + " has " + sampled[h]
                        + " sampled units but only " + population[h] + " in the frame");
            }
        }
        for (int i = 0; i < units; i++) {
            int h = input.stratum()[i];
            design[i] = (double) population[h] / sampled[h];
            minDesign = Math.min(minDesign, design[i]);
            maxDesign = Math.max(maxDesign, design[i]);
        }

        // Non-response adjustment within groups, merging groups with too few respondents.
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
                throw new WeightingException("Non-response adjustment: group " + groupName[small] + " has "
                        + respondents[small] + " respondents and no other group to merge with");
            }
            for (int h = 0; h < strata; h++) {
                if (groupOfStratum[h] == small) {
                    groupOfStratum[h] = target;
                }
            }
            groupName[target] = groupName[Math.min(small, target)] + "+" + groupName[Math.max(small, target)];
            merged.add(groupName[target]);
        }
        double[] sampledWeight = new double[groups];
        double[] respondentWeight = new double[groups];
        double[] groupPopulation = new double[groups];
        for (int i = 0; i < units; i++) {
            sampledWeight[unitGroup[i]] += design[i];
            if (input.responded()[i]) {
                respondentWeight[unitGroup[i]] += design[i];
            }
        }
        for (int h = 0; h < strata; h++) {
            if (sampled[h] > 0) {
                groupPopulation[groupOfStratum[h]] += population[h];
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
            adjusted[r] = design[i] * sampledWeight[unitGroup[i]] / respondentWeight[unitGroup[i]];
            varianceStratum[r] = unitGroup[i];
        }

        // Calibration to the frame's margins.
        double[][] x = calibrationMatrix(input, respondent);
        double[] target = calibrationTargets(input);
        checkMargins(input, respondent, population);
        double[] weight = adjusted.clone();
        int iterations = 0;
        if (options.method() != WeightingOptions.Method.NONE && x != null) {
            iterations = calibrate(weight, adjusted, x, target, input, respondent, options);
        }
        if (options.trimAbove() > 0) {
            trim(weight, options.trimAbove());
        }

        // Diagnostics.
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
        Weights.Diagnostics diagnostics = new Weights.Diagnostics(new double[] {minDesign, maxDesign}, min, max, cv,
                kish, iterations, List.copyOf(merged), List.copyOf(checks));
        return new Weights(respondent, weight, adjusted, varianceStratum, groupPopulation,
                options.method() == WeightingOptions.Method.NONE ? null : x, diagnostics);
    }

    /**
     * Trims weights above {@code ratio} times the mean weight to that cap and shares what was cut among the
     * weights below it in proportion to their size, so the grand total is kept (as R's {@code trimWeights});
     * repeated until no weight is above the cap. The margins may then miss their totals slightly, which the
     * diagnostics show.
     */
    static void trim(double[] weight, double ratio) {
        if (ratio <= 1) {
            throw new WeightingException("Trimming: the cap must be more than 1 times the mean weight, was " + ratio);
        }
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        double cap = ratio * total / weight.length;
        for (int round = 0; round < 100; round++) {
            double excess = 0;
            double below = 0;
            for (int r = 0; r < weight.length; r++) {
                if (weight[r] > cap) {
                    excess += weight[r] - cap;
                    weight[r] = cap;
                } else if (weight[r] < cap) {
                    below += weight[r];
                }
            }
            if (excess <= 1e-12 * total) {
                return;
            }
            for (int r = 0; r < weight.length; r++) {
                if (weight[r] < cap) {
                    weight[r] += excess * weight[r] / below;
                }
            }
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

    /** Checks that the margins agree with the frame and with each other, and that every category has respondents. */
    private static void checkMargins(WeightingInput input, int[] respondent, long[] population) {
        long frameTotal = 0;
        for (long p : population) {
            frameTotal += p;
        }
        for (WeightingInput.Margin m : input.margins()) {
            double sum = 0;
            for (int c = 0; c < m.totals().length; c++) {
                if (m.totals()[c] < 0 || !Double.isFinite(m.totals()[c])) {
                    throw new WeightingException("Calibration: margin '" + m.name() + "', category '" + m.labels().get(c)
                            + "' has total " + m.totals()[c] + "; totals must be counts of the frame");
                }
                sum += m.totals()[c];
            }
            if (Math.abs(sum - frameTotal) > 0.5) {
                throw new WeightingException("Calibration: margin '" + m.name() + "' adds up to " + fmt(sum)
                        + " but the frame has " + frameTotal + " units");
            }
            long[] respondents = new long[m.totals().length];
            for (int i : respondent) {
                int c = m.category()[i];
                if (c < 0 || c >= respondents.length) {
                    throw new WeightingException("Calibration: margin '" + m.name() + "': unit " + i
                            + " has category " + c + ", which the margin does not have");
                }
                respondents[c]++;
            }
            for (int c = 0; c < respondents.length; c++) {
                if (m.totals()[c] > 0 && respondents[c] == 0) {
                    throw new WeightingException("Calibration: margin '" + m.name() + "', category '" + m.labels().get(c)
                            + "' has " + fmt(m.totals()[c]) + " units in the frame but no respondents");
                }
                if (m.totals()[c] == 0 && respondents[c] > 0) {
                    throw new WeightingException("Calibration: margin '" + m.name() + "', category '" + m.labels().get(c)
                            + "' has " + respondents[c] + " respondents but no units in the frame");
                }
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** One column per category of every margin (dummies); null when there are no margins. */
    static double[][] calibrationMatrix(WeightingInput input, int[] respondent) {
        if (input.margins().isEmpty()) {
            return null;
        }
        int columns = 0;
        for (WeightingInput.Margin m : input.margins()) {
            columns += m.totals().length;
        }
        double[][] x = new double[respondent.length][columns];
        int offset = 0;
        for (WeightingInput.Margin m : input.margins()) {
            for (int r = 0; r < respondent.length; r++) {
                x[r][offset + m.category()[respondent[r]]] = 1;
            }
            offset += m.totals().length;
        }
        return x;
    }

    private static double[] calibrationTargets(WeightingInput input) {
        List<Double> t = new ArrayList<>();
        for (WeightingInput.Margin m : input.margins()) {
            for (double v : m.totals()) {
                t.add(v);
            }
        }
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i);
        }
        return out;
    }

    /** Calibrates {@code weight} in place, starting from {@code start}; returns the raking sweeps used. */
    private static int calibrate(double[] weight, double[] start, double[][] x, double[] target, WeightingInput input,
                                 int[] respondent, WeightingOptions options) {
        int n = weight.length;
        int k = target.length;
        if (options.method() == WeightingOptions.Method.LINEAR) {
            // g = 1 + x'λ with λ solving (Σ d x x') λ = T − Σ d x (generalised inverse: the dummies are collinear)
            DMatrixRMaj xtx = new DMatrixRMaj(k, k);
            DMatrixRMaj gap = new DMatrixRMaj(k, 1);
            for (int r = 0; r < n; r++) {
                for (int a = 0; a < k; a++) {
                    if (x[r][a] == 0) {
                        continue;
                    }
                    gap.add(a, 0, -start[r] * x[r][a]);
                    for (int b = 0; b < k; b++) {
                        xtx.add(a, b, start[r] * x[r][a] * x[r][b]);
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                gap.add(a, 0, target[a]);
            }
            DMatrixRMaj inverse = new DMatrixRMaj(k, k);
            CommonOps_DDRM.pinv(xtx, inverse);
            DMatrixRMaj lambda = new DMatrixRMaj(k, 1);
            CommonOps_DDRM.mult(inverse, gap, lambda);
            for (int r = 0; r < n; r++) {
                double g = 1;
                for (int a = 0; a < k; a++) {
                    g += x[r][a] * lambda.get(a, 0);
                }
                weight[r] = start[r] * g;
            }
            return 0;
        }
        System.arraycopy(start, 0, weight, 0, n);
        for (int sweep = 1; sweep <= options.maxIterations(); sweep++) {
            double worst = 0;
            int offset = 0;
            for (WeightingInput.Margin m : input.margins()) {
                int categories = m.totals().length;
                double[] totals = new double[categories];
                for (int r = 0; r < n; r++) {
                    totals[m.category()[respondent[r]]] += weight[r];
                }
                for (int c = 0; c < categories; c++) {
                    if (totals[c] > 0) {
                        worst = Math.max(worst, Math.abs(totals[c] - m.totals()[c]) / m.totals()[c]);
                    }
                }
                for (int r = 0; r < n; r++) {
                    int c = m.category()[respondent[r]];
                    weight[r] *= m.totals()[c] / totals[c];
                }
                offset += categories;
            }
            if (worst < options.tolerance()) {
                return sweep;
            }
        }
        throw new WeightingException("Calibration: raking did not converge in " + options.maxIterations()
                + " sweeps; the margins may contradict each other");
    }
}
