package org.barometer.stats.estimate;

import org.barometer.stats.numeric.GlibcExp;

import org.barometer.stats.estimate.SurveyGlm.Family;

/**
 * R's {@code glm.fit} iterations, as {@link SurveyGlm.Irls} makes them, in passes over the model's columns
 * ({@link ModelColumns}) instead of a QR of the weighted n × p matrix in every iteration: one pass per iteration
 * evaluates the linear predictor, the fitted values and the deviance at the current coefficients and gathers the
 * p × p cross product {@code X'WX} and {@code X'W r} of the working weights and residuals; the weighted least
 * squares step is then solved from that cross product by Cholesky. The steps are R's: the same start
 * ({@code mustart}, or the coefficients given), the same working weights and responses, the same convergence
 * rule and iteration limit, so the coefficients are R's iterates.
 *
 * <h2>Precision</h2>
 * A cross product squares the condition number that QR works with, so every step after the first solves for the
 * change of the coefficients, {@code (X'WX)^-1 X'W (y - mu)/mu.eta}, which is the same step as R's
 * {@code X'W z} with {@code z = eta + (y - mu)/mu.eta} but whose rounding error is relative to the (small)
 * change; for a linear model R's second iteration is then one step of iterative refinement of the first. The
 * cross product is summed in blocks of rows and solved after scaling it to a unit diagonal.
 *
 * <h2>When it declines</h2>
 * R's QR ({@code dqrdc2}) sets aside a column whose norm, after the columns before it are projected out, is below
 * 1e-11 of its own. This routine takes the step only when every column keeps more than 1e-3 of its norm (the
 * Cholesky pivots of the scaled cross product, the squares of those shares, above 1e-6), far from where R's QR
 * would set one aside; below that, or for any fit that leaves the family's range or gives a non-finite number,
 * it returns null and the caller fits by QR, which also makes R's refusals and its answers for aliased columns.
 * So does a fit with a negative prior weight, and a logistic fit whose linear predictor passes the links' clamp (|eta| above 30, a fit that separates):
 * the likelihood is flat there, and only R's own arithmetic, step for step, gives R's coefficients.
 */
final class GlmPasses {
    private static final double MIN_PIVOT = 1e-6;
    private static final int BLOCK = 1024;
    private static final double DBL_EPS = Math.ulp(1.0);
    private static final double THRESH = 30;

    private GlmPasses() {}

    /**
     * A fit.
     *
     * @param beta the coefficients
     * @param iterations the iterations (least-squares steps)
     * @param converged whether the convergence rule was met
     * @param unscaledCovariance {@code (X'WX)^-1} of the last step (R's {@code cov.unscaled})
     * @param residualTimesWeight per row the working residual at the fit times the working weight of the last
     *     step (0 outside the model), the row's factor in R's {@code estfun}
     * @param patternOf each row's covariate pattern, or null where the fit went row by row
     * @param patternInfluence per pattern its model row times {@code cov.unscaled} (null with patternOf)
     */
    record Result(double[] beta, int iterations, boolean converged, double[][] unscaledCovariance,
            double[] residualTimesWeight, int[] patternOf, double[][] patternInfluence) {}

    /**
     * What a pass leaves: the deviance at its coefficients, the cross products for the next step, and the
     * working weights and residuals there, per row ({@code w}, {@code t}) or per covariate pattern (the factor
     * {@code c} of the prior weight, the fitted value and {@code mu.eta}).
     */
    private static final class State {
        double deviance;
        final double[] gram;
        final double[] rhs;
        double[] w;
        double[] t;
        double[] c;
        double[] mu;
        double[] me;

        State(int p) {
            gram = new double[p * p];
            rhs = new double[p];
        }
    }

