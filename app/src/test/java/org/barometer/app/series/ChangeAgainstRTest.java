package org.barometer.app.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.barometer.app.testing.Programs.rHas;
import static org.barometer.app.testing.Programs.rscript;
import static org.barometer.app.testing.Programs.unzip;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoVintage;
import org.barometer.app.export.Microdata;
import org.barometer.app.export.MicrodataFiles;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.testing.TestServer;
import org.barometer.stats.estimate.EditionChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change of an indicator between two editions of the demo's series, on their published (raked) designs,
 * against R's survey package: each edition's design rebuilt in R by the edition's own replication script (from
 * its exported microdata), {@code svymean} of the indicator on the base in each, the two estimates put side by
 * side as one statistic with their (independent) variances, and {@code svycontrast(…, c(-1, 1))}; the degrees of
 * freedom are {@code degf} of the two bases, added; the test is R's {@code pt}. Everything to 1e-9.
 */
class ChangeAgainstRTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @TempDir
    static Path dir;

    static final DemoVintage EARLIER = DemoVintage.SERIES.get(0);
    static final DemoVintage LATER = DemoVintage.SERIES.get(1);
    static final Map<String, Trends.EditionData> data = new HashMap<>();
    static Family family;

    /** Two indicators, each with its own base; R reads the same microdata variables the expressions name. */
    static String familyJson() {
        return """
                {"id": "test", "title": {"da": "Test", "en": "Test"},
                 "series": [{"id": "dk", "country": "DK", "title": {"da": "DK", "en": "DK"}, "owner": "Test",
                   "languages": ["da"], "respondents": {"da": "ledere", "en": "managers"},
                   "sectors": {"da": "alle", "en": "all"},
                   "editions": [{"id": "a", "period": "A", "edition": "%s"}, {"id": "b", "period": "B", "edition": "%s"}]}],
                 "indicators": [
                   {"id": "innovating", "name": {"da": "I", "en": "I"}, "wording": {"da": "I", "en": "I"},
                    "editions": {"dk/a": {"share": "${innovator} = 1"}, "dk/b": {"share": "${innovator} = 1"}}},
                   {"id": "collaborating", "series": "dk", "name": {"da": "S", "en": "S"}, "wording": {"da": "S", "en": "S"},
                    "editions": {"dk/a": {"share": "${collaborates_outside} = 1", "among": "${innovator} = 1"},
                                 "dk/b": {"share": "${collaborates_outside} = 1", "among": "${innovator} = 1"}}}]}
                """.formatted(EARLIER.name(), LATER.name());
    }

    @BeforeAll
    static void twoEditions() throws Exception {
        for (DemoVintage v : List.of(EARLIER, LATER)) {
            long edition = DemoEdition.load(server.jdbi(), v).edition().id();
            DemoEdition.publish(server.jdbi(), edition, v);
            long files = new EditionFilesStore(server.jdbi()).current(edition).orElseThrow().id();
            Publication p = Publishing.compute(server.jdbi(), edition, "stored:" + files);
            data.put(v.name(), new Trends.EditionData(p.data(), p.estimator(), p.keys(), p.edition().minCellCount(),
                    p.edition().level()));
            try (OutputStream out = Files.newOutputStream(dir.resolve(v.id() + ".zip"))) {
                MicrodataFiles.write(Microdata.of(server.jdbi(), edition), MicrodataFiles.Format.R, "en", out);
            }
            unzip(dir.resolve(v.id() + ".zip"), dir.resolve(v.id()));
        }
        FamilyFiles.Upload upload = new FamilyFiles(server.jdbi()).upload("test.zip",
                Map.of(FamilyReader.FAMILY_FILE, familyJson()), null);
        assertThat(upload.problems()).isEmpty();
        family = new FamilyFiles(server.jdbi()).current().orElseThrow();
    }

    @Test
    void theChangeItsStandardErrorAndItsTestAreRsOnTheCalibratedDesigns() throws Exception {
        assumeTrue(rHas("survey"), "Rscript with the survey package is not installed: the reference in R skipped");
        String out = rscript(dir, """
                suppressPackageStartupMessages(library(survey))
                # each edition's design as its own replication script builds it (raking included), in its folder
                design_of <- function(folder) {
                  e <- new.env()
                  e$commandArgs <- function(trailingOnly = FALSE) paste0("--file=", file.path(folder, "replicate.R"))
                  sys.source(file.path(folder, "replicate.R"), envir = e)
                  e$design
                }
                d1 <- design_of("%s")
                d2 <- design_of("%s")
                change <- function(name, yes, base) {
                  m <- lapply(list(d1, d2), function(d) {
                    d$variables$.yes <- as.numeric(yes(d$variables))
                    d$variables$.base <- base(d$variables)
                    sub <- subset(d, .base)
                    list(est = svymean(~.yes, sub), df = degf(sub))
                  })
                  both <- structure(c(coef(m[[1]]$est), coef(m[[2]]$est)),
                                    var = diag(c(vcov(m[[1]]$est), vcov(m[[2]]$est))), statistic = "mean",
                                    class = "svystat")
                  names(both) <- c("earlier", "later")
                  ct <- svycontrast(both, c(earlier = -1, later = 1))
                  df <- m[[1]]$df + m[[2]]$df
                  t <- coef(ct) / SE(ct)
                  data.frame(indicator = name, change = unname(coef(ct)), se = unname(SE(ct)), t = unname(t),
                             df = df, p = 2 * pt(-abs(unname(t)), df))
                }
                r <- rbind(
                  change("innovating", function(v) v$innovator == 1, function(v) rep(TRUE, nrow(v))),
                  change("collaborating", function(v) v$collaborates_outside == 1, function(v) v$innovator %%in%% 1))
                write.csv(r, "changes.csv", row.names = FALSE)
                """.formatted(EARLIER.id(), LATER.id()));
        assertThat(out).doesNotContain("Error");
        List<String> lines = Files.readAllLines(dir.resolve("changes.csv"));
        assertThat(lines).hasSize(3);
        for (String line : lines.subList(1, lines.size())) {
            String[] r = line.replace("\"", "").split(",");
            Family.Indicator indicator = family.indicator(r[0]).orElseThrow();
            Trends.Trend trend = Trends.of(family, family.series("dk").orElseThrow(), indicator,
                    name -> Optional.ofNullable(data.get(name)));
            EditionChange.Change c = Trends.exactChange(trend.points().get(0), trend.points().get(1)).change(0);
            assertThat(c.estimate()).as(r[0] + " change").isCloseTo(Double.parseDouble(r[1]), within(1e-9));
            assertThat(c.standardError()).as(r[0] + " SE").isCloseTo(Double.parseDouble(r[2]), within(1e-9));
            assertThat(c.statistic()).as(r[0] + " t").isCloseTo(Double.parseDouble(r[3]), within(1e-9));
            assertThat(c.degreesOfFreedom()).as(r[0] + " df").isEqualTo(Double.parseDouble(r[4]));
            assertThat(c.pValue()).as(r[0] + " p").isCloseTo(Double.parseDouble(r[5]), within(1e-9));
            // and the shares the change is made of are each edition's exact share, the published figures' basis
            assertThat(c.earlier()).isEqualTo(trend.points().get(0).exact().estimate());
            System.out.printf("%s: change %.12f (R %s), SE %.12f (R %s), t %.6f, df %.0f%n", r[0], c.estimate(), r[1],
                    c.standardError(), r[2], c.statistic(), c.degreesOfFreedom());
        }
    }
}
