package org.barometer.bench.fieldwork;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.Server;
import org.barometer.app.db.Database;
import org.barometer.app.demo.DemoFiles;
import org.barometer.app.respond.InvitationStore;
import org.barometer.bench.RunOptions;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;

/**
 * Page saves per second and their latency, with a few hundred respondents saving the first page of the Innovation
 * Barometer questionnaire at once over HTTP, against PostgreSQL (a fresh database on the server named by
 * {@code --db}). The peer: the same number of clients doing bare {@code INSERT} + {@code COMMIT} through a pool of
 * the same size, which is what PostgreSQL's synchronous commit allows on this disk; the report gives the ratio.
 *
 * <p>Two loads: saturation (every respondent saves again as soon as the last save is answered: the most saves per
 * second, with latency that is mostly queueing, since N waiting clients make N/throughput the mean latency), and a
 * steady offered rate ({@code --rate}, default 1,000 per second over the same respondents), whose latency is counted
 * from each save's scheduled time.
 *
 * <pre>bench/run fieldwork [--db JDBC_URL] [--clients N] [--seconds S] [--warmup S] [--rate R]</pre>
 */
public final class FieldworkBenchmark {
    private FieldworkBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = RunOptions.parse(args, "--db URL, --clients N, --seconds S, --warmup S or --rate R");
        String server = opt.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "300"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "1000"));

        String dbName = "bench_fieldwork_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + dbName);
        String url = withDatabase(server, dbName);
        try {
            run(url, clients, seconds, warmup, rate);
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    private static void run(String url, int clients, int seconds, int warmup, int rate) throws Exception {
        Database database = Database.connect(url);
        byte[] xlsx = DemoFiles.questionnaire();
        Form form = DemoFiles.form();
        AnswerEngine engine = AnswerEngine.of(form);
        int page = engine.firstPage(Map.of()).orElseThrow();
        String pageName = engine.pages().get(page).name();
        Map<String, String> answers = validAnswers(engine, page);
        if (!engine.savePage(page, Map.of(), answers, "da").accepted()) {
            throw new IllegalStateException("could not make valid answers for page " + pageName + ": "
                    + engine.savePage(page, Map.of(), answers, "da").violations());
        }
        long edition = database.jdbi().inTransaction(h -> {
            long q = h.createQuery("""
                    INSERT INTO questionnaire (title, version, file_name, content, sha256)
                    VALUES ('Innovation Barometer', '2019', 'innovation-barometer-2019.xlsx', ?, ?) RETURNING id""")
                    .bind(0, xlsx).bind(1, sha256(xlsx)).mapTo(Long.class).one();
            return h.createQuery("INSERT INTO edition (name, questionnaire_id) VALUES ('bench', ?) RETURNING id")
                    .bind(0, q).mapTo(Long.class).one();
        });
        List<InvitationStore.Invitee> invitees = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            invitees.add(new InvitationStore.Invitee("b" + i, "Workplace " + i, "M", "b" + i + "@example.invalid", "da", "s"));
        }
        List<String> links = new InvitationStore(database.jdbi()).create(edition, invitees, Instant.now().plus(1, ChronoUnit.DAYS))
                .stream().map(l -> "/r/" + l.token() + "/p/" + pageName).toList();
        // The page as a respondent sends it after seeing every question these answers make relevant: a save that
        // brought new questions onto the page would show the page again rather than go on.
        Map<String, String> fields = new java.util.LinkedHashMap<>(answers);
        fields.put("_seen", String.join(" ", engine.visibleQuestions(page, answers).stream()
                .map(org.barometer.forms.model.Question::name).toList()));
        String body = encode(fields);

        Server app = Server.start(Platform.create(AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "0")), database), 0);
        String base = "http://localhost:" + app.port();
        System.out.printf(Locale.ROOT, "fieldwork bench: %d respondents saving page '%s' (%d answers) over HTTP; %d cores; "
                        + "warm-up %d s, measured %d s; load average %s%n", clients, pageName, answers.size(),
                Runtime.getRuntime().availableProcessors(), warmup, seconds, RunOptions.loadAverage());
        try {
            // Check one save with a full HTTP client first: it must be acknowledged with a redirect.
            HttpResponse<Void> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + links.getFirst()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_save=" + UUID.randomUUID() + "&" + body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (check.statusCode() != 303) {
                throw new IllegalStateException("a page save answered " + check.statusCode() + ", not 303");
            }
            RawHttp[] connections = new RawHttp[clients];
            for (int i = 0; i < clients; i++) {
                connections[i] = new RawHttp("127.0.0.1", app.port());
            }
            // The first seconds of a JVM compile the hot code; an unmeasured round lets the compiler finish first.
            load(clients, warmup, warmup, (client, http) ->
                    connections[client].postForm(links.get(client), "_save=" + UUID.randomUUID() + "&" + body) == 303);
            Result saves = load(clients, warmup, seconds, (client, http) ->
                    connections[client].postForm(links.get(client), "_save=" + UUID.randomUUID() + "&" + body) == 303);
            // The same respondents at a steady offered rate (each pausing between saves as people do), for the
            // latency at that rate rather than at saturation, where every client queues behind the others.
            long intervalNanos = (long) (1e9 * clients / rate);
            long[] nextAt = new long[clients];
            Result paced = load(clients, warmup, seconds, (client, http) -> {
                long now = System.nanoTime();
                if (nextAt[client] == 0) {
                    nextAt[client] = now + (long) (Math.random() * intervalNanos);
                }
                if (nextAt[client] > now) {
                    java.util.concurrent.locks.LockSupport.parkNanos(nextAt[client] - now);
                }
                // Latency counts from the scheduled time, so a server that falls behind shows it (no coordinated omission).
                PacedStart.set(nextAt[client]);
                nextAt[client] += intervalNanos;
                return connections[client].postForm(links.get(client), "_save=" + UUID.randomUUID() + "&" + body) == 303;
            }, true);
            System.out.printf(Locale.ROOT, "page saves over HTTP at an offered %d per second: %s%n", rate, paced.summary());
            for (RawHttp c : connections) {
                c.close();
            }
            // The same save without HTTP: the page-save code path alone (token look-up, engine, one statement).
            org.barometer.app.respond.ResponseStore store = new org.barometer.app.respond.ResponseStore(database.jdbi());
            InvitationStore invitations = new InvitationStore(database.jdbi());
            List<String> tokens = links.stream().map(l -> l.substring(3, 3 + 22)).toList();
            Result direct = load(clients, warmup, seconds, (client, http) -> {
                InvitationStore.Invitation inv = invitations.resolve(tokens.get(client)).invitation().orElseThrow();
                var r = store.save(inv.id(), UUID.randomUUID(), pageName, new org.barometer.app.respond.ResponseStore.Paradata(5, "desktop"),
                        current -> {
                            var saved = engine.savePage(page, current.answers(), answers, "da");
                            return new org.barometer.app.respond.ResponseStore.Applied(saved.accepted(), saved.answers(),
                                    saved.cleared(), "next");
                        });
                return r.outcome() == org.barometer.app.respond.ResponseStore.Outcome.SAVED;
            });
            System.out.println("page saves without HTTP: " + direct.summary());
            int stored = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM respond_page_save").mapTo(Integer.class).one());
            System.out.println("page saves over HTTP:   " + saves.summary());
            System.out.println("  page saves stored in the database: " + stored);

            // Peer 1: an empty Javalin endpoint answering a redirect, same machine, same client, same concurrency.
            io.javalin.Javalin bare = io.javalin.Javalin.create(config -> {
                config.concurrency.useVirtualThreads = true;
                config.startup.showJavalinBanner = false;
                config.routes.post("/save", ctx -> ctx.status(303).header("Location", "/next"));
            }).start(0);
            Result empty;
            try {
                RawHttp[] bareConnections = new RawHttp[clients];
                for (int i = 0; i < clients; i++) {
                    bareConnections[i] = new RawHttp("127.0.0.1", bare.port());
                }
                empty = load(clients, warmup, seconds, (client, http) ->
                        bareConnections[client].postForm("/save", "_save=" + UUID.randomUUID() + "&" + body) == 303);
                for (RawHttp c : bareConnections) {
                    c.close();
                }
            } finally {
                bare.stop();
            }
            System.out.println("peer: empty Javalin POST: " + empty.summary());
            System.out.printf(Locale.ROOT, "ratio: a page save over HTTP runs at %.2f of the empty-endpoint rate%n",
                    saves.perSecond() / empty.perSecond());

            // Peer 2: bare INSERT + COMMIT from the same number of clients through a pool of the app's size.
            database.jdbi().useHandle(h -> h.execute("CREATE TABLE bench_commit (id bigserial PRIMARY KEY, payload text)"));
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(url);
            hc.setMaximumPoolSize(((HikariDataSource) database.dataSource()).getMaximumPoolSize());
            try (HikariDataSource raw = new HikariDataSource(hc)) {
                Result commits = load(clients, warmup, seconds, (client, http) -> {
                    try (Connection c = raw.getConnection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)")) {
                            ps.setString(1, body);
                            ps.executeUpdate();
                        }
                        c.commit();
                    }
                    return true;
                });
                System.out.println("peer: INSERT + COMMIT:  " + commits.summary());
                System.out.printf(Locale.ROOT, "ratio: a page save over HTTP runs at %.2f of the bare commit rate (pool of %d connections)%n",
                        saves.perSecond() / commits.perSecond(), hc.getMaximumPoolSize());
            }
        } finally {
            app.close();
            database.close();
        }
    }

    /** When the current paced request was due, per client thread. */
    private static final class PacedStart {
        private static final ThreadLocal<long[]> AT = ThreadLocal.withInitial(() -> new long[1]);

        static void reset() {
            AT.get()[0] = 0;
        }

        static void set(long nanos) {
            AT.get()[0] = nanos;
        }

        static long get() {
            return AT.get()[0];
        }
    }

    /** One operation of one client; true when it succeeded. */
    interface Operation {
        boolean run(int client, HttpClient http) throws Exception;
    }

    record Result(long operations, long errors, double seconds, long[] latencyNanos, double cpuSeconds) {
        double perSecond() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(i, latencyNanos.length - 1))] / 1e6;
        }

        String summary() {
            return String.format(Locale.ROOT, "%8.0f per second; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "%d done, %d errors; CPU of this JVM %.2f ms per operation", perSecond(), percentileMillis(50),
                    percentileMillis(90), percentileMillis(99), percentileMillis(100), operations, errors,
                    operations == 0 ? Double.NaN : 1000 * cpuSeconds / operations);
        }
    }

    /** Runs every client in a loop; measures only after the warm-up. */
    private static Result load(int clients, int warmupSeconds, int seconds, Operation op) throws Exception {
        return load(clients, warmupSeconds, seconds, op, false);
    }

    /** With {@code paced}, an operation's own pause before its request is not counted in its latency. */
    private static Result load(int clients, int warmupSeconds, int seconds, Operation op, boolean paced) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        AtomicInteger[] counts = new AtomicInteger[clients];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < clients; i++) {
            perClient.add(new long[1 << 16]);
            counts[i] = new AtomicInteger();
        }
        long start;
        long end;
        long cpuStart;
        long cpuEnd;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    long[] lat = perClient.get(client);
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            if (paced) {
                                PacedStart.reset();
                            }
                            ok = op.run(client, http);
                            if (paced && PacedStart.get() > 0) {
                                t0 = PacedStart.get();
                            }
                        } catch (Exception e) {
                            ok = false;
                        }
                        long t = System.nanoTime() - t0;
                        if (measuring.get() && !stop.get()) {
                            if (ok) {
                                int n = counts[client].getAndIncrement();
                                if (n < lat.length) {
                                    lat[n] = t;
                                }
                                done.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(warmupSeconds * 1000L);
            cpuStart = cpuNanos();
            start = System.nanoTime();
            measuring.set(true);
            Thread.sleep(seconds * 1000L);
            end = System.nanoTime();
            cpuEnd = cpuNanos();
            stop.set(true);
        }
        int total = 0;
        for (AtomicInteger n : counts) {
            total += Math.min(n.get(), 1 << 16);
        }
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            int n = Math.min(counts[c].get(), 1 << 16);
            System.arraycopy(perClient.get(c), 0, all, k, n);
            k += n;
        }
        Arrays.sort(all);
        return new Result(done.get(), errors.get(), (end - start) / 1e9, all, (cpuEnd - cpuStart) / 1e9);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Answers that the first page accepts: the first option of each select, small numbers, short texts. */
    private static Map<String, String> validAnswers(AnswerEngine engine, int page) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (Question q : engine.visibleQuestions(page, answers)) {
                if (answers.containsKey(q.name()) || !q.type().isAnswered()) {
                    continue;
                }
                String value = switch (q.type()) {
                    case SELECT_ONE, SELECT_MULTIPLE -> {
                        List<Option> options = engine.options(q.name(), answers, "da");
                        yield options.isEmpty() ? null : options.getFirst().name();
                    }
                    case INTEGER -> "10";
                    case DECIMAL -> "1";
                    case DATE -> "2019-01-01";
                    case ACKNOWLEDGE -> "OK";
                    case TEXT -> "benchmark";
                    default -> null;
                };
                if (value != null) {
                    answers.put(q.name(), value);
                }
            }
        }
        return answers;
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?');
        String head = pathStart < 0 || (query >= 0 && pathStart > query)
                ? jdbcUrl.substring(0, query < 0 ? jdbcUrl.length() : query) : jdbcUrl.substring(0, pathStart);
        return head + "/" + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }
}