    /**
     * The fit of {@code y} with prior weights {@code prior} (0 outside the model's rows), from R's start or from
     * {@code start}; null where the caller must fit by QR (see the class comment).
     */
    static Result fit(ModelColumns x, double[] y, double[] prior, double[] start, Family family) {
        int n = x.rows();
        int p = x.columns();
        for (int i = 0; i < n; i++) {
            // a negative weight (a calibrated replicate's): R's glm.fit leaves the row out of its least squares
            // but not of its deviance, which the QR route does as R
            if (prior[i] < 0) return null;
        }
        // a logistic or Poisson pass costs a logarithm and an exponential per row; where the rows share few
        // covariate patterns the passes after R's start (which depends on each row's weight) work per pattern, and
        // so does a linear model's (its start needs only the patterns' sums)
        Patterns found = Patterns.of(x, y, prior, family);
        Patterns patterns = found;
        // n-long arrays only where needed: a million rows leave little room in the heap for spare ones
        double[] eta = patterns != null ? null : new double[n];
        double[] beta = start == null ? null : start.clone();
        State state = new State(p);
        boolean logistic = family == Family.BINOMIAL || family == Family.QUASIBINOMIAL;
        if (patterns != null && beta != null) {
            if (!patterns.pass(x, beta, family, state)) return null;
        } else if (patterns != null && family == Family.GAUSSIAN) {
            // R's start for a linear model is the response itself: deviance 0, weights the prior weights,
            // working response y, so the cross products are the patterns' sums
            state.deviance = 0;
            patterns.crossProducts(patterns.weight, patterns.weightedY, state);
        } else if (patterns != null && logistic) {
            // R's start summed per pattern: no per-row weights and responses kept
            int count = patterns.weight.length;
            double[] ws = new double[count];
            double[] wts = new double[count];
            state.deviance = logisticStart(y, prior, null, null, patterns.of, ws, wts);
            if (Double.isNaN(state.deviance)) return null;
            patterns.crossProducts(ws, wts, state);
        } else {
            // a linear model's working weights are its prior weights (wt * 1 * 1 / 1, the same numbers): the pass
            // writes them where they are
            state.w = family == Family.GAUSSIAN ? prior : new double[n];
            state.t = new double[n];
            if (eta == null) eta = new double[n]; // R's start of a Poisson model, row by row before the patterns
            state.deviance = pass(x, y, prior, beta, family, eta, state.w, state.t);
            if (Double.isNaN(state.deviance)) return null;
            crossProducts(x, state.w, state.t, state.gram, state.rhs);
            // by pattern from here: of this pass only the weights are needed again (for the influence, if the
            // first step is the last)
            if (patterns != null) state.t = null;
        }
        double devold = state.deviance;
        State last = null;
        int iterations = 0;
        boolean converged = false;
        for (int iter = 1; iter <= SurveyGlm.Irls.MAXIT; iter++) {
            double[] step = solve(state.gram, state.rhs, p);
            if (step == null) return null;
            double[] next = new double[p];
            for (int c = 0; c < p; c++) {
                next[c] = (beta == null ? 0 : beta[c]) + step[c];
                if (!Double.isFinite(next[c])) return null;
            }
            State at = new State(p);
            if (patterns != null) {
                if (!patterns.pass(x, next, family, at)) return null;
            } else {
                // the arrays of the state before last are free again
                at.w = family == Family.GAUSSIAN ? prior : last != null ? last.w : new double[n];
                at.t = last != null ? last.t : new double[n];
                at.deviance = pass(x, y, prior, next, family, eta, at.w, at.t);
                if (Double.isNaN(at.deviance)) return null;
            }
            last = state;
            state = at;
            beta = next;
            iterations = iter;
            if (Math.abs(at.deviance - devold) / (Math.abs(at.deviance) + 0.1) < SurveyGlm.Irls.EPSILON) {
                converged = true;
                break;
            }
            devold = at.deviance;
            if (iter < SurveyGlm.Irls.MAXIT && patterns == null) crossProducts(x, at.w, at.t, at.gram, at.rhs);
        }
        double[][] r = cholesky(last.gram, p);
        if (r == null) return null;
        // per row: the working residual at the fit times the working weight of the last step
        double[] rw = eta != null ? eta : new double[n];
        int[] of = patterns == null ? null : patterns.of;
        if (last.w == null && last.c == null) {
            // the first step was the last: R's start's weights, row by row
            if (family == Family.GAUSSIAN) {
                last.w = prior;
            } else {
                last.w = new double[n];
                logisticStart(y, prior, last.w, new double[n], null, null, null);
            }
        }
        if (last.w == null && state.t == null && rowFactorsByPattern(y, prior, of, last.c, state.mu, state.me, rw)) {
            // done by pattern
        } else {
            for (int i = 0; i < n; i++) {
                double wPrev = last.w != null ? last.w[i] : (prior[i] > 0 ? prior[i] * last.c[of[i]] : 0);
                double res = state.t != null ? state.t[i] : (y[i] - state.mu[of[i]]) / state.me[of[i]];
                rw[i] = wPrev == 0 ? 0 : res * wPrev;
            }
        }
        double[][] ainv = Linear.inverseOfCrossProduct(r);
        double[][] byPattern = null;
        if (found != null) {
            byPattern = new double[found.row.length][p];
            for (int k = 0; k < byPattern.length; k++) {
                for (int a = 0; a < p; a++) {
                    double sum = 0;
                    for (int c = 0; c < p; c++) sum += found.row[k][c] * ainv[c][a];
                    byPattern[k][a] = sum;
                }
            }
        }
        return new Result(beta, iterations, converged, ainv, rw, found == null ? null : found.of, byPattern);
    }

