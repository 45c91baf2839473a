package org.barometer.bench.start;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.app.db.Database;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoSeries;
import org.barometer.app.demo.DemoVintage;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;

/**
 * How fast a node starts with a series of editions stored: every demo edition published into a fresh database
 * on the local PostgreSQL (timed per edition), then {@code ./barometer serve} started on it, once to record the
 * JVM's cache of the build (as the first start after a build does) and then {@value #STARTS} times, each timed
 * from process start until every edition's front page answers 200; beside it, the peer: {@code ./barometer serve}
 * started as often on a database with nothing published, until its front page answers 200. Last, the demo's
 * first start on an empty {@code data/} folder of a build without that cache, until it prints that it is ready.
 *
 * <pre>bench/run start [--db JDBC_URL]</pre>
 * The server named by {@code --db} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres})
 * gets two databases for the run, dropped afterwards.
 */
public final class StartBenchmark {
    static final int STARTS = 5;
    static final Duration LIMIT = Duration.ofMinutes(3);

    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String server = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                server = args[++i];
            } else {
                throw new IllegalArgumentException("bench start: unknown argument " + args[i]);
            }
        }
        String classpath = System.getProperty("barometer.app.classpath");
        Path root = Path.of(System.getProperty("barometer.root", "."));
        String stored = "barometer_bench_start_" + ProcessHandle.current().pid();
        String empty = "barometer_bench_empty_" + ProcessHandle.current().pid();
        StringBuilder report = new StringBuilder();
        try {
            execute(server, "CREATE DATABASE " + stored);
            execute(server, "CREATE DATABASE " + empty);
            String storedUrl = url(server, stored);
            String emptyUrl = url(server, empty);

            // 1. publishing every demo edition, as the demo does, into the stored database
            List<String[]> published = new ArrayList<>();
            double publishAll;
            try (Database db = Database.connect(storedUrl)) {
                Platform platform = Platform.create(AppConfig.fromEnvironment(Map.of()), db);
                long t0 = System.nanoTime();
                for (DemoVintage v : DemoVintage.SERIES) {
                    long t = System.nanoTime();
                    long edition = DemoEdition.load(platform.jdbi(), v).edition().id();
                    DemoEdition.Published p = DemoEdition.publish(platform.jdbi(), edition, v);
                    published.add(new String[] {v.period(), String.valueOf(p.respondents()), seconds(System.nanoTime() - t)});
                }
                DemoSeries.publish(platform.jdbi());
                publishAll = (System.nanoTime() - t0) / 1e9;
            }
            try (Database db = Database.connect(emptyUrl)) {
                Platform.create(AppConfig.fromEnvironment(Map.of()), db); // the schema, nothing published
            }
            List<Long> editions = editionIds(storedUrl);

            // 2. starts: the first after the build records the JVM's cache; then with every edition stored, and the
            // peer with nothing published, taking turns
            double recording = start(root, storedUrl, editions);
            System.err.printf(Locale.ROOT, "first start after the build (recording the cache): %.2f s%n", recording);
            double[] withAll = new double[STARTS];
            double[] withNothing = new double[STARTS];
            for (int i = 0; i < STARTS; i++) {
                withAll[i] = start(root, storedUrl, editions);
                withNothing[i] = start(root, emptyUrl, List.of());
                System.err.printf(Locale.ROOT, "start %d: %.2f s with %d editions, %.2f s with none%n", i + 1,
                        withAll[i], editions.size(), withNothing[i]);
            }

            // 3. the demo's first start on an empty data/ folder
            double demo = demoFirstStart(classpath, root);

            double medianAll = median(withAll);
            double medianNothing = median(withNothing);
            report.append("# Start of a node with the demo's series stored\n\n")
                    .append(String.format(Locale.ROOT, "Machine: %d cores, load average %.2f at the end.%n%n",
                            Runtime.getRuntime().availableProcessors(), load()))
                    .append("## Publishing every demo edition (local PostgreSQL)\n\n| edition | respondents | seconds |\n|---|---|---|\n");
            for (String[] row : published) {
                report.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            report.append(String.format(Locale.ROOT, "| all, with the family's files | | %.2f |%n%n", publishAll))
                    .append("## `serve`: from process start until every edition's front page answers 200\n\n")
                    .append("| database | starts (s) | median (s) | ratio to the peer |\n|---|---|---|---|\n")
                    .append(String.format(Locale.ROOT, "| %d editions stored | %s | %.2f | %.2f |%n", editions.size(),
                            list(withAll), medianAll, medianAll / medianNothing))
                    .append(String.format(Locale.ROOT, "| peer: nothing published | %s | %.2f | 1.00 |%n%n",
                            list(withNothing), medianNothing))
                    .append(String.format(Locale.ROOT, "The first start after the build, which records the JVM's "
                            + "cache (`app/target/barometer.aot`) that the starts above read: %.2f s.%n%n", recording))
                    .append(String.format(Locale.ROOT,
                            "Target: 2 s with every edition stored (median of %d starts).%n%n", STARTS))
                    .append(String.format(Locale.ROOT,
                            "## The demo's first start on an empty data/\n\n%.1f s until it printed that it is ready (target: under a minute).%n",
                            demo));
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + stored + " WITH (FORCE)");
            execute(server, "DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)");
        }
        System.out.println(report);
        Path results = root.resolve("bench/results/start");
        Files.createDirectories(results);
        Files.writeString(results.resolve("latest.md"), report);
    }

    /**
     * Starts {@code ./barometer serve} on a database; seconds until every edition's front page (or the front page)
     * is 200. The launcher runs the JVM in its own process (it {@code exec}s), so stopping it stops the node.
     */
    static double start(Path root, String dbUrl, List<Long> editions) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("barometer").toString(), "serve");
        pb.environment().put("BAROMETER_DB_URL", dbUrl);
        pb.environment().put("BAROMETER_PORT", String.valueOf(port));
        pb.environment().put("BAROMETER_ADMIN_PASSWORD", "bench start password 1");
        // the node's own log, for when a start fails
        Path log = Files.createDirectories(Path.of(System.getProperty("barometer.root", "."), "bench/work"))
                .resolve("start-serve.log");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<String> pages = new ArrayList<>();
            if (editions.isEmpty()) {
                pages.add("/portal");
            }
            for (long e : editions) {
                pages.add("/portal?edition=" + e);
            }
            for (String page : pages) {
                while (status(http, port, page) != 200) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("serve stopped with exit code " + p.exitValue());
                    }
                    if (System.nanoTime() - t0 > LIMIT.toNanos()) {
                        throw new IllegalStateException(page + " did not answer 200 within " + LIMIT + "; see " + log);
                    }
                    Thread.sleep(10);
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** The demo started in a new, empty folder; seconds until it prints that it is ready. */
    static double demoFirstStart(String classpath, Path root) throws Exception {
        Path work = Files.createDirectories(root.resolve("bench/work"));
        Path folder = Files.createTempDirectory(work, "demo-first-start-");
        int port = freePort();
        // as ./barometer demo runs the first time after a build, but in a folder of its own: recording the cache
        ProcessBuilder pb = new ProcessBuilder(java(), "-XX:AOTCacheOutput=" + folder.resolve("barometer.aot"),
                "-Xlog:aot*=error", "-cp", classpath, "org.barometer.app.Main", "demo");
        pb.directory(folder.toFile());
        pb.environment().put("BAROMETER_PORT", String.valueOf(port));
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("ready in")) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            }
            throw new IllegalStateException("the demo stopped before it was ready (exit " + p.waitFor() + ")");
        } finally {
            p.destroy();
            p.waitFor();
            deleteTree(folder);
        }
    }

    private static int status(HttpClient http, int port, String page) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<Long> editionIds(String url) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct edition_id from publication order by edition_id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String url(String server, String database) {
        int q = server.indexOf('?');
        String base = q < 0 ? server : server.substring(0, q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (q < 0 ? "" : server.substring(q));
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String list(double[] xs) {
        return String.join(", ", Arrays.stream(xs).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
