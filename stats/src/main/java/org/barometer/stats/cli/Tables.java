package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.TableAssociation;

/**
 * A two-way table of estimated population counts (R's {@code svytable(~a + b)}) with, when asked, a test of
 * association (R's {@code svychisq(~a + b, statistic = ...)}). Categories without any row are left out, as R
 * does; rows missing either variable are left out.
 */
final class Tables {
    private Tables() {}

    static void add(Spec.Estimate e, ObjectNode node, SampleDesign design, DataTable table) {
        String a = e.variables().get(0);
        String b = e.variables().get(1);
        double[][] counts = TableAssociation.table(design, a, b);
        List<String> rows = occurring(table.factor(a));
        List<String> cols = occurring(table.factor(b));
        ArrayNode cells = node.putArray("cells");
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                ObjectNode c = cells.addObject();
                c.put(a, rows.get(i));
                c.put(b, cols.get(j));
                EstimateRunner.number(c, "total", counts[i][j]);
            }
        }
        if (e.test() == null) return;
        TableAssociation.Kind kind = switch (e.test()) {
            case "Chisq" -> TableAssociation.Kind.CHISQ;
            case "Wald" -> TableAssociation.Kind.WALD;
            case "adjWald" -> TableAssociation.Kind.ADJ_WALD;
            default -> TableAssociation.Kind.F;
        };
        TableAssociation t = TableAssociation.of(design, a, b, kind);
        ObjectNode test = node.putObject("test");
        test.put("name", e.test());
        EstimateRunner.number(test, "statistic", t.statistic());
        ArrayNode df = test.putArray("df");
        EstimateRunner.number(df, t.numeratorDf());
        // the F tests have two degrees of freedom, the second null where R's is NaN (a margin without variation)
        if (kind != TableAssociation.Kind.CHISQ) EstimateRunner.number(df, t.denominatorDf());
        EstimateRunner.number(test, "p", t.pValue());
    }

    private static List<String> occurring(FactorColumn f) {
        boolean[] seen = new boolean[f.levelCount()];
        for (int c : f.codes()) if (c >= 0) seen[c] = true;
        List<String> out = new ArrayList<>();
        for (int j = 0; j < seen.length; j++) if (seen[j]) out.add(f.levels().get(j));
        return out;
    }
}
