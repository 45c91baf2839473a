package org.barometer.bench.portal;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.barometer.app.Server;
import org.barometer.app.db.Database;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.bench.RunOptions;

/**
 * The explorer flooded: {@code --flooders} clients (default 50), each from its own address, send explorer questions
 * never asked before for {@code --seconds} (default 10), while {@code --clients} visitors (default 4) ask for the
 * other portal pages (front page, a theme page, a figure from the API, one at a time each). The same run is made
 * twice on one database: with admission control lifted (the rate and the cap on computations running at once set
 * out of reach, as the portal was before it had them), and with the defaults. Per run: the flooders' p95 and how
 * their questions were answered (200 answered, 400 refused, 429 not admitted), the server's CPU per flooder
 * request, and each other page's p95 against the 50 ms target. Then each of the two costly filters of an earlier
 * attack (a catastrophic regular expression, 200 nested parentheses) is timed: it must be refused within 100 ms.
 *
 * <pre>bench/run portal flood [--flooders N] [--clients N] [--seconds S]</pre>
 */
public final class ExplorerFlood {
    static final double TARGET_P95_MS = 50;
    static final double REFUSAL_TARGET_MS = 100;

    /** The demo's filter variables with their categories, for filters an attacker might write. */
    static final Map<String, List<String>> ATOMS = Map.of(
            "gov_level", List.of("state", "region", "municipality"),
            "area", List.of("public_administration", "judiciary", "education", "health", "elderly_disabled_care",
                    "childcare", "other"),
            "size_group", List.of("3-9", "10-49", "50-99", "100+"));
    static final List<String> QUESTIONS = List.of("collaboration", "tech_role", "novelty", "initiators", "values",
            "spread", "evaluated", "innovator");
    static final List<String> BREAKDOWNS = List.of("size", "gov_level", "newness", "tech_group", "area", "size_group");

    private ExplorerFlood() {}

    record PageLatency(String name, long[] nanos) {
        double p95() {
            return percentile(nanos, 95);
        }
    }

