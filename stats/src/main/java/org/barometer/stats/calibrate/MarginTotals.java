package org.barometer.stats.calibrate;

import java.util.Map;

/**
 * Population margins against the sample: the population count of each level of a sample factor (refusing a margin
 * that does not fit the sample), the weighted sample count of each level, and their ratios. The checks of plain
 * arguments (weights, lengths) are {@link org.barometer.stats.Arguments}'.
 */
final class MarginTotals {

    private MarginTotals() {
    }

    /**
     * Resolves a population margin against a sample factor: the population count of each level, after
     * checking names, categories and signs. A level with no sample weight and no population count keeps a
     * ratio of 1 (its rows all have weight 0), as R drops such empty post-strata.
     *
     * @param factor       the sample variable
     * @param margin       the population counts
     * @param sampleTotals weighted sample count per level
     * @return population count per level of {@code factor}
     */
    static double[] populationByLevel(CodedFactor factor, PopulationMargin margin, double[] sampleTotals) {
        if (!factor.name().equals(margin.variable())) {
            throw new CalibrationException(CalibrationException.Problem.UNKNOWN_VARIABLE, margin.variable(), null,
                    "population margin for variable " + margin.variable() + " is matched with sample variable "
                            + factor.name());
        }
        String v = factor.name();
        double[] pop = new double[factor.levels().length];
        boolean[] given = new boolean[pop.length];
        for (Map.Entry<String, Double> e : margin.totals().entrySet()) {
            String category = e.getKey();
            double total = e.getValue() == null ? Double.NaN : e.getValue();
            if (!(total >= 0) || Double.isInfinite(total)) {
                throw new CalibrationException(CalibrationException.Problem.NON_POSITIVE_TOTAL, v, category,
                        "population total for " + v + "=" + category + " must be a finite count >= 0, got " + total);
            }
            int j = factor.levelIndex(category);
            if (j < 0 || sampleTotals[j] == 0) {
                if (total > 0) {
                    throw new CalibrationException(CalibrationException.Problem.CATEGORY_ABSENT_FROM_SAMPLE, v, category,
                            "category " + v + "=" + category + " has population total " + total
                                    + " but no weight in the sample, so its total cannot be met");
                }
                if (j < 0) {
                    continue;
                }
            }
            pop[j] = total;
            given[j] = true;
        }
        for (int j = 0; j < pop.length; j++) {
            if (sampleTotals[j] > 0 && !given[j]) {
                throw new CalibrationException(CalibrationException.Problem.CATEGORY_MISSING_FROM_POPULATION, v,
                        factor.levels()[j], "category " + v + "=" + factor.levels()[j]
                                + " occurs in the sample but has no population total");
            }
            if (sampleTotals[j] > 0 && pop[j] == 0) {
                throw new CalibrationException(CalibrationException.Problem.NON_POSITIVE_TOTAL, v, factor.levels()[j],
                        "population total for " + v + "=" + factor.levels()[j]
                                + " is 0 but the category has weight in the sample");
            }
        }
        return pop;
    }

    /** Population over sample total per level; 1 for levels empty in both. */
    static double[] ratios(double[] population, double[] sampleTotals) {
        double[] r = new double[population.length];
        for (int j = 0; j < r.length; j++) {
            r[j] = sampleTotals[j] == 0 ? 1.0 : population[j] / sampleTotals[j];
        }
        return r;
    }

    /** The weighted sample count of each level of {@code factor}. */
    static double[] levelTotals(CodedFactor factor, double[] weights) {
        double[] t = new double[factor.levels().length];
        int[] c = factor.codes();
        for (int i = 0; i < c.length; i++) {
            t[c[i]] += weights[i];
        }
        return t;
    }
}
