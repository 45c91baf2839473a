package org.barometer.stats.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.barometer.stats.ApiData;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.TaylorVariance.FactorRows;
import org.junit.jupiter.api.Test;

/**
 * A factor's influence given as {@link FactorRows} (variance from per-stratum level sums on stages whose rows are
 * the clusters) has the same variance as the same influence given as whole columns, on stratified element
 * samples with and without fpc, cluster samples, subsets of rows and rows of weight 0.
 */
class FactorRowsVarianceTest {

    @Test
    void levelSumsGiveTheVarianceOfTheColumns() {
        for (Design design : List.of(ApiData.dstrat(), ApiData.dstratwr(), ApiData.dclus1(), ApiData.dclus2())) {
            for (String factor : List.of("stype", "sch.wide", "awards")) {
                FactorColumn f = design.table().factor(factor);
                int n = design.rowCount();
                SplittableRandom random = new SplittableRandom(7);
                double largest = 0;
                for (int trial = 0; trial < 4; trial++) {
                    double[] w = design.weightsReadOnly().clone();
                    boolean[] present = trial < 2 ? null : new boolean[n];
                    for (int i = 0; i < n; i++) {
                        if (trial % 2 == 1 && random.nextInt(10) == 0) w[i] = 0;
                        if (present != null) present[i] = random.nextInt(3) > 0;
                    }
                    double sum = 0;
                    double[] shares = new double[f.levelCount()];
                    for (int i = 0; i < n; i++) {
                        sum += w[i];
                        shares[f.codes()[i]] += w[i];
                    }
                    for (int j = 0; j < shares.length; j++) shares[j] /= sum;
                    for (FactorRows rows : List.of(new FactorRows(f.codes(), w, sum, shares),
                            new FactorRows(f.codes(), w, 1, new double[shares.length]))) {
                        double[][] columns = new double[rows.dimension()][n];
                        rows.fill(0, n, columns);
                        double[][] expected = TaylorVariance.variance(design, columns, present);
                        double[][] actual = TaylorVariance.variance(design, rows, present);
                        // the size of the influence: stratified by the factor itself, the variances are 0 up to rounding
                        double[] size = new double[columns.length];
                        for (int j = 0; j < columns.length; j++) {
                            for (double x : columns[j]) size[j] += x * x;
                        }
                        for (int j = 0; j < expected.length; j++) {
                            for (int l = 0; l < expected.length; l++) {
                                double scale = Math.sqrt(size[j] * size[l]);
                                assertThat(actual[j][l]).as("trial %d entry %d,%d", trial, j, l)
                                        .isCloseTo(expected[j][l], offset(1e-12 * scale));
                            }
                            largest = Math.max(largest, expected[j][j] / size[j]);
                        }
                    }
                }
                assertThat(largest).as(factor).isGreaterThan(1e-3);
            }
        }
    }
}
