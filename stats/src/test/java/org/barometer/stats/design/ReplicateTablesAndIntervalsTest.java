package org.barometer.stats.design;

import static org.barometer.stats.ApiData.close;

import org.barometer.stats.ApiData;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.estimate.ProportionInterval;
import org.barometer.stats.estimate.ProportionInterval.Method;
import org.barometer.stats.estimate.TableAssociation;
import org.barometer.stats.estimate.TableAssociation.Kind;
import org.junit.jupiter.api.Test;

/**
 * Tests of association and proportion intervals on a replicate design, against R 4.1-1:
 * {@code rclus1 <- as.svrepdesign(dclus1)}.
 */
class ReplicateTablesAndIntervalsTest {

    private static ReplicateDesign rclus1() {
        return ReplicateDesign.jackknife(ApiData.dclus1(), false);
    }

    @Test
    void chisqOnReplicateDesign() {
        ReplicateDesign r = rclus1();
        // svychisq(~sch.wide+stype, rclus1, statistic=...)
        TableAssociation f = TableAssociation.of(r, "sch.wide", "stype", Kind.F);
        close(f.statistic(), 4.4639053819295871);
        close(f.numeratorDf(), 1.4197254796946035);
        close(f.denominatorDf(), 19.876156715724449);
        close(f.pValue(), 0.035773399013596427);
        TableAssociation c = TableAssociation.of(r, "sch.wide", "stype", Kind.CHISQ);
        close(c.statistic(), 11.940892080745339);
        close(c.pValue(), 0.011517295902777889);
        TableAssociation w = TableAssociation.of(r, "sch.wide", "stype", Kind.WALD);
        close(w.statistic(), 2.4010586006026835);
        close(w.pValue(), 0.12689630060235044);
        TableAssociation aw = TableAssociation.of(r, "sch.wide", "stype", Kind.ADJ_WALD);
        close(aw.statistic(), 2.229554414845349);
        close(aw.pValue(), 0.14705788690124807);
    }

    @Test
    void proportionIntervalsOnReplicateDesign() {
        ReplicateDesign r = rclus1();
        NumericColumn ell = r.table().numeric("ell");
        double[] v = new double[ell.size()];
        for (int i = 0; i < v.length; i++) v[i] = ell.get(i) == 0 ? 1 : 0;
        DataTable t = r.table().with(new NumericColumn("ell0", v));
        ReplicateDesign d = r.withTable(t);
        double df = d.degreesOfFreedom();
        // svyciprop(~I(ell==0), rclus1, method=...)
        ProportionInterval beta = ProportionInterval.of(d, "ell0", Method.BETA, 0.95, df);
        close(beta.lower(), 0.00022133655781163356);
        close(beta.upper(), 0.13697564885295521);
        ProportionInterval mean = ProportionInterval.of(d, "ell0", Method.MEAN, 0.95, df);
        close(mean.lower(), -0.026524276064047673);
        close(mean.upper(), 0.070240123058583195);
        ProportionInterval xlogit = ProportionInterval.of(d, "ell0", Method.XLOGIT, 0.95, df);
        close(xlogit.proportion(), 0.02185792349726776);
        close(xlogit.lower(), 0.002319594878266358);
        close(xlogit.upper(), 0.17680547033465085);
    }
}
