package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    void unsupportedTypesAreRefusedWithTheirRowAndType() {
        assertThat(problems("group.xlsx")).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("A");
            assertThat(p.message()).contains("unsupported type 'phone number'").contains("phone_number");
        });
        assertThat(problems("loop.xlsx")).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.message()).contains("begin loop over toilet_type").contains("repeats are not supported");
        });
        List<FormProblem> caseInsensitive = problems("case_insensitivity.xlsx");
        assertThat(caseInsensitive).extracting(FormProblem::row).containsExactly(3, 4);
        assertThat(caseInsensitive.getFirst().sheet()).isEqualTo("SURVEY");
        assertThat(caseInsensitive.get(0).message()).contains("select_one_external");
        assertThat(caseInsensitive.get(1).message()).contains("osm");
    }

    @Test
    void theSpecTestIsRefusedForEachUnsupportedFeatureAndNothingElse() {
        List<FormProblem> problems = problems("xlsform_spec_test.xlsx");
        assertThat(problems).anySatisfy(p -> assertThat(p.toString())
                .contains("row 15, column A (type)").contains("begin repeat"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString())
                .contains("row 34, column A (type)").contains("geopoint"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString())
                .contains("row 9, column S (image)").contains("media"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message())
                .containsAnyOf("unsupported type", "media", "not supported"));
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
            "text_and_integer.xlsx", "yes_or_no_question.xlsx"})
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
