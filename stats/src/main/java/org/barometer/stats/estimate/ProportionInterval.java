package org.barometer.stats.estimate;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.barometer.stats.Arguments;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;
import org.barometer.stats.design.VarianceMethod;
import org.barometer.stats.design.WeightedEstimator;

/**
 * A confidence interval for a proportion (R's {@code svyciprop}), over the whole sample or in a domain.
 *
 * <h2>Domains</h2>
 * The domain form is R's {@code svyciprop(~y, subset(design, domain), method)} computed on the whole design: the
 * weighted mean and its variance come from one pass over the rows ({@link Survey#estimate} with the domain),
 * and the rest of the interval is a function of them. Where R's answer depends on what its {@code subset} keeps,
 * the engine follows it: an uncalibrated Taylor design or a replicate design drops the rows outside the domain
 * (so the beta interval's {@code nrow(design)} and the logistic fit's weight scaling count the domain's rows),
 * while a calibrated design keeps every row with weight zero outside the domain. R's default degrees of freedom
 * for a domain are those of the subset design, {@link SampleDesign#degreesOfFreedom(boolean[])}.
 *
 * @param method how the interval was made
 * @param proportion the estimated proportion (for {@link Method#LOGIT} the fitted value of the logistic model,
 *     which differs from the weighted mean in the last digits, as in R)
 * @param standardError the standard error of the weighted mean of the indicator (R's {@code SE} of the
 *     {@code svyciprop} result), whatever the method
 * @param lower lower limit (NaN where R's is NA, e.g. on zero degrees of freedom)
 * @param upper upper limit
 */
