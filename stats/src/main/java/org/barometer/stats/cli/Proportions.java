package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.SampleDesign;

/** Proportions with confidence intervals (R's {@code svyciprop}). */
final class Proportions {
    private Proportions() {}

    static void add(Spec.Estimate e, ObjectNode node, SampleDesign design, DataTable table) {
        throw new SpecException(e.path() + ".proportion", "proportion intervals are not available in this build");
    }
}
