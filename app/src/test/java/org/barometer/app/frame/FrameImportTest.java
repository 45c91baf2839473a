package org.barometer.app.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.testing.TestDatabase;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FrameImportTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String HEADER =
            "workplace_id,name,government_level,area,employees,size_group,region,manager_name,manager_email,language\n";

    static byte[] csv(String body) {
        return (HEADER + body).getBytes(StandardCharsets.UTF_8);
    }

    /** The lines of a CSV text (no quoting) as the cells of a workbook's first sheet. */
    static byte[] xlsx(String csvText) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet ws = wb.newWorksheet("frame");
            String[] lines = csvText.split("\n");
            for (int r = 0; r < lines.length; r++) {
                String[] cells = lines[r].split(",", -1);
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        ws.value(r, c, cells[c]);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    long edition(String name) {
        return new EditionStore(db.jdbi()).create(name, 2026, null, null, List.of("da", "en"), null).id();
    }

    int unitCount() {
        return db.jdbi().withHandle(h -> h.createQuery("select count(*) from frame_unit").mapTo(Integer.class).one());
    }

    @Test
    void cleanFileValidatesAndImports() throws Exception {
        byte[] file = csv("""
                W1,Skolen ved Søen,municipality,education,25,,Hovedstaden,Anna Andersen,anna@example.invalid,da
                W2,"Retten i Byen, afd. 2",state,judiciary,,50-249,,Bo Berg,bo@example.invalid,EN
                """);
        FrameValidator.Result r = FrameValidator.validate("frame.csv", file);
        assertThat(r.problems()).isEmpty();
        assertThat(r.validUnits()).hasSize(2);
        assertThat(r.validUnits().get(0).sizeGroup()).isEqualTo("10-49");
        assertThat(r.validUnits().get(1).name()).isEqualTo("Retten i Byen, afd. 2");
        assertThat(r.validUnits().get(1).language()).isEqualTo("en");

        long edition = edition("clean");
        int before = unitCount();
        FrameStore.Frame frame = new FrameStore(db.jdbi()).importFrame(edition, "frame.csv", r, false, null);
        assertThat(frame.unitCount()).isEqualTo(2);
        assertThat(unitCount()).isEqualTo(before + 2);
        assertThat(new EditionStore(db.jdbi()).find(edition).orElseThrow().frameId()).isEqualTo(frame.id());
    }

    @Test
    void everyKindOfErrorIsReportedWithRowAndColumn() {
        byte[] file = csv("""
                W1,Good,municipality,education,25,,,,a@example.invalid,da
                W2,Dup one,state,health,12,,,,b@example.invalid,da
                W3,Bad mail,state,health,12,,,,not-an-address,da
                W2,Dup two,state,health,12,,,,c@example.invalid,da
                W5,Bad area,state,space_travel,12,,,,d@example.invalid,da
                W6,Bad level,county,health,12,,,,e@example.invalid,da
                W7,Bad number,state,health,twelve,,,,f@example.invalid,da
                W8,Bad language,state,health,12,,,,g@example.invalid,fr
                ,No id,state,health,12,,,,h@example.invalid,da
                W10,Size mismatch,state,health,12,250+,,,i@example.invalid,da
                """);
        FrameValidator.Result r = FrameValidator.validate("frame.csv", file);
        assertThat(r.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.value() + ":" + p.messageKey())
                .containsExactlyInAnyOrder(
                        "3:workplace_id:W2:frame.problem.duplicateId",
                        "4:manager_email:not-an-address:frame.problem.email",
                        "5:workplace_id:W2:frame.problem.duplicateId",
                        "6:area:space_travel:frame.problem.unknownCategory",
                        "7:government_level:county:frame.problem.unknownCategory",
                        "8:employees:twelve:frame.problem.notWholeNumber",
                        "9:language:fr:frame.problem.unknownCategory",
                        "10:workplace_id::frame.problem.missing",
                        "11:size_group:250+:frame.problem.sizeMismatch");
        FrameProblem dup = r.problems().stream().filter(p -> p.row() == 3).findFirst().orElseThrow();
        assertThat(dup.args()).containsExactly("5");
        assertThat(r.faultyRows()).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(r.validUnits()).extracting(FrameUnit::workplaceId).containsExactly("W1");
    }

    @Test
    void nothingIsImportedWhileErrorsRemain() {
        FrameValidator.Result r = FrameValidator.validate("frame.csv", csv("""
                W1,Good,municipality,education,25,,,,a@example.invalid,da
                W2,Bad,municipality,education,25,,,,broken@,da
                """));
        long edition = edition("refused");
        int before = unitCount();
        assertThatThrownBy(() -> new FrameStore(db.jdbi()).importFrame(edition, "frame.csv", r, false, null))
                .isInstanceOf(FrameStore.ImportRefused.class).hasMessage("frame.import.refused.errors");
        assertThat(unitCount()).isEqualTo(before);
        assertThat(new EditionStore(db.jdbi()).find(edition).orElseThrow().frameId()).isNull();
    }

    @Test
    void faultyRowsCanBeLeftOut() throws Exception {
        FrameValidator.Result r = FrameValidator.validate("frame.csv", csv("""
                W1,Good,municipality,education,25,,,,a@example.invalid,da
                W2,Bad,municipality,education,25,,,,broken@,da
                W3,Also good,region,health,300,,,,c@example.invalid,en
                """));
        long edition = edition("leave-out");
        FrameStore frames = new FrameStore(db.jdbi());
        FrameStore.Frame frame = frames.importFrame(edition, "frame.csv", r, true, null);
        assertThat(frame.unitCount()).isEqualTo(2);
        assertThat(frame.skippedRows()).isEqualTo(1);
        assertThat(frames.units(frame.id())).extracting(u -> u.unit().workplaceId()).containsExactly("W1", "W3");
    }

    @Test
    void headerProblemsCannotBeLeftOut() {
        byte[] file = "workplace_id,name,colour\nW1,A,red\n".getBytes(StandardCharsets.UTF_8);
        FrameValidator.Result r = FrameValidator.validate("frame.csv", file);
        assertThat(r.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey())
                .contains("1:colour:frame.problem.unknownColumn", "1:government_level:frame.problem.missingColumn",
                        "1:area:frame.problem.missingColumn", "1:manager_email:frame.problem.missingColumn");
        long edition = edition("header");
        assertThatThrownBy(() -> new FrameStore(db.jdbi()).importFrame(edition, "frame.csv", r, true, null))
                .hasMessage("frame.import.refused.file");
    }

    @Test
    void unreadableFilesAreReported() {
        FrameValidator.Result wrongType = FrameValidator.validate("frame.pdf", new byte[] {1, 2, 3});
        assertThat(wrongType.problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.type");
        FrameValidator.Result badXlsx = FrameValidator.validate("frame.xlsx", "PK not really a zip".getBytes());
        assertThat(badXlsx.problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.xlsx");
        FrameValidator.Result notUtf8 = FrameValidator.validate("frame.csv", new byte[] {'a', (byte) 0xff, '\n'});
        assertThat(notUtf8.problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.encoding");
        FrameValidator.Result empty = FrameValidator.validate("frame.csv", new byte[0]);
        assertThat(empty.problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.empty");
    }

    @Test
    void filesPastTheLimitsAreRefusedAsAWhole() throws IOException {
        org.barometer.formats.sheet.WorkbookLimits limits = new org.barometer.formats.sheet.WorkbookLimits(4L << 20, 3);
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 1; i <= 3; i++) {
            rows.append("W").append(i).append(",Skole,municipality,education,40,,,,p").append(i)
                    .append("@example.invalid,da\n");
        }
        assertThat(FrameValidator.validate("frame.csv", rows.toString().getBytes(StandardCharsets.UTF_8), limits)
                .problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.tooManyRows");
        byte[] xlsx = xlsx(rows.toString());
        assertThat(FrameValidator.validate("frame.xlsx", xlsx, limits).problems())
                .extracting(FrameProblem::messageKey).containsExactly("frame.file.tooManyRows");
        assertThat(FrameValidator.validate("frame.xlsx", xlsx, new org.barometer.formats.sheet.WorkbookLimits(4L << 20, 4))
                .problems()).isEmpty();
        // a ZIP bomb: a small file that inflates past the limit
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(new byte[16 << 20]);
            zip.closeEntry();
        }
        FrameValidator.Result refused = FrameValidator.validate("frame.xlsx", bomb.toByteArray(), limits);
        assertThat(refused.problems()).extracting(FrameProblem::messageKey).containsExactly("frame.file.tooLarge");
        assertThat(refused.problems().getFirst().args()).containsExactly(4L);
    }

    @Test
    void semicolonSeparatedCsvWithBomIsRead() {
        String text = "\uFEFF" + HEADER.replace(',', ';') + "W1;Plejehjem;municipality;elderly_disabled_care;40;;;;"
                + "p@example.invalid;da\n";
        FrameValidator.Result r = FrameValidator.validate("frame.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).isEmpty();
        assertThat(r.validUnits()).extracting(FrameUnit::area).containsExactly("elderly_disabled_care");
    }

    @Test
    void xlsxFramesAreValidatedWithTheirSpreadsheetRows() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet ws = wb.newWorksheet("frame");
            String[] header = HEADER.strip().split(",");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            Object[][] rows = {
                    {"X1", "Vuggestuen", "municipality", "childcare", 14, null, null, null, "v@example.invalid", "da"},
                    {"X2", "Sygehuset", "region", "health", 900, null, null, null, "bad address", "da"},
            };
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Integer i) {
                        ws.value(r + 1, c, i);
                    } else if (v != null) {
                        ws.value(r + 1, c, (String) v);
                    }
                }
            }
        }
        FrameValidator.Result r = FrameValidator.validate("frame.xlsx", out.toByteArray());
        assertThat(r.validUnits()).extracting(FrameUnit::workplaceId).containsExactly("X1");
        assertThat(r.validUnits().getFirst().employees()).isEqualTo(14);
        assertThat(r.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey())
                .containsExactly("3:manager_email:frame.problem.email");
    }

    @Test
    void sqlLikeInputIsStoredVerbatimAndHarmless() throws Exception {
        String evilName = "Robert'); DROP TABLE frame_unit; --";
        String evilRegion = "x' OR '1'='1";
        FrameValidator.Result r = FrameValidator.validate("frame.csv", csv(
                "E1,\"" + evilName + "\",state,other,10,,\"" + evilRegion + "\",\"O'Brien; --\",o@example.invalid,da\n"));
        assertThat(r.problems()).isEmpty();
        long edition = edition("sql");
        FrameStore frames = new FrameStore(db.jdbi());
        FrameStore.Frame frame = frames.importFrame(edition, "frame.csv", r, false, null);
        FrameUnit stored = frames.units(frame.id()).getFirst().unit();
        assertThat(stored.name()).isEqualTo(evilName);
        assertThat(stored.region()).isEqualTo(evilRegion);
        assertThat(stored.managerName()).isEqualTo("O'Brien; --");
        assertThat(unitCount()).isPositive();
    }
}