    /**
     * Per row the working residual times the working weight, {@code (y - mu)/mu.eta * prior * c} of its pattern,
     * without a branch on the row: rows outside a domain (prior 0) come in no order, and a mispredicted branch
     * costs more than the arithmetic. A row of prior 0 gets a zero (of either sign, which no use of these factors
     * tells apart: they are compared with 0 and multiplied); false where a factor is not finite (then the caller
     * goes row by row with R's rule, 0 wherever the weight is 0). Where every {@code mu.eta} is 1 (a linear model)
     * the division by it, exact, is left out.
     */
    private static boolean rowFactorsByPattern(double[] y, double[] prior, int[] of, double[] c, double[] mu,
            double[] me, double[] rw) {
        int n = y.length;
        boolean unit = true;
        for (double m : me) unit &= m == 1;
        boolean finite = true;
        if (unit) {
            for (int i = 0; i < n; i++) {
                int k = of[i];
                double f = (y[i] - mu[k]) * (prior[i] * c[k]);
                rw[i] = f;
                finite &= f - f == 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int k = of[i];
                double f = (y[i] - mu[k]) / me[k] * (prior[i] * c[k]);
                rw[i] = f;
                finite &= f - f == 0;
            }
        }
        return finite;
    }

    /**
     * The rows grouped by their row of the model matrix (the combination of their terms' values): per pattern a
     * row of it, the sums of the prior weights, of prior weight times response and (Poisson) of
     * {@code prior y log y}. Every sum a pass needs is then a sum over patterns, since rows of a pattern share
     * the linear predictor.
     */
    private static final class Patterns {
        private static final int MAX = 1 << 16;
        final int[] of;
        final double[][] row;
        final double[] weight;
        final double[] weightedY;
        final double[] weightedYLogY;

        private Patterns(int[] of, double[][] row, double[] weight, double[] weightedY, double[] weightedYLogY) {
            this.of = of;
            this.row = row;
            this.weight = weight;
            this.weightedY = weightedY;
            this.weightedYLogY = weightedYLogY;
        }

