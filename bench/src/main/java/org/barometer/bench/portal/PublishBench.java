package org.barometer.bench.portal;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.barometer.app.analysis.Dataset;
import org.barometer.app.publish.chart.ChartRenderer;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.compute.ExplorerQuery;
import org.barometer.app.publish.compute.FigureComputer;
import org.barometer.app.publish.chart.FigureDownloads;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.forms.expr.ExpressionPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing and the explorer, each against a peer doing the least the same job needs in this JVM:
 * <ul>
 *   <li>{@code publishEdition} publishes the whole demo edition end to end: reads and checks the edition's
 *       files, draws the synthetic population, sample and response, weights (design, non-response, raking),
 *       evaluates every calculation and derived variable, and computes the 12 figures with intervals, tests,
 *       disclosure control and captions. Its peer {@code tabulateUnweighted} evaluates the same figures'
 *       conditions and counts their cells unweighted from the same prepared data (what a spreadsheet tally
 *       does), and {@code computeFigures}
 *       is the figure step alone;</li>
 *   <li>{@code explorerUncached} answers one explorer query the first time it is asked (collaboration partners
 *       by size group, filtered to municipal workplaces of 10 employees or more, computed afresh on every call: parse and check the
 *       question under the public policy,
 *       estimate 40 cells, 10 Rao–Scott tests, cell-key protection, caption) and renders it as SVG; its peer
 *       {@code explorerCached} renders an already computed figure, which is what a repeated query costs.</li>
 * </ul>
 * <pre>
 * ./barometer bench portal     (or: java -jar bench/target-bench/benchmarks.jar PublishBench)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PublishBench {

    private Publication demo;
    private EditionSpec edition;
    private Dataset data;
    private FigureResult cached;

    static final String FILTER = "${gov_level} = 'municipality' and ${size_group} != '3-9'";

    @Setup
    public void setUp() throws EditionException {
        demo = DemoSimulation.standard();
        edition = demo.edition();
        data = demo.data();
        cached = explore(FILTER);
    }

    /** The explorer's computation of one question: parse under the public policy, filter under its budget, compute. */
    private FigureResult explore(String filter) throws EditionException {
        ExplorerQuery query;
        try {
            query = ExplorerQuery.parse(edition, "collaboration", "size", filter);
        } catch (org.barometer.app.publish.compute.ExplorerRefusal e) {
            throw new IllegalStateException(e);
        }
        boolean[] within = data.condition(query.filter(), ExpressionPolicy.PUBLIC.newBudget());
        return FigureComputer.compute(edition, query.spec(), data, demo.estimator(), demo.keys(), within).published();
    }

    @Benchmark
    public List<FigureResult> publishEdition() throws EditionException {
        return DemoSimulation.standard().figures();
    }

    @Benchmark
    public List<FigureResult> computeFigures() throws EditionException {
        return FigureComputer.computeAll(edition, data, demo.estimator(), demo.keys()).stream()
                .map(FigureComputer.Computed::published).toList();
    }

    @Benchmark
    public long tabulateUnweighted() {
        long total = 0;
        for (FigureSpec f : edition.figures()) {
            boolean[] base = data.evaluateCondition(f.base());
            for (FigureSpec.Item item : f.items()) {
                boolean[] yes = data.evaluateCondition(item.condition());
                for (int r = 0; r < base.length; r++) {
                    if (base[r] && yes[r]) {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    /** A query computed afresh (the explorer caches by the respondents a filter selects; this bench does not). */
    @Benchmark
    public String explorerUncached() throws EditionException {
        FigureResult result = explore(FILTER);
        return page(result);
    }

    @Benchmark
    public String explorerCached() {
        return page(cached);
    }

    /** What the portal makes of a figure for its page: both layouts of the chart (wide and narrow) and the CSV. */
    private static String page(FigureResult f) {
        return ChartRenderer.renderForPage(f, Locale.ENGLISH, ChartRenderer.WIDTH)
                + ChartRenderer.renderForPage(f, Locale.ENGLISH, ChartRenderer.NARROW_WIDTH)
                + FigureDownloads.csv(f, Locale.ENGLISH).length();
    }
}
