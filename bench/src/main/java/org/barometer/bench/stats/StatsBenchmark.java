package org.barometer.bench.stats;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.RakeControl;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.ProportionInterval;
import org.barometer.stats.estimate.Quantiles;
import org.barometer.stats.estimate.Survey;
import org.barometer.stats.estimate.SurveyGlm;
import org.barometer.stats.estimate.TableAssociation;

/**
 * The statistics engine against R survey on the sample that R's {@code timing.R} wrote: every operation of that
 * script, timed in this JVM after warm-up, compared with R's elapsed time and with the values R printed.
 *
 * <h2>Why a hand-written harness and not JMH</h2>
 * The setup is a 1,000,000-row CSV and a design built on it, and the run must also report the heap used by that
 * design with a raked calibration inside a JVM limited to 300 MB, and the values of every operation. JMH would
 * fork a JVM per benchmark (re-reading the CSV each time) and its own machinery would share the heap being
 * measured. The operations take milliseconds to seconds, far above timer resolution, so a plain loop is
 * accurate: each operation is run until at least {@value #WARMUP_RUNS} runs and {@value #WARMUP_SECONDS} s have
 * passed (JIT warm-up), then at least {@value #MEASURED_RUNS} runs and {@value #MEASURED_SECONDS} s are timed one
 * by one with {@link System#nanoTime()}; the median is reported (and the minimum in the results file). Each
 * result is kept in a field so that the JIT cannot drop the work.
 *
 * <h2>Comparison</h2>
 * R's times are single {@code system.time} runs, as {@code timing.R} makes them. The ratio is R's time over the
 * engine's median. Both sides are reported in elapsed (wall-clock) seconds and in CPU seconds: on a shared
 * machine elapsed time mostly measures the other load, CPU time much less. R's CPU seconds come from
 * {@code bench/stats/with-cpu.R}, which runs {@code timing.R} unchanged; the engine's are the whole JVM's
 * (collector and compiler threads included). Values are compared to 1e-9 relative with the 15 significant digits {@code timing.R} prints;
 * operations whose values R does not print are marked so (their correctness rests on the differential test).
 */
public final class StatsBenchmark {
    private static final int WARMUP_RUNS = 3;
    private static final double WARMUP_SECONDS = 2;
    private static final int MEASURED_RUNS = 7;
    private static final double MEASURED_SECONDS = 3;
    private static final double TOLERANCE = 1e-9;

    /** Keeps every result reachable so the JIT cannot skip the work. */
    @SuppressWarnings("unused")
    private static volatile Object sink;

    private StatsBenchmark() {}

    /** {@code --csv FILE --r-output FILE --results DIR [--r-new-ops FILE]}. */
    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        for (String k : List.of("--csv", "--r-output", "--results")) {
            if (!opt.containsKey(k)) {
                System.err.println("usage: StatsBenchmark --csv FILE --r-output FILE --results DIR (missing " + k + ")");
                System.exit(2);
            }
        }
        String newOps = opt.get("--r-new-ops");
        RTiming r = RTiming.read(Path.of(opt.get("--r-output")), newOps == null ? null : Path.of(newOps));
        watchHeap();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path results = Path.of(opt.get("--results"));
        Files.createDirectories(results);

        long t0 = System.nanoTime();
        DataTable raw = DataTable.readCsv(Path.of(opt.get("--csv")));
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        // timing.R makes yf <- factor(y) before timing; so does this setup
        FactorColumn yf = FactorColumn.ofNumeric(raw.numeric("y"));
        DataTable table = raw.with(FactorColumn.ofCodes("yf", yf.codes(), yf.levels()));
        Population pop = Population.of(table);

        Map<Operation, Timing> times = new EnumMap<>(Operation.class);
        Map<String, Double> values = new LinkedHashMap<>();

        Supplier<Design> makeDesign = () -> Design.builder(table).strata("stratum").fpc("fpc").weights("w").build();
        times.put(Operation.DESIGN, time(makeDesign));
        Design d = makeDesign.get();

