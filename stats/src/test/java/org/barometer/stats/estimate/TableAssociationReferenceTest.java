package org.barometer.stats.estimate;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.stats.ApiData;
import org.barometer.stats.estimate.TableAssociation.Kind;
import org.junit.jupiter.api.Test;

/** The "svytable / svychisq" section of reference-survey-4.5.txt. */
class TableAssociationReferenceTest {

    @Test
    void weightedTable() {
        // svytable(~sch.wide + stype, dclus1)
        double[][] t = TableAssociation.table(ApiData.dclus1(), "sch.wide", "stype");
        close(t[0][0], 406.16395568847656);
        close(t[0][1], 101.54098892211914);
        close(t[0][2], 270.77597045898438);
        close(t[1][0], 4467.80351257324219);
        close(t[1][1], 372.31695938110352);
        close(t[1][2], 575.39893722534180);
    }

    private static void check(TableAssociation t, double stat, double df1, double df2, double p) {
        close(t.statistic(), stat);
        close(t.numeratorDf(), df1);
        if (!Double.isNaN(df2)) close(t.denominatorDf(), df2);
        close(t.pValue(), p);
    }

    @Test
    void clusterSample() {
        // svychisq(~sch.wide+stype, dclus1, statistic=...)
        check(TableAssociation.of(ApiData.dclus1(), "sch.wide", "stype", Kind.F), 5.1933695414748779, 1.4946397777074558,
                20.924956887904383, 0.021747462370796878);
        check(TableAssociation.of(ApiData.dclus1(), "sch.wide", "stype", Kind.CHISQ), 11.940892080745339, 2, Double.NaN,
                0.0055532633031132143);
        check(TableAssociation.of(ApiData.dclus1(), "sch.wide", "stype", Kind.WALD), 2.4010586006026786, 2, 14,
                0.12689630060235083);
        check(TableAssociation.of(ApiData.dclus1(), "sch.wide", "stype", Kind.ADJ_WALD), 2.2295544148453446, 2, 13,
                0.14705788690124844);
        // svychisq(~sch.wide+stype, dclus1, statistic="saddlepoint")
        TableAssociation sp = TableAssociation.of(ApiData.dclus1(), "sch.wide", "stype", Kind.SADDLEPOINT);
        close(sp.statistic(), 11.940892080745339);
        close(sp.pValue(), 0.026441127709637535);
    }

    @Test
    void stratifiedSample() {
        // svychisq(~sch.wide+comp.imp, dstrat)
        check(TableAssociation.of(ApiData.dstrat(), "sch.wide", "comp.imp", Kind.F), 47.317732999324001, 1, 197,
                7.8220406522298839e-11);
        check(TableAssociation.of(ApiData.dstrat(), "sch.wide", "comp.imp", Kind.CHISQ), 57.42168048580664, 1, Double.NaN,
                6.0363646506047112e-12);
        check(TableAssociation.of(ApiData.dstrat(), "sch.wide", "comp.imp", Kind.ADJ_WALD), 51.683349411733467, 1, 197,
                1.3215061445961576e-11);
        // svychisq(~awards+stype, dstrat)
        check(TableAssociation.of(ApiData.dstrat(), "awards", "stype", Kind.F), 14.169408118007786, 1.8851358850346129,
                371.37176935181873, 2.0821086764284539e-06);
        check(TableAssociation.of(ApiData.dstrat(), "awards", "stype", Kind.CHISQ), 19.479656420958879, 2, Double.NaN,
                7.0194687107935459e-07);
        check(TableAssociation.of(ApiData.dstrat(), "awards", "stype", Kind.ADJ_WALD), 14.868510426643677, 2, 196,
                9.7279572498951678e-07);
        assertThat(TableAssociation.of(ApiData.dstrat(), "awards", "stype", Kind.F).kind()).isEqualTo(Kind.F);
        // statistic="saddlepoint" (R 4.1-1): 371.37 denominator df, of which R's rep() keeps 371 copies
        close(TableAssociation.of(ApiData.dstrat(), "awards", "stype", Kind.SADDLEPOINT).pValue(), 4.8547329135635706e-06);
        close(TableAssociation.of(ApiData.dstrat(), "sch.wide", "comp.imp", Kind.SADDLEPOINT).pValue(),
                8.6909755900272948e-11);
    }
}