public record ProportionInterval(Method method, double proportion, double standardError, double lower,
        double upper) {

    /** Interval methods, as in R. */
    public enum Method {
        /** Wald interval on the proportion scale with a t quantile ({@code method="mean"}). */
        MEAN,
        /** Wald interval on the logit scale by the delta method ({@code "xlogit"}). */
        XLOGIT,
        /** Wald interval on the arcsine-square-root scale ({@code "asin"}). */
        ASIN,
        /** Korn–Graubard interval: Clopper–Pearson with the effective sample size ({@code "beta"}). */
        BETA,
        /**
         * Wald interval for the intercept of a survey-weighted logistic model ({@code "logit"}), fitted by the
         * same iteratively reweighted least squares as R's {@code glm} (start, convergence rule 1e-8 relative
         * deviance change, at most 25 iterations) so that R's not-quite-converged answer is reproduced.
         */
        LOGIT,
        /**
         * Likelihood-profile interval of the same logistic model with the Rao–Scott scaling of
         * {@code confint.svyglm(method="likelihood")}: the deviance profile is traced in R's steps and inverted
         * through R's interpolating spline ({@code spline}, "fmm") and {@code approx}. Taylor designs only.
         */
        LIKELIHOOD
    }

    /**
     * The interval for the mean of a 0/1 variable at {@code level}, on {@code df} degrees of freedom (R's default
     * is the design's {@code degf}; use {@code Double.POSITIVE_INFINITY} for a normal quantile).
     */
    public static ProportionInterval of(SampleDesign design, String indicator, Method method, double level, double df) {
        return of(design, indicator, null, method, level, df);
    }

    /**
     * The interval for the share of ones of a 0/1 variable among the rows of {@code domain} (null: all rows) at
     * {@code level}, on {@code df} degrees of freedom (R's default for a domain:
     * {@code design.degreesOfFreedom(domain)}; {@code Double.POSITIVE_INFINITY} for a normal quantile). Zero or
     * negative degrees of freedom give a NaN interval, as R's NA, except for the likelihood method, which R
     * refuses. Values other than 0, 1 or missing are refused in every row; a missing value in the domain makes
     * the Wald and beta intervals NaN and is refused by the model-based methods.
     */
    public static ProportionInterval of(SampleDesign design, String indicator, boolean[] domain, Method method,
            double level, double df) {
        // one pass for the weighted mean and its variance; it also refuses values other than 0 and 1
        Estimate m = Survey.estimate(design, Estimators.proportion(design.table(), indicator), false, domain);
        double p = m.value(0);
        double var = m.variance(0);
        double se = Math.sqrt(var);
        if (method == Method.LOGIT || method == Method.LIKELIHOOD) {
            double[] y = design.table().numeric(indicator).values();
            requireComplete(design, y, domain, method);
            return method == Method.LOGIT ? logit(design, y, domain, se, level, df)
                    : likelihood(design, y, domain, se, level, df);
        }
        double alpha = 1 - level;
        double q = Estimate.quantile(1 - alpha / 2, df);
        return switch (method) {
            case MEAN -> new ProportionInterval(method, p, se, p - q * se, p + q * se);
            case XLOGIT -> {
                double eta = Math.log(p / (1 - p));
                double s = se / (p * (1 - p));
                yield new ProportionInterval(method, p, se, expit(eta - q * s), expit(eta + q * s));
            }
            case ASIN -> {
                double eta = Math.asin(Math.sqrt(p));
                double s = se / (2 * Math.sqrt(p) * Math.sqrt(1 - p));
                double lo = Math.sin(eta - q * s);
                double hi = Math.sin(eta + q * s);
                yield new ProportionInterval(method, p, se, lo * lo, hi * hi);
            }
            case BETA -> {
                double ratio = Estimate.quantile(alpha / 2, subsetRows(design, domain) - 1)
                        / Estimate.quantile(alpha / 2, df);
                double nEff = p * (1 - p) / var * ratio * ratio;
                if (Double.isNaN(nEff)) {
                    // a share of 0 or 1 (no variance) or no degrees of freedom: R's qbeta gives NaN
                    yield new ProportionInterval(method, p, se, Double.NaN, Double.NaN);
                }
                double lo = nEff * p == 0 ? 0 : qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1);
                double hi = nEff * (1 - p) == 0 ? 1 : qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p));
                yield new ProportionInterval(method, p, se, lo, hi);
            }
            default -> throw new IllegalStateException();
        };
    }

    /**
     * Rows of R's subset design ({@code nrow}): a calibrated Taylor design keeps all its rows, other designs
     * keep the domain's.
     */
    private static int subsetRows(SampleDesign design, boolean[] domain) {
        if (domain == null || design.domainsKeepAllRows()) return design.rowCount();
        int rows = 0;
        for (boolean in : domain) if (in) rows++;
        return rows;
    }

    /** The weights of the rows of the domain, zero elsewhere. */
    private static double[] domainWeights(double[] weights, boolean[] domain) {
        if (domain == null) return weights;
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) if (domain[i]) w[i] = weights[i];
        return w;
    }

    /**
     * R's {@code qbeta}, with its answers where the distribution does not help: a share whose variance is zero has
     * an infinite effective sample size, for which R takes the limit of the beta distribution (all its mass at
     * 1/2 when both shapes are infinite, at 1 or 0 when one is), and shapes too large for the quantile to be
     * found give NaN, as in R.
     */
    private static double qbeta(double probability, double a, double b) {
        if (Double.isInfinite(a) || Double.isInfinite(b)) return a == b ? 0.5 : Double.isInfinite(a) ? 1 : 0;
        try {
            return BetaDistribution.of(a, b).inverseCumulativeProbability(probability);
        } catch (ArithmeticException e) {
            return Double.NaN;
        }
    }

    private static double expit(double x) {
        return Math.exp(x) / (1 + Math.exp(x));
    }

    // the logistic link is the model fit's own (SurveyGlm.Irls), with the C library's exponential as R's
    private static double linkinv(double eta) {
        return SurveyGlm.Irls.linkinv(SurveyGlm.Family.BINOMIAL, eta);
    }

    private static double muEta(double eta) {
        return SurveyGlm.Irls.muEta(SurveyGlm.Family.BINOMIAL, eta);
    }

    private static double yLogY(double y, double mu) {
        return SurveyGlm.Irls.yLogY(y, mu);
    }

    /** Result of the intercept-only logistic IRLS: coefficient and the influence of the coefficient. */
    private record LogitFit(double beta, double[] influence, double deviance, double naiveVariance, double[] prior,
            TaylorVariance.PatternRows influenceRows) {}

    /**
     * The intercept of the logistic model as an estimator: under other weights (a replicate's) it is refitted as
     * svyglm refits it on a replicate design ({@link #refit}); its influence is the one of the full-sample fit
     * {@code f}, the only weights at which a Taylor design asks for it.
     */
    private static WeightedEstimator refits(LogitFit f, double[] y) {
        return new WeightedEstimator() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public boolean isMissing(int row) {
                return Double.isNaN(y[row]);
            }

            @Override
            public double[] estimate(double[] weights) {
                return new double[] {refit(weights, y, f.beta())};
            }

            @Override
            public double[][] influence(double[] weights, double[] estimate) {
                return new double[][] {f.influence()};
            }

            /** A row's influence is its weight's share times a value for y = 0 and one for y = 1. */
            @Override
            public TaylorVariance.InfluenceRows influenceRows(double[] weights, double[] estimate) {
                return f.influenceRows();
            }
        };
    }

    /**
     * svyglm's fit: glm with the weights scaled by their mean over the rows of its design, {@code rows} of them
     * (R's subset design may have dropped the zero-weight rows outside a domain), from glm's default start. The
     * scale matters, since glm's start and stopping rule depend on it.
     */
    private static LogitFit fit(double[] w, double[] y, int rows) {
        double meanW = 0;
        for (double x : w) meanW += x;
        meanW /= rows;
        double[] prior = new double[w.length];
        for (int i = 0; i < w.length; i++) prior[i] = w[i] / meanW;
        return irls(prior, y, Double.NaN);
    }

    /**
     * A replicate's coefficient as svyglm on a replicate design refits it: glm.fit with the replicate's weights
     * scaled to sum 1, started at the full-sample coefficient.
     */
    private static double refit(double[] w, double[] y, double start) {
        double sum = 0;
        for (double x : w) sum += x;
        double[] prior = new double[w.length];
        for (int i = 0; i < w.length; i++) prior[i] = w[i] / sum;
        return irls(prior, y, start).beta();
    }

    /**
     * Port of glm.fit (binomial, logit link, intercept only) with prior weights {@code prior}, from
     * {@code start} or, when NaN, from glm's {@code mustart}; and svyglm's sandwich influence.
     *
     * <p>An intercept-only fit needs few passes over the rows. At glm's start a row's linear predictor, deviance,
     * working weight and response depend only on its prior weight and its 0/1 value, so one pass sums them (the
     * values kept for the last weights seen, survey weights taking few values). From then on the linear
     * predictor is the same in every row, and each iteration is a function of two sums, the prior weights of the
     * ones and of the zeros: the step is {@code (S1 (1 - mu) - S0 mu) / (mu.eta (S0 + S1))}, the same as R's
     * weighted least squares on the column of ones, and the deviance {@code 2 (S1 log(1/mu) + S0 log(1/(1 - mu)))}.
     * The influence of a row is then {@code (y - mu) / mu.eta * prior / (S0 + S1)}.
     */
    private static LogitFit irls(double[] prior, double[] y, double start) {
        int n = prior.length;
        double s1 = 0;
        double s0 = 0;
        for (int i = 0; i < n; i++) {
            if (prior[i] == 0) continue;
            // y is 0 or 1 here: the products are exact, and need no branch on a value that changes row by row
            s1 += prior[i] * y[i];
            s0 += prior[i] * (1 - y[i]);
        }
        double total = s0 + s1;
        boolean scalar = !Double.isNaN(start); // eta, mu equal for all rows
        double beta = scalar ? start : 0;
        double m = scalar ? linkinv(start) : 0;
        double[] wz2 = null; // the working weights of the first iteration, row by row, if it is the last
        double devold;
        double firstNum = 0;
        double firstDen = 0;
        if (scalar) {
            devold = scalarDeviance(s1, s0, m);
        } else {
            // glm's start: per row (prior y + 1/2) / (prior + 1), with its deviance, weight and working response
            wz2 = new double[n];
            LogisticStart table = new LogisticStart();
            double dev = 0;
            for (int i = 0; i < n; i++) {
                double p = prior[i];
                int at = table.of(p, p == 0 ? 0 : y[i]); // outside a domain y may be missing
                dev += table.deviance(at);
                wz2[i] = table.weight(at);
                firstNum += table.weight(at) * table.response(at);
                firstDen += table.weight(at);
            }
            devold = dev;
        }
        double c = 0; // the working weight over the prior weight in the last iteration, once scalar
        for (int iter = 0; iter < 25; iter++) {
            if (scalar) {
                double me = muEta(beta);
                c = me * me / (m * (1 - m));
                beta = beta + (s1 * (1 - m) - s0 * m) / (me * total);
                wz2 = null;
            } else {
                beta = firstNum / firstDen;
            }
            m = linkinv(beta);
            scalar = true;
            double dev = scalarDeviance(s1, s0, m);
            if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) break;
            devold = dev;
        }
        double me = muEta(beta);
        double[] infl = new double[n];
        double[] share = new double[n];
        int[] code = new int[n];
        double sumW;
        if (wz2 != null) {
            sumW = 0;
            for (double x : wz2) sumW += x;
            for (int i = 0; i < n; i++) if (prior[i] != 0) share[i] = wz2[i] / sumW;
        } else {
            sumW = c * total;
            for (int i = 0; i < n; i++) if (prior[i] != 0) share[i] = prior[i] / total;
        }
        double[][] byValue = {{(0 - m) / me}, {(1 - m) / me}};
        double[] value = {byValue[0][0], byValue[1][0]};
        for (int i = 0; i < n; i++) {
            if (prior[i] == 0) continue;
            code[i] = (int) y[i]; // 0 or 1: no branch on a value that changes row by row
            infl[i] = share[i] * value[code[i]];
        }
        return new LogitFit(beta, infl, scalarDeviance(s1, s0, m), 1 / sumW, prior,
                new TaylorVariance.PatternRows(code, share, byValue));
    }

    /** Binomial deviance when every row has the fitted value {@code mu}: prior weights s1 of ones, s0 of zeros. */
    private static double scalarDeviance(double s1, double s0, double mu) {
        return 2 * (s1 * yLogY(1, mu) + s0 * yLogY(1, 1 - mu));
    }

    /**
     * The model-based methods fit every row of R's subset design, so the indicator must be present in all of
     * them: the domain's rows, or every row of a calibrated design.
     */
    private static void requireComplete(SampleDesign design, double[] y, boolean[] domain, Method method) {
        boolean all = domain == null || design.domainsKeepAllRows();
        for (int i = 0; i < y.length; i++) {
            if ((all || domain[i]) && Double.isNaN(y[i])) { // the place is spelt out only for a missing value
                Arguments.requirePresent(Arguments.atRow((method == Method.LOGIT ? "logit" : "likelihood")
                        + " interval indicator", i), y[i]);
            }
        }
    }

    private static ProportionInterval logit(SampleDesign design, double[] y, boolean[] domain, double se,
            double level, double df) {
        int rows = subsetRows(design, domain);
        LogitFit f = fit(domainWeights(design.weightsReadOnly(), domain), y, rows);
        double var = design.variance(refits(f, y), domainWeights(design.weightsReadOnly(), domain),
                new double[] {f.beta()}, domain)[0][0];
        // confint.svyglm turns the t quantile into a normal-scale level and back: a = Φ(t), through 1 - 2a, which
        // for few degrees of freedom rounds to 1, so that R's interval becomes (0, NaN); the engine follows it
        double tail = (1 - (1 - 2 * NORMAL.cumulativeProbability(Estimate.quantile((1 - level) / 2, df)))) / 2;
        if (Double.isNaN(tail)) {
            return new ProportionInterval(Method.LOGIT, expit(f.beta()), se, Double.NaN, Double.NaN); // no df
        }
        double s = Math.sqrt(var);
        return new ProportionInterval(Method.LOGIT, expit(f.beta()), se,
                expit(f.beta() + s * NORMAL.inverseCumulativeProbability(tail)),
                expit(f.beta() + s * NORMAL.inverseCumulativeProbability(1 - tail)));
    }

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    /** Port of {@code confint.svyglm(method="likelihood")} for the intercept-only model. */
    private static ProportionInterval likelihood(SampleDesign design, double[] y, boolean[] domain, double meanSe,
            double level, double df) {
        Arguments.require(design.varianceMethod() == VarianceMethod.TAYLOR_LINEARISATION, "likelihood interval",
                "available for Taylor designs only, not for replicate weights");
        Arguments.require(df > 0, "likelihood interval df", df + " is not positive");
        int n = y.length;
        int rows = subsetRows(design, domain);
        double[] w = domainWeights(design.weightsReadOnly(), domain);
        LogitFit f = fit(w, y, rows);
        double var = design.variance(refits(f, y), w, new double[] {f.beta()}, domain)[0][0];
        double se = Math.sqrt(var);
        double b0 = f.beta();
        double lambda = var / f.naiveVariance();
        double q = Estimate.quantile((1 - level) / 2, df);
        double alpha = NormalDistribution.of(0, 1).cumulativeProbability(q * Math.sqrt(lambda)) / 2;
        double zmax = Math.sqrt(FDistribution.of(1, rows - 1).inverseSurvivalProbability(alpha));
        double del = zmax / 5;
        // dispersion: svyvar of the Pearson residuals (y - mu) / sqrt(mu (1 - mu))
        double mu = linkinv(b0);
        double sd = Math.sqrt(mu * (1 - mu));
        double psum = 0;
        int nonzero = 0;
        double xbar = 0;
        for (int i = 0; i < n; i++) {
            psum += w[i];
            if (w[i] != 0) nonzero++;
        }
        for (int i = 0; i < n; i++) if (w[i] != 0) xbar += (y[i] - mu) / sd * (w[i] / psum);
        double dispersion = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) continue; // outside the domain: no residual (and perhaps no indicator)
            double x = (y[i] - mu) / sd - xbar;
            dispersion += x * x * nonzero / (nonzero - 1) * (w[i] / psum);
        }
        // the profile: R's MASS-style steps down and up from the estimate, the deviance from the sums of the prior
        // weights of the ones and the zeros as in the fit
        double s1 = 0;
        double s0 = 0;
        for (int i = 0; i < n; i++) {
            if (f.prior()[i] == 0) continue;
            if (y[i] == 1) s1 += f.prior()[i];
            else s0 += f.prior()[i];
        }
        java.util.List<double[]> points = new java.util.ArrayList<>();
        points.add(new double[] {0, b0});
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            int step = 0;
            double z = 0;
            while (++step < 10 && Math.abs(z) < zmax) {
                double bi = b0 + sgn * step * del * se;
                double zz = (scalarDeviance(s1, s0, linkinv(bi)) - f.deviance()) / dispersion;
                if (zz > -0.001) {
                    zz = Math.max(zz, 0);
                } else {
                    throw Arguments.cannotCompute("likelihood interval", "the profile found a better fit");
                }
                z = sgn * Math.sqrt(zz);
                points.add(new double[] {z, bi});
            }
        }
        points.sort(java.util.Comparator.comparingDouble(a -> a[0]));
        double[] bs = new double[points.size()];
        double[] zs = new double[points.size()];
        for (int i = 0; i < bs.length; i++) {
            zs[i] = points.get(i)[0];
            bs[i] = points.get(i)[1];
        }
        double[][] sp = Splines.spline(bs, zs, 3 * bs.length);
        double cut = NormalDistribution.of(0, 1).inverseCumulativeProbability(2 * alpha);
        double lo = Splines.approx(sp[1], sp[0], cut);
        double hi = Splines.approx(sp[1], sp[0], -cut);
        return new ProportionInterval(Method.LIKELIHOOD, expit(b0), meanSe, expit(lo), expit(hi));
    }
}
