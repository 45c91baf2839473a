package org.barometer.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.db.Database;
import org.barometer.app.platform.AuditStore;
import org.barometer.app.text.Language;

/**
 * {@code ./barometer export microdata EDITION --format csv|xlsx|sav|dta|r --out PATH [--lang da|en]}: an edition's
 * microdata written to a file, from the database {@code BAROMETER_DB_URL} names or, without it, the demo's (its
 * embedded PostgreSQL in {@code data/pg}, started for the command, or the demo's running server). EDITION is the
 * edition's database id, or its name or year where that is unique. Audited as the command line's. On any refusal one
 * line on standard error, exit code 2, and nothing written.
 */
public final class ExportCommand {
    static final Path DEMO_DATA = Path.of("data", "pg");
    static final String USAGE = "usage: export microdata EDITION --format csv|xlsx|sav|dta|r --out PATH [--lang da|en]";

    private ExportCommand() {}

    /** The parsed arguments. */
    record Arguments(String edition, MicrodataFiles.Format format, Path out, String language) {}

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env) {
        Language en = Language.of("en");
        Arguments a;
        try {
            a = parse(args);
        } catch (Microdata.Refused e) {
            System.err.println("export: " + en.t(e.key(), e.args()));
            System.err.println(USAGE);
            return 2;
        }
        try (Database db = open(env)) {
            return export(db, a, en);
        } catch (IOException e) {
            System.err.println("export: " + e.getMessage());
            return 1;
        }
    }

    static int export(Database db, Arguments a, Language texts) throws IOException {
        try {
            MicrodataStore store = new MicrodataStore(db.jdbi());
            List<MicrodataStore.EditionRef> found = store.resolve(a.edition());
            if (found.isEmpty()) {
                throw new Microdata.Refused("export.refused.noEdition", a.edition());
            }
            if (found.size() > 1) {
                throw new Microdata.Refused("export.refused.ambiguous", a.edition(), found.size());
            }
            long id = found.getFirst().id();
            Microdata m = Microdata.of(db.jdbi(), id);
            Path target = a.out().toAbsolutePath();
            Path parent = target.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new Microdata.Refused("export.refused.folder", parent.toString());
            }
            // written beside the target and moved into place, so that a failure leaves nothing behind
            Path part = Files.createTempFile(parent == null ? Path.of(".") : parent, ".microdata-", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(part)) {
                    MicrodataFiles.write(m, a.format(), a.language(), out);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            new AuditStore(db.jdbi()).record(null, "command line", "export.microdata", "edition " + id,
                    a.format().code() + ", " + m.data().rows().size() + " respondents, " + m.data().variables().size()
                            + " variables", null);
            System.out.println("export: " + m.data().rows().size() + " respondents, " + m.data().variables().size()
                    + " variables of edition " + id + " (" + m.edition().name() + ") written to " + target
                    + (a.format().zipped(m) ? " (a ZIP" + (m.repeats().isEmpty() ? ""
                    : " with " + m.repeats().size() + " long tables of repeats") + ")" : ""));
            return 0;
        } catch (Microdata.Refused e) {
            System.err.println("export: " + texts.t(e.key(), e.args()));
            return 2;
        }
    }

    static Arguments parse(String[] args) {
        if (args.length < 2 || !args[0].equals("microdata")) {
            throw new Microdata.Refused("export.refused.usage");
        }
        String edition = args[1];
        String format = null;
        String out = null;
        String language = "da";
        for (int i = 2; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--format" -> format = value;
                case "--out" -> out = value;
                case "--lang" -> language = value;
                default -> throw new Microdata.Refused("export.refused.option", args[i]);
            }
            if (value == null) {
                throw new Microdata.Refused("export.refused.value", args[i]);
            }
            i++;
        }
        if (format == null || out == null) {
            throw new Microdata.Refused("export.refused.usage");
        }
        String f = format;
        MicrodataFiles.Format parsed = MicrodataFiles.Format.of(f)
                .orElseThrow(() -> new Microdata.Refused("export.refused.format", f, MicrodataFiles.Format.codes()));
        if (!List.of("da", "en").contains(language)) {
            throw new Microdata.Refused("export.refused.language", language);
        }
        return new Arguments(edition, parsed, Path.of(out), language);
    }

    /**
     * The database: {@code BAROMETER_DB_URL}, else the demo's running server (its port read from PostgreSQL's
     * {@code postmaster.pid}), else the demo's embedded database started for the command.
     */
    static Database open(Map<String, String> env) throws IOException {
        String url = env.get("BAROMETER_DB_URL");
        if (url != null && !url.isBlank()) {
            return Database.connect(url);
        }
        Optional<Integer> running = runningPort(DEMO_DATA);
        if (running.isPresent()) {
            try {
                return Database.connect("jdbc:postgresql://localhost:" + running.get() + "/postgres?user=postgres");
            } catch (RuntimeException stale) {
                // a file left by a server that is gone: start the database here
            }
        }
        if (!Files.isDirectory(DEMO_DATA)) {
            throw new IOException("no BAROMETER_DB_URL is set and there is no demo database in " + DEMO_DATA
                    + " (run ./barometer demo once)");
        }
        return Database.embedded(DEMO_DATA);
    }

    /** The port of a PostgreSQL server running on {@code dataDir}: the fourth line of its {@code postmaster.pid}. */
    static Optional<Integer> runningPort(Path dataDir) {
        Path pid = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pid);
            return lines.size() >= 4 ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
