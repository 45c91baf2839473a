package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.barometer.app.demo.DemoSimulation;
import org.barometer.forms.expr.ExpressionPolicy;
import org.junit.jupiter.api.Test;

/**
 * Explorer questions whose table is degenerate for the Rao–Scott test (a breakdown that the question's answers
 * determine, in a narrow filter: the design-effect matrix's square has a negative trace, so the F test's degrees of
 * freedom are not positive) are answered, the test's p-value not a number as R's pf gives there — not refused with
 * a server error, as a flood of new questions once found — and the caption reports no test.
 */
class DegenerateTableTest {

    @Test
    void aTableWithoutPositiveDegreesOfFreedomIsAnsweredWithoutAPValue() throws Exception {
        Publication demo = DemoSimulation.standard();
        // filters whose table's Rao-Scott F has a numerator df below zero (-0.35, -36.9 and -25.4 with the
        // interaction contrasts as R's qr.resid makes them)
        for (String filter : new String[] {"${size_group} = '100+' and not(${gov_level} = 'state')",
                "${size_group} = '3-9' and not(${area} = 'health')",
                "${size_group} = '50-99' and ${area} = 'care'"}) {
            ExplorerQuery query = ExplorerQuery.parse(demo.edition(), "tech_role", "newness", filter);
            boolean[] within = demo.data().condition(query.filter(), ExpressionPolicy.PUBLIC.newBudget());
            FigureResult figure = FigureComputer.compute(demo.edition(), query.spec(), demo.data(), demo.estimator(),
                    demo.keys(), within).exact();
            assertThat(figure.tests()).as(filter).isNotEmpty();
            assertThat(figure.tests()).as(filter).anySatisfy(t -> {
                assertThat(t.pValue()).isNaN();
                assertThat(t.significant()).isFalse();
            });
            // and its caption claims no test result
            assertThat(figure.significance()).as(filter).isInstanceOf(Significance.NotTested.class);
        }
    }
}
