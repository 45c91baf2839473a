package org.barometer.bench.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.Server;
import org.barometer.app.db.Database;
import org.barometer.app.demo.DemoEdition;
import org.barometer.bench.RunOptions;

/**
 * Portal latency over real HTTP: the server runs in this JVM on an embedded PostgreSQL holding the demo edition,
 * loaded and published as {@code ./barometer demo} does, and a few clients (each one request at a time on kept-alive
 * connections) ask for one kind of page for a fixed time after a warm-up. Every answer must be 200. The table
 * gives p50, p95 and p99 per kind of page, with the target of 50 ms at p95 beside it.
 *
 * <pre>bench/run portal http [--clients N] [--seconds S] [--warmup S]</pre>
 */
public final class PortalLatency {
    /** The target every portal page should meet. */
    static final double TARGET_P95_MS = 50;
    /** An explorer query like a visitor's: collaboration partners by a breakdown, filtered. */
    static final String FILTER = "${gov_level} = 'municipality' and ${size_group} != '3-9'";
    /** The demo edition's publishable variables (its edition.json, "explorer"). */
    static final List<String> VARIABLES = List.of("gov_level", "area", "size_group", "size", "innovator",
            "inno_service", "inno_process", "inno_organisation", "inno_communication", "underway", "underway_type",
            "latest_type", "novelty", "initiators", "tech_role", "tech_new", "tech_core", "tech", "tech_class",
            "newness", "tech_group", "collaboration", "values", "emp_promoted", "emp_inhibited", "cit_promoted",
            "cit_inhibited", "evaluated", "spread", "cult_curious", "cult_ideas", "cult_failure", "cult_users",
            "cult_learn");

    private PortalLatency() {}

    /** One kind of request: a name and the path of its i-th request. */
    record Kind(String name, IntFunction<String> path) {
    }

    /**
     * The latencies of one kind, sorted, how many requests failed, and the CPU time this JVM (server and clients)
     * spent meanwhile.
     */
    record Measured(String name, long[] nanos, int failed, double seconds, double cpuSeconds) {
        double percentileMs(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * nanos.length);
            return nanos[Math.max(0, Math.min(rank, nanos.length) - 1)] / 1e6;
        }

        String row() {
            double p95 = percentileMs(95);
            return String.format(Locale.ROOT, "| %-26s | %7d | %7.0f | %6.1f | %6.1f | %6.1f | %6.1f | %5.0f | %-4s | %6d | %8.2f |",
                    name, nanos.length, nanos.length / seconds, percentileMs(50), p95, percentileMs(99), percentileMs(100),
                    TARGET_P95_MS, p95 <= TARGET_P95_MS ? "yes" : "NO", failed,
                    nanos.length == 0 ? Double.NaN : cpuSeconds * 1000 / nanos.length);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = RunOptions.parse(args, "--clients N, --seconds S or --warmup S");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "4"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));

        Path data = Files.createTempDirectory("portal-latency-pg");
        Database database = Database.embedded(data);
        Server server = Server.start(Platform.create(AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "0",
                // latency, not admission, is measured here: the explorer's limits are out of reach (see ExplorerFlood)
                "BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000", "BAROMETER_PUBLIC_CONCURRENT", "1000")), database), 0);
        try {
            long edition = DemoEdition.load(database.jdbi()).edition().id();
            DemoEdition.publish(database.jdbi(), edition);
            while (server.publications().editions().isEmpty()) {
                Thread.sleep(100); // the node picks the publication up from the database within about a second
            }
            String base = "http://localhost:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            AtomicInteger newQuery = new AtomicInteger();
            String cached = "/portal/explorer?lang=en&q=collaboration&by=size&filter=" + encode(FILTER);
            List<Kind> kinds = List.of(
                    new Kind("front page", i -> "/portal?lang=en"),
                    new Kind("theme page (4 figures)", i -> "/portal/themes/technology?lang=en"),
                    new Kind("explorer, cached query", i -> cached),
                    // never asked before: another question or breakdown for the same respondents each time (the
                    // explorer caches answers by question, breakdown and respondents; 34 × 33 pairs are enough)
                    new Kind("explorer, new query", i -> {
                        int n = newQuery.getAndIncrement();
                        String q = VARIABLES.get(n % VARIABLES.size());
                        String by = VARIABLES.get((n % VARIABLES.size() + 1 + n / VARIABLES.size()) % VARIABLES.size());
                        return "/portal/explorer?lang=en&q=" + q + "&by=" + by + "&filter=" + encode(FILTER);
                    }),
                    new Kind("API figure (JSON)", i -> "/api/figures/technology-part?lang=en"),
                    new Kind("CSV download", i -> "/portal/figures/technology-part/data.csv?lang=en"));

            long t0 = System.nanoTime();
            int first = get(http, base + "/portal?lang=en");
            System.out.printf(Locale.ROOT, "portal latency over HTTP: first page %d in %.1f s (computes the demo publication); "
                            + "%d clients, warm-up %d s per kind, measured %d s per kind; %d cores; load average %s%n",
                    first, (System.nanoTime() - t0) / 1e9, clients, warmup, seconds,
                    Runtime.getRuntime().availableProcessors(), RunOptions.loadAverage());
            List<Measured> results = new ArrayList<>();
            for (Kind kind : kinds) {
                run(http, base, kind, clients, warmup);
                results.add(run(http, base, kind, clients, seconds));
            }
            String table = table(results, clients);
            System.out.println(table);
            Path out = Path.of("bench", "results", "portal");
            Files.createDirectories(out);
            Files.writeString(out.resolve("http-latency.md"), table + "\n");
        } finally {
            server.close();
            database.close();
            deleteTree(data);
        }
    }

    /** Every client asks for the kind's pages one after the other for {@code seconds}. */
    static Measured run(HttpClient http, String base, Kind kind, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<long[]> perClient = new ArrayList<>();
        long cpuStart = cpuNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String url = base + kind.path().apply(next.getAndIncrement());
                        long start = System.nanoTime();
                        int status = get(http, url);
                        long took = System.nanoTime() - start;
                        if (status != 200) {
                            failed.incrementAndGet();
                            continue;
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = took;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            for (Future<long[]> f : futures) {
                perClient.add(f.get());
            }
        }
        long cpu = cpuNanos() - cpuStart;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Measured(kind.name(), all, failed.get(), seconds, cpu / 1e9);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static int get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String table(List<Measured> results, int clients) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Portal latency over HTTP, %d concurrent clients (ms; target: p95 at most %.0f ms; "
                + "CPU: milliseconds of this JVM, server and clients, per answer)%n%n", clients, TARGET_P95_MS));
        b.append("| page                       | answers | per s   | p50    | p95    | p99    | max    | target| met  | failed | CPU      |\n");
        b.append("|----------------------------|---------|---------|--------|--------|--------|--------|-------|------|--------|----------|\n");
        for (Measured m : results) {
            b.append(m.row()).append('\n');
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
