package org.barometer.forms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barometer.forms.innovation.InnovationBarometerForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barometer form check|codebook}: output and exit codes. */
class FormCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FormCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path copy(String resource, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void checkPassesTheInnovationBarometer() throws IOException {
        Path file = copy(InnovationBarometerForm.CLASSPATH, "ib.xlsx");
        Run run = run("check", file.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("ib.xlsx: no problems;").contains("10 pages")
                .contains("Dansk (da), English (en)");
    }

    @Test
    void checkPrintsEveryProblemWithItsPlaceAndFails() throws IOException {
        Path file = copy("/xlsform-samples/xlsform_spec_test.xlsx", "spec.xlsx");
        Run run = run("check", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines()).hasSizeGreaterThan(10)
                .anySatisfy(l -> assertThat(l).startsWith("spec.xlsx, sheet survey, row 34, column A (type): "
                        + "unsupported type 'geopoint'"));
        assertThat(run.err()).contains("problems");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"bad_calc.xlsx, 1", "case_insensitivity.xlsx, 1",
        "choice_filter_test.xlsx, 0", "duplicate_columns.xlsx, 1", "field-list.xlsx, 0", "group.xlsx, 0",
        "loop.xlsx, 0", "or_other.xlsx, 0", "specify_other.xlsx, 0", "text_and_integer.xlsx, 0",
        "xlsform_spec_test.xlsx, 1", "yes_or_no_question.xlsx, 0"})
    void checkOnEverySample(String sample, int expectedExitCode) throws IOException {
        Path file = copy("/xlsform-samples/" + sample, sample);
        Run run = run("check", file.toString());
        assertThat(run.code()).as(run.out()).isEqualTo(expectedExitCode);
        if (expectedExitCode == 1) {
            assertThat(run.out().lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .matches("\\Q" + sample + "\\E, sheet \\w+, row \\d+, column [A-Z]+ \\(.+\\)(, character \\d+)?: .+"));
        } else {
            assertThat(run.out()).startsWith(sample + ": no problems;");
        }
    }

    @Test
    void checkReadsAZipWithItsFilesAndPrintsWarnings() throws IOException {
        java.util.Map<String, String[][]> sheets = new java.util.LinkedHashMap<>();
        sheets.put("survey", new String[][] {{"type", "name", "label", "calculation"},
            {"begin repeat", "sites", "Sites", null}, {"text", "site", "Site", null}, {"end repeat", null, null, null},
            {"calculate", "price", null, "pulldata('fruits', 'price', 'name', 'mango')"}});
        sheets.put("setings", new String[][] {{"form_title"}, {"Misspelled"}});
        Path zip = dir.resolve("form.zip");
        Files.write(zip, org.barometer.forms.xlsform.Workbooks.zip(java.util.Map.of(
                "form.xlsx", org.barometer.forms.xlsform.Workbooks.xlsx(sheets),
                "fruits.csv", "name,price\nmango,12\n".getBytes(StandardCharsets.UTF_8))));
        Run run = run("check", zip.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo("warning: form.xlsx: the sheet 'setings' is not read: is it meant to be the "
                + "sheet 'settings'? (sheets whose names start with _ are never read)\n"
                + "form.zip: no problems; 2 questions on 2 pages, 0 choice lists, 1 repeat, 1 file\n");
        assertThat(run("check", zip.toString(), "--lang", "da").out()).startsWith("advarsel: form.xlsx: arket "
                + "'setings' læses ikke");
    }

    @Test
    void checkPrintsProblemsInDanishWhenAsked() throws IOException {
        Path file = copy("/xlsform-samples/bad_calc.xlsx", "bad_calc.xlsx");
        Run run = run("check", file.toString(), "--lang", "da");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).startsWith("bad_calc.xlsx, ark survey, række 2, kolonne D (calculation), tegn ")
                .contains("er ikke et gyldigt udtryk");
        assertThat(run("check", file.toString()).out()).startsWith("bad_calc.xlsx, sheet survey, row 2");
    }

    @Test
    void codebookInOneLanguageOrAll() throws IOException {
        Path file = copy(InnovationBarometerForm.CLASSPATH, "ib.xlsx");
        Run en = run("codebook", file.toString(), "--lang", "en");
        assertThat(en.code()).isZero();
        assertThat(en.out()).startsWith("Codebook: ").contains("Asked of everyone").doesNotContain("Kodebog");
        Run both = run("codebook", file.toString());
        assertThat(both.out()).contains("Kodebog: ").contains("Codebook: ");
        Run markdown = run("codebook", file.toString(), "--lang", "da", "--format", "markdown");
        assertThat(markdown.out()).startsWith("# Kodebog: ").contains("| Variabel |");
        Run json = run("codebook", file.toString(), "--format", "json", "--lang", "da");
        assertThat(json.out()).contains("\"language\" : \"Dansk (da)\"");
    }

    @Test
    void wrongCommandLinesExitWithTwo() throws IOException {
        Path file = copy(InnovationBarometerForm.CLASSPATH, "ib.xlsx");
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("explode", file.toString()).code()).isEqualTo(2);
        assertThat(run("check", dir.resolve("missing.xlsx").toString()).err()).contains("no such file");
        assertThat(run("codebook", file.toString(), "--lang", "fr").err()).contains("no language 'fr'");
        assertThat(run("codebook", file.toString(), "--format", "pdf").code()).isEqualTo(2);
        assertThat(run("check", file.toString(), "--lang", "fr").code()).isEqualTo(2);
        assertThat(run("check", file.toString(), "--format", "json").code()).isEqualTo(2);
    }
}
