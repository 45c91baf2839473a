package org.barometer.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.Weights;
import org.barometer.app.publish.spec.EditionReader;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.respond.FeatureForm;
import org.barometer.formats.microdata.Dataset;
import org.barometer.formats.microdata.Value;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.XlsFormReader;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * A questionnaire's repeat reaches analysis as a long table: one row per instance, keyed by the respondent's
 * pseudonymous id (the same as in the main table) and the instance number, in the CSV, R and XLSX exports.
 */
public class RepeatLongTableTest {

    static final Map<String, String> FILES = Map.of(
            "edition.json", """
                    {"id": "features", "title": {"da": "Funktioner", "en": "Features"}, "form": "feature_test",
                     "weighting": {"method": "none", "minRespondents": 1},
                     "themes": [{"id": "all", "title": {"da": "Alt", "en": "Everything"}}],
                     "figures": ["figures/unit.json"]}""",
            "figures/unit.json", """
                    {"id": "unit", "theme": "all", "title": {"da": "Enhed", "en": "Unit"},
                     "variable": "unit", "categories": ["school", "care", "office"], "chart": "bars"}""");

    static Microdata microdata() throws Exception {
        return microdata(List.of(
                Map.of("unit", "care", "projects", "2", "project_name[1]", "Robots", "project_name[2]", "Calendar"),
                Map.of("unit", "school", "projects", "1", "project_name[1]", "Tablets"),
                Map.of("unit", "office", "projects", "1")));
    }

