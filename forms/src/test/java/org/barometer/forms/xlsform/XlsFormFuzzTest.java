package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.barometer.forms.FormException;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.model.Form;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * Mutated XLSForms (flipped bytes in the zip; cells replaced by hostile values and written back) either load
 * or are refused with a {@link FormException}; nothing else escapes, and a form that loads can be run. Seeded,
 * so a failure names the seed and iteration that reproduce it.
 */
class XlsFormFuzzTest {
    static final String INNOVATION_BAROMETER = "innovation-barometer-2019.xlsx";
    static final List<String> SAMPLES = List.of("choice_filter_test.xlsx", "or_other.xlsx", "specify_other.xlsx",
            "field-list.xlsx", "group.xlsx", "loop.xlsx", "xlsform_spec_test.xlsx", "bad_calc.xlsx",
            "duplicate_columns.xlsx", "case_insensitivity.xlsx", "text_and_integer.xlsx", "yes_or_no_question.xlsx",
            INNOVATION_BAROMETER);
    static final long SEED = 20_190_227L;

    /** Values that stress the reader: types, structure, broken expressions, odd text. */
    static final List<String> HOSTILE = List.of("", " ", "select_one", "select_one nope", "select_multiple colors or_other",
            "begin group", "end group", "begin repeat", "end repeat", "calculate", "integer", "note", "geopoint",
            "${", "${}", "${x}", "${state}", "((((((((", "))", "selected(", "if(1,2)", "1 div 0", ". > 3",
            "count-selected(.) <= 3", "concat(${a}, ${a})", "'unclosed", "type", "name", "label", "label::da",
            "list_name", "yes", "true()", "no", "-1", "1e309", "NaN", "\u0000", "é\u00e6\u00f8\u00e5 \uD83D\uDE00",
            "x".repeat(5000), "a b c", "_", "1abc", "choice_filter", "required", "relevant", "constraint");

    static byte[] sample(String name) {
        if (name.equals(INNOVATION_BAROMETER)) {
            try (var in = XlsFormFuzzTest.class.getResourceAsStream("/org/barometer/forms/" + name)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return XlsFormSamplesTest.sample(name);
    }

    static void readExpectingNoCrash(byte[] bytes, String what) {
        try {
            Form form = XlsFormReader.read(bytes, "fuzz.xlsx");
            AnswerEngine engine = AnswerEngine.of(form);
            engine.relevantQuestions(Map.of());
            engine.firstPage(Map.of());
            engine.checkAll(Map.of(), null);
        } catch (FormException expected) {
            assertThat(expected.problems()).isNotEmpty();
            assertThat(expected.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("fuzz.xlsx"));
        } catch (Throwable t) {
            fail(what + " escaped as " + t, t);
        }
    }

    @Test
    void flippedBytesInTheZipAreRefusedOrLoaded() {
        Random random = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            String name = SAMPLES.get(random.nextInt(SAMPLES.size()));
            byte[] bytes = sample(name).clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(bytes.length);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
            }
            readExpectingNoCrash(bytes, "seed " + SEED + ", iteration " + i + " (" + name + ", byte flips)");
        }
    }

    @Test
    void truncatedFilesAreRefused() {
        byte[] bytes = sample("or_other.xlsx");
        for (int length : new int[] {0, 1, 4, 30, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            readExpectingNoCrash(cut, "truncated to " + length);
        }
    }

    @Test
    void hostileCellValuesAreRefusedOrLoaded() throws IOException {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 200; i++) {
            String name = SAMPLES.get(random.nextInt(SAMPLES.size()));
            List<List<List<String>>> sheets = new ArrayList<>();
            List<String> sheetNames = new ArrayList<>();
            readCells(sample(name), sheetNames, sheets);
            int mutations = 1 + random.nextInt(6);
            for (int m = 0; m < mutations; m++) {
                List<List<String>> sheet = sheets.get(random.nextInt(sheets.size()));
                if (sheet.isEmpty()) {
                    continue;
                }
                List<String> row = sheet.get(random.nextInt(sheet.size()));
                int column = random.nextInt(Math.max(1, row.size()) + 1);
                while (row.size() <= column) {
                    row.add(null);
                }
                row.set(column, HOSTILE.get(random.nextInt(HOSTILE.size())));
                if (random.nextInt(10) == 0) {
                    sheet.add(random.nextInt(sheet.size()), new ArrayList<>(row)); // a duplicated row
                }
            }
            readExpectingNoCrash(writeCells(sheetNames, sheets),
                    "seed " + (SEED + 1) + ", iteration " + i + " (" + name + ", cell mutations)");
        }
    }

    static void readCells(byte[] xlsx, List<String> names, List<List<List<String>>> sheets) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (var sheet : workbook.getSheets().toList()) {
                List<List<String>> rows = new ArrayList<>();
                for (Row row : sheet.read()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? null : cell.getText());
                    }
                    if (cells.stream().anyMatch(s -> s != null && !s.isEmpty())) {
                        rows.add(cells);
                    }
                }
                names.add(sheet.getName());
                sheets.add(rows);
            }
        }
    }

    static byte[] writeCells(List<String> names, List<List<List<String>>> sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "fuzz", "1.0");
        for (int s = 0; s < sheets.size(); s++) {
            Worksheet sheet = workbook.newWorksheet(names.get(s));
            List<List<String>> rows = sheets.get(s);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String value = rows.get(r).get(c);
                    if (value != null) {
                        sheet.value(r, c, value.replace("\u0000", "\uFFFD"));
                    }
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }
}