        times.put(Operation.MEAN_FACTOR, time(() -> Survey.estimate(d, Estimators.shares(table, "group"))));
        put(values, Operation.MEAN_FACTOR, Survey.estimate(d, Estimators.shares(table, "group")));
        times.put(Operation.MEAN, time(() -> Survey.estimate(d, Estimators.mean(table, "y"))));
        put(values, Operation.MEAN, Survey.estimate(d, Estimators.mean(table, "y")));
        times.put(Operation.TOTAL_FACTOR, time(() -> Survey.estimate(d, Estimators.levelTotals(table, "group"))));
        times.put(Operation.DOMAIN_MEANS, time(() -> Survey.by(d, Estimators.mean(table, "y"), false, "group")));
        put(values, Operation.DOMAIN_MEANS, Survey.by(d, Estimators.mean(table, "y"), false, "group"));
        times.put(Operation.CHISQ, time(() -> TableAssociation.of(d, "group", "yf", TableAssociation.Kind.F)));
        TableAssociation chi = TableAssociation.of(d, "group", "yf", TableAssociation.Kind.F);
        values.put(Operation.CHISQ.key + "/statistic", chi.statistic());
        values.put(Operation.CHISQ.key + "/ndf", chi.numeratorDf());
        values.put(Operation.CHISQ.key + "/ddf", chi.denominatorDf());
        values.put(Operation.CHISQ.key + "/p", chi.pValue());
        double df = d.degreesOfFreedom();
        times.put(Operation.BETA, time(() -> ProportionInterval.of(d, "y", ProportionInterval.Method.BETA, 0.95, df)));
        ProportionInterval beta = ProportionInterval.of(d, "y", ProportionInterval.Method.BETA, 0.95, df);
        values.put(Operation.BETA.key + "/estimate", beta.proportion());
        values.put(Operation.BETA.key + "/lower", beta.lower());
        values.put(Operation.BETA.key + "/upper", beta.upper());
        times.put(Operation.LOGIT, time(() -> ProportionInterval.of(d, "y", ProportionInterval.Method.LOGIT, 0.95, df)));

        Supplier<Design> rake = () -> rake(d, table, pop);
        times.put(Operation.RAKE, time(rake));
        Design raked = rake.get();
        times.put(Operation.RAKED_MEAN, time(() -> Survey.estimate(raked, Estimators.mean(table, "y"))));
        put(values, Operation.RAKED_MEAN, Survey.estimate(raked, Estimators.mean(table, "y")));
        times.put(Operation.RAKED_DOMAIN_MEANS, time(() -> Survey.by(raked, Estimators.mean(table, "y"), false, "group")));
        put(values, Operation.RAKED_DOMAIN_MEANS, Survey.by(raked, Estimators.mean(table, "y"), false, "group"));

        // new-ops.R: quantiles, quantiles by domain, two models, a Wald test of a term, a t-test between domains
        double[] probs = {0.25, 0.5, 0.75};
        Quantiles.Options qo = Quantiles.Options.defaults();
        times.put(Operation.QUANTILE, time(() -> Quantiles.of(d, "stratum", probs, null, qo)));
        List<Quantiles.QuantileEstimate> qs = Quantiles.of(d, "stratum", probs, null, qo);
        for (Quantiles.QuantileEstimate q : qs) {
            String k = Operation.QUANTILE.key + "/" + q.probability();
            values.put(k + "/estimate", q.quantile());
            values.put(k + "/lower", q.lower());
            values.put(k + "/upper", q.upper());
            values.put(k + "/se", q.standardError());
        }
        times.put(Operation.QUANTILE_BY, time(() -> Quantiles.by(d, "stratum", probs, qo, "group")));
        for (Quantiles.DomainQuantiles dq : Quantiles.by(d, "stratum", probs, qo, "group")) {
            for (Quantiles.QuantileEstimate q : dq.quantiles()) {
                String k = Operation.QUANTILE_BY.key + "/" + String.join(".", dq.domain()) + "/" + q.probability();
                values.put(k + "/estimate", q.quantile());
                values.put(k + "/se", q.standardError());
            }
        }
        List<String> linearTerms = List.of("group", "size");
        times.put(Operation.GLM_LINEAR,
                time(() -> SurveyGlm.fit(d, "y", linearTerms, SurveyGlm.Family.GAUSSIAN, null)));
        put(values, Operation.GLM_LINEAR, SurveyGlm.fit(d, "y", linearTerms, SurveyGlm.Family.GAUSSIAN, null));
        List<String> logisticTerms = List.of("group", "stratum");
        times.put(Operation.GLM_LOGISTIC,
                time(() -> SurveyGlm.fit(d, "y", logisticTerms, SurveyGlm.Family.QUASIBINOMIAL, null)));
        SurveyGlm.Fit logistic = SurveyGlm.fit(d, "y", logisticTerms, SurveyGlm.Family.QUASIBINOMIAL, null);
        put(values, Operation.GLM_LOGISTIC, logistic);
        times.put(Operation.TERM_TEST, time(() -> logistic.termTest(List.of("group"))));
        SurveyGlm.TermTest tt = logistic.termTest(List.of("group"));
        values.put(Operation.TERM_TEST.key + "/F", tt.f());
        values.put(Operation.TERM_TEST.key + "/df", (double) tt.df());
        values.put(Operation.TERM_TEST.key + "/ddf", tt.ddf());
        values.put(Operation.TERM_TEST.key + "/p", tt.p());
        FactorColumn group = table.factor("group");
        // the domain is made inside the timed call, as R's subset(d, group %in% c("a", "b")) is
        Supplier<SurveyGlm.TTest> tTest = () -> SurveyGlm.tTest(d, "y", "group", levelsIn(group, "a", "b"));
        times.put(Operation.T_TEST, time(tTest));
        SurveyGlm.TTest t = tTest.get();
        values.put(Operation.T_TEST.key + "/difference", t.difference());
        values.put(Operation.T_TEST.key + "/t", t.t());
        values.put(Operation.T_TEST.key + "/df", t.df());
        values.put(Operation.T_TEST.key + "/p", t.p());
        values.put(Operation.T_TEST.key + "/lower", t.lower());
        values.put(Operation.T_TEST.key + "/upper", t.upper());

