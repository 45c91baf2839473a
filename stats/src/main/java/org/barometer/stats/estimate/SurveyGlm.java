package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.barometer.stats.Arguments;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.data.RowList;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.design.WeightedEstimator;
import org.barometer.stats.numeric.GlibcExp;
import org.barometer.stats.numeric.LinpackQr;

/**
 * Generalised linear models with design-based standard errors, as R's {@code svyglm} of survey 4.1-1: the
 * coefficients of the weighted fit ({@code glm} with the sampling weights scaled to mean 1 as prior weights,
 * by R's iteratively reweighted least squares: its starting values, its convergence rule
 * {@code |dev - dev_old| / (|dev| + 0.1) < 1e-8}, at most 25 iterations), and their covariance from the
 * design: on a Taylor design the variance of the total of the influence values
 * {@code x_i w_i (y_i - mu_i) / (mu.eta V)} times the inverse information ({@code svy.varcoef}), on a replicate
 * design the spread of the coefficients refitted under every replicate's weights (normalised to sum 1, started
 * at the full-sample fit, as {@code svyglm.svyrep.design}).
 *
 * <h2>The model</h2>
 * An intercept and the terms in order: a numeric variable enters as itself, a categorical one as treatment
 * dummies for its levels after the first (R's {@code stypeH}, {@code stypeM}), levels absent from the rows of
 * the model dropped as R's {@code drop.unused.levels}. Rows missing the response or a term leave the model
 * (R's {@code na.omit}, the design being subset as R does).
 *
 * <h2>Domains</h2>
 * A domain is R's {@code svyglm(..., design = subset(design, ...))}: the fit uses its rows, the variance the
 * whole design (strata and PSUs without rows in the domain included), the residual degrees of freedom are the
 * subset's {@code degf + 1 - p}.
 *
 * <h2>Refusals</h2>
 * A model whose columns are linearly dependent (R would give NA coefficients) is refused naming the column, as
 * is a logistic model whose outcome takes values other than 0 and 1, a Poisson model with a negative outcome,
 * and a fit that does not give finite coefficients.
 */
public final class SurveyGlm {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private SurveyGlm() {}

    /** The families offered, with their canonical links. */
    public enum Family {
        /** Normal errors, identity link (linear regression). */
        GAUSSIAN,
        /** Binary outcome, logit link (logistic regression). */
        BINOMIAL,
        /** The same fit as {@link #BINOMIAL} (svyglm's coefficients and covariance do not use the dispersion). */
        QUASIBINOMIAL,
        /** Counts, log link. */
        POISSON;

        /** The family by its R name; unknown names refused naming {@code place}. */
        public static Family fromR(String place, String name) {
            for (Family f : values()) if (f.name().toLowerCase(Locale.ROOT).equals(name)) return f;
            throw Arguments.refused(place, "unknown family '" + name + "'; expected one of gaussian, binomial,"
                    + " quasibinomial, poisson");
        }

        private boolean logistic() {
            return this == BINOMIAL || this == QUASIBINOMIAL;
        }
    }

