package org.barometer.stats.design;

import static org.barometer.stats.ApiData.close;

import java.util.List;
import java.util.SplittableRandom;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/**
 * A sample large enough for the engine's chunked (multi-threaded) passes, checked against the textbook formula
 * for a stratified simple random sample, computed here independently:
 * {@code V(mean) = sum_h (N_h/N)^2 (1 - n_h/N_h) s_h^2 / n_h}.
 */
class LargeSampleTest {

    private static final int N = 400_000;

    private static DataTable data() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] stratum = new double[N];
        double[] fpc = new double[N];
        double[] w = new double[N];
        double[] y = new double[N];
        int[] group = new int[N];
        int[] nh = new int[3];
        for (int i = 0; i < N; i++) {
            int h = rnd.nextInt(3);
            stratum[i] = h;
            nh[h]++;
            y[i] = 100 * h + rnd.nextGaussian() * (10 + h);
            group[i] = rnd.nextInt(4);
        }
        double[] pop = {nh[0] * 5.0, nh[1] * 20.0, nh[2] * 50.0};
        for (int i = 0; i < N; i++) {
            int h = (int) stratum[i];
            fpc[i] = pop[h];
            w[i] = pop[h] / nh[h];
        }
        return DataTable.of(List.of(new NumericColumn("stratum", stratum), new NumericColumn("fpc", fpc),
                new NumericColumn("w", w), new NumericColumn("y", y),
                FactorColumn.ofCodes("g", group, List.of("a", "b", "c", "d"))));
    }

    @Test
    void chunkedPassesMatchTheStratifiedFormula() {
        DataTable t = data();
        Design d = Design.builder(t).strata("stratum").fpc("fpc").weights("w").build();
        Estimate e = Survey.estimate(d, Estimators.mean(t, "y"));
        double[] s = t.numeric("stratum").values();
        double[] y = t.numeric("y").values();
        double[] fpc = t.numeric("fpc").values();
        int[] n = new int[3];
        double[] sum = new double[3];
        double[] popH = new double[3];
        for (int i = 0; i < N; i++) {
            int h = (int) s[i];
            n[h]++;
            sum[h] += y[i];
            popH[h] = fpc[i];
        }
        double popTotal = popH[0] + popH[1] + popH[2];
        double mean = 0;
        for (int h = 0; h < 3; h++) mean += popH[h] / popTotal * sum[h] / n[h];
        double[] ss = new double[3];
        for (int i = 0; i < N; i++) {
            int h = (int) s[i];
            double dev = y[i] - sum[h] / n[h];
            ss[h] += dev * dev;
        }
        double var = 0;
        for (int h = 0; h < 3; h++) {
            double share = popH[h] / popTotal;
            var += share * share * (1 - n[h] / popH[h]) * (ss[h] / (n[h] - 1)) / n[h];
        }
        close(e.value(0), mean, 1e-12);
        close(e.variance(0), var, 1e-9);
    }

    @Test
    void domainsInOnePassEqualOneDomainAtATime() {
        DataTable t = data();
        Design d = Design.builder(t).strata("stratum").fpc("fpc").weights("w").build();
        DomainEstimates all = Survey.by(d, Estimators.mean(t, "y"), false, "g");
        int[] g = t.factor("g").codes();
        for (int k = 0; k < 4; k++) {
            boolean[] dom = new boolean[N];
            for (int i = 0; i < N; i++) dom[i] = g[i] == k;
            Estimate one = Survey.estimate(d, Estimators.mean(t, "y"), false, dom);
            close(all.estimates().get(k).value(0), one.value(0), 1e-12);
            close(all.estimates().get(k).variance(0), one.variance(0), 1e-10);
        }
    }
}
