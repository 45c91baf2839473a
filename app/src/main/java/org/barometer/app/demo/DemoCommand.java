package org.barometer.app.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.barometer.app.access.AdminBootstrap;
import org.barometer.app.access.UserStore;
import org.barometer.app.db.Database;
import org.barometer.app.edition.Edition;
import org.barometer.app.fieldwork.MailingStore;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Node;
import org.barometer.app.platform.Platform;
import org.barometer.app.respond.InvitationStore;

/**
 * {@code ./barometer demo}: starts an embedded PostgreSQL (data kept in {@code ./data/pg}), loads the demo
 * edition on first start, starts the server and prints the address, the admin login and a few personal
 * links to answer as a workplace manager would.
 */
public final class DemoCommand {
    static final Path DATA = Path.of("data");
    static final Path ADMIN_FILE = DATA.resolve("demo-admin.txt");
    /** How many personal links are printed. */
    static final int LINKS_SHOWN = 5;

    private DemoCommand() {}

    /** Runs the demo on a node that {@code start} starts (the entry point passes the server's own start). */
    public static int run(Map<String, String> env, Function<Platform, Node> start) throws Exception {
        long started = System.nanoTime();
        // without a mail server of the user's, the demo's invitations go to a catcher in this process
        String smtpHost = env.get("BAROMETER_SMTP_HOST");
        MailCatcher catcher = smtpHost == null || smtpHost.isBlank() ? MailCatcher.start() : null;
        AppConfig config = AppConfig.fromEnvironment(catcher == null ? env : catcher.settings(env));
        Database database = Database.embedded(DATA.resolve("pg"));
        Platform platform = Platform.create(config, database);
        Optional<AdminBootstrap.Credentials> admin = AdminBootstrap.ensureAdmin(new UserStore(platform.jdbi()),
                platform.audit(), env.get("BAROMETER_ADMIN_PASSWORD"));
        admin.ifPresent(c -> write(ADMIN_FILE, "username: " + c.username() + "\npassword: " + c.password() + "\n"));
        Node server = start.apply(platform);
        String baseUrl = server.baseUrl();

        // the Danish series: the closed editions first, then the one taking answers now; each built and published
        // once, on the first start
        for (DemoVintage vintage : DemoVintage.SERIES) {
            if (DemoEdition.find(platform.jdbi(), vintage).isEmpty()) {
                System.out.println("Loading the demo edition " + vintage.period() + " (frame of " + DemoFrame.SIZE
                        + " workplaces, sample of " + DemoEdition.SAMPLE_SIZE + ")…");
                DemoEdition.Loaded loaded = DemoEdition.load(platform.jdbi(), vintage);
                loaded.notes().forEach(n -> System.out.println("  note: " + n));
                platform.audit().record(null, null, "demo.load", "edition:" + loaded.edition().id(),
                        loaded.links().size() + " invitations", null);
            }
            Edition loaded = DemoEdition.find(platform.jdbi(), vintage).orElseThrow();
            // analysis & portal: the demo respondents' answers, their weights and the publication the portal shows
            DemoEdition.Published published = DemoEdition.publish(platform.jdbi(), loaded.id(), vintage);
            System.out.println("  portal " + vintage.period() + ": " + published.respondents()
                    + " respondents weighted and published from edition files version " + published.filesVersion()
                    + (published.newResponses() > 0 ? " (" + published.newResponses() + " demo responses stored)" : ""));
        }
        DemoSeries.publish(platform.jdbi()).forEach(line -> System.out.println("  " + line));
        Edition edition = DemoEdition.find(platform.jdbi()).orElseThrow();
        int cases = DemoCases.seed(platform);
        if (cases > 0) {
            System.out.println("  cases: " + cases + " demo cases published in the case library");
        }
        MailingStore mailings = new MailingStore(platform.jdbi(), baseUrl);
        List<String> tokens = freshLinks(new InvitationStore(platform.jdbi()), edition.id());
        // the invitations of those who have not answered go out as an office's would, through the outbox
        long mailing = mailings.sendInvitations(edition.id(), java.time.LocalDate.now().plusWeeks(3));

        System.out.println();
        System.out.println("Barometer demo is running at " + baseUrl);
        System.out.println("  database:    " + database.description());
        System.out.println("  health:      " + baseUrl + "/health");
        System.out.println("  portal:      " + baseUrl + "/portal");
        System.out.println("  cases:       " + baseUrl + "/portal/cases");
        System.out.println("  self-test:   " + baseUrl + "/portal/self-test");
        System.out.println("  admin:       " + baseUrl + "/login");
        if (admin.isPresent()) {
            System.out.println("  admin login: " + admin.get().username() + " / " + admin.get().password()
                    + "   (also kept in " + ADMIN_FILE + ")");
        } else if (Files.exists(ADMIN_FILE)) {
            System.out.println("  admin login: " + Files.readString(ADMIN_FILE).strip().replace("\n", ", "));
        } else {
            System.out.println("  admin login: the admin created when this database was first used");
        }
        System.out.println("  outbox:      " + baseUrl + "/admin/editions/" + edition.id() + "/fieldwork/outbox"
                + (mailing < 0 ? "" : "   (" + mailings.progress(mailing).total() + " invitations queued)"));
        if (catcher != null) {
            System.out.println("  mail:        caught by the demo's own SMTP server on 127.0.0.1:" + catcher.port()
                    + " (set BAROMETER_SMTP_HOST to send through yours)");
        }
        if (!tokens.isEmpty()) {
            System.out.println("  answer as a workplace manager (personal links):");
            tokens.forEach(t -> System.out.println("    " + mailings.link(t)));
        }
        System.out.printf("  ready in %.1f s; stop with Ctrl-C (data stays in %s)%n",
                (System.nanoTime() - started) / 1e9, DATA);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            database.close();
            if (catcher != null) {
                catcher.close();
            }
        }));
        Thread.currentThread().join();
        return 0;
    }

    /**
     * Personal links of sampled workplaces that have not started answering (tokens are stored only as hashes,
     * so new ones are issued on each start; earlier links keep working). One is for an English-speaking
     * manager when the sample has one.
     */
    static List<String> freshLinks(InvitationStore invitations, long editionId) {
        List<Long> ids = new ArrayList<>(invitations.unanswered(editionId, "en", 1));
        ids.addAll(invitations.unanswered(editionId, "da", LINKS_SHOWN - ids.size()));
        return ids.stream().map(invitations::issueToken).toList();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
