package org.barometer.stats.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed and checked {@code estimate} spec (see {@code docs/estimate.md} for the JSON form). Every part keeps
 * the JSON path it came from, so that problems found later (an unknown column, a category absent from the
 * data) still name the place in the spec.
 *
 * @param data        the CSV file, resolved against the spec's folder
 * @param levels      explicit level orders of categorical variables (also turns a numeric column into one)
 * @param design      the sampling design
 * @param replicates  replicate weights to use instead of Taylor linearisation, or {@code null}
 * @param calibration post-stratification, raking, calibration and weight trimming steps, applied in order
 *                    (possibly empty)
 * @param estimates   the estimates to print, in order
 */
public record Spec(Path data, Map<String, List<String>> levels, Design design, Replicates replicates,
        List<Calibration> calibration, List<Estimate> estimates) {

    /** How a stratum with a single PSU is treated (R's {@code options(survey.lonely.psu=)}). */
    public static final List<String> LONELY_PSU = List.of("fail", "remove", "certainty", "adjust", "average");

    /**
     * The design (R's {@code svydesign}).
     *
     * @param ids       cluster variables per stage, outermost first; empty for one row per PSU ({@code id=~1})
     * @param strata    the stratum variable or {@code null}
     * @param weights   the sampling weight variable or {@code null}
     * @param probs     the selection probability variable or {@code null} (weights are its inverse)
     * @param fpc       finite population corrections per stage (population sizes or sampling fractions)
     * @param nest      whether cluster ids are only unique within strata (R's {@code nest=TRUE})
     * @param lonelyPsu one of {@link #LONELY_PSU}
     */
    public record Design(String path, List<String> ids, String strata, String weights, String probs, List<String> fpc,
            boolean nest, String lonelyPsu) {
    }

    /** The replicate types the spec accepts. */
    public static final List<String> REPLICATE_TYPES = List.of("JK1", "JKn", "BRR", "Fay", "bootstrap", "subbootstrap",
            "mrbbootstrap", "other");

    /** The replicate types drawn at random from the design: they take {@code replicates} and {@code seed}. */
    public static final List<String> BOOTSTRAP_TYPES = List.of("bootstrap", "subbootstrap", "mrbbootstrap");

    /**
     * Replicate weights: either built from the design ({@code columns} empty, R's {@code as.svrepdesign}) or
     * read from columns of the data (R's {@code svrepdesign(repweights=, combined.weights=TRUE)}).
     *
     * @param type    one of {@link #REPLICATE_TYPES}
     * @param columns the replicate weight columns, or empty
     * @param first   with {@code last}: the replicate columns are those from {@code first} to {@code last} in file
     *                order (when {@code columns} is empty), else {@code null}
     * @param last    see {@code first}
     * @param scale   the overall scale for given replicate weights, or {@code null} for the type's default
     * @param rscales per-replicate scales, or {@code null}
     * @param fayRho  Fay's rho for type {@code Fay}
     * @param mse     whether variances are centred on the full-sample estimate instead of the replicate mean
     * @param count   the number of bootstrap replicates to draw from the design ({@link #BOOTSTRAP_TYPES}), else 0
     * @param seed    the seed of those draws ({@link #BOOTSTRAP_TYPES} made from the design), else 0
     */
    public record Replicates(String path, String type, List<String> columns, String first, String last, Double scale,
            double[] rscales, double fayRho, boolean mse, int count, long seed) {
        /** Whether the replicate weights are given in the data rather than built from the design. */
        public boolean given() {
            return !columns.isEmpty() || first != null;
        }
    }

    /** A change of the weights to match population information. */
    public sealed interface Calibration permits PostStratify, Rake, Calibrate, TrimWeights {
        /** The JSON path of this calibration. */
        String path();
    }

    /**
     * Population counts for the categories of one variable.
     *
     * @param totals count per category label, in the order written
     */
    public record Margin(String path, String variable, Map<String, Double> totals) {
    }

    /** R's {@code postStratify(design, ~variable, population)}. */
    public record PostStratify(String path, Margin margin) implements Calibration {
    }

    /**
     * R's {@code rake(design, margins, control = list(epsilon, maxit))}.
     *
     * @param epsilon the stopping threshold (below 1: relative to the total weight)
     * @param maxit   the largest number of sweeps
     * @param accept  return weights that have not met the rule after {@code maxit} sweeps (flagged in the
     *                output), as R does with a warning, instead of refusing
     */
    public record Rake(String path, List<Margin> margins, double epsilon, int maxit, boolean accept)
            implements Calibration {
    }

    /**
     * R's {@code trimWeights(design, upper, lower, strict)}: weights outside [lower, upper] are set to the limit
     * and the trimmed amount is spread over the other weights.
     */
    public record TrimWeights(String path, double lower, double upper, boolean strict) implements Calibration {
    }

    /** The calibration distance functions offered. */
    public static final List<String> CALFUNS = List.of("linear", "raking", "logit");

    /**
     * R's {@code calibrate(design, formula, population, calfun, bounds, trim)}.
     *
     * @param terms      the variables of the additive model (categorical ones enter as treatment dummies)
     * @param population totals of the model-matrix columns, named as R names them ({@code (Intercept)},
     *                   {@code stypeH}, {@code api99})
     * @param calfun     one of {@link #CALFUNS}
     * @param bounds     lower and upper bounds on the weight ratio g, or {@code null}
     * @param trim       lower and upper limits for trimming g after calibrating, or {@code null}
     * @param epsilon    convergence tolerance
     * @param maxit      the largest number of iterations
     * @param accept     return weights that have not converged (flagged in the output), as R does with a warning
     */
    public record Calibrate(String path, List<String> terms, Map<String, Double> population, String calfun,
            double[] bounds, double[] trim, double epsilon, int maxit, boolean accept) implements Calibration {
    }

    /** The estimators offered, by their JSON key. */
    public static final List<String> ESTIMATORS = List.of("mean", "total", "ratio", "proportion", "table",
            "multiple.response", "quantile", "ttest", "glm");

    /** Quantile rules (R's {@code svyquantile(qrule=)}). */
    public static final List<String> QUANTILE_RULES = List.of("math", "school", "shahvaish", "hf1", "hf2", "hf3",
            "hf4", "hf5", "hf6", "hf7", "hf8", "hf9");

    /** Quantile interval types (R's {@code svyquantile(interval.type=)}). */
    public static final List<String> QUANTILE_INTERVALS = List.of("mean", "beta", "xlogit", "asin", "score",
            "quantile");

    /** Model families (R's {@code svyglm(family=)}). */
    public static final List<String> FAMILIES = List.of("gaussian", "binomial", "quasibinomial", "poisson");

    /** Interval methods for proportions (R's {@code svyciprop(method=)}). */
    public static final List<String> PROPORTION_CI = List.of("logit", "beta", "xlogit", "asin", "mean");

    /** Tests of association for tables (R's {@code svychisq(statistic=)}). */
    public static final List<String> TABLE_TESTS = List.of("F", "Chisq", "Wald", "adjWald");

    /**
     * One estimate.
     *
     * @param path        its JSON path ({@code estimates[3]})
     * @param kind        one of {@link #ESTIMATORS}
     * @param variables   the variables estimated: one or more for mean and total, one for proportion and
     *                    ratio (the numerator), the row and column variable of a table, the 0/1 items of a
     *                    multiple-response question
     * @param denominator the denominator of a ratio, else {@code null}
     * @param by          domain variables (R's {@code svyby}), possibly empty
     * @param naRm        whether rows with a missing value are dropped from the estimate (as a domain, so the
     *                    design is kept whole)
     * @param category    the category whose proportion is wanted, or {@code null} for every category
     * @param ci          the interval method of a proportion
     * @param confidence  confidence level of intervals, in (0, 1)
     * @param df          degrees of freedom for intervals; {@code null} means the design's, infinity means normal
     * @param test        the test of a table, or {@code null} for none
     * @param deff        whether to print the design effect
     * @param difference  two domain labels (levels of the by-variables joined by '.', as R labels domains) whose
     *                    difference is wanted, or {@code null}
     * @param subset      for quantiles, t-tests and models: the domain as variable -> level, all to hold (R's
     *                    {@code subset(design, ...)}), possibly empty
     * @param quantile    the probabilities, rule and interval type of a quantile, else {@code null}
     * @param model       the group of a t-test or the terms, family and term test of a model, else {@code null}
     */
    public record Estimate(String path, String kind, List<String> variables, String denominator, List<String> by,
            boolean naRm, String category, String ci, double confidence, Double df, String test, boolean deff,
            List<String> difference, Map<String, String> subset, QuantileSpec quantile, ModelSpec model) {
    }

    /**
     * What a quantile estimate asks for.
     *
     * @param probabilities the probabilities, each in (0, 1)
     * @param rule one of {@link #QUANTILE_RULES}
     * @param interval one of {@link #QUANTILE_INTERVALS}
     */
    public record QuantileSpec(double[] probabilities, String rule, String interval) {
    }

    /**
     * What a t-test or a model asks for.
     *
     * @param group the two-group variable of a t-test, else {@code null}
     * @param terms the predictors of a model, in order
     * @param family one of {@link #FAMILIES}
     * @param termTest the terms of a joint Wald test (R's {@code regTermTest}), possibly empty
     */
    public record ModelSpec(String group, List<String> terms, String family, List<String> termTest,
                            boolean dropAliased) {
    }
}
