package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.FormJson;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pyxform sample forms: each valid one loads, each with unsupported features is refused naming the row. */
public class XlsFormSamplesTest {

    /** A sample's bytes, for other tests. */
    public static byte[] sampleBytes(String name) {
        return sample(name);
    }

    static byte[] sample(String name) {
        try (InputStream in = XlsFormSamplesTest.class.getResourceAsStream("/xlsform-samples/" + name)) {
            assertThat(in).as("sample " + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Form load(String name) throws FormException {
        return XlsFormReader.read(sample(name), name);
    }

    static List<FormProblem> problems(String name) {
        FormException e = catchThrowableOfType(FormException.class, () -> load(name));
        assertThat(e).as(name + " should be refused").isNotNull();
        return e.problems();
    }

    @Test
    void badCalcIsRefusedAtItsCellWithTheCharacterPosition() {
        List<FormProblem> problems = problems("bad_calc.xlsx");
        assertThat(problems).hasSize(1);
        FormProblem p = problems.getFirst();
        assertThat(p.file()).isEqualTo("bad_calc.xlsx");
        assertThat(p.sheet()).isEqualTo("survey");
        assertThat(p.row()).isEqualTo(2);
        assertThat(p.column()).isEqualTo("D");
        assertThat(p.header()).isEqualTo("calculation");
        assertThat(p.position()).isNotNull().isBetween(0, "because pyxform doesn't know what to do".length());
        assertThat(p.toString()).startsWith("bad_calc.xlsx, sheet survey, row 2, column D (calculation), character");
    }

    @Test
    void duplicateColumnsAreRefusedNamingBothColumns() {
        List<FormProblem> problems = problems("duplicate_columns.xlsx");
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.row()).isEqualTo(1);
            assertThat(p.column()).isEqualTo("E");
            assertThat(p.header()).isEqualTo("label");
            assertThat(p.message()).contains("duplicate column").contains("column D");
        });
    }

    @Test
    void onlyTypesWithoutMeaningOnTheWebAreRefusedWithTheirRowAndReason() {
        List<FormProblem> caseInsensitive = problems("case_insensitivity.xlsx");
        assertThat(caseInsensitive).singleElement().satisfies(p -> {
            assertThat(p.sheet()).isEqualTo("SURVEY");
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("A");
            assertThat(p.message()).isEqualTo("unsupported type 'osm c1' of 'q3': GPS and map questions are not "
                    + "supported (they need the device's position or a map)");
        });
    }