    record Run(String name, long[] flooderNanos, long answered, long refused, long notAdmitted, long other,
               double cpuSeconds, List<PageLatency> pages) {
        long requests() {
            return answered + refused + notAdmitted + other;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = RunOptions.parse(args, "--flooders N, --clients N or --seconds S");
        int flooders = Integer.parseInt(opt.getOrDefault("flooders", "50"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", "4"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));

        Path data = Files.createTempDirectory("explorer-flood-pg");
        try (Database database = Database.embedded(data)) {
            long edition = DemoEdition.load(database.jdbi()).edition().id();
            DemoEdition.publish(database.jdbi(), edition);
            List<Run> runs = new ArrayList<>();
            runs.add(run("admission lifted", database, Map.of("BAROMETER_PUBLIC_RATE_PER_MINUTE", "1000000",
                    "BAROMETER_PUBLIC_CONCURRENT", "1000"), flooders, clients, seconds, 1));
            runs.add(run("admission on (defaults)", database, Map.of(), flooders, clients, seconds, 2));
            String refusals = refusalTimes(database);
            String report = report(runs, flooders, clients, seconds) + "\n" + refusals;
            System.out.println(report);
            Path out = Path.of("bench", "results", "portal");
            Files.createDirectories(out);
            Files.writeString(out.resolve("explorer-flood.md"), report);
        } finally {
            PortalLatency.deleteTree(data);
        }
    }

    private static Server start(Database database, Map<String, String> settings) throws InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("BAROMETER_PORT", "0");
        env.put("BAROMETER_TRUSTED_PROXIES", "127.0.0.1,::1"); // each flooder's address comes in X-Forwarded-For
        Server server = Server.start(Platform.create(AppConfig.fromEnvironment(env), database), 0);
        while (server.publications().editions().isEmpty()) {
            Thread.sleep(100);
        }
        return server;
    }

    static Run run(String name, Database database, Map<String, String> settings, int flooders, int clients,
                   int seconds, long seed) throws Exception {
        try (Server server = start(database, settings)) {
            String base = "http://localhost:" + server.port();
            HttpClient http = client();
            // warm the pages and the publication's caches
            for (String page : pages()) {
                PortalLatency.get(http, base + page);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong notAdmitted = new AtomicLong();
            AtomicLong other = new AtomicLong();
            Map<Integer, long[]> flooderLatencies = new ConcurrentHashMap<>();
            long cpuStart = PortalLatency.cpuNanos();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<PageLatency> pages = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> flood = new ArrayList<>();
                for (int f = 0; f < flooders; f++) {
                    int id = f;
                    flood.add(pool.submit(() -> {
                        Random random = new Random(seed * 1_000 + id);
                        String address = "10.9." + (id / 250) + "." + (1 + id % 250);
                        long[] lat = new long[256];
                        int n = 0;
                        while (!stop.get() && System.nanoTime() < end) {
                            long t = System.nanoTime();
                            int status = explore(http, base, address, newQuestion(random));
                            long took = System.nanoTime() - t;
                            switch (status) {
                                case 200 -> answered.incrementAndGet();
                                case 400 -> refused.incrementAndGet();
                                case 429 -> notAdmitted.incrementAndGet();
                                default -> other.incrementAndGet();
                            }
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = took;
                            if (status == 429) {
                                Thread.sleep(200); // a polite flooder backs off a little; a rude one is refused anyway
                            }
                        }
                        flooderLatencies.put(id, Arrays.copyOf(lat, n));
                        return null;
                    }));
                }
                // the other visitors: each page in turn, measured while the flood runs
                List<Future<PageLatency>> visitors = new ArrayList<>();
                for (String page : pages()) {
                    visitors.add(pool.submit(() -> visit(http, base, page, clients, end)));
                }
                for (Future<PageLatency> v : visitors) {
                    pages.add(v.get());
                }
                stop.set(true);
                for (Future<?> f : flood) {
                    f.get();
                }
            }
            double cpu = (PortalLatency.cpuNanos() - cpuStart) / 1e9;
            long[] all = flooderLatencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Run(name, all, answered.get(), refused.get(), notAdmitted.get(), other.get(), cpu, pages);
        }
    }

    private static List<String> pages() {
        return List.of("/portal?lang=en", "/portal/themes/technology?lang=en", "/api/figures/technology-part?lang=en");
    }

    /** {@code clients} visitors ask for one page, one request after another, until {@code end}. */
    private static PageLatency visit(HttpClient http, String base, String page, int clients, long end)
            throws Exception {
        List<long[]> per = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < Math.max(1, clients / pages().size()); c++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        int status = PortalLatency.get(http, base + page);
                        if (status != 200) {
                            throw new IllegalStateException(page + " answered " + status + " during the flood");
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            for (Future<long[]> f : futures) {
                per.add(f.get());
            }
        }
        return new PageLatency(page, per.stream().flatMapToLong(Arrays::stream).sorted().toArray());
    }

    /** A question a flooder has likely not asked before: a question, a breakdown and a filter of two conditions. */
    static String newQuestion(Random random) {
        List<String> names = new ArrayList<>(ATOMS.keySet());
        String a = names.get(random.nextInt(names.size()));
        String b = names.get(random.nextInt(names.size()));
        String filter = condition(a, random) + (random.nextBoolean() ? " and " : " or ")
                + (random.nextBoolean() ? "not(" + condition(b, random) + ")" : condition(b, random));
        return "q=" + QUESTIONS.get(random.nextInt(QUESTIONS.size())) + "&by="
                + BREAKDOWNS.get(random.nextInt(BREAKDOWNS.size())) + "&filter=" + encode(filter);
    }

    private static String condition(String name, Random random) {
        List<String> values = ATOMS.get(name);
        return "${" + name + "} = '" + values.get(random.nextInt(values.size())) + "'";
    }

    private static int explore(HttpClient http, String base, String address, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/explore?lang=en&" + query))
                .header("X-Forwarded-For", address).timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Each costly filter of the earlier attack, asked five times on a fresh server: the slowest answer and its status. */
    static String refusalTimes(Database database) throws Exception {
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        filters.put("catastrophic regular expression", "regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')");
        filters.put("200 nested parentheses", "(".repeat(200) + "${gov_level} = 'state'" + ")".repeat(200));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Costly filters of the earlier attack (target: refused within %.0f ms)%n%n", REFUSAL_TARGET_MS));
        b.append("| filter                           | status | slowest of 5 (ms) | met |\n");
        b.append("|----------------------------------|--------|-------------------|-----|\n");
        try (Server server = start(database, Map.of())) {
            String base = "http://localhost:" + server.port();
            HttpClient http = client();
            int i = 0;
            for (Map.Entry<String, String> e : filters.entrySet()) {
                long slowest = 0;
                int status = 0;
                for (int r = 0; r < 5; r++) {
                    long t = System.nanoTime();
                    status = explore(http, base, "10.8.0." + (++i), "q=collaboration&filter=" + encode(e.getValue()));
                    slowest = Math.max(slowest, System.nanoTime() - t);
                }
                b.append(String.format(Locale.ROOT, "| %-32s | %6d | %17.1f | %-3s |%n", e.getKey(), status,
                        slowest / 1e6, status == 400 && slowest / 1e6 <= REFUSAL_TARGET_MS ? "yes" : "NO"));
            }
        }
        return b.toString();
    }

    static String report(List<Run> runs, int flooders, int clients, int seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Explorer flood: %d flooders sending new explorer questions for %d s, each from its own address, while "
                        + "%d visitors ask for other pages; %d cores; load average %s%n%n", flooders, seconds, clients,
                Runtime.getRuntime().availableProcessors(), RunOptions.loadAverage()));
        b.append("| run                      | flooder requests | answered | refused (400) | not admitted (429) | other "
                + "| flooder p95 (ms) | CPU per flooder request (ms) | CPU per answer (ms) |\n");
        b.append("|--------------------------|------------------|----------|---------------|--------------------|-------"
                + "|------------------|------------------------------|---------------------|\n");
        for (Run r : runs) {
            b.append(String.format(Locale.ROOT, "| %-24s | %16d | %8d | %13d | %18d | %5d | %16.1f | %28.2f | %19.2f |%n",
                    r.name(), r.requests(), r.answered(), r.refused(), r.notAdmitted(), r.other(),
                    percentile(r.flooderNanos(), 95), r.cpuSeconds() * 1000 / Math.max(1, r.requests()),
                    r.cpuSeconds() * 1000 / Math.max(1, r.answered())));
        }
        b.append(String.format(Locale.ROOT, "%nOther pages during the flood (target: p95 at most %.0f ms)%n%n", TARGET_P95_MS));
        b.append("| run                      | page                                   | answers | p95 (ms) | met |\n");
        b.append("|--------------------------|----------------------------------------|---------|----------|-----|\n");
        for (Run r : runs) {
            for (PageLatency p : r.pages()) {
                b.append(String.format(Locale.ROOT, "| %-24s | %-38s | %7d | %8.1f | %-3s |%n", r.name(), p.name(),
                        p.nanos().length, p.p95(), p.p95() <= TARGET_P95_MS ? "yes" : "NO"));
            }
        }
        // each later run against the first (admission lifted), side by side as ratios
        Run peer = runs.getFirst();
        b.append(String.format(Locale.ROOT, "%nRatios against the run \"%s\" (below 1: the later run is better)%n%n", peer.name()));
        b.append("| run                      | measure                                | ratio |\n");
        b.append("|--------------------------|----------------------------------------|-------|\n");
        for (Run r : runs.subList(1, runs.size())) {
            b.append(String.format(Locale.ROOT, "| %-24s | %-38s | %5.2f |%n", r.name(), "flooder p95",
                    percentile(r.flooderNanos(), 95) / Math.max(1e-9, percentile(peer.flooderNanos(), 95))));
            b.append(String.format(Locale.ROOT, "| %-24s | %-38s | %5.2f |%n", r.name(), "CPU per flooder request",
                    (r.cpuSeconds() / Math.max(1, r.requests())) / Math.max(1e-12, peer.cpuSeconds() / Math.max(1, peer.requests()))));
            for (PageLatency p : r.pages()) {
                peer.pages().stream().filter(q -> q.name().equals(p.name())).findFirst().ifPresent(q ->
                        b.append(String.format(Locale.ROOT, "| %-24s | %-38s | %5.2f |%n", r.name(), "p95 of " + p.name(),
                                p.p95() / Math.max(1e-9, q.p95()))));
            }
        }
        return b.toString();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(rank, sorted.length) - 1)] / 1e6;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
