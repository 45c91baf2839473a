package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.SampleDesign;

/** Two-way tables of estimated counts with tests of association (R's {@code svytable}, {@code svychisq}). */
final class Tables {
    private Tables() {}

    static void add(Spec.Estimate e, ObjectNode node, SampleDesign design, DataTable table) {
        throw new SpecException(e.path() + ".table", "tables are not available in this build");
    }
}