        /** The patterns, or null where there are more than a quarter of the rows (or than {@value #MAX}). */
        static Patterns of(ModelColumns x, double[] y, double[] prior, Family family) {
            int n = x.rows();
            int limit = Math.min(MAX, n / 4);
            if (limit < 1) return null;
            // each term's value as a small index (whole numbers in a short range are their own; other values
            // numbered as they come), then the combination as one number
            int terms = x.terms();
            double[] low = new double[terms];
            LongIndex[] distinct = new LongIndex[terms];
            long[] radixOf = new long[terms];
            long radix = 1;
            for (int t = 0; t < terms; t++) {
                double[] v = x.values(t);
                int card;
                if (v != null) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    boolean whole = true;
                    for (double vi : v) {
                        whole &= (double) (long) vi == vi;
                        min = Math.min(min, vi);
                        max = Math.max(max, vi);
                    }
                    if (whole && max - min < limit) {
                        low[t] = min;
                        card = (int) (max - min) + 1;
                    } else {
                        distinct[t] = new LongIndex(limit);
                        for (double vi : v) if (distinct[t].indexOf(Double.doubleToRawLongBits(vi)) < 0) return null;
                        card = distinct[t].size();
                    }
                } else {
                    card = x.columnOfLevel(t).length + 1;
                }
                if (radix > Long.MAX_VALUE / (card + 1)) return null;
                radixOf[t] = radix;
                radix *= card;
            }
            int[] of = new int[n];
            int[] id = radix <= 1 << 22 ? new int[(int) radix] : null; // few combinations: a table of all of them
            if (id != null) java.util.Arrays.fill(id, -1);
            LongIndex ids = id == null ? new LongIndex(limit) : null;
            int count = 0;
            for (int i = 0; i < n; i++) {
                long key = 0;
                for (int t = 0; t < terms; t++) {
                    double[] v = x.values(t);
                    long k;
                    if (v == null) k = x.codes(t)[i] + 1;
                    else if (distinct[t] == null) k = (long) (v[i] - low[t]);
                    else k = distinct[t].indexOf(Double.doubleToRawLongBits(v[i]));
                    key += k * radixOf[t];
                }
                if (id != null) {
                    int kk = (int) key;
                    if (id[kk] < 0) {
                        if (count == limit) return null;
                        id[kk] = count++;
                    }
                    of[i] = id[kk];
                } else {
                    int kk = ids.indexOf(key);
                    if (kk < 0) return null;
                    of[i] = kk;
                }
            }
            if (ids != null) count = ids.size();
            double[] weight = new double[count];
            double[] weightedY = new double[count];
            double[] weightedYLogY = new double[count];
            int[] first = new int[count];
            java.util.Arrays.fill(first, -1);
            for (int i = 0; i < n; i++) {
                int k = of[i];
                if (first[k] < 0) first[k] = i;
                weight[k] += prior[i];
                weightedY[k] += prior[i] * y[i];
                if (family == Family.POISSON && y[i] > 0) weightedYLogY[k] += prior[i] * y[i] * Math.log(y[i]);
                if (family == Family.GAUSSIAN) weightedYLogY[k] += prior[i] * y[i] * y[i];
            }
            // each pattern's row of the model matrix
            double[][] row = new double[count][x.columns()];
            for (int k = 0; k < count; k++) {
                int i = first[k];
                row[k][0] = 1;
                for (int t = 0; t < x.terms(); t++) {
                    double[] v = x.values(t);
                    if (v != null) {
                        row[k][x.column(t)] = v[i];
                    } else {
                        int code = x.codes(t)[i];
                        int c = code < 0 ? -1 : x.columnOfLevel(t)[code];
                        if (c >= 0) row[k][c] = 1;
                    }
                }
            }
            return new Patterns(of, row, weight, weightedY, weightedYLogY);
        }

