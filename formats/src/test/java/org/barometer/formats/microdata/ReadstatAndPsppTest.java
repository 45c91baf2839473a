package org.barometer.formats.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.barometer.formats.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code readstat} converts the {@code .sav} and {@code .dta} files to CSV, and PSPP reads the
 * {@code .sav}, without a warning. Each test is skipped, naming the tool, when it is not installed.
 */
class ReadstatAndPsppTest {
    @TempDir
    Path dir;

    private Path writeSav() throws Exception {
        Path file = dir.resolve("sample.sav");
        try (OutputStream out = Files.newOutputStream(file)) {
            SpssWriter.of("da").withTimestamp(LocalDateTime.of(2026, 3, 1, 9, 30)).write(SampleMicrodata.dataset(), out);
        }
        return file;
    }

    private Path writeDta() throws Exception {
        Path file = dir.resolve("sample.dta");
        try (OutputStream out = Files.newOutputStream(file)) {
            StataWriter.of("da", "en").withTimestamp(LocalDateTime.of(2026, 3, 1, 9, 30)).write(SampleMicrodata.dataset(), out);
        }
        return file;
    }

    @Test
    void readstatConvertsTheSpssFileWithoutAWarning() throws Exception {
        Assumptions.assumeTrue(ExternalTools.onPath("readstat"), "readstat check skipped: readstat is not installed (Debian: readstat)");
        convertWithReadstat(writeSav(), "sav.csv");
    }

    @Test
    void readstatConvertsTheStataFileWithoutAWarning() throws Exception {
        Assumptions.assumeTrue(ExternalTools.onPath("readstat"), "readstat check skipped: readstat is not installed (Debian: readstat)");
        convertWithReadstat(writeDta(), "dta.csv");
    }

    private void convertWithReadstat(Path file, String csv) throws Exception {
        ExternalTools.Run run = ExternalTools.run(dir, "readstat", file.getFileName().toString(), csv);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        // readstat reports its progress on standard error; anything else there is a warning
        assertThat(run.stderr().strip()).as("readstat's standard error").matches("Converted 11 variables and 6 rows in [0-9.]+ seconds");
        List<String> lines = Files.readAllLines(dir.resolve(csv), StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).startsWith("\"id\",\"q1_innovation\",\"q2_samarbejde\",\"omraade\"");
        String all = String.join("\n", lines);
        assertThat(all).contains(SampleMicrodata.LONG).contains(SampleMicrodata.MEDIUM);
        ExternalTools.Run meta = ExternalTools.run(dir, "readstat", file.getFileName().toString());
        assertThat(meta.stderr()).as("readstat's standard error on the metadata").isBlank();
        assertThat(meta.stdout()).contains("Rows: 6").contains("Columns: 11");
    }

    @Test
    void psppReadsTheSpssFileWithoutAWarning() throws Exception {
        Assumptions.assumeTrue(ExternalTools.onPath("pspp"), "PSPP check skipped: pspp is not installed (Debian: pspp)");
        writeSav();
        Files.writeString(dir.resolve("read.sps"), """
                GET FILE='sample.sav'.
                DISPLAY DICTIONARY.
                FREQUENCIES VARIABLES=q1_innovation omraade.
                LIST VARIABLES=id q1_innovation long_text /CASES=FROM 6 TO 6.
                """);
        ExternalTools.Run run = ExternalTools.run(dir, "pspp", "-o", "out.csv", "read.sps");
        String out = Files.readString(dir.resolve("out.csv"), StandardCharsets.UTF_8);
        assertThat(run.exitCode()).as(run.stderr() + out).isZero();
        assertThat(run.stderr()).as("PSPP's standard error").isBlank();
        assertThat(out.toLowerCase(Locale.ROOT)).as(out).doesNotContain("warning").doesNotContain("error");
        assertThat(out).contains("Har arbejdspladsen innoveret?").contains("Ved ikke").contains("-4 THRU -1");
        ExternalTools.Run convert = ExternalTools.run(dir, "pspp-convert", "sample.sav", "pspp.csv");
        assertThat(convert.exitCode()).as(convert.stderr()).isZero();
        assertThat(convert.stderr()).as("pspp-convert's standard error").isBlank();
        assertThat(Files.readString(dir.resolve("pspp.csv"), StandardCharsets.UTF_8)).contains(SampleMicrodata.LONG);
    }
}