    /**
     * The microdata of the feature questionnaire's respondents with these answers (as stored), in one stratum of 40
     * workplaces with one more sampled that did not respond, unweighted by calibration.
     */
    public static Microdata microdata(List<Map<String, String>> answers) throws Exception {
        Form form = XlsFormReader.read(FeatureForm.zip(), "feature-test.zip");
        EditionSpec spec = EditionReader.read(FILES, id -> form);
        List<SurveySample.Unit> units = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            units.add(unit(11L + i, answers.get(i)));
        }
        units.add(unit(null, null));
        SurveySample survey = SurveySample.of(List.of(), List.of(new SurveySample.Stratum("all", 40)), units,
                List.of(new SurveySample.FrameCell(frameValues(), 40)), spec.weighting());
        Weights weights = Weighting.run(survey.input(), spec.weighting().options());
        return Microdata.build(new MicrodataStore.EditionRef(1, "features", List.of("da", "en")), spec, survey,
                weights, "a secret of the database".getBytes(StandardCharsets.UTF_8));
    }

    private static SurveySample.Unit unit(Long responseId, Map<String, String> answers) {
        return new SurveySample.Unit("all", frameValues(), responseId, answers);
    }

    private static Map<String, String> frameValues() {
        Map<String, String> values = new LinkedHashMap<>();
        org.barometer.app.analysis.WeightingSettings.FRAME_VARIABLES.forEach(v -> values.put(v, ""));
        return values;
    }

    @Test
    void oneRowPerInstanceKeyedByRespondentAndInstance() throws Exception {
        Microdata m = microdata();
        assertThat(m.repeats()).extracting(Microdata.RepeatTable::name).containsExactly("projects");
        Dataset projects = m.repeats().getFirst().data();
        assertThat(projects.variables()).extracting(v -> v.name())
                .containsExactly(Microdata.ID, Microdata.instanceColumn("projects"), "project_name");
        // the main table's ids, by the unit's answer
        Map<String, String> idOfUnit = new LinkedHashMap<>();
        int unitColumn = columnOf(m.data(), "unit");
        for (List<Value> row : m.data().rows()) {
            idOfUnit.put(String.valueOf(((Value.Num) row.get(unitColumn)).value()), ((Value.Str) row.get(0)).value());
        }
        List<String> rows = new ArrayList<>();
        for (List<Value> row : projects.rows()) {
            rows.add(((Value.Str) row.get(0)).value() + " " + (int) ((Value.Num) row.get(1)).value() + " "
                    + switch (row.get(2)) {
                        case Value.Str s -> s.value();
                        case Value.Empty empty -> "(empty)"; // a text left empty, as in the main table
                        default -> row.get(2).toString();
                    });
        }
        // codes of the CSV list: school 1, care 2, office 3
        assertThat(rows).containsExactlyInAnyOrder(
                idOfUnit.get("2.0") + " 1 Robots", idOfUnit.get("2.0") + " 2 Calendar",
                idOfUnit.get("1.0") + " 1 Tablets", idOfUnit.get("3.0") + " 1 (empty)");
        // the main table has no column of a question in the repeat
        assertThat(m.data().variables()).extracting(v -> v.name()).doesNotContain("project_name");
    }

    @Test
    void theCsvRAndXlsxExportsCarryTheLongTable() throws Exception {
        Microdata m = microdata();
        for (MicrodataFiles.Format format : List.of(MicrodataFiles.Format.CSV, MicrodataFiles.Format.R)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MicrodataFiles.write(m, format, "en", out);
            Map<String, String> entries = new LinkedHashMap<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertThat(entries).containsKeys("microdata.csv", "repeat_projects.csv", "repeat_projects_variables.csv");
            String csv = entries.get("repeat_projects.csv");
            assertThat(csv.lines().findFirst().orElseThrow()).endsWith("respondent,projects_instance,project_name");
            assertThat(csv).contains(",1,Robots", ",2,Calendar", ",1,Tablets");
            assertThat(csv.lines().count()).isEqualTo(5);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicrodataFiles.write(m, MicrodataFiles.Format.XLSX, "en", out);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.findSheet("repeat1_projects").orElseThrow();
            List<Row> rows = sheet.read();
            assertThat(rows).hasSize(5);
            assertThat(rows.getFirst().getCellText(1)).isEqualTo("projects_instance");
            List<String> names = rows.stream().skip(1).map(r -> r.getCellText(2)).toList();
            assertThat(names).contains("Robots", "Calendar", "Tablets");
        }
    }

    /** A table's rows as text cells, as the CSV export writes them (the header first). */
    public static List<List<String>> cells(Dataset table) {
        return MicrodataFiles.dataRows(table);
    }

    @Test
    void theSpssAndStataExportsAreAZipOfOneFilePerTableThatRReads() throws Exception {
        Microdata m = microdata();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("repeat-export");
        for (MicrodataFiles.Format format : List.of(MicrodataFiles.Format.SAV, MicrodataFiles.Format.DTA)) {
            assertThat(format.contentType(m)).isEqualTo("application/zip");
            assertThat(format.fileName(7, m)).isEqualTo("microdata-edition-7-" + format.code() + ".zip");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MicrodataFiles.write(m, format, "en", out);
            List<String> names = new ArrayList<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    names.add(e.getName());
                    java.nio.file.Files.write(dir.resolve(e.getName()), zip.readAllBytes());
                }
            }
            assertThat(names).containsExactly("microdata." + format.code(), "repeat_projects." + format.code());
        }
        // R reads the long tables as it reads the main one
        org.junit.jupiter.api.Assumptions.assumeTrue(org.barometer.app.testing.Programs.rHas("haven"),
                "R with haven is not installed: the files' reading by R is not checked");
        String out = org.barometer.app.testing.Programs.rscript(dir, """
                library(haven)
                s <- read_sav("repeat_projects.sav"); d <- read_dta("repeat_projects.dta")
                cat(nrow(s), nrow(d), paste(sort(as.character(s$project_name)), collapse = "|"),
                    paste(sort(d$projects_instance), collapse = "|"), "\n")
                """);
        assertThat(out.strip()).isEqualTo("4 4 |Calendar|Robots|Tablets 1|1|1|2");
    }

    private static int columnOf(Dataset d, String name) {
        for (int i = 0; i < d.variables().size(); i++) {
            if (d.variables().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