        /** {@code X'WX} and {@code X'W t} from the per-pattern sums of the weights and of weight times t. */
        void crossProducts(double[] ws, double[] wts, State state) {
            int p = state.rhs.length;
            for (int k = 0; k < ws.length; k++) {
                double[] xk = row[k];
                for (int a = 0; a < p; a++) {
                    if (xk[a] == 0) continue;
                    state.rhs[a] += xk[a] * wts[k];
                    double ga = ws[k] * xk[a];
                    for (int b = a; b < p; b++) state.gram[a * p + b] += ga * xk[b];
                }
            }
            for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) state.gram[a * p + b] = state.gram[b * p + a];
        }

        /**
         * A pass at {@code beta} over the patterns into {@code state}; false where a fitted value leaves the
         * family's range or the deviance is not finite. The linear predictor is summed in the model's column
         * order, as {@link #linear} does per row.
         */
        boolean pass(ModelColumns x, double[] beta, Family family, State state) {
            int count = weight.length;
            int p = beta.length;
            state.c = new double[count];
            state.mu = new double[count];
            state.me = new double[count];
            double dev = 0;
            for (int k = 0; k < count; k++) {
                double[] xk = row[k];
                double eta = beta[0];
                for (int c = 1; c < p; c++) if (xk[c] != 0) eta += xk[c] * beta[c];
                if (family != Family.GAUSSIAN && family != Family.POISSON && (eta < -THRESH || eta > THRESH)) {
                    return false; // separating: fitted by QR (see the class comment)
                }
                double mu = linkinv(family, eta);
                double me = muEta(family, eta);
                if (!valid(family, mu)) return false;
                double wk = weight[k];
                double yk = weightedY[k];
                // R's deviance residuals summed over the rows of the pattern (a 0/1 response for the logistic)
                dev += switch (family) {
                    case BINOMIAL, QUASIBINOMIAL -> 2 * (yk * Math.log(1 / mu) + (wk - yk) * Math.log(1 / (1 - mu)));
                    case POISSON -> 2 * (weightedYLogY[k] - yk * Math.log(mu) - yk + mu * wk);
                    // sum of prior (y - mu)^2 from the pattern's sums (weightedYLogY holds prior y^2 here)
                    case GAUSSIAN -> weightedYLogY[k] - 2 * mu * yk + mu * mu * wk;
                };
                double ck = me == 0 ? 0 : (me * me) / variance(family, mu);
                state.c[k] = ck;
                state.mu[k] = mu;
                state.me[k] = me;
                if (ck == 0 || wk == 0) continue;
                double g = ck * wk;
                double h = ck * (yk - mu * wk) / me;
                for (int a = 0; a < p; a++) {
                    if (xk[a] == 0) continue;
                    state.rhs[a] += xk[a] * h;
                    double ga = g * xk[a];
                    for (int b = a; b < p; b++) state.gram[a * p + b] += ga * xk[b];
                }
            }
            if (!Double.isFinite(dev)) return false;
            for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) state.gram[a * p + b] = state.gram[b * p + a];
            state.deviance = dev;
            return true;
        }
    }

    /** Distinct 64-bit keys numbered in order of appearance, at most {@code limit} of them (open addressing). */
    private static final class LongIndex {
        private final long[] keys;
        private final int[] index;
        private final boolean[] used;
        private final int limit;
        private int size;

        LongIndex(int limit) {
            this.limit = limit;
            int cap = Integer.highestOneBit(Math.max(4, limit) * 2) * 2;
            keys = new long[cap];
            index = new int[cap];
            used = new boolean[cap];
        }

        /** The number of {@code key}, a new one if unseen; -1 once there would be more than the limit. */
        int indexOf(long key) {
            int mask = keys.length - 1;
            long h = key * 0x9E3779B97F4A7C15L;
            int at = (int) (h ^ (h >>> 32)) & mask;
            while (used[at]) {
                if (keys[at] == key) return index[at];
                at = (at + 1) & mask;
            }
            if (size == limit) return -1;
            used[at] = true;
            keys[at] = key;
            index[at] = size;
            return size++;
        }

        int size() {
            return size;
        }
    }

    private static boolean valid(Family f, double mu) {
        return switch (f) {
            case GAUSSIAN -> Double.isFinite(mu);
            case BINOMIAL, QUASIBINOMIAL -> mu > 0 && mu < 1;
            case POISSON -> Double.isFinite(mu) && mu > 0;
        };
    }

    // the links are the IRLS's own (SurveyGlm.Irls), with the C library's exponential as R's
    private static double linkinv(Family f, double eta) {
        return SurveyGlm.Irls.linkinv(f, eta);
    }

    private static double muEta(Family f, double eta) {
        return SurveyGlm.Irls.muEta(f, eta);
    }

    private static double variance(Family f, double mu) {
        return SurveyGlm.Irls.variance(f, mu);
    }

    /**
     * One pass at {@code beta} (null: R's start): the linear predictor into {@code eta}, and per row the working
     * weight into {@code w} (0 outside the model) and into {@code t} the working residual (at R's start, where
     * there are no coefficients to take a change from, the working response {@code z}); returns the deviance,
     * NaN where a fitted value leaves the family's range or the deviance is not finite.
     */
    private static double pass(ModelColumns x, double[] y, double[] prior, double[] beta, Family family,
            double[] eta, double[] w, double[] t) {
        int n = x.rows();
        if (beta == null && (family == Family.BINOMIAL || family == Family.QUASIBINOMIAL)) {
            return logisticStart(y, prior, w, t, null, null, null);
        }
        if (beta == null) {
            for (int i = 0; i < n; i++) {
                double yi = y[i];
                double wt = prior[i];
                eta[i] = switch (family) {
                    case GAUSSIAN -> yi;
                    case BINOMIAL, QUASIBINOMIAL -> {
                        double m = (wt * yi + 0.5) / (wt + 1);
                        yield Math.log(m / (1 - m));
                    }
                    case POISSON -> Math.log(yi + 0.1);
                };
            }
        } else {
            linear(x, beta, eta);
        }
        double dev = 0;
        double blockDev = 0;
        boolean check = beta != null; // R checks the fitted values of its steps, not of its start
        switch (family) {
            case BINOMIAL, QUASIBINOMIAL -> {
                for (int i = 0; i < n; i++) {
                    double e = eta[i];
                    if (e < -THRESH || e > THRESH) {
                        return Double.NaN; // separating: fitted by QR (see the class comment)
                    }
                    double ex = GlibcExp.exp(e);
                    double opexp = 1 + ex;
                    double mu = ex / opexp;
                    double me = ex / (opexp * opexp);
                    if (check && !(mu > 0 && mu < 1)) return Double.NaN;
                    double yi = y[i];
                    double wt = prior[i];
                    blockDev += 2 * wt * (SurveyGlm.Irls.yLogY(yi, mu) + SurveyGlm.Irls.yLogY(1 - yi, 1 - mu));
                    setWorking(i, wt, yi, e, mu, me, mu * (1 - mu), beta == null, w, t);
                    if ((i & (BLOCK - 1)) == BLOCK - 1) {
                        dev += blockDev;
                        blockDev = 0;
                    }
                }
            }
            case GAUSSIAN -> {
                for (int i = 0; i < n; i++) {
                    double mu = eta[i];
                    if (check && !Double.isFinite(mu)) return Double.NaN;
                    double yi = y[i];
                    double wt = prior[i];
                    blockDev += wt * (yi - mu) * (yi - mu);
                    setWorking(i, wt, yi, mu, mu, 1, 1, beta == null, w, t);
                    if ((i & (BLOCK - 1)) == BLOCK - 1) {
                        dev += blockDev;
                        blockDev = 0;
                    }
                }
            }
            case POISSON -> {
                for (int i = 0; i < n; i++) {
                    double e = eta[i];
                    double mu = Math.max(GlibcExp.exp(e), DBL_EPS);
                    if (check && !(Double.isFinite(mu) && mu > 0)) return Double.NaN;
                    double yi = y[i];
                    double wt = prior[i];
                    blockDev += 2 * (yi > 0 ? wt * (yi * Math.log(yi / mu) - (yi - mu)) : mu * wt);
                    setWorking(i, wt, yi, e, mu, mu, mu, beta == null, w, t);
                    if ((i & (BLOCK - 1)) == BLOCK - 1) {
                        dev += blockDev;
                        blockDev = 0;
                    }
                }
            }
        }
        dev += blockDev;
        return Double.isFinite(dev) ? dev : Double.NaN;
    }

    /**
     * The logistic pass at R's start ({@link LogisticStart}): the working weights and responses per row (where
     * {@code w} is not null) or summed per covariate pattern {@code of}, the weights into {@code wSum} and weight
     * times response into {@code wtSum}; returns the deviance, NaN where it is not finite.
     */
    private static double logisticStart(double[] y, double[] prior, double[] w, double[] t, int[] of, double[] wSum,
            double[] wtSum) {
        int n = y.length;
        LogisticStart start = new LogisticStart();
        double dev = 0;
        double blockDev = 0;
        for (int i = 0; i < n; i++) {
            int at = start.of(prior[i], y[i]);
            blockDev += start.deviance(at);
            if (w != null) {
                w[i] = start.weight(at);
                t[i] = start.response(at);
            } else {
                wSum[of[i]] += start.weight(at);
                wtSum[of[i]] += start.weight(at) * start.response(at);
            }
            if ((i & (BLOCK - 1)) == BLOCK - 1) {
                dev += blockDev;
                blockDev = 0;
            }
        }
        dev += blockDev;
        return Double.isFinite(dev) ? dev : Double.NaN;
    }

    private static void setWorking(int i, double wt, double yi, double eta, double mu, double me, double var,
            boolean start, double[] w, double[] t) {
        if (!(wt > 0) || me == 0) {
            w[i] = 0;
            t[i] = 0;
            return;
        }
        double r = (yi - mu) / me;
        w[i] = wt * (me * me) / var; // R: prior * mu.eta^2 / variance
        t[i] = start ? eta + r : r;
    }

    /** {@code eta = X beta}, column by column in the model's column order (as R's {@code x %*% beta}). */
    static void linear(ModelColumns x, double[] beta, double[] eta) {
        int n = x.rows();
        java.util.Arrays.fill(eta, beta[0]);
        for (int term = 0; term < x.terms(); term++) {
            double[] v = x.values(term);
            if (v != null) {
                double b = beta[x.column(term)];
                for (int i = 0; i < n; i++) eta[i] += v[i] * b;
            } else {
                int[] codes = x.codes(term);
                double[] byLevel = levelTable(x.columnOfLevel(term), beta);
                for (int i = 0; i < n; i++) {
                    int k = codes[i];
                    if (k >= 0) eta[i] += byLevel[k];
                }
            }
        }
    }

    /** For each level the entry of {@code v} at its column, 0 for a level without one. */
    private static double[] levelTable(int[] columnOfLevel, double[] v) {
        double[] out = new double[columnOfLevel.length];
        for (int k = 0; k < out.length; k++) out[k] = columnOfLevel[k] < 0 ? 0 : v[columnOfLevel[k]];
        return out;
    }

    /**
     * {@code X'WX} into {@code gram} (p × p, row-major) and {@code X'W t} into {@code rhs}, by passes over the
     * terms' columns: a categorical term's entries are sums per level, two categorical terms' a table of sums per
     * pair of levels.
     */
    private static void crossProducts(ModelColumns x, double[] w, double[] t, double[] gram, double[] rhs) {
        int n = x.rows();
        int p = x.columns();
        java.util.Arrays.fill(gram, 0);
        java.util.Arrays.fill(rhs, 0);
        double sw = 0;
        double swt = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            swt += w[i] * t[i];
        }
        gram[0] = sw;
        rhs[0] = swt;
        int terms = x.terms();
        for (int a = 0; a < terms; a++) {
            double[] va = x.values(a);
            if (va != null) {
                int ca = x.column(a);
                double s1 = 0;
                double s2 = 0;
                double st = 0;
                for (int i = 0; i < n; i++) {
                    double wv = w[i] * va[i];
                    s1 += wv;
                    s2 += wv * va[i];
                    st += wv * t[i];
                }
                add(gram, p, 0, ca, s1);
                gram[ca * p + ca] += s2;
                rhs[ca] += st;
            } else {
                int[] codes = x.codes(a);
                int[] map = x.columnOfLevel(a);
                double[] s1 = new double[map.length];
                double[] st = new double[map.length];
                for (int i = 0; i < n; i++) {
                    int k = codes[i];
                    if (k < 0) continue;
                    s1[k] += w[i];
                    st[k] += w[i] * t[i];
                }
                for (int k = 0; k < map.length; k++) {
                    if (map[k] < 0) continue;
                    add(gram, p, 0, map[k], s1[k]);
                    gram[map[k] * p + map[k]] += s1[k];
                    rhs[map[k]] += st[k];
                }
            }
            for (int b = a + 1; b < terms; b++) pair(x, a, b, w, gram, p);
        }
    }

    /** The entries of {@code X'WX} between the columns of terms {@code a} and {@code b}. */
    private static void pair(ModelColumns x, int a, int b, double[] w, double[] gram, int p) {
        int n = x.rows();
        double[] va = x.values(a);
        double[] vb = x.values(b);
        if (va != null && vb != null) {
            double s = 0;
            for (int i = 0; i < n; i++) s += w[i] * va[i] * vb[i];
            add(gram, p, x.column(a), x.column(b), s);
        } else if (va != null || vb != null) {
            int num = va != null ? a : b;
            int cat = va != null ? b : a;
            double[] v = x.values(num);
            int[] codes = x.codes(cat);
            int[] map = x.columnOfLevel(cat);
            double[] s = new double[map.length];
            for (int i = 0; i < n; i++) {
                int k = codes[i];
                if (k >= 0) s[k] += w[i] * v[i];
            }
            for (int k = 0; k < map.length; k++) if (map[k] >= 0) add(gram, p, x.column(num), map[k], s[k]);
        } else {
            int[] ca = x.codes(a);
            int[] cb = x.codes(b);
            int[] ma = x.columnOfLevel(a);
            int[] mb = x.columnOfLevel(b);
            int lb = mb.length;
            double[] s = new double[ma.length * lb];
            for (int i = 0; i < n; i++) {
                int k = ca[i];
                int l = cb[i];
                if (k >= 0 && l >= 0) s[k * lb + l] += w[i];
            }
            for (int k = 0; k < ma.length; k++) {
                if (ma[k] < 0) continue;
                for (int l = 0; l < lb; l++) if (mb[l] >= 0) add(gram, p, ma[k], mb[l], s[k * lb + l]);
            }
        }
    }

    /** Adds {@code v} to the symmetric entries (i, j) and (j, i) of a matrix of distinct columns. */
    private static void add(double[] gram, int p, int i, int j, double v) {
        gram[i * p + j] += v;
        gram[j * p + i] += v;
    }

    /**
     * The influence of rows {@code from..to-1} on the coefficients, R's {@code svy.varcoef}: the model row times
     * the working residual at the fit and the working weight of its last step, times {@code cov.unscaled};
     * written to {@code out[a][i - from]}.
     */
    static void influence(ModelColumns x, Result fit, int from, int to, double[][] out) {
        int p = x.columns();
        double[][] ainv = fit.unscaledCovariance();
        double[] rw = fit.residualTimesWeight();
        if (fit.patternOf() != null) {
            int[] of = fit.patternOf();
            double[][] byPattern = fit.patternInfluence();
            for (int a = 0; a < p; a++) {
                double[] o = out[a];
                for (int i = from; i < to; i++) o[i - from] = rw[i] * byPattern[of[i]][a];
            }
            return;
        }
        double[] column = new double[p];
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) column[c] = ainv[c][a];
            double[] o = out[a];
            // x_i' ainv[, a] by the terms' columns, then times the row's factor
            java.util.Arrays.fill(o, 0, to - from, column[0]);
            for (int term = 0; term < x.terms(); term++) {
                double[] v = x.values(term);
                if (v != null) {
                    double b = column[x.column(term)];
                    for (int i = from; i < to; i++) o[i - from] += v[i] * b;
                } else {
                    int[] codes = x.codes(term);
                    double[] byLevel = levelTable(x.columnOfLevel(term), column);
                    for (int i = from; i < to; i++) {
                        int k = codes[i];
                        if (k >= 0) o[i - from] += byLevel[k];
                    }
                }
            }
            for (int i = from; i < to; i++) o[i - from] *= rw[i];
        }
    }

    /**
     * The upper triangular {@code R} with {@code R'R = gram}, from the Cholesky factor of the cross product scaled
     * to a unit diagonal; null unless every pivot of the scaled one exceeds {@value #MIN_PIVOT}.
     */
    private static double[][] cholesky(double[] gram, int p) {
        double[] d = new double[p];
        for (int j = 0; j < p; j++) {
            double g = gram[j * p + j];
            if (!(g > 0) || !Double.isFinite(g)) return null;
            d[j] = Math.sqrt(g);
        }
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int i = j; i < p; i++) {
                double s = gram[i * p + j] / (d[i] * d[j]);
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > MIN_PIVOT)) return null;
                    l[j][j] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = i; j < p; j++) r[i][j] = l[j][i] * d[j];
        return r;
    }

    /** {@code gram^-1 rhs} by the scaled Cholesky factor; null as {@link #cholesky}. */
    private static double[] solve(double[] gram, double[] rhs, int p) {
        double[][] r = cholesky(gram, p);
        if (r == null) return null;
        // R'R x = rhs: forward with R', back with R
        double[] u = new double[p];
        for (int i = 0; i < p; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= r[k][i] * u[k];
            u[i] = s / r[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = u[i];
            for (int k = i + 1; k < p; k++) s -= r[i][k] * x[k];
            x[i] = s / r[i][i];
        }
        return x;
    }

}