        // heap: the table, the design and the raked design are all reachable here
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        sink = new Object[] {d, raked, table};
        String load = "before " + loadBefore.substring(0, nthSpace(loadBefore, 3)) + ", after "
                + Files.readString(Path.of("/proc/loadavg")).trim().substring(0, nthSpace(loadBefore, 3));

        Report report = new Report(r, times, values, table.rowCount(), readSeconds, retained, PEAK_BEFORE_GC.get(),
                PEAK_AFTER_GC.get(), max, load);
        String text = report.text();
        System.out.print(text);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        Files.writeString(results.resolve("stats-" + stamp + ".md"), text);
        Files.writeString(results.resolve("latest.md"), text);
        Files.writeString(results.resolve("latest.json"), report.json());
    }

    /** The rows whose level is one of {@code levels}. */
    private static boolean[] levelsIn(FactorColumn f, String... levels) {
        boolean[] want = new boolean[f.levelCount()];
        for (String l : levels) want[f.levelIndex(l)] = true;
        int[] codes = f.codes();
        boolean[] in = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) in[i] = codes[i] >= 0 && want[codes[i]];
        return in;
    }

    private static void put(Map<String, Double> values, Operation op, SurveyGlm.Fit fit) {
        for (int j = 0; j < fit.names().size(); j++) {
            values.put(op.key + "/" + fit.names().get(j) + "/estimate", fit.coefficient(j));
            values.put(op.key + "/" + fit.names().get(j) + "/se", fit.standardError(j));
        }
        values.put(op.key + "/df.residual", fit.residualDf());
    }

    private static int nthSpace(String s, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = s.indexOf(' ', at + 1);
            if (at < 0) return s.length();
        }
        return at;
    }

    /** Population counts of timing.R: N = sum of the stratum population sizes, split as its two margins. */
    record Population(PopulationMargin group, PopulationMargin size) {
        static Population of(DataTable t) {
            double[] s = t.numeric("stratum").values();
            double[] fpc = t.numeric("fpc").values();
            Map<Double, Double> byStratum = new LinkedHashMap<>();
            for (int i = 0; i < s.length; i++) byStratum.putIfAbsent(s[i], fpc[i]);
            double n = 0;
            for (double v : byStratum.values()) n += v;
            return new Population(
                    PopulationMargin.of("group", "a", n * .29, "b", n * .26, "c", n * .2, "d", n * .15, "e", n * .1),
                    PopulationMargin.of("size", "large", n * .22, "medium", n * .3, "small", n * .48));
        }
    }

    /** R's {@code rake(d, list(~group, ~size), list(popg, pops))} with its default control, as a new design. */
    static Design rake(Design d, DataTable table, Population pop) {
        return DesignCalibration.rake(d, List.of(pop.group(), pop.size()), RakeControl.rDefault()).design();
    }

    private static void put(Map<String, Double> values, Operation op, Estimate e) {
        for (int j = 0; j < e.size(); j++) {
            values.put(op.key + "/" + e.names().get(j) + "/estimate", e.value(j));
            values.put(op.key + "/" + e.names().get(j) + "/se", e.standardError(j));
        }
    }

    private static void put(Map<String, Double> values, Operation op, DomainEstimates by) {
        for (int k = 0; k < by.size(); k++) {
            values.put(op.key + "/" + by.label(k) + "/estimate", by.estimates().get(k).value(0));
            values.put(op.key + "/" + by.label(k) + "/se", by.estimates().get(k).standardError(0));
        }
    }

    /**
     * Median and minimum wall-clock seconds of the measured runs, the mean process CPU seconds per run (all threads
     * of this JVM: the engine's, the garbage collector's and the compiler's), and how many runs there were.
     */
    record Timing(double median, double min, double cpuMean, int runs) {
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Heap in use just before a collection (garbage included), and just after a full collection (live data: a
     * young collection of the parallel collector leaves the old generation's garbage in place), largest seen.
     */
    private static final AtomicLong PEAK_BEFORE_GC = new AtomicLong();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    private static void watchHeap() {
        Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                PEAK_BEFORE_GC.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                String action = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcAction();
                if (action.contains("major")) {
                    PEAK_AFTER_GC.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                }
            }, null, null);
        }
    }

    /** The heap limit and the collector the JVM was started with, as given on its command line. */
    private static String jvmOptions() {
        List<String> shown = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:+Use") && a.endsWith("GC")) shown.add(a);
        }
        if (shown.stream().noneMatch(a -> a.endsWith("GC"))) shown.add("the JVM's default collector");
        return String.join(" ", shown);
    }

    private static long heapUsed(Map<String, MemoryUsage> usage, Set<String> heapPools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
            if (heapPools.contains(e.getKey())) sum += e.getValue().getUsed();
        }
        return sum;
    }

    private static Timing time(Supplier<?> op) {
        long start = System.nanoTime();
        int n = 0;
        while (n < WARMUP_RUNS || System.nanoTime() - start < WARMUP_SECONDS * 1e9) {
            sink = op.get();
            n++;
        }
        List<Double> runs = new ArrayList<>();
        start = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        while (runs.size() < MEASURED_RUNS || (System.nanoTime() - start < MEASURED_SECONDS * 1e9 && runs.size() < 500)) {
            long a = System.nanoTime();
            sink = op.get();
            runs.add((System.nanoTime() - a) / 1e9);
        }
        // the process CPU clock ticks in 10 ms steps on Linux: take the mean over all measured runs
        double cpuMean = (OS.getProcessCpuTime() - cpuStart) / 1e9 / runs.size();
        double[] s = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Timing(median(s), s[0], cpuMean, s.length);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The printed table and the JSON file. */
    record Report(RTiming r, Map<Operation, Timing> times, Map<String, Double> values, int rows, double readSeconds,
            long retainedBytes, long peakBytes, long peakLiveBytes, long maxBytes, String load) {

        /** "yes", "NO (...)" or "not printed by timing.R" for one operation. */
        String agreement(Operation op) {
            int compared = 0;
            List<String> bad = new ArrayList<>();
            for (Map.Entry<String, Double> e : r.values().entrySet()) {
                if (!e.getKey().startsWith(op.key + "/")) continue;
                Double mine = values.get(e.getKey());
                compared++;
                if (mine == null) {
                    bad.add(e.getKey() + " missing");
                } else if (!close(e.getValue(), mine)) {
                    bad.add(String.format(Locale.ROOT, "%s R=%.15g engine=%.15g", e.getKey().substring(op.key.length() + 1),
                            e.getValue(), mine));
                }
            }
            if (compared == 0) return "not printed by timing.R";
            return bad.isEmpty() ? "yes (" + compared + " values)" : "NO: " + String.join("; ", bad);
        }

        static boolean close(double r, double mine) {
            if (Double.isNaN(r) || Double.isNaN(mine)) return Double.isNaN(r) && Double.isNaN(mine);
            if (r == 0) return Math.abs(mine) < 1e-15;
            return Math.abs(r - mine) <= TOLERANCE * Math.max(Math.abs(r), Math.abs(mine));
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "# Statistics engine vs R survey, %,d rows%n%n", rows));
            sb.append("R:    ").append(r.header().replaceFirst("^#\\s*", "")).append('\n');
            sb.append("Java: ").append(System.getProperty("java.vm.name")).append(' ')
                    .append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                    .append(" processors, ").append(jvmOptions()).append("\n\n");
            sb.append("Load average (1, 5, 15 min): R run ").append(r.load().replaceFirst("^# load average before R:\\s*", "before "))
                    .append("; engine run ").append(load).append("\n\n");
            sb.append("| operation | R elapsed (s) | engine wall (s) | ratio | R CPU (s) | engine CPU (s, mean) | CPU ratio | values agree to 1e-9 |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (Operation op : Operation.values()) {
                Double rs = r.seconds().get(op);
                Double rc = r.cpuSeconds().get(op);
                Timing t = times.get(op);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        op.description + (op.newOp() ? " ‡" : ""),
                        seconds(rs), t == null ? "n/a" : String.format(Locale.ROOT, "%.4f", t.median()),
                        ratio(rs, t == null ? null : t.median()), seconds(rc),
                        t == null ? "n/a" : String.format(Locale.ROOT, "%.4f", t.cpuMean()),
                        ratio(rc, t == null ? null : t.cpuMean()), agreement(op)));
            }
            sb.append(String.format(Locale.ROOT, "%nReading the CSV into the columnar table (not timed by R): %.2f s%n", readSeconds));
            sb.append(String.format(Locale.ROOT, "Heap (%s): peak in use %.0f MB (just before a collection, garbage"
                    + " included); largest live heap after a full collection %.0f MB; %.0f MB retained at the end with"
                    + " the table, the design and the raked design alive%n", jvmOptions(), peakBytes / 1048576.0,
                    peakLiveBytes / 1048576.0, retainedBytes / 1048576.0));
            sb.append("\nEngine times: wall-clock median and CPU mean of at least " + MEASURED_RUNS + " runs after warm-up; min and runs in latest.json.\n");
            sb.append("\n‡ R's part from the project's bench/stats/new-ops.R (timing.R does not time these), on the same CSV"
                    + " and design; elapsed and CPU seconds of one system.time each.\n");
            sb.append("The glm values (coefficients, SEs, regTermTest, svyttest) are compared to 1e-9 relative like the"
                    + " others. R's iterative glm fits only to about 1e-7 (it stops when the deviance changes by less than"
                    + " 1e-8 relative), so agreement to 1e-9 means the engine takes R's iterations, not that both reach"
                    + " the exact maximum.\n");
            return sb.toString();
        }

        private static String seconds(Double s) {
            return s == null ? "n/a" : String.format(Locale.ROOT, "%.2f", s);
        }

        private static String ratio(Double r, Double engine) {
            return r == null || engine == null || engine <= 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f×", r / engine);
        }

        String json() {
            StringBuilder sb = new StringBuilder("{\n  \"rows\": ").append(rows).append(",\n  \"operations\": [\n");
            List<String> items = new ArrayList<>();
            for (Operation op : Operation.values()) {
                Double rs = r.seconds().get(op);
                Timing t = times.get(op);
                items.add(String.format(Locale.ROOT,
                        "    {\"operation\": \"%s\", \"r_seconds\": %s, \"r_cpu_seconds\": %s, \"engine_median_seconds\": %s,"
                                + " \"engine_min_seconds\": %s, \"engine_cpu_mean_seconds\": %s, \"engine_runs\": %d,"
                                + " \"values\": \"%s\"}",
                        op.key, rs == null ? "null" : rs.toString(), String.valueOf(r.cpuSeconds().get(op)),
                        t == null ? "null" : Double.toString(t.median()), t == null ? "null" : Double.toString(t.min()),
                        t == null ? "null" : Double.toString(t.cpuMean()), t == null ? 0 : t.runs(),
                        agreement(op).replace("\"", "'")));
            }
            sb.append(String.join(",\n", items)).append("\n  ],\n");
            sb.append("  \"heap_peak_live_bytes\": ").append(peakLiveBytes).append(",\n");
            sb.append("  \"heap_peak_bytes\": ").append(peakBytes).append(",\n  \"heap_retained_bytes\": ")
                    .append(retainedBytes).append(",\n  \"heap_max_bytes\": ").append(maxBytes).append("\n}\n");
            return sb.toString();
        }
    }

}