    @Test
    void theSpecTestIsRefusedForGpsBarcodeCaptureAndPicturesWithoutFilesOrAlternativeText() {
        List<FormProblem> problems = problems("xlsform_spec_test.xlsx");
        assertThat(problems).filteredOn(p -> p.column().equals("A")).extracting(p -> p.row() + " " + p.message())
                .containsExactly(
                        "34 unsupported type 'geopoint' of 'geopoint_test': GPS and map questions are not supported "
                                + "(they need the device's position or a map)",
                        "35 unsupported type 'barcode' of 'barcode_test': barcode questions are not supported (they "
                                + "need the device's camera)",
                        "36 unsupported type 'image' of 'image_test': photo, sound, video and file questions are not "
                                + "supported (they capture or upload files from the device)",
                        "37 unsupported type 'audio' of 'audio_test': photo, sound, video and file questions are not "
                                + "supported (they capture or upload files from the device)",
                        "38 unsupported type 'video' of 'video_test': photo, sound, video and file questions are not "
                                + "supported (they capture or upload files from the device)");
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).isEqualTo("xlsform_spec_test.xlsx, sheet "
                + "survey, row 9, column T (audio): audio in labels is not supported: Barometer shows pictures (with "
                + "alternative text), not sound or film, which would need captions and transcripts"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).startsWith("xlsform_spec_test.xlsx, sheet "
                + "choices, row 4, column D (image): the picture 'a.jpg' has no alternative text"));
        // The repeat, time, datetime, start, end, today and device metadata rows all load.
        assertThat(problems).extracting(FormProblem::row).doesNotContain(15, 32, 33, 42, 44, 46, 48, 50, 52);
    }

    @Test
    void anOrdinaryQuestionTypeOfPyxformIsAQuestionWithItsConstraint() throws FormException {
        Question phone = load("group.xlsx").question("phone_number").orElseThrow();
        assertThat(phone.type()).isEqualTo(QuestionType.TEXT);
        assertThat(phone.constraint()).isEqualTo("regex(., '^[0-9]*$')");
        assertThat(phone.constraintMessage().byLanguage()).containsEntry("English (en)", "Enter digits only.");
    }

    @Test
    void aLoopOverAListIsARepeatWithOneInstancePerChoice() throws FormException {
        Form form = load("loop.xlsx");
        assertThat(form.repeats()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("loop_toilet_types");
            assertThat(r.choiceList()).isEqualTo("toilet_type");
            assertThat(r.count()).isNull();
            assertThat(r.items()).extracting(i -> i.name()).containsExactly("number");
        });
        assertThat(form.question("number").orElseThrow().label().byLanguage())
                .containsEntry("english", "How many %(label)s are on the premises?");
    }

    @Test
    void aSelectFromTheExternalChoicesSheetLoadsWithItsFilter() throws FormException {
        Map<String, String[][]> sheets = new java.util.LinkedHashMap<>();
        sheets.put("survey", new String[][] {{"type", "name", "label", "choice_filter"},
            {"select_one c1", "q1", "Q1", null}, {"select_one_external c1", "q2", "Q2", "yes_no=${q1}"}});
        sheets.put("choices", new String[][] {{"list_name", "name", "label"}, {"c1", "yes", "Yes"}});
        sheets.put("external_choices", new String[][] {{"list_name", "name", "label", "yes_no"},
            {"c1", "n1-e", "l1-e", "yes"}, {"c1", "n2-e", "l2-e", "no"}});
        Form form = XlsFormReader.read(Workbooks.xlsx(sheets), "e.xlsx");
        Question q2 = form.question("q2").orElseThrow();
        assertThat(q2.listName()).isEqualTo("external_choices:c1");
        assertThat(form.choiceList("external_choices:c1").orElseThrow().choices()).extracting(c -> c.name())
                .containsExactly("n1-e", "n2-e");
        assertThat(form.choiceList("c1").orElseThrow().choices()).extracting(c -> c.name()).containsExactly("yes");
    }

    @Test
    void cascadingSelectsLoadWithTheirFilters() throws FormException {
        Form form = load("choice_filter_test.xlsx");
        assertThat(form.allowChoiceDuplicates()).isTrue();
        assertThat(form.questions()).extracting(Question::name).containsExactly("state", "county", "city");
        Question county = form.question("county").orElseThrow();
        assertThat(county.choiceFilter()).isEqualTo("${state}=cf");
        assertThat(form.choiceList("counties").orElseThrow().choices()).hasSize(4)
                .first().satisfies(c -> assertThat(c.attributes()).containsEntry("cf", "washington"));
    }

    @Test
    void orOtherAndOldStyleSelectsLoad() throws FormException {
        Question favColor = load("or_other.xlsx").question("fav_color").orElseThrow();
        assertThat(favColor.orOther()).isTrue();
        assertThat(favColor.listName()).isEqualTo("colors");
        Question sex = load("specify_other.xlsx").question("sex").orElseThrow();
        assertThat(sex.type()).isEqualTo(QuestionType.SELECT_ONE);
        assertThat(sex.orOther()).isTrue();
        assertThat(sex.label().byLanguage()).containsEntry("English", "What sex are you?");
        Form yesNo = load("yes_or_no_question.xlsx");
        assertThat(yesNo.languages()).containsExactly("english");
        assertThat(yesNo.question("good_day").orElseThrow().listName()).isEqualTo("yes_or_no");
    }

    @Test
    void groupsNest() throws FormException {
        Form form = load("field-list.xlsx");
        assertThat(form.items()).singleElement().isInstanceOfSatisfying(Group.class, g -> {
            assertThat(g.name()).isEqualTo("name");
            assertThat(g.items()).extracting(i -> i.name()).containsExactly("table_list_question");
        });
        Form text = load("text_and_integer.xlsx");
        assertThat(text.questions()).extracting(Question::type).containsExactly(QuestionType.TEXT,
                QuestionType.INTEGER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"choice_filter_test.xlsx", "field-list.xlsx", "or_other.xlsx", "specify_other.xlsx",
            "text_and_integer.xlsx", "yes_or_no_question.xlsx", "group.xlsx", "loop.xlsx"})
    void validSamplesSurviveXlsxAndJsonRoundTrips(String name) throws FormException {
        Form form = load(name);
        Form again = XlsFormReader.read(XlsFormWriter.write(form), name);
        assertThat(again).isEqualTo(form);
        assertThat(FormJson.read(FormJson.write(form))).isEqualTo(form);
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedNotCrashed() {
        assertThatThrownBy(() -> XlsFormReader.read("type,name\ntext,a".getBytes(), "form.csv"))
                .isInstanceOf(FormException.class).hasMessageContaining("form.csv")
                .hasMessageContaining("not a readable .xlsx workbook");
    }
}
