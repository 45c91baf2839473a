package org.barometer.app.demo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * The generative model of the demo edition: answers of every workplace in the {@link Workplaces} to the
 * Innovation Barometer's questions, drawn so that the population shares are those the 2018–19 barometer
 * published (see the seed's FIGURES.md), while varying across strata — by government level where the
 * publication says so, and by size group and area otherwise — so that a sample that over-represents
 * large and state workplaces is biased until it is weighted.
 *
 * <p>Each probability is a logistic model {@code expit(a + beta * score)}, where the score of a workplace
 * depends on its size group and area and the intercept {@code a} is solved so that the mean probability
 * over the workplaces it applies to equals the published share. Answers are coded as small integers;
 * {@code -1} means the question was not asked (routing), exactly as an unanswered question is stored.
 */
public final class DemoModel {

    /** Codes of the answer categories. */
    public static final int NOT_ASKED = -1;
    public static final int YES = 1;
    public static final int NO = 0;
    public static final int DONT_KNOW = 9;
    public static final int NOT_APPLICABLE = 8;

    /** Names of the ten collaboration partners, in the publication's order. */
    public static final String[] PARTNERS = {"partner_own_org", "partner_private", "partner_public_same",
            "partner_citizens", "partner_research", "partner_public_other", "partner_voluntary",
            "partner_foundations", "partner_foreign", "partner_social"};

    /** Published shares of each partner: tech innovations with new technology, with known, non-tech. */
    static final double[][] PARTNER_SHARES = {
            {0.46, 0.46, 0.40}, {0.38, 0.26, 0.12}, {0.25, 0.18, 0.09}, {0.15, 0.15, 0.15},
            {0.12, 0.12, 0.12}, {0.07, 0.07, 0.07}, {0.06, 0.06, 0.09}, {0.05, 0.05, 0.04},
            {0.03, 0.03, 0.01}, {0.01, 0.01, 0.01}};
    /** Collaboration with anyone outside the workplace: new, known, non-tech. */
    static final double[] ANY_PARTNER = {0.84, 0.77, 0.64};

    private static final double[] SIZE_EFFECT = {-0.4, 0.0, 0.4};
    private static final double[] AREA_EFFECT = {0.2, -0.3, 0.1, 0.25, -0.2, -0.25, 0.05};

    private final Workplaces frame;
    private final SplittableRandom random;
    private final double[] score;
    private final Map<String, int[]> answers = new LinkedHashMap<>();

    private final DemoVintage vintage;

    private DemoModel(Workplaces frame, long seed, DemoVintage vintage) {
        this.frame = frame;
        this.vintage = vintage;
        this.random = new SplittableRandom(seed);
        this.score = new double[frame.size()];
        for (int i = 0; i < frame.size(); i++) {
            score[i] = SIZE_EFFECT[frame.sizeGroup()[i]] + AREA_EFFECT[frame.area()[i]];
        }
    }

    /** Every workplace's answers to the 2018–19 edition, drawn with the given seed. */
    static Map<String, int[]> population(Workplaces frame, long seed) {
        return population(frame, seed, DemoVintage.CURRENT);
    }

    /** Every workplace's answers to an edition of the series, drawn with the given seed to its shares. */
    static Map<String, int[]> population(Workplaces frame, long seed, DemoVintage vintage) {
        DemoModel model = new DemoModel(frame, seed, vintage);
        model.generate();
        return model.answers;
    }

    private void generate() {
        int n = frame.size();
        int[] gov = frame.govLevel();
        answers.put("gov_level", gov.clone());
        answers.put("area", frame.area().clone());
        answers.put("size_group", frame.sizeGroup().clone());

        int[] innovated = column("innovated");
        double[] innovationByGov = vintage.innovationByGov();
        for (int g = 0; g < 3; g++) {
            final int level = g;
            bernoulli(innovated, i -> gov[i] == level, innovationByGov[g], 0.8, null, i -> YES, i -> NO);
        }
        IntPredicate innovator = i -> innovated[i] == YES;

        // Curiosity (all respondents): agree 79 %, disagree 12 %, don't know 3 %, not applicable 6 %.
        int[] curious = column("curious");
        int[] agree = new int[n];
        bernoulli(agree, i -> true, 0.79, 0.6, null, i -> YES, i -> NO);
        for (int i = 0; i < n; i++) {
            if (agree[i] == YES) {
                curious[i] = random.nextDouble() < 0.33 / 0.79 ? 4 : 3;
            } else {
                double u = random.nextDouble() * 0.21;
                curious[i] = u < 0.03 ? 1 : u < 0.12 ? 2 : u < 0.15 ? DONT_KNOW : NOT_APPLICABLE;
            }
        }

        // Technological innovation: by government level, more likely where the manager completely agrees
        // that the workplace is curious about new technology.
        int[] tech = new int[n];
        Arrays.fill(tech, NOT_ASKED);
        // the 2018–19 shares by level (34.4 % over all), scaled to the edition's share
        double scale = vintage.technologyShare() / 0.344;
        double[] techByGov = {0.52 * scale, 0.37 * scale, 0.32 * scale};
        double[] curiousShift = new double[n];
        for (int i = 0; i < n; i++) {
            curiousShift[i] = curious[i] == 4 ? 1.3 : 0.0;
        }
        for (int g = 0; g < 3; g++) {
            final int level = g;
            bernoulli(tech, i -> innovator.test(i) && gov[i] == level, techByGov[g], 0.8, curiousShift,
                    i -> YES, i -> NO);
        }
        int[] role = column("tech_role");
        for (int i = 0; i < n; i++) {
            if (tech[i] == YES) {
                role[i] = random.nextDouble() < vintage.technologySolution() ? 1 : 2;
            } else if (tech[i] == NO) {
                double u = random.nextDouble();
                role[i] = u < 0.052 / 0.656 ? DONT_KNOW : random.nextDouble() < 0.34 / 0.604 ? 3 : 4;
            }
        }
        IntPredicate isTech = i -> role[i] == 1 || role[i] == 2;

        // Newness of the technology (asked of tech innovations): new 26 %, known 68 %, don't know 6 %.
        int[] techNew = column("tech_new");
        bernoulli(techNew, isTech, 0.262, 0.5, null, i -> 1, i -> random.nextDouble() < 0.06 / 0.738 ? DONT_KNOW : 2);
        // 0 new, 1 known, 2 non-tech: the grouping the figures compare
        int[] newness = new int[n];
        for (int i = 0; i < n; i++) {
            newness[i] = !innovator.test(i) ? -1 : !isTech.test(i) ? 2 : techNew[i] == 1 ? 0 : 1;
        }

        // Value created (multiple answers), tech vs non-tech; citizen involvement also by newness.
        valueItem("value_quality", newness, new double[] {0.60, 0.60, 0.72});
        valueItem("value_efficiency", newness, new double[] {0.47, 0.47, 0.35});
        valueItem("value_employees", newness, new double[] {0.40, 0.40, 0.51});
        valueItem("value_citizens", newness, new double[] {0.27, 0.35, 0.28});
        valueItem("value_policy", newness, new double[] {0.31, 0.31, 0.35});

        // Employees promoted or inhibited the innovation, by newness.
        int[] employees = column("employee_role");
        double[][] employeeShares = {{0.71, 0.18}, {0.81, 0.13}, {0.86, 0.08}};
        for (int group = 0; group < 3; group++) {
            final int gr = group;
            double[] s = employeeShares[group];
            bernoulli(employees, i -> newness[i] == gr, s[0], 0.5, null, i -> 1,
                    i -> random.nextDouble() < s[1] / (1 - s[0]) ? 2 : random.nextBoolean() ? DONT_KNOW : NOT_APPLICABLE);
        }

        // Collaboration: first whether with anyone outside, then with whom (at least one partner).
        int[] anyPartner = new int[n];
        Arrays.fill(anyPartner, NOT_ASKED);
        for (int group = 0; group < 3; group++) {
            final int gr = group;
            bernoulli(anyPartner, i -> newness[i] == gr, ANY_PARTNER[group], 0.5, null, i -> YES, i -> NO);
        }
        int[][] partners = new int[PARTNERS.length][];
        for (int j = 0; j < PARTNERS.length; j++) {
            partners[j] = column(PARTNERS[j]);
        }
        double[][] given = new double[3][];
        for (int group = 0; group < 3; group++) {
            double[] conditional = new double[PARTNERS.length];
            for (int j = 0; j < PARTNERS.length; j++) {
                conditional[j] = PARTNER_SHARES[j][group] / ANY_PARTNER[group];
            }
            given[group] = atLeastOneProbabilities(conditional);
        }
        for (int i = 0; i < n; i++) {
            if (anyPartner[i] == NOT_ASKED) {
                continue;
            }
            for (int j = 0; j < PARTNERS.length; j++) {
                partners[j][i] = NO;
            }
            if (anyPartner[i] == YES) {
                double[] q = given[newness[i]];
                boolean some = false;
                while (!some) {
                    for (int j = 0; j < PARTNERS.length; j++) {
                        partners[j][i] = random.nextDouble() < q[j] ? YES : NO;
                        some |= partners[j][i] == YES;
                    }
                }
            }
        }

        // Citizens' positive role: (initiated, promoted) drawn given whether citizens were a collaboration
        // partner, from joint patterns of (initiated, promoted, collaborated) with the published margins.
        int[][] patterns = {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 1, 1}, {1, 1, 1}, {0, 0, 1}};
        double[] techPatterns = {0.47, 0.33, 0.05, 0.06, 0.05, 0.04};
        double[] otherPatterns = {0.41, 0.37, 0.06, 0.06, 0.05, 0.05};
        int[] initiated = column("citizens_initiated");
        int[] promoted = column("citizens_promoted");
        int[] collaborated = column("citizens_collaborated");
        int[] withCitizens = answers.get("partner_citizens");
        for (int i = 0; i < n; i++) {
            if (!innovator.test(i)) {
                continue;
            }
            double[] p = (isTech.test(i) ? techPatterns : otherPatterns).clone();
            for (int k = 0; k < p.length; k++) {
                if (patterns[k][2] != withCitizens[i]) {
                    p[k] = 0;
                }
            }
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            for (int k = 0; k < p.length; k++) {
                p[k] /= sum;
            }
            int k = pick(random, p);
            initiated[i] = patterns[k][0];
            promoted[i] = patterns[k][1];
            collaborated[i] = withCitizens[i];
        }

        int[] cause = column("cause_new_tech");
        bernoulli(cause, innovator, 0.12, 0.5, null, i -> YES, i -> NO);
        int[] core = column("core_task");
        bernoulli(core, isTech, 0.90, 0.5, null, i -> YES, i -> NO);
    }

    private void valueItem(String name, int[] newness, double[] shares) {
        int[] column = column(name);
        for (int group = 0; group < 3; group++) {
            final int gr = group;
            bernoulli(column, i -> newness[i] == gr, shares[group], 0.5, null, i -> YES, i -> NO);
        }
    }

    private int[] column(String name) {
        int[] column = new int[frame.size()];
        Arrays.fill(column, NOT_ASKED);
        answers.put(name, column);
        return column;
    }

    /**
     * One draw from a categorical distribution: the index {@code k} whose cumulative share first exceeds a
     * uniform number (the last index when rounding leaves the shares just short of 1). Uses one number of
     * {@code random}, so a seeded demo stays the same.
     */
    static int pick(SplittableRandom random, double[] probabilities) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < probabilities.length; k++) {
            cumulative += probabilities[k];
            if (u < cumulative) {
                return k;
            }
        }
        return probabilities.length - 1;
    }

    /**
     * Draws a yes/no for every workplace in {@code applies}: yes with probability
     * {@code expit(a + beta * score + shift)}, {@code a} chosen so the mean probability is {@code target}.
     */
    private void bernoulli(int[] into, IntPredicate applies, double target, double beta, double[] shift,
                           java.util.function.IntUnaryOperator yes, java.util.function.IntUnaryOperator no) {
        int n = frame.size();
        double[] offset = new double[n];
        boolean[] in = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            in[i] = applies.test(i);
            if (in[i]) {
                offset[i] = beta * score[i] + (shift == null ? 0 : shift[i]);
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        double a = solveIntercept(offset, in, target);
        for (int i = 0; i < n; i++) {
            if (in[i]) {
                into[i] = random.nextDouble() < expit(a + offset[i]) ? yes.applyAsInt(i) : no.applyAsInt(i);
            }
        }
    }

    static double solveIntercept(double[] offset, boolean[] in, double target) {
        double lo = -30;
        double hi = 30;
        for (int iteration = 0; iteration < 100; iteration++) {
            double mid = (lo + hi) / 2;
            double sum = 0;
            int count = 0;
            for (int i = 0; i < offset.length; i++) {
                if (in[i]) {
                    sum += expit(mid + offset[i]);
                    count++;
                }
            }
            if (sum / count < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Per-partner probabilities q for independent draws repeated until at least one partner is drawn, such
     * that each partner's share among those who collaborate equals {@code conditional}: the fixed point of
     * {@code q_j = t_j · (1 − Π_k (1 − q_k))}.
     */
    static double[] atLeastOneProbabilities(double[] conditional) {
        double[] q = conditional.clone();
        for (int iteration = 0; iteration < 500; iteration++) {
            double none = 1;
            for (double v : q) {
                none *= 1 - v;
            }
            for (int j = 0; j < q.length; j++) {
                q[j] = Math.min(0.999, conditional[j] * (1 - none));
            }
        }
        return q;
    }
}
