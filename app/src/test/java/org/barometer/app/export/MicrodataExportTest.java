package org.barometer.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.barometer.app.testing.Programs.onPath;
import static org.barometer.app.testing.Programs.rHas;
import static org.barometer.app.testing.Programs.rscript;
import static org.barometer.app.testing.Programs.run;
import static org.barometer.app.testing.Programs.unzip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.barometer.app.analysis.Share;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.barometer.formats.microdata.Value;
import org.barometer.formats.microdata.Variable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The microdata export of the demo edition: what it holds (and never holds), the files read back by R (haven,
 * foreign), by readstat and PSPP, the published shares reproduced from the exported weights, and the replication
 * script run.
 */
class MicrodataExportTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    static Microdata microdata;
    static Publication exact;

    @TempDir
    static Path dir;

    @BeforeAll
    static void publish() throws Exception {
        edition = server.publishDemo();
        microdata = Microdata.of(server.jdbi(), edition);
        long files = new EditionFilesStore(server.jdbi()).current(edition).orElseThrow().id();
        exact = Publishing.compute(server.jdbi(), edition, "stored:" + files);
        for (MicrodataFiles.Format f : MicrodataFiles.Format.values()) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("demo." + f.code()))) {
                MicrodataFiles.write(microdata, f, "en", out);
            }
        }
        unzip(dir.resolve("demo.r"), dir.resolve("r"));
    }

    @Test
    void oneRowPerRespondentWithTheDesignAndNoDirectIdentifier() {
        List<String> names = microdata.data().variables().stream().map(Variable::name).toList();
        assertThat(microdata.data().rows()).hasSize(exact.weights().size());
        assertThat(names).contains(Microdata.ID, Microdata.FINAL_WEIGHT, Microdata.DESIGN_WEIGHT, Microdata.STRATUM,
                Microdata.STRATUM_POPULATION, Microdata.INCLUSION_PROBABILITY, "tech_role", "collaboration",
                "collaboration_private", "newness", "innovator");
        assertThat(names).doesNotContain("workplace_id", "name", "manager_name", "manager_email", "email");
        // no cell holds a workplace id, a name or an e-mail address of the frame
        Set<String> identifiers = new HashSet<>(server.jdbi().withHandle(h -> h.createQuery(
                "select workplace_id from frame_unit union select name from frame_unit union select coalesce(manager_email, '') from frame_unit")
                .mapTo(String.class).list()));
        identifiers.remove("");
        Set<String> ids = new HashSet<>();
        int id = names.indexOf(Microdata.ID);
        for (List<Value> row : microdata.data().rows()) {
            for (Value v : row) {
                if (v instanceof Value.Str s) {
                    assertThat(identifiers).doesNotContain(s.value());
                    assertThat(s.value()).doesNotContain("@example.invalid");
                }
            }
            ids.add(((Value.Str) row.get(id)).value());
        }
        assertThat(ids).hasSize(microdata.data().rows().size());
        // the final weights are the published ones, and add up to the frame
        double sum = 0;
        int w = names.indexOf(Microdata.FINAL_WEIGHT);
        for (int r = 0; r < microdata.data().rows().size(); r++) {
            double x = ((Value.Num) microdata.data().rows().get(r).get(w)).value();
            assertThat(x).isEqualTo(exact.weights().weight()[r]);
            sum += x;
        }
        assertThat(sum).isCloseTo(exact.frameSize(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(MicrodataFiles.replicable(microdata)).extracting(MicrodataFiles.Replicated::id)
                .contains("technology-part", "new-or-known-technology");
        assertThat(MicrodataFiles.replicable(microdata).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theCodedOpenAnswersAreTheFinalCodesAndA01ColumnPerCategory() {
        List<String> names = microdata.data().variables().stream().map(Variable::name).toList();
        String coded = "coded.tech_description";
        List<String> categories = microdata.spec().coded().getFirst().categories().stream()
                .map(org.barometer.app.analysis.DerivedVariable.Category::value).toList();
        assertThat(names).contains(coded, coded + "_ai", coded + "_ai_learning", coded + "_drones", coded + "_other");
        assertThat(microdata.data().variables().get(names.indexOf(coded + "_ai")).label().in("en"))
                .contains("coded").contains("Artificial intelligence");
        int text = names.indexOf("tech_description");
        int codes = names.indexOf(coded);
        int withCodes = 0;
        int notYetCoded = 0;
        for (List<Value> row : microdata.data().rows()) {
            boolean answered = row.get(text) instanceof Value.Str s && !s.value().isBlank();
            if (row.get(codes) instanceof Value.Str s) {
                // a coded answer: each 0/1 column says whether its category is among the codes
                assertThat(answered).as("codes without an answer").isTrue();
                List<String> given = List.of(s.value().split(" "));
                assertThat(categories).containsAll(given);
                for (String c : categories) {
                    assertThat(row.get(names.indexOf(coded + "_" + c))).isEqualTo(Value.of(given.contains(c) ? 1 : 0));
                }
                withCodes++;
            } else {
                // no codes: empty where an answer awaits its final codes, the question's missing kind where none
                Value v = row.get(names.indexOf(coded + "_ai"));
                if (answered) {
                    assertThat(v).isEqualTo(Value.EMPTY);
                    notYetCoded++;
                } else {
                    assertThat(v).isInstanceOf(Value.Missing.class);
                }
            }
        }
        // every final code of a respondent of the export is there
        long stored = server.jdbi().withHandle(h -> h.createQuery("""
                select count(*) from coding_final f join respond_response r on r.id = f.response_id
                where f.edition_id = :e and f.question = 'tech_description' and r.state = 'submitted'""")
                .bind("e", edition).mapTo(Long.class).one());
        assertThat(withCodes).isPositive().isEqualTo((int) stored);
        assertThat(notYetCoded).as("the demo codes every answer").isZero();
    }

    @Test
    void rReadsTheSpssAndStataFilesWithLabelsAndMissingCodes() throws Exception {
        assumeTrue(rHas("haven", "foreign"), "Rscript with haven and foreign is not installed: reading the files in R skipped");
        String script = """
                suppressPackageStartupMessages({library(haven); library(foreign)})
                s <- read_sav("demo.sav", user_na = TRUE)
                t <- read_dta("demo.dta")
                check <- function(ok, what) if (!isTRUE(ok)) { cat("FAILED:", what, "\\n"); quit(status = 1) }
                # the SPSS file in English, the Stata file in both languages (Danish the current one)
                check(attr(s$final_weight, "label") == "Final weight (calibrated)", "SPSS variable label")
                check(attr(t$final_weight, "label") == "Endelig vægt (kalibreret)", "Stata variable label")
                check("Innovations with new technology" %in% names(attr(s$newness, "labels")), "SPSS value labels")
                check("Innovationer med ny teknologi" %in% names(attr(t$newness, "labels")), "Stata value labels")
                for (x in list(s, t)) {
                  check(!any(c("workplace_id", "name", "manager_name", "manager_email") %in% names(x)), "no identifier")
                  check(all(c("collaboration_private", "collaboration_citizens") %in% names(x)), "0/1 columns")
                  check(all(c("coded_tech_description", "coded_tech_description_ai") %in% names(x)), "coded columns")
                }
                # SPSS: the four missing kinds are one user-missing range, -4 to -1, labelled
                check(identical(as.numeric(attr(s$tech_role, "na_range")), c(-4, -1)), "user-missing range")
                check(all(c(-1, -3) %in% unclass(s$tech_role)), "not asked and don't know both present")
                check(all(unclass(s$collaboration_private)[!is.na(s$collaboration_private) & unclass(s$collaboration_private) >= 0] %in% c(0, 1)), "0/1")
                # Stata: .a not asked, .c don't know
                check(any(is_tagged_na(t$tech_role, "a")) && any(is_tagged_na(t$tech_role, "c")), "tagged missing")
                check(all(na.omit(as.numeric(t$collaboration_private)) %in% c(0, 1)), "0/1 in Stata")
                f <- suppressWarnings(read.spss("demo.sav", to.data.frame = TRUE))
                check(nrow(f) == nrow(s) && nrow(t) == nrow(s), "rows")
                check(attr(f, "variable.labels")[["final_weight"]] == "Final weight (calibrated)", "foreign's labels")
                cat("OK", nrow(s), "rows", ncol(s), "variables\\n")
                """;
        String out = rscript(dir, script);
        assertThat(out).contains("OK " + microdata.data().rows().size() + " rows");
    }

    @Test
    void readstatAndPsppConvertTheFilesWithoutAWarning() throws Exception {
        assumeTrue(onPath("readstat") || onPath("pspp-convert"), "neither readstat nor pspp-convert is installed");
        if (onPath("readstat")) {
            for (String f : List.of("demo.sav", "demo.dta")) {
                Files.deleteIfExists(dir.resolve(f + ".csv"));
                String out = run(dir, "readstat", f, f + ".csv");
                assertThat(out.toLowerCase()).as(f).doesNotContain("warning").doesNotContain("error");
                assertThat(Files.readAllLines(dir.resolve(f + ".csv"))).hasSize(microdata.data().rows().size() + 1);
            }
        }
        if (onPath("pspp-convert")) {
            for (String f : List.of("demo.sav")) { // PSPP reads SPSS files, not Stata's
                Files.deleteIfExists(dir.resolve(f + ".pspp.csv"));
                String out = run(dir, "pspp-convert", f, f + ".pspp.csv");
                assertThat(out.toLowerCase()).as(f).doesNotContain("warning").doesNotContain("error");
            }
        }
    }

    @Test
    void theFinalWeightsAndTheReplicationScriptReproduceThePublishedSharesAndStandardErrors() throws Exception {
        assumeTrue(rHas("survey"), "Rscript with the survey package is not installed: the replication in R skipped");
        Path r = dir.resolve("r");
        String out = rscript(r, """
                source("replicate.R")
                plain <- svydesign(ids = ~1, strata = ~variance_stratum, fpc = ~variance_population,
                                   weights = ~final_weight, data = d)
                write.csv(figures(plain), "final_weights.csv", row.names = FALSE)
                """);
        assertThat(out).doesNotContain("Error");
        List<String[]> replicated = csv(r.resolve("replication.csv"));
        List<String[]> fromWeights = csv(r.resolve("final_weights.csv"));
        assertThat(replicated).hasSizeGreaterThanOrEqualTo(10);
        Set<String> figuresChecked = new HashSet<>();
        for (int i = 0; i < replicated.size(); i++) {
            String[] row = replicated.get(i);
            FigureResult figure = exact.figures().stream().filter(f -> f.spec().id().equals(row[0])).findFirst().orElseThrow();
            FigureResult.Cell cell = figure.cell("all", row[1]);
            Share share = share(figure.spec(), row[1]);
            double rShare = Double.parseDouble(row[2]);
            double rSe = Double.parseDouble(row[3]);
            assertThat(rShare).as(row[0] + " " + row[1]).isCloseTo(share.estimate(), org.assertj.core.data.Offset.offset(1e-9));
            if (!cell.suppressed()) {
                assertThat(rShare).as(row[0] + " " + row[1]).isCloseTo(cell.estimate(), org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(rSe).as("SE " + row[0] + " " + row[1]).isCloseTo(share.se(), org.assertj.core.data.Offset.offset(1e-9));
            // from the final weights alone, every share (not its standard error) is the same
            assertThat(Double.parseDouble(fromWeights.get(i)[2])).as("final weights " + row[0] + " " + row[1])
                    .isCloseTo(share.estimate(), org.assertj.core.data.Offset.offset(1e-9));
            figuresChecked.add(row[0]);
        }
        System.out.printf("replication: %d shares of %d figures reproduced in R%n", replicated.size(), figuresChecked.size());
        assertThat(figuresChecked.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theAnalysisPageOffersEveryFormatToStaffOnlyAndRefusesBadInput() throws Exception {
        WebClient admin = server.admin();
        assertThat(admin.get("/admin/analysis/" + edition).body()).contains("/admin/analysis/" + edition + "/microdata/sav");
        int audited = server.count("select count(*) from audit_log where action = 'export.microdata'");
        WebClient.Download sav = admin.download("/admin/analysis/" + edition + "/microdata/sav");
        assertThat(sav.status()).isEqualTo(200);
        assertThat(new String(sav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("$FL2");
        assertThat(sav.header("Content-Disposition").orElse("")).contains("microdata-edition-" + edition + ".sav");
        assertThat(server.count("select count(*) from audit_log where action = 'export.microdata'")).isEqualTo(audited + 1);
        // a format not offered, an unknown edition
        WebClient.Response pdf = admin.get("/admin/analysis/" + edition + "/microdata/pdf");
        assertThat(pdf.status()).isEqualTo(404);
        assertThat(pdf.body()).contains("pdf");
        assertThat(admin.get("/admin/analysis/999999/microdata/csv").status()).isEqualTo(404);
        // signed out: sent to sign in, nothing sent or recorded (every account has the analyst or admin role)
        WebClient.Response anonymous = server.client().get("/admin/analysis/" + edition + "/microdata/csv");
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(server.count("select count(*) from audit_log where action = 'export.microdata'")).isEqualTo(audited + 1);
        assertThat(server.routes()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/admin/analysis/{edition}/microdata/{format}");
            assertThat(r.access()).extracting(Object::toString).containsExactly("ANALYST");
        });
    }

    @Test
    void theCommandWritesTheFileOrNothingWithAClearError() throws Exception {
        org.barometer.app.db.Database db = org.barometer.app.db.Database.connect(server.database().url());
        try {
            org.barometer.app.text.Language en = org.barometer.app.text.Language.of("en");
            Path out = dir.resolve("command.dta");
            assertThat(ExportCommand.export(db, ExportCommand.parse(new String[] {"microdata", String.valueOf(edition),
                    "--format", "dta", "--out", out.toString()}), en)).isZero();
            assertThat(Files.size(out)).isGreaterThan(1000);
            Path none = dir.resolve("none.sav");
            assertThat(ExportCommand.export(db, ExportCommand.parse(new String[] {"microdata", "999999", "--format", "sav",
                    "--out", none.toString()}), en)).isEqualTo(2);
            assertThat(none).doesNotExist();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportCommand.parse(new String[] {"microdata", "1",
                    "--format", "pdf", "--out", none.toString()})).isInstanceOf(Microdata.Refused.class)
                    .extracting(e -> ((Microdata.Refused) e).key()).isEqualTo("export.refused.format");
            // an edition with no submitted responses
            long empty = new org.barometer.app.edition.EditionStore(server.jdbi()).create("empty edition", 2030, null, null,
                    List.of("da", "en"), null).id();
            assertThat(ExportCommand.export(db, ExportCommand.parse(new String[] {"microdata", String.valueOf(empty),
                    "--format", "csv", "--out", none.toString()}), en)).isEqualTo(2);
            assertThat(none).doesNotExist();
            assertThat(dir.toFile().list((d, n) -> n.endsWith(".part"))).isEmpty();
        } finally {
            db.close();
        }
    }

    /** The exact share and standard error of a figure's item, as Barometer computes it. */
    private static Share share(FigureSpec spec, String itemId) {
        int n = exact.data().size();
        boolean[] base = spec.base() == null ? all(n) : exact.data().condition(spec.base());
        FigureSpec.Item item = spec.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
        boolean[] yes = exact.data().condition(item.condition());
        for (int r = 0; r < n; r++) {
            yes[r] &= base[r];
        }
        return exact.estimator().share(base, yes);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].replace("\"", "");
            }
            rows.add(cells);
        }
        return rows;
    }
}
