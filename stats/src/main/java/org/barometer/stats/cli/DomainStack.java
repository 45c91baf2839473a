package org.barometer.stats.cli;

import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.estimate.Statistic;

/**
 * One statistic computed in several domains at once, so that the variance engine sees all domain estimates
 * together and returns their full covariance (R's {@code svyby(..., covmat = TRUE)}): domains that share PSUs
 * are correlated, and a difference between two domains needs that covariance. Each domain's estimate and
 * influence are the inner statistic's with the weights outside the domain set to zero.
 *
 * @param inner the statistic
 * @param domains for each domain, whether each row belongs to it
 */
record DomainStack(Statistic inner, List<boolean[]> domains) implements Statistic {

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < domains.size(); d++) for (String n : inner.names()) out.add(n + "@" + d);
        return out;
    }

    @Override
    public boolean isMissing(int row) {
        return inner.isMissing(row);
    }

    @Override
    public double[] estimate(double[] weights) {
        int p = inner.dimension();
        double[] out = new double[domains.size() * p];
        for (int d = 0; d < domains.size(); d++) {
            System.arraycopy(inner.estimate(masked(weights, domains.get(d))), 0, out, d * p, p);
        }
        return out;
    }

    @Override
    public double[][] influence(double[] weights, double[] estimate) {
        int p = inner.dimension();
        double[][] out = new double[domains.size() * p][];
        for (int d = 0; d < domains.size(); d++) {
            double[] est = new double[p];
            System.arraycopy(estimate, d * p, est, 0, p);
            double[][] x = inner.influence(masked(weights, domains.get(d)), est);
            System.arraycopy(x, 0, out, d * p, p);
        }
        return out;
    }

    private static double[] masked(double[] w, boolean[] in) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) if (in[i]) out[i] = w[i];
        return out;
    }
}