    /**
     * A fitted model.
     *
     * @param family the family
     * @param names the coefficient names, R's
     * @param terms the terms of the model in order
     * @param assign for each coefficient its term (an index into {@code terms}), -1 for the intercept
     * @param coefficients the coefficients
     * @param covariance their design-based covariance (R's {@code vcov})
     * @param residualDf R's {@code df.residual}: the (subset) design's degrees of freedom + 1 - coefficients
     * @param iterations iterations of the full-sample fit
     */
    public record Fit(Family family, List<String> names, List<String> terms, int[] assign, double[] coefficients,
            double[][] covariance, double residualDf, int iterations) {
        /** Copies. */
        public Fit {
            names = List.copyOf(names);
            terms = List.copyOf(terms);
            assign = assign.clone();
            coefficients = coefficients.clone();
            double[][] c = new double[covariance.length][];
            for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
            covariance = c;
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public int[] assign() {
            return assign.clone();
        }

        @Override
        public double[][] covariance() {
            double[][] c = new double[covariance.length][];
            for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
            return c;
        }

        /** Coefficient {@code j}. */
        public double coefficient(int j) {
            return coefficients[j];
        }

        /** Coefficient by name. */
        public double coefficient(String name) {
            return coefficients[index(name)];
        }

        /** Index of a coefficient by name. */
        public int index(String name) {
            int j = names.indexOf(name);
            if (j < 0) throw new IllegalArgumentException("no coefficient '" + name + "' (coefficients: " + names + ")");
            return j;
        }

        /** Standard error of coefficient {@code j}. */
        public double standardError(int j) {
            return Math.sqrt(covariance[j][j]);
        }

        /** The Wald t statistic of coefficient {@code j} (R's {@code summary}: "t value"). */
        public double t(int j) {
            return coefficients[j] / standardError(j);
        }

        /** Its two-sided p-value on the residual degrees of freedom (NaN without any). */
        public double p(int j) {
            if (!(residualDf > 0)) return Double.NaN;
            return 2 * TDistribution.of(residualDf).cumulativeProbability(-Math.abs(t(j)));
        }

        /**
         * The Wald interval of coefficient {@code j} on the residual degrees of freedom, computed as R's
         * {@code confint.svyglm} does: the t quantile is turned into the level of a normal interval,
         * {@code 1 - 2 pnorm(qt((1 - level) / 2, df))}, and the limits are {@code b + se qnorm(a)} and
         * {@code b + se qnorm(1 - a)} with {@code a} half of one minus that level. With few degrees of freedom
         * that level rounds to 1 and the limits are infinite, as in R.
         */
        public double[] confidenceInterval(int j, double level) {
            if (!(residualDf > 0)) return new double[] {Double.NaN, Double.NaN};
            double q = TDistribution.of(residualDf).inverseCumulativeProbability((1 - level) / 2);
            double normalLevel = 1 - 2 * NORMAL.cumulativeProbability(q);
            double a = (1 - normalLevel) / 2;
            double se = standardError(j);
            return new double[] {coefficients[j] + se * NORMAL.inverseCumulativeProbability(a),
                    coefficients[j] + se * NORMAL.inverseCumulativeProbability(1 - a)};
        }

        /**
         * R's {@code regTermTest(model, terms)} (Wald): the joint test that the coefficients of {@code testTerms}
         * are zero, {@code F = b' V^-1 b / k} on {@code k} and the residual degrees of freedom. Unknown terms are
         * refused naming them.
         */
        public TermTest termTest(List<String> testTerms) {
            Arguments.requireNonEmpty("terms to test", testTerms);
            List<Integer> index = new ArrayList<>();
            for (int t = 0; t < testTerms.size(); t++) {
                int term = terms.indexOf(testTerms.get(t));
                Arguments.require(term >= 0, "terms to test[" + t + "]", "'" + testTerms.get(t)
                        + "' is not a term of the model (terms: " + String.join(", ", terms) + ")");
                // aliased coefficients (NaN) are not in the model's covariance and are left out of the test
                for (int j = 0; j < assign.length; j++) {
                    if (assign[j] == term && !index.contains(j) && !Double.isNaN(coefficients[j])) index.add(j);
                }
            }
            index.sort(null);
            int k = index.size();
            double[] b = new double[k];
            double[][] v = new double[k][k];
            for (int a = 0; a < k; a++) {
                b[a] = coefficients[index.get(a)];
                for (int c = 0; c < k; c++) v[a][c] = covariance[index.get(a)][index.get(c)];
            }
            double[] sol = Linear.solve(v, b, "covariance of the tested coefficients");
            double chisq = 0;
            for (int a = 0; a < k; a++) chisq += b[a] * sol[a];
            if (Double.isInfinite(residualDf)) {
                double p = ChiSquaredDistribution.of(k).survivalProbability(chisq);
                return new TermTest(testTerms, chisq, Double.NaN, k, residualDf, p);
            }
            double f = chisq / k;
            double p = residualDf > 0 ? FDistribution.of(k, residualDf).survivalProbability(f) : Double.NaN;
            return new TermTest(testTerms, chisq, f, k, residualDf, p);
        }
    }

    /**
     * R's {@code regTermTest} result.
     *
     * @param terms the terms tested
     * @param chisq the Wald statistic {@code b' V^-1 b}
     * @param f {@code chisq / df} (NaN for infinite denominator degrees of freedom)
     * @param df the number of coefficients tested
     * @param ddf the denominator degrees of freedom (the model's residual df)
     * @param p the p-value (F test, or chi-squared on infinite ddf)
     */
    public record TermTest(List<String> terms, double chisq, double f, int df, double ddf, double p) {}

    /**
     * Fits {@code response ~ terms} on the rows of {@code domain} (null: all rows).
     *
     * @param terms numeric or categorical variables; an empty list fits the intercept only
     */
    public static Fit fit(SampleDesign design, String response, List<String> terms, Family family,
            boolean[] domain) {
        Arguments.requireGiven("family", family);
        int n = design.rowCount();
        if (domain != null && domain.length != n) {
            throw new IllegalArgumentException("domain has " + domain.length + " rows, design " + n);
        }
        Column responseColumn = design.table().column(response);
        NumericColumn yCol;
        if (responseColumn instanceof FactorColumn f && family.logistic()) {
            // R's binomial family on a factor: the first level is failure, every other level success
            Arguments.require(f.levelCount() == 2, "response '" + response + "'", "has " + f.levelCount()
                    + " categories (" + String.join(", ", f.levels()) + "); a logistic model needs a binary outcome");
            double[] b = new double[f.size()];
            for (int i = 0; i < b.length; i++) b[i] = f.code(i) < 0 ? Double.NaN : f.code(i);
            yCol = new NumericColumn(response, b);
        } else {
            yCol = design.table().numeric(response);
        }
        double[] y = yCol.values();
        List<Column> termCols = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            String name = terms.get(t);
            Arguments.require(!name.equals(response), "terms[" + t + "]", "'" + name + "' is the response");
            Arguments.require(terms.indexOf(name) == t, "terms[" + t + "]", "'" + name + "' is given twice");
            termCols.add(design.table().column(name));
        }
        // R's data rows: the subset's (all rows when the subset keeps them); the model's rows: those of the domain
        // with the response and every term present. One pass over the data rows finds them, the weight sum of the
        // data rows and the levels present among the complete ones, and checks the outcome where the family needs
        // it.
        boolean keepAll = design.domainsKeepAllRows();
        double[] dw = design.weightsReadOnly();
        int termCount = termCols.size();
        double[][] numericTerm = new double[termCount][];
        int[][] codesOfTerm = new int[termCount][];
        boolean[][] present = new boolean[termCount][];
        for (int t = 0; t < termCount; t++) {
            Column c = termCols.get(t);
            if (c instanceof NumericColumn num) {
                numericTerm[t] = num.values();
            } else if (c instanceof FactorColumn f) {
                codesOfTerm[t] = f.codes();
                present[t] = new boolean[f.levelCount() + 1];
            }
        }
        boolean[] rows = new boolean[n];
        double weightSum = 0;
        int dataRows = 0;
        int used = 0;
        boolean everyRow = true; // every row in the model: its columns are used as they are, not copied
        boolean logistic = family.logistic();
        boolean poisson = family == Family.POISSON;
        // the data rows by number (a domain's, listed without a branch on each row: RowList)
        int[] dataRowList = null;
        if (domain != null && !keepAll) {
            RowList listed = RowList.of(domain);
            dataRowList = listed.rows();
            dataRows = listed.count();
            everyRow = dataRows == n;
        } else {
            dataRows = n;
        }
        for (int r = 0; r < dataRows; r++) {
            int i = dataRowList == null ? r : dataRowList[r];
            boolean inDomain = domain == null || domain[i];
            weightSum += inDomain ? dw[i] : 0;
            boolean complete = !Double.isNaN(y[i]);
            for (int t = 0; t < termCount && complete; t++) {
                complete = numericTerm[t] != null ? !Double.isNaN(numericTerm[t][i]) : codesOfTerm[t][i] >= 0;
            }
            if (!complete) {
                everyRow = false;
                continue;
            }
            for (int t = 0; t < termCount; t++) if (codesOfTerm[t] != null) present[t][codesOfTerm[t][i] + 1] = true;
            if (!inDomain) {
                everyRow = false;
                continue;
            }
            rows[i] = true;
            if (dw[i] == 0) continue;
            used++;
            if (logistic && y[i] != 0 && y[i] != 1) {
                throw Arguments.refused(Arguments.atRow("response '" + response + "'", i), "value " + yCol.text(i)
                        + " is not 0 or 1; a logistic model needs a binary outcome");
            }
            if (poisson && y[i] < 0) {
                throw Arguments.refused(Arguments.atRow("response '" + response + "'", i), "value " + yCol.text(i)
                        + " is negative; a Poisson model needs counts");
            }
        }
        if (used == 0) {
            throw Arguments.refused("model", "no rows of nonzero weight with the response and every term present"
                    + (domain == null ? "" : " in the domain"));
        }
        // the columns of the model's rows (0, or no level, elsewhere), the response there, and the prior weights
        // (the weights over their mean among the data rows), in one pass
        double mean = weightSum / dataRows;
        double[] prior = new double[n];
        double[] yy = everyRow ? y : new double[n];
        double[][] numericMasked = new double[termCount][];
        int[][] codesMasked = new int[termCount][];
        for (int t = 0; t < termCount; t++) {
            if (numericTerm[t] != null) {
                numericMasked[t] = everyRow ? numericTerm[t] : new double[n];
            } else if (everyRow) {
                codesMasked[t] = codesOfTerm[t];
            } else {
                codesMasked[t] = new int[n];
                Arrays.fill(codesMasked[t], -1);
            }
        }
        for (int r = 0; r < dataRows; r++) {
            int i = dataRowList == null ? r : dataRowList[r];
            if (!rows[i]) continue;
            prior[i] = dw[i] / mean;
            if (everyRow) continue;
            yy[i] = y[i];
            for (int t = 0; t < termCount; t++) {
                if (numericMasked[t] != null) numericMasked[t][i] = numericTerm[t][i];
                else codesMasked[t][i] = codesOfTerm[t][i];
            }
        }
        boolean[] in = everyRow ? null : rows;
        // the rows R's glm.fit has: all where R's subset keeps every row (at weight zero), else the model's rows
        boolean[] fitRows = keepAll ? null : rows;
        // the model matrix: intercept, numeric terms, treatment dummies of the levels present in R's data rows,
        // kept as the table's columns (ModelColumns); the n × p numbers are made only for a fit by QR
        ModelColumns.Builder model = new ModelColumns.Builder(n);
        List<String> names = new ArrayList<>();
        List<Integer> assign = new ArrayList<>();
        names.add("(Intercept)");
        assign.add(-1);
        for (int t = 0; t < termCount; t++) {
            String name = terms.get(t);
            if (numericMasked[t] != null) {
                model.numeric(numericMasked[t]);
                names.add(name);
                assign.add(t);
            } else {
                FactorColumn f = design.table().factor(name);
                boolean[] dummy = new boolean[present[t].length - 1];
                int first = -1;
                for (int k = 0; k < dummy.length; k++) {
                    if (!present[t][k + 1]) continue;
                    if (first < 0) {
                        first = k;
                        continue;
                    }
                    dummy[k] = true;
                    names.add(name + f.levels().get(k));
                    assign.add(t);
                }
                model.categorical(codesMasked[t], dummy);
            }
        }
        ModelColumns columns = model.build();
        // by passes over the columns (GlmPasses); where they decline (a column near the span of those before it,
        // or a fit that leaves the family's range) by R's QR on the n × p matrix, which either sets a column
        // aside (an aliased column leaves the fit as in R's glm.fit: its coefficient is NA, and the others, their
        // covariance and the residual df are those of the model without it, fitted again the same way) or fits
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < columns.columns(); c++) kept.add(c);
        double[] beta;
        int iterations;
        WeightedEstimator estimator;
        while (true) {
            ModelColumns keptColumns = columns.keep(kept);
            GlmPasses.Result passes = GlmPasses.fit(keptColumns, yy, prior, null, family);
            if (passes != null) {
                beta = passes.beta();
                iterations = passes.iterations();
                Arguments.require(passes.converged() || iterations == Irls.MAXIT, "model", "the fit did not converge");
                estimator = byPasses(keptColumns, yy, rows, fitRows, family, passes);
                break;
            }
            double[][] x = new double[kept.size()][];
            List<String> keptNames = new ArrayList<>();
            for (int c = 0; c < kept.size(); c++) {
                x[c] = keptColumns.dense(c);
                keptNames.add(names.get(kept.get(c)));
            }
            Irls full = Irls.fit(x, yy, prior, null, family, keptNames, fitRows);
            if (full.aliased >= 0) {
                Arguments.require(full.aliased > 0, "model", "no variation in the intercept among the rows");
                // R's svyglm on replicate weights stops at an NA coefficient of the full-sample fit
                Arguments.require(!(design instanceof ReplicateDesign), "model", "column '"
                        + keptNames.get(full.aliased) + "' is aliased with the columns before it (R: Infinite/NA"
                        + " values in estimate)");
                kept.remove(full.aliased);
                continue;
            }
            Dense dense = byQr(x, full, yy, rows, fitRows, family);
            beta = dense.beta();
            iterations = dense.iterations();
            estimator = dense.estimator();
            break;
        }
        int p = kept.size();
        // the design's weights as they are: the estimators made here read the influence at the fit (Taylor) or the
        // replicate weights (replicate designs), never these
        double[][] v = design.variance(estimator, dw, beta, in);
        // R's svyglm on a Taylor design takes the degrees of freedom after the rows missing a model variable have
        // left the design; on replicate weights, those of the design it was given (the subset, all its rows)
        double df = (design instanceof ReplicateDesign ? design.degreesOfFreedom(domain) : design.degreesOfFreedom(in))
                + 1 - p;
        int[] as = assign.stream().mapToInt(Integer::intValue).toArray();
        int count = names.size();
        double[] allBeta = new double[count];
        double[][] allV = new double[count][count];
        Arrays.fill(allBeta, Double.NaN);
        for (double[] row : allV) Arrays.fill(row, Double.NaN);
        for (int a = 0; a < p; a++) {
            allBeta[kept.get(a)] = beta[a];
            for (int c = 0; c < p; c++) allV[kept.get(a)][kept.get(c)] = v[a][c];
        }
        return new Fit(family, names, terms, as, allBeta, allV, df, iterations);
    }

    /**
     * The coefficients fitted by passes as an estimator: a replicate's refit is again by passes (by QR where
     * those decline), the influence is computed block by block from the columns, so the variance needs no
     * n × p numbers.
     */
    private static WeightedEstimator byPasses(ModelColumns columns, double[] yy, boolean[] rows, boolean[] present,
            Family family, GlmPasses.Result full) {
        int n = columns.rows();
        int p = columns.columns();
        return new WeightedEstimator() {
            private double[][] dense; // the n × p numbers, made only if a replicate is refitted by QR

            @Override
            public int dimension() {
                return p;
            }

            @Override
            public boolean isMissing(int row) {
                return false;
            }

            @Override
            public double[] estimate(double[] weights) {
                // a replicate: R's glm.fit with the replicate's weights normalised to sum 1, started at the fit
                double[] wr = replicatePrior(weights, rows);
                GlmPasses.Result f = GlmPasses.fit(columns, yy, wr, full.beta(), family);
                if (f != null) return f.beta();
                if (dense == null) {
                    dense = new double[p][];
                    for (int c = 0; c < p; c++) dense[c] = columns.dense(c);
                }
                return Irls.fit(dense, yy, wr, full.beta(), family, null, present).beta;
            }

            @Override
            public double[][] influence(double[] weights, double[] estimate) {
                double[][] out = new double[p][n];
                influenceRows(weights, estimate).fill(0, n, out);
                return out;
            }

            @Override
            public org.barometer.stats.design.TaylorVariance.InfluenceRows influenceRows(double[] weights,
                    double[] estimate) {
                // the influence at the full-sample fit, the only weights at which a Taylor design asks for it: by
                // covariate pattern (a row's influence is its factor times its pattern's vector) where there are
                if (full.patternOf() != null) {
                    return new org.barometer.stats.design.TaylorVariance.PatternRows(full.patternOf(),
                            full.residualTimesWeight(), full.patternInfluence());
                }
                return new org.barometer.stats.design.TaylorVariance.InfluenceRows() {
                    @Override
                    public int dimension() {
                        return p;
                    }

                    @Override
                    public void fill(int from, int to, double[][] out) {
                        GlmPasses.influence(columns, full, from, to, out);
                    }
                };
            }
        };
    }

    /** A replicate's weights in the model's rows, normalised to sum 1 (0 elsewhere): the prior of its refit. */
    private static double[] replicatePrior(double[] weights, boolean[] rows) {
        int n = rows.length;
        double s = 0;
        for (int i = 0; i < n; i++) if (rows[i]) s += weights[i];
        // R's glm.fit on weights 0/0 stops ("NAs in V(mu)") rather than leave the replicate out
        if (s == 0) {
            throw Arguments.cannotCompute("model", "a replicate leaves the model's rows no weight (R: NAs in V(mu))");
        }
        double[] wr = new double[n];
        for (int i = 0; i < n; i++) if (rows[i]) wr[i] = weights[i] / s;
        return wr;
    }

    /** A fit by QR: its coefficients (of the columns kept), iterations, and the coefficients as an estimator. */
    private record Dense(double[] beta, int iterations, WeightedEstimator estimator) {}

    /** The fit {@code full} by R's QR on the n × p matrix {@code x}, with its coefficients as an estimator. */
    private static Dense byQr(double[][] x, Irls full, double[] yy, boolean[] rows, boolean[] present,
            Family family) {
        int n = yy.length;
        int p = x.length;
        final double[][] xs = x;
        Arguments.require(full.converged || full.iterations == Irls.MAXIT, "model", "the fit did not converge");
        double[] beta = full.beta;
        for (double b : beta) {
            Arguments.require(Double.isFinite(b), "model", "the fit gave infinite or missing coefficients ("
                    + Arrays.toString(beta) + ")");
        }
        // influence: x_i * working residual * working weight, times the inverse information
        double[][] ainv = full.unscaledCovariance();
        double[][] influence = new double[p][n];
        for (int i = 0; i < n; i++) {
            if (full.workingWeight[i] == 0) continue;
            double r = full.workingResidual[i] * full.workingWeight[i];
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int c = 0; c < p; c++) s += xs[c][i] * r * ainv[c][a];
                influence[a][i] = s;
            }
        }
        WeightedEstimator estimator = new WeightedEstimator() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public boolean isMissing(int row) {
                return false;
            }

            @Override
            public double[] estimate(double[] weights) {
                // a replicate: R's glm.fit with the replicate's weights normalised to sum 1, started at the fit
                double[] wr = replicatePrior(weights, rows);
                Irls f = Irls.fit(xs, yy, wr, beta, family, null, present);
                return f.beta;
            }

            @Override
            public double[][] influence(double[] weights, double[] estimate) {
                double[][] out = new double[p][];
                for (int a = 0; a < p; a++) out[a] = influence[a].clone();
                return out;
            }
        };
        return new Dense(beta, full.iterations, estimator);
    }

    /**
     * R's {@code svyttest(y ~ g, design)}: the difference in means between the two groups of {@code group}
     * (a categorical variable with two levels among the rows, or a numeric 0/1 or 1/2 variable) as the slope of
     * the linear model, with its t-test on the model's residual degrees of freedom.
     *
     * @param domain rows of the domain (R's {@code subset}), or null
     */
    public static TTest tTest(SampleDesign design, String response, String group, boolean[] domain) {
        Column g = design.table().column(group);
        Fit fit = fit(design, response, List.of(group), Family.GAUSSIAN, domain);
        // a group with one value among the rows: its column is aliased with the intercept. R's model matrix
        // still has two columns for a numeric group, and for a categorical one where the subset keeps every row
        // (a calibrated Taylor design, rows outside with weight zero): R answers NA there. Elsewhere its model
        // matrix has one column and it refuses
        if (fit.names().size() == 2 && Double.isNaN(fit.coefficient(1))
                && (g instanceof NumericColumn || domain != null && design.domainsKeepAllRows())) {
            return new TTest(Double.NaN, Double.NaN, Double.NaN, fit.residualDf(), Double.NaN, Double.NaN, Double.NaN,
                    fit.names().get(1));
        }
        Arguments.require(fit.names().size() < 2 || !Double.isNaN(fit.coefficient(1)), "group '" + group + "'",
                "has a single value among the rows; a t-test needs two groups");
        boolean binary = fit.names().size() == 2;
        if (binary && g instanceof NumericColumn num) {
            boolean zeroOne = true;
            boolean oneTwo = true;
            for (int i = 0; i < num.size(); i++) {
                if (domain != null && !domain[i]) continue;
                double v = num.get(i);
                if (Double.isNaN(v) || design.weight(i) == 0) continue;
                zeroOne &= v == 0 || v == 1;
                oneTwo &= v == 1 || v == 2;
            }
            binary = zeroOne || oneTwo;
        }
        Arguments.require(binary, "group '" + group + "'", "a t-test needs exactly two groups (R: group must be"
                + " binary); found " + (g instanceof FactorColumn ? (fit.names().size()) + " levels among the rows"
                : "other values than 0/1 or 1/2"));
        double[] ci = fit.confidenceInterval(1, 0.95);
        return new TTest(fit.coefficient(1), fit.standardError(1), fit.t(1), fit.residualDf(), fit.p(1), ci[0],
                ci[1], fit.names().get(1));
    }

    /**
     * R's {@code svyttest} result.
     *
     * @param difference the difference in means (second group minus first)
     * @param standardError its standard error
     * @param t the statistic
     * @param df its degrees of freedom (the model's residual df)
     * @param p the two-sided p-value
     * @param lower lower limit of the 95 % interval of the difference
     * @param upper upper limit
     * @param coefficient the name of the model's coefficient for the second group
     */
    public record TTest(double difference, double standardError, double t, double df, double p, double lower,
            double upper, String coefficient) {}

    // ---------------------------------------------------------------- R's glm.fit

    /** One IRLS fit, step for step as R's {@code glm.fit}. */
    static final class Irls {
        static final int MAXIT = 25;
        static final double EPSILON = 1e-8;
        private static final double DBL_EPS = Math.ulp(1.0);
        private static final double THRESH = 30;

        double[] beta;
        double[] workingWeight;
        double[] workingResidual;
        int iterations;
        boolean converged;
        double[][] r; // the triangular factor of the last weighted least squares
        int aliased = -1; // the first column found aliased (full-sample fit), or -1

        double[][] unscaledCovariance() {
            return Linear.inverseOfCrossProduct(r);
        }

        /**
         * @param names   column names for the refusal of a collinear model, or null (a replicate refit: an aliased
         *     column gives NaN coefficients, for the replicate to be discarded as R does)
         * @param present the rows R's {@code glm.fit} has (null: all): a replicate design's subset, or a subset of
         *     a design R subsets by dropping rows, has only the domain's rows, so the fitted values of the other
         *     rows (of weight zero here) neither make the deviance infinite nor leave the family's range
         */
        static Irls fit(double[][] x, double[] y, double[] prior, double[] start, Family family, List<String> names,
                boolean[] present) {
            int n = y.length;
            int p = x.length;
            double[] eta = new double[n];
            if (start == null) {
                for (int i = 0; i < n; i++) {
                    double m = switch (family) {
                        case GAUSSIAN -> y[i];
                        case BINOMIAL, QUASIBINOMIAL -> (prior[i] * y[i] + 0.5) / (prior[i] + 1);
                        case POISSON -> y[i] + 0.1;
                    };
                    eta[i] = linkfun(family, m);
                }
            } else {
                eta = linear(x, start, n);
            }
            double[] mu = means(family, eta);
            double devold = deviance(family, y, mu, prior, present);
            Irls out = new Irls();
            double[] coef = start == null ? new double[p] : start.clone();
            // R's coefold: the coefficients a step that leaves the family's range is halved back towards; none
            // before the first step unless the fit was started at given coefficients
            double[] coefold = start == null ? null : start.clone();
            boolean deficient = false; // the last step left a column aliased (replicate refits)
            double[] w = null;
            boolean[] good = null;
            for (int iter = 1; iter <= MAXIT; iter++) {
                good = new boolean[n];
                w = new double[n];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (!(prior[i] > 0)) continue;
                    double me = muEta(family, eta[i]);
                    if (me == 0) continue;
                    good[i] = true;
                    m++;
                }
                double[][] a = new double[p][m];
                double[] z = new double[m];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (!good[i]) continue;
                    double me = muEta(family, eta[i]);
                    double zi = eta[i] + (y[i] - mu[i]) / me;
                    // R's order, weights * mu.eta^2: the square first, so the rounding is R's
                    double wi = Math.sqrt(prior[i] * (me * me) / variance(family, mu[i]));
                    w[i] = wi;
                    for (int c = 0; c < p; c++) a[c][k] = x[c][i] * wi;
                    z[k] = zi * wi;
                    k++;
                }
                double tol = Math.min(1e-7, EPSILON / 1000);
                // R's C_Cdqrls: dqrdc2 with limited pivoting, then dqrsl on the columns it kept
                LinpackQr qr = LinpackQr.of(a, tol);
                if (qr.rank() < p && names != null) {
                    // the full-sample fit: the caller drops this column and fits again
                    out.aliased = qr.firstLeftOut();
                    out.iterations = iter;
                    return out;
                }
                // a replicate's refit: dqrdc2 moves a negligible column to the end and goes on with the others,
                // and dqrls gives it coefficient 0 in this step; only if the last step leaves a column aliased is
                // the coefficient NA, and the replicate variance (svrVar) discards the replicate
                deficient = qr.rank() < p;
                double[] next = qr.leastSquares(z).byColumn();
                boolean finite = true;
                for (double b : next) finite &= Double.isFinite(b);
                if (!finite) {
                    out.converged = false;
                    out.iterations = iter;
                    coef = next;
                    out.r = qr.r();
                    break;
                }
                eta = linear(x, next, n);
                mu = means(family, eta);
                double dev = deviance(family, y, mu, prior, present);
                out.r = qr.r();
                out.iterations = iter;
                // as R's glm.fit: a step to a deviance that is not finite, and then one to fitted values outside
                // the family's range, is halved back towards the last coefficients until it is not (at most
                // maxit times)
                if (!Double.isFinite(dev)) {
                    requireHalvable(coefold);
                    for (int ii = 1; !Double.isFinite(dev); ii++) {
                        Arguments.require(ii <= MAXIT, "model", "the fit's deviance stays infinite however its step"
                                + " is halved (R: inner loop 1; cannot correct step size); check the model");
                        halve(next, coefold);
                        eta = linear(x, next, n);
                        mu = means(family, eta);
                        dev = deviance(family, y, mu, prior, present);
                    }
                }
                if (!valid(family, mu, present)) {
                    requireHalvable(coefold);
                    for (int ii = 1; !valid(family, mu, present); ii++) {
                        Arguments.require(ii <= MAXIT, "model", "the fit stays outside the range of the family"
                                + " however its step is halved (R: inner loop 2; cannot correct step size); check"
                                + " the model");
                        halve(next, coefold);
                        eta = linear(x, next, n);
                        mu = means(family, eta);
                    }
                    dev = deviance(family, y, mu, prior, present);
                }
                coef = next;
                if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < EPSILON) {
                    out.converged = true;
                    break;
                }
                devold = dev;
                coefold = next.clone();
            }
            if (deficient) {
                out.beta = new double[p];
                Arrays.fill(out.beta, Double.NaN);
                return out;
            }
            out.beta = coef;
            out.workingWeight = new double[n];
            out.workingResidual = new double[n];
            for (int i = 0; i < n; i++) {
                if (good[i]) out.workingWeight[i] = w[i] * w[i];
                out.workingResidual[i] = (y[i] - mu[i]) / muEta(family, eta[i]);
            }
            return out;
        }

        /** R's refusal where the first step from its own start leaves the family's range. */
        private static void requireHalvable(double[] coefold) {
            Arguments.require(coefold != null, "model", "the first step of the fit leaves the range of the family"
                    + " (R: no valid set of coefficients has been found); check the model");
        }

        /** The step halved back towards {@code coefold}, in place: R's {@code (start + coefold) / 2}. */
        private static void halve(double[] next, double[] coefold) {
            for (int c = 0; c < next.length; c++) next[c] = (next[c] + coefold[c]) / 2;
        }

        private static boolean valid(Family f, double[] mu, boolean[] present) {
            for (int i = 0; i < mu.length; i++) {
                if (present != null && !present[i]) continue;
                if (!Double.isFinite(mu[i])) return false;
                if (f.logistic() && !(mu[i] > 0 && mu[i] < 1)) return false;
                if (f == Family.POISSON && !(mu[i] > 0)) return false;
            }
            return true;
        }

        private static double[] linear(double[][] x, double[] b, int n) {
            double[] eta = new double[n];
            for (int c = 0; c < x.length; c++) {
                double bc = b[c];
                double[] xc = x[c];
                for (int i = 0; i < n; i++) eta[i] += xc[i] * bc;
            }
            return eta;
        }

        /** The fitted means of the linear predictor, R's {@code linkinv(eta)}. */
        private static double[] means(Family f, double[] eta) {
            double[] mu = new double[eta.length];
            for (int i = 0; i < eta.length; i++) mu[i] = linkinv(f, eta[i]);
            return mu;
        }

        private static double linkfun(Family f, double mu) {
            return switch (f) {
                case GAUSSIAN -> mu;
                case BINOMIAL, QUASIBINOMIAL -> Math.log(mu / (1 - mu));
                case POISSON -> Math.log(mu);
            };
        }

        // the exponentials are the C library's (GlibcExp), as R's links compute them: Java's differ in a last bit
        // about once in a thousand, and a fit along a flat direction carries that bit into its coefficients
        static double linkinv(Family f, double eta) {
            return switch (f) {
                case GAUSSIAN -> eta;
                case BINOMIAL, QUASIBINOMIAL -> {
                    double tmp = eta < -THRESH ? DBL_EPS : (eta > THRESH ? 1 / DBL_EPS : GlibcExp.exp(eta));
                    yield tmp / (1 + tmp);
                }
                case POISSON -> Math.max(GlibcExp.exp(eta), DBL_EPS);
            };
        }

        static double muEta(Family f, double eta) {
            return switch (f) {
                case GAUSSIAN -> 1;
                case BINOMIAL, QUASIBINOMIAL -> {
                    double opexp = 1 + GlibcExp.exp(eta);
                    yield (eta > THRESH || eta < -THRESH) ? DBL_EPS : GlibcExp.exp(eta) / (opexp * opexp);
                }
                case POISSON -> Math.max(GlibcExp.exp(eta), DBL_EPS);
            };
        }

        static double variance(Family f, double mu) {
            return switch (f) {
                case GAUSSIAN -> 1;
                case BINOMIAL, QUASIBINOMIAL -> mu * (1 - mu);
                case POISSON -> mu;
            };
        }

        private static double deviance(Family f, double[] y, double[] mu, double[] wt, boolean[] present) {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                if (present != null && !present[i]) continue;
                double d = switch (f) {
                    case GAUSSIAN -> wt[i] * (y[i] - mu[i]) * (y[i] - mu[i]);
                    case BINOMIAL, QUASIBINOMIAL -> 2 * wt[i] * (yLogY(y[i], mu[i]) + yLogY(1 - y[i], 1 - mu[i]));
                    case POISSON -> 2 * (y[i] > 0 ? wt[i] * (y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i]))
                            : mu[i] * wt[i]);
                };
                s += d;
            }
            return s;
        }

        /** {@code y log(y / mu)}, 0 where y is 0: R's {@code y_log_y} of the binomial deviance. */
        static double yLogY(double y, double mu) {
            return y != 0 ? y * Math.log(y / mu) : 0;
        }
    }
}
