package org.barometer.stats.estimate;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.TaylorVariance;

/**
 * A confidence interval for a proportion (R's {@code svyciprop}).
 *
 * @param method how the interval was made
 * @param proportion the estimated proportion (for {@link Method#LOGIT} the fitted value of the logistic model,
 *     which differs from the weighted mean in the last digits, as in R)
 * @param lower lower limit
 * @param upper upper limit
 */
public record ProportionInterval(Method method, double proportion, double lower, double upper) {

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
        // the 0/1 check: the statistic's search for missing values makes it on the Wald methods' path; the
        // model-based ones read the rows themselves and check first
        Statistic proportion = Estimators.proportion(design.table(), indicator);
        if (method == Method.LOGIT || method == Method.LIKELIHOOD) {
            double[] v = design.table().numeric(indicator).values();
            proportion.anyMissing(v.length);
            return method == Method.LOGIT ? logit(design, v, level, df) : likelihood(design, v, level, df);
        }
        Estimate m = Survey.estimate(design, proportion);
        double p = m.value(0);
        double var = m.variance(0);
        double se = Math.sqrt(var);
        double alpha = 1 - level;
        double q = Estimate.quantile(1 - alpha / 2, df);
        return switch (method) {
            case MEAN -> new ProportionInterval(method, p, p - q * se, p + q * se);
            case XLOGIT -> {
                double eta = Math.log(p / (1 - p));
                double s = se / (p * (1 - p));
                yield new ProportionInterval(method, p, expit(eta - q * s), expit(eta + q * s));
            }
            case ASIN -> {
                double eta = Math.asin(Math.sqrt(p));
                double s = se / (2 * Math.sqrt(p) * Math.sqrt(1 - p));
                double lo = Math.sin(eta - q * s);
                double hi = Math.sin(eta + q * s);
                yield new ProportionInterval(method, p, lo * lo, hi * hi);
            }
            case BETA -> {
                double nEff = p * (1 - p) / var;
                double ratio = TDistribution.of(design.rowCount() - 1).inverseCumulativeProbability(alpha / 2)
                        / Estimate.quantile(alpha / 2, df);
                nEff = nEff * ratio * ratio;
                double lo = nEff * p == 0 ? 0
                        : BetaDistribution.of(nEff * p, nEff * (1 - p) + 1).inverseCumulativeProbability(alpha / 2);
                double hi = nEff * (1 - p) == 0 ? 1
                        : BetaDistribution.of(nEff * p + 1, nEff * (1 - p)).inverseCumulativeProbability(1 - alpha / 2);
                yield new ProportionInterval(method, p, lo, hi);
            }
            default -> throw new IllegalStateException();
        };
    }

    private static double expit(double x) {
        return Math.exp(x) / (1 + Math.exp(x));
    }

    private static final double EPS = Math.ulp(1.0);
    private static final double THRESH = 30;

    private static double linkinv(double eta) {
        double tmp = eta < -THRESH ? EPS : (eta > THRESH ? 1 / EPS : Math.exp(eta));
        return tmp / (1 + tmp);
    }

    private static double muEta(double eta) {
        double opexp = 1 + Math.exp(eta);
        return (eta > THRESH || eta < -THRESH) ? EPS : Math.exp(eta) / (opexp * opexp);
    }

    private static double yLogY(double y, double mu) {
        return y != 0 ? y * Math.log(y / mu) : 0;
    }

    /** Result of the intercept-only logistic IRLS: coefficient and the influence of the coefficient. */
    private record LogitFit(double beta, double[] influence, double deviance, double naiveVariance, double[] prior) {}

    /**
     * Port of glm.fit (binomial, logit link, intercept only) and svyglm's sandwich influence. After the first
     * iteration the linear predictor is the same for every row, so the link functions are evaluated once per
     * iteration instead of once per row (the sums are formed row by row in the same order as before).
     */
    private static LogitFit fit(double[] w, double[] y) {
        int n = w.length;
        double meanW = 0;
        for (double x : w) meanW += x;
        meanW /= n;
        double[] prior = new double[n];
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            prior[i] = w[i] / meanW;
            double yi = prior[i] == 0 ? 0 : y[i];
            double mustart = (prior[i] * yi + 0.5) / (prior[i] + 1);
            eta[i] = Math.log(mustart / (1 - mustart));
            mu[i] = linkinv(eta[i]);
        }
        double devold = deviance(y, mu, prior);
        double[] wz2 = new double[n];
        double beta = 0;
        boolean scalar = false; // eta, mu equal for all rows (after the first update)
        double m = 0;
        for (int iter = 0; iter < 25; iter++) {
            double num = 0;
            double den = 0;
            double meS = scalar ? muEta(beta) : 0;
            double varS = scalar ? m * (1 - m) : 0;
            for (int i = 0; i < n; i++) {
                if (prior[i] == 0) {
                    wz2[i] = 0;
                    continue;
                }
                double e = scalar ? beta : eta[i];
                double mi = scalar ? m : mu[i];
                double me = scalar ? meS : muEta(e);
                double var = scalar ? varS : mi * (1 - mi);
                double z = e + (y[i] - mi) / me;
                double ww = prior[i] * me * me / var;
                wz2[i] = ww;
                num += ww * z;
                den += ww;
            }
            beta = num / den;
            m = linkinv(beta);
            scalar = true;
            double dev = scalarDeviance(y, m, prior);
            if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) break;
            devold = dev;
        }
        double sumW = 0;
        for (double x : wz2) sumW += x;
        double me = muEta(beta);
        double[] infl = new double[n];
        for (int i = 0; i < n; i++) {
            if (prior[i] == 0) continue;
            infl[i] = (y[i] - m) / me * wz2[i] / sumW;
        }
        return new LogitFit(beta, infl, scalarDeviance(y, m, prior), 1 / sumW, prior);
    }

    /** Binomial deviance when every row has the same fitted value {@code mu} and {@code y} is 0 or 1. */
    private static double scalarDeviance(double[] y, double mu, double[] prior) {
        double one = yLogY(1, mu); // y = 1: y log(y / mu) + 0
        double zero = yLogY(1, 1 - mu); // y = 0: 0 + (1 - y) log((1 - y) / (1 - mu))
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (prior[i] == 0) continue;
            d += 2 * prior[i] * (y[i] == 1 ? one : zero);
        }
        return d;
    }

    private static double deviance(double[] y, double[] mu, double[] prior) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (prior[i] == 0) continue;
            d += 2 * prior[i] * (yLogY(y[i], mu[i]) + yLogY(1 - y[i], 1 - mu[i]));
        }
        return d;
    }

    private static ProportionInterval logit(SampleDesign design, double[] y, double level, double df) {
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                throw new SurveyInputException("logit interval: the indicator is missing in row " + (i + 1));
            }
        }
        double[] w = design.weights();
        LogitFit f = fit(w, y);
        double var;
        if (design instanceof Design d) {
            var = TaylorVariance.variance(d, new double[][] {f.influence()}, null)[0][0];
        } else {
            // replicate designs: refit the model with each replicate's weights (R's svyglm on svrep designs)
            ReplicateDesign r = (ReplicateDesign) design;
            double[][] thetas = new double[r.replicateCount()][];
            for (int k = 0; k < thetas.length; k++) thetas[k] = new double[] {fit(r.replicateWeights(k), y).beta()};
            var = Survey.replicateVariance(thetas, r.scale(), r.rscales(), r.mse(), new double[] {f.beta()})[0][0];
        }
        double q = Estimate.quantile(1 - (1 - level) / 2, df);
        double se = Math.sqrt(var);
        return new ProportionInterval(Method.LOGIT, expit(f.beta()), expit(f.beta() - q * se),
                expit(f.beta() + q * se));
    }

    private static void requireComplete(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                throw new SurveyInputException("logistic interval: the indicator is missing in row " + (i + 1));
            }
        }
    }

    /** Port of {@code confint.svyglm(method="likelihood")} for the intercept-only model. */
    private static ProportionInterval likelihood(SampleDesign design, double[] y, double level, double df) {
        requireComplete(y);
        if (!(design instanceof Design d)) {
            throw new SurveyInputException("the likelihood interval is available for Taylor designs only");
        }
        int n = y.length;
        double[] w = design.weights();
        LogitFit f = fit(w, y);
        double var = TaylorVariance.variance(d, new double[][] {f.influence()}, null)[0][0];
        double se = Math.sqrt(var);
        double b0 = f.beta();
        double lambda = var / f.naiveVariance();
        double q = Estimate.quantile((1 - level) / 2, df);
        double alpha = NormalDistribution.of(0, 1).cumulativeProbability(q * Math.sqrt(lambda)) / 2;
        double zmax = Math.sqrt(FDistribution.of(1, n - 1).inverseSurvivalProbability(alpha));
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
        for (int i = 0; i < n; i++) xbar += (y[i] - mu) / sd * (w[i] / psum);
        double dispersion = 0;
        for (int i = 0; i < n; i++) {
            double x = (y[i] - mu) / sd - xbar;
            dispersion += x * x * nonzero / (nonzero - 1) * (w[i] / psum);
        }
        // the profile: R's MASS-style steps down and up from the estimate
        java.util.List<double[]> points = new java.util.ArrayList<>();
        points.add(new double[] {0, b0});
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            int step = 0;
            double z = 0;
            while (++step < 10 && Math.abs(z) < zmax) {
                double bi = b0 + sgn * step * del * se;
                double zz = (scalarDeviance(y, linkinv(bi), f.prior()) - f.deviance()) / dispersion;
                if (zz > -0.001) {
                    zz = Math.max(zz, 0);
                } else {
                    throw new SurveyInputException("likelihood interval: the profile found a better fit");
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
        return new ProportionInterval(Method.LIKELIHOOD, expit(b0), expit(lo), expit(hi));
    }
}
