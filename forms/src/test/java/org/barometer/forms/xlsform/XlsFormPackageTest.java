package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.junit.jupiter.api.Test;

/**
 * A questionnaire uploaded as a ZIP of its workbook, pictures and CSV files; and each bad input refused with its
 * place: a repeat count that is not a number, a picture missing from the ZIP, a choices file without its columns.
 */
class XlsFormPackageTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String[][]> sheets(String[][] survey, String[][] choices) {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("survey", survey);
        if (choices != null) {
            sheets.put("choices", choices);
        }
        return sheets;
    }

    private static List<FormProblem> problems(byte[] upload, String name) {
        FormException e = catchThrowableOfType(FormException.class, () -> XlsFormReader.readPackage(upload, name));
        assertThat(e).as(name + " should be refused").isNotNull();
        return e.problems();
    }

    private static final String[][] FRUIT_SURVEY = {{"type", "name", "label", "image", "image_alt", "choice_filter"},
        {"select_one_from_file fruits.csv", "fruit", "Which fruit?", "fruit.png", "A bowl of fruit", "colour != 'x'"}};

    @Test
    void aZipOfTheWorkbookWithItsFilesLoads() throws FormException {
        byte[] zip = Workbooks.zip(Map.of("survey/form.xlsx", Workbooks.xlsx(sheets(FRUIT_SURVEY, null)),
                "media/fruit.png", PNG,
                "fruits.csv", csv("\uFEFFname,label,label::Dansk (da),colour\r\nmango,Mango,Mango,yellow\r\n"
                        + "\"kiwi\",\"Kiwi, green\",Kiwi,green\r\n")));
        FormPackage read = XlsFormReader.readPackage(zip, "upload.zip");
        Form form = read.form();
        assertThat(form.id()).isEqualTo("form");
        Question fruit = form.question("fruit").orElseThrow();
        assertThat(fruit.listName()).isEqualTo("fruits.csv");
        assertThat(fruit.media().image().byLanguage()).containsEntry("", "fruit.png");
        assertThat(form.choiceList("fruits.csv").orElseThrow().file()).isEqualTo("fruits.csv");
        assertThat(form.languages()).contains("Dansk (da)");
        assertThat(read.file("fruit.png")).hasValueSatisfying(b -> assertThat(b).isEqualTo(PNG));
        assertThat(read.tables()).singleElement().satisfies(t -> assertThat(t.columns())
                .containsExactly("name", "label", "label::Dansk (da)", "colour"));
        AnswerEngine engine = AnswerEngine.of(form);
        assertThat(engine.options("fruit", Map.of(), "Dansk (da)")).extracting(Option::label)
                .containsExactly("Mango", "Kiwi");
        assertThat(engine.options("fruit", Map.of(), null)).extracting(Option::label)
                .containsExactly("Mango", "Kiwi, green");
        // And the same form written back as a package reads back equal.
        byte[] again = XlsFormWriter.writePackage(form, Map.of("fruit.png", PNG));
        assertThat(XlsFormReader.read(again, "again.zip")).isEqualTo(form);
    }

    @Test
    void aPictureMissingFromTheZipIsRefusedAtItsCell() {
        byte[] zip = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets(FRUIT_SURVEY, null)),
                "fruits.csv", csv("name,label\nmango,Mango\n")));
        assertThat(problems(zip, "form.zip")).extracting(FormProblem::toString).containsExactly(
                "form.xlsx, sheet survey, row 2, column D (image): the picture 'fruit.png' is not in the ZIP");
    }

    @Test
    void aBareWorkbookWithPicturesOrFilesIsToldToComeAsAZip() {
        assertThat(problems(Workbooks.xlsx(sheets(FRUIT_SURVEY, null)), "form.xlsx"))
                .extracting(FormProblem::toString).containsExactly(
                        "form.xlsx, sheet survey, row 2, column A (type): the choices file 'fruits.csv' did not come "
                                + "with the form: upload a ZIP of the .xlsx with 'fruits.csv'",
                        "form.xlsx, sheet survey, row 2, column D (image): the picture 'fruit.png' did not come with "
                                + "the form: upload a ZIP of the .xlsx with its pictures");
    }

    @Test
    void aPictureNeedsItsAlternativeTextInEachLanguage() {
        Map<String, String[][]> sheets = sheets(new String[][] {
            {"type", "name", "label::English (en)", "label::Dansk (da)", "image::English (en)", "image::Dansk (da)",
                "image_alt::English (en)"},
            {"select_one yn", "ok", "OK?", "OK?", "ok_en.png", "ok_da.png", "A thumb up"}},
            new String[][] {{"list_name", "name", "label", "image", "image_alt"}, {"yn", "yes", "Yes", "yes.png",
                null}});
        byte[] zip = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets), "ok_en.png", PNG, "ok_da.png", PNG,
                "yes.png", PNG));
        assertThat(problems(zip, "form.zip")).extracting(FormProblem::toString).containsExactly(
                "form.xlsx, sheet survey, row 2, column F (image::Dansk (da)): the picture 'ok_da.png' has no "
                        + "alternative text: write what it shows in the column image_alt::Dansk (da), for people who "
                        + "cannot see it",
                "form.xlsx, sheet choices, row 2, column D (image): the picture 'yes.png' has no alternative text: "
                        + "write what it shows in the column image_alt, for people who cannot see it");
    }

    @Test
    void aChoicesFileWithoutANameColumnIsRefusedAtTheFile() {
        byte[] zip = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets(new String[][] {
            {"type", "name", "label"}, {"select_one_from_file fruits.csv", "fruit", "Which fruit?"}}, null)),
                "fruits.csv", csv("key,label\nm,Mango\n")));
        assertThat(problems(zip, "form.zip")).extracting(FormProblem::toString).containsExactly(
                "fruits.csv, row 1: the choices file has no column 'name' (it is used by sheet survey, row 2); its "
                        + "columns are key, label");
    }

    @Test
    void aChoicesFileNamesItsColumnsByParameterAndItsRowsAreChecked() throws FormException {
        String[][] survey = {{"type", "name", "label", "parameters"},
            {"select_multiple_from_file fruits.csv", "fruit", "Which fruit?", "value=key label=title"}};
        byte[] good = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets(survey, null)),
                "fruits.csv", csv("key,title\nm,Mango\no,Orange\n")));
        Form form = XlsFormReader.read(good, "form.zip");
        assertThat(form.choiceList(form.question("fruit").orElseThrow().listName()).orElseThrow().choices())
                .extracting(c -> c.name()).containsExactly("m", "o");
        assertThat(XlsFormReader.read(XlsFormWriter.writePackage(form, Map.of()), "again.zip")).isEqualTo(form);
        byte[] bad = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets(survey, null)),
                "fruits.csv", csv("key,title\nm,Mango\n,Nothing\nm,Again\n")));
        assertThat(problems(bad, "form.zip")).extracting(FormProblem::toString).containsExactly(
                "fruits.csv, row 3, column A (key): a choice without a value in the column 'key'",
                "fruits.csv, row 4, column A (key): duplicate choice 'm' (first on row 2); set allow_choice_duplicates"
                        + " to allow it");
    }

    @Test
    void aCsvFileThatIsNotCsvIsRefusedWithItsLine() {
        byte[] zip = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets(new String[][] {
            {"type", "name", "label"}, {"text", "t", "T"}}, null)),
                "data.csv", csv("a,b\n1,\"open\n2,3\n"), "latin1.csv", new byte[] {'a', (byte) 0xE6, '\n'}));
        assertThat(problems(zip, "form.zip")).extracting(FormProblem::toString).containsExactly(
                "data.csv, row 2: a quoted field that begins here is never closed",
                "latin1.csv, row 1: not a CSV file in UTF-8: save it as CSV UTF-8");
    }

    @Test
    void aRepeatCountThatIsNotANumberIsRefusedAtItsCell() {
        for (String count : List.of("two", "2.5", "-1", "'3'")) {
            byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name", "label", "repeat_count"},
                {"begin repeat", "sites", "Sites", count}, {"text", "site", "Site", null},
                {"end repeat", null, null, null}}, null));
            assertThat(problems(xlsx, "f.xlsx")).as(count).extracting(FormProblem::toString).containsExactly(
                    "f.xlsx, sheet survey, row 2, column D (repeat_count): the repeat count '" + count + "' of 'sites' "
                            + "is neither a whole number nor an expression that gives one (such as ${number_of_sites})");
        }
    }

    @Test
    void repeatCountsLoopsAndTriggersAreCheckedWhereTheyAre() {
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {
            {"type", "name", "label", "jr:count", "trigger", "calculation"},
            {"integer", "n", "N", "3", null, null},
            {"begin repeat", "sites", "Sites", "${nn}", null, null},
            {"text", "site", "Site", null, "${n}", null},
            {"end repeat", null, null, null, null, null},
            {"begin loop over nolist", "loop", null, null, null, null},
            {"text", "%(name)s_x", "X", null, null, null},
            {"end loop", null, null, null, null, null},
            {"calculate", "when", null, null, "${missing}", "now()"},
            {"calculate", "bad", null, null, "n", "now()"}}, null));
        assertThat(problems(xlsx, "f.xlsx")).extracting(FormProblem::toString).containsExactly(
                "f.xlsx, sheet survey, row 2, column D (jr:count): jr:count belongs on a begin repeat row",
                "f.xlsx, sheet survey, row 3, column D (jr:count), character 1: unknown name ${nn}: no question or "
                        + "calculation has this name; did you mean ${n}?",
                "f.xlsx, sheet survey, row 4, column E (trigger): 'site' has a trigger but no calculation to work out "
                        + "when it fires",
                "f.xlsx, sheet survey, row 6, column A (type): missing choice list 'nolist': no rows with this "
                        + "list_name on the choices sheet",
                "f.xlsx, sheet survey, row 7, column B (name): '%(name)s_x': a name in a loop cannot use %(name)s or "
                        + "%(label)s; the loop's instances are told apart by their choice",
                "f.xlsx, sheet survey, row 9, column E (trigger): the trigger names ${missing}, which no question has",
                "f.xlsx, sheet survey, row 10, column E (trigger): the trigger 'n' is not written as ${name} (or "
                        + "several, separated by commas)");
    }

    @Test
    void parametersAreCheckedAgainstTheirType() {
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name", "label", "parameters"},
            {"range", "r1", "R1", "start=1 end=5 step=0"}, {"range", "r2", "R2", "start=a"},
            {"range", "r3", "R3", "start=1 end=3 step=5"}, {"select_one yn", "s", "S", "randomize=yes"},
            {"select_one yn", "s2", "S2", "seed=${r1}"}, {"integer", "i", "I", "randomize=true"},
            {"text", "t", "T", "rows=3 colour=red"}, {"text", "t2", "T2", "rows"}},
            new String[][] {{"list_name", "name", "label"}, {"yn", "yes", "Yes"}}));
        assertThat(problems(xlsx, "f.xlsx")).extracting(p -> p.row() + ": " + p.message()).containsExactly(
                "2: the range's step is 0",
                "3: the range's start 'a' is not a number",
                "4: the range's step 5 is larger than the distance from 1 to 3",
                "5: randomize is true or false, not 'yes'",
                "6: seed has a meaning only with randomize=true",
                "7: the parameter 'randomize' has no meaning for the type integer",
                "8: the parameter 'colour' has no meaning for the type text, which takes rows",
                "9: the parameters 'rows' are not written as name=value pairs separated by spaces");
    }

    @Test
    void aTableListGroupHoldsSelectsOfOneList() {
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name", "label", "appearance"},
            {"begin group", "grid", "Grid", "table-list"}, {"select_one yn", "a", "A", null},
            {"select_one other", "b", "B", null}, {"text", "c", "C", null}, {"end group", null, null, null}},
            new String[][] {{"list_name", "name", "label"}, {"yn", "yes", "Yes"}, {"other", "x", "X"}}));
        assertThat(problems(xlsx, "f.xlsx")).extracting(p -> p.row() + ": " + p.message()).containsExactly(
                "4: in the table-list group 'grid' every question is a select of one and the same list, and 'b' is not",
                "5: in the table-list group 'grid' every question is a select of one and the same list, and 'c' is not");
    }

    @Test
    void pulldataNeedsItsTableAndColumns() {
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name", "calculation"},
            {"calculate", "a", "pulldata('fruits', 'name', 'key', 'm')"}}, null));
        assertThat(problems(xlsx, "f.xlsx")).extracting(FormProblem::toString).containsExactly(
                "f.xlsx, sheet survey, row 2, column C (calculation), character 1: pulldata() reads the table "
                        + "'fruits', which is no table of the server: upload a ZIP of the .xlsx with fruits.csv");
        byte[] zip = Workbooks.zip(Map.of("f.xlsx", xlsx, "fruits.csv", csv("key,label\nm,Mango\n")));
        assertThat(problems(zip, "f.zip")).extracting(FormProblem::message).containsExactly(
                "pulldata() reads the column 'name', which fruits.csv does not have; its columns are key, label");
    }

    @Test
    void zipsThatHoldNoOneWorkbookAreRefused() {
        assertThat(problems(Workbooks.zip(Map.of("notes.txt", csv("x"))), "u.zip")).extracting(FormProblem::toString)
                .containsExactly("u.zip: the ZIP holds no .xlsx workbook");
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name"}, {"text", "t"}}, null));
        assertThat(problems(Workbooks.zip(Workbooks.files("a.xlsx", xlsx, "b.xlsx", xlsx)), "u.zip"))
                .extracting(FormProblem::toString)
                .containsExactly("u.zip: the ZIP holds several .xlsx workbooks (a.xlsx, b.xlsx); it must hold one");
        assertThat(problems(Workbooks.zip(Workbooks.files("a.xlsx", xlsx, "x/p.png", PNG, "y/p.png", PNG)), "u.zip"))
                .extracting(FormProblem::message)
                .containsExactly("the ZIP holds two files named 'p.png' (in different folders); files are known by name");
    }

    @Test
    void theSearchAppearanceIsAHintButSearchingAFileOnTheDeviceIsRefused() throws FormException {
        String[][] choices = {{"list_name", "name", "label"}, {"towns", "name_key", "name"}};
        Form form = XlsFormReader.read(Workbooks.xlsx(sheets(new String[][] {{"type", "name", "label", "appearance"},
            {"select_one towns", "town", "Town", "search"}}, choices)), "f.xlsx");
        assertThat(form.question("town").orElseThrow().searchable()).isTrue();
        byte[] xlsx = Workbooks.xlsx(sheets(new String[][] {{"type", "name", "label", "appearance"},
            {"select_one towns", "town", "Town", "search('towns', 'matches', 'region', ${r})"}}, choices));
        assertThat(problems(xlsx, "f.xlsx")).extracting(FormProblem::toString).containsExactly("f.xlsx, sheet "
                + "survey, row 2, column D (appearance): the appearance 'search('towns', 'matches', 'region', ${r})' "
                + "reads choices from a file on the device, which a web questionnaire cannot: use "
                + "select_one_from_file with the CSV file and a choice_filter (the plain search appearance is fine)");
    }

    /** An archive named like a workbook whose one entry inflates to {@code bytes} zeros (a ZIP bomb). */
    private static byte[] inflatingArchive(long bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aWorkbookThatUnpacksPastTheLimitIsRefusedBeforeParsing() throws java.io.IOException {
        byte[] bomb = inflatingArchive(150L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThat(problems(bomb, "form.xlsx")).extracting(FormProblem::toString).singleElement().asString()
                .contains("unpacks to more than 100 MB");
    }

    @Test
    void aSheetPastTheRowLimitIsRefused() {
        String[][] survey = new String[10_002][];
        survey[0] = new String[] {"type", "name", "label"};
        for (int i = 1; i < survey.length; i++) {
            survey[i] = new String[] {"note", "n" + i, "Note " + i};
        }
        assertThat(problems(Workbooks.xlsx(sheets(survey, null)), "form.xlsx")).extracting(FormProblem::toString)
                .singleElement().asString().contains("more than 10000 rows");
    }
}
