package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.junit.jupiter.api.Test;

/** Each check made at load, with the place it names. */
class XlsFormProblemsTest {

    /** An XLSForm from sheets given as rows of cells (null for a blank cell). */
    static byte[] xlsx(Map<String, String[][]> sheets) {
        return Workbooks.xlsx(sheets);
    }

    static String[] row(String... cells) {
        return cells;
    }

    static Map<String, String[][]> survey(String[]... rows) {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("survey", rows);
        sheets.put("choices", new String[][] {row("list_name", "name", "label"), row("yn", "yes", "Yes"),
                row("yn", "no", "No")});
        return sheets;
    }

    static List<FormProblem> problems(Map<String, String[][]> sheets) {
        FormException e = catchThrowableOfType(FormException.class, () -> XlsFormReader.read(xlsx(sheets), "f.xlsx"));
        assertThat(e).as("the form should be refused").isNotNull();
        return e.problems();
    }

    @Test
    void duplicateNamesNameBothRows() {
        assertThat(problems(survey(row("type", "name", "label"), row("text", "a", "A"), row("integer", "a", "B"))))
                .singleElement().hasToString("f.xlsx, sheet survey, row 3, column B (name): duplicate name 'a' "
                        + "(first on row 2)");
    }

    @Test
    void anUntranslatedColumnBesideTheDefaultLanguagesIsOneProblem() {
        Map<String, String[][]> sheets = survey(row("type", "name", "label", "label::English (en)"),
                row("text", "a", "A", "A"), row("text", "b", "B", "B"));
        sheets.put("settings", new String[][] {row("default_language"), row("English (en)")});
        sheets.remove("choices");
        assertThat(problems(sheets)).singleElement().hasToString("f.xlsx, sheet survey, row 1, column D "
                + "(label::English (en)): duplicate column: 'label::English (en)' and 'label' (column C) are both "
                + "the default language 'English (en)'");
    }

    @Test
    void missingChoiceListsAreNamed() {
        assertThat(problems(survey(row("type", "name", "label"), row("select_one colours", "c", "Colour"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.row()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo("A");
                    assertThat(p.message()).startsWith("missing choice list 'colours'");
                });
    }

    @Test
    void unknownNamesAndWrongArgumentCountsGiveTheCharacterPosition() {
        List<FormProblem> problems = problems(survey(row("type", "name", "label", "relevant", "constraint"),
                row("select_one yn", "a", "A", null, null),
                row("text", "b", "B", "${a} = 'yes' and ${nope} > 1", "selected(.)")));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).satisfies(p -> {
            assertThat(p.column()).isEqualTo("D");
            assertThat(p.header()).isEqualTo("relevant");
            assertThat(p.position()).isEqualTo("${a} = 'yes' and ".length());
            assertThat(p.message()).contains("nope");
        });
        assertThat(problems.get(1)).satisfies(p -> {
            assertThat(p.column()).isEqualTo("E");
            assertThat(p.position()).isZero();
            assertThat(p.message()).contains("selected");
        });
    }

    @Test
    void cyclesAmongCalculationsAreNamed() {
        List<FormProblem> problems = problems(survey(row("type", "name", "calculation"),
                row("calculate", "a", "${b} + 1"), row("calculate", "b", "${c} * 2"), row("calculate", "c", "${a}"),
                row("calculate", "d", "${d}")));
        assertThat(problems).extracting(FormProblem::message)
                .containsExactly("calculations form a cycle: a → b → c → a", "calculations form a cycle: d → d");
        assertThat(problems.getFirst().row()).isEqualTo(2);
        assertThat(problems.getFirst().header()).isEqualTo("calculation");
    }

    @Test
    void conditionsThatDependOnThemselvesAreCycles() {
        List<FormProblem> problems = problems(survey(row("type", "name", "label", "relevant"),
                row("integer", "a", "A", "${a} > 1"),
                row("begin group", "g", "G", "${inner} = 'yes'"), row("select_one yn", "inner", "Inner", null),
                row("end group", null, null, null)));
        assertThat(problems).extracting(FormProblem::toString).containsExactly(
                "f.xlsx, sheet survey, row 2, column D (relevant): calculations and conditions form a cycle: a → a",
                "f.xlsx, sheet survey, row 3, column D (relevant): calculations and conditions form a cycle: "
                        + "g → inner → g");
    }

    @Test
    void everyProblemIsCollectedNotOnlyTheFirstAndListedInReadingOrder() {
        List<FormProblem> problems = problems(survey(row("type", "name", "label", "label"),
                row("text", "a", "A", "A"), row("geopoint", "where", "Where", null), row(null, "orphan", "x", null),
                row("begin group", "g", "G", null), row("text", "9lives", "Bad name", null)));
        assertThat(problems).extracting(FormProblem::toString).containsExactly(
                "f.xlsx, sheet survey, row 1, column D (label): duplicate column: 'label' repeats column C ('label')",
                "f.xlsx, sheet survey, row 3, column A (type): unsupported type 'geopoint' of 'where': GPS and map "
                        + "questions are not supported (they need the device's position or a map)",
                "f.xlsx, sheet survey, row 4, column A (type): a row without a type",
                "f.xlsx, sheet survey, row 5, column A (type): the group 'g' begun here is never ended",
                "f.xlsx, sheet survey, row 6, column B (name): '9lives' is not a valid name (a letter or _ followed "
                        + "by letters, digits, _, - or .)");
    }

    @Test
    void groupEndsMustMatch() {
        assertThat(problems(survey(row("type", "name"), row("end group", null)))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("'end group' without a matching begin"));
    }

    @Test
    void headersAreCaseInsensitiveAndCommonAliasesAreUnderstood() throws FormException {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("Survey", new String[][] {
                row("TYPE", "Name", "Label::English (en)", "label::Dansk (da)", "Constraint", "Constraint Message",
                        "RequiredMsg", "REQUIRED", "Relevance"),
                row("Select One From YN", "q", "Q?", "S?", null, null, "Answer!", "yes", null),
                row("integer", "n", "N", "N", ". > 0", "Positive", null, "TRUE", "${q} = 'yes'")});
        sheets.put("CHOICES", new String[][] {row("list name", "name", "label::English (en)"),
                row("YN", "yes", "Yes")});
        sheets.put("settings", new String[][] {row("form_title", "form_id", "Version", "default_language"),
                row("T", "t1", "3", "English (en)")});
        Form form = XlsFormReader.read(xlsx(sheets), "f.xlsx");
        assertThat(form.languages()).containsExactly("English (en)", "Dansk (da)");
        Question q = form.question("q").orElseThrow();
        assertThat(q.type()).isEqualTo(QuestionType.SELECT_ONE);
        assertThat(q.listName()).isEqualTo("YN");
        assertThat(q.required()).isEqualTo("true()");
        assertThat(q.requiredMessage().byLanguage()).containsEntry("English (en)", "Answer!");
        Question n = form.question("n").orElseThrow();
        assertThat(n.relevant()).isEqualTo("${q} = 'yes'");
        assertThat(n.constraintMessage().in("English (en)", null)).isEqualTo("Positive");
        assertThat(form.version()).isEqualTo("3");
    }

    @Test
    void duplicateChoicesNeedTheSetting() {
        Map<String, String[][]> sheets = survey(row("type", "name", "label"), row("select_one yn", "a", "A"));
        sheets.put("choices", new String[][] {row("list_name", "name", "label"), row("yn", "yes", "Yes"),
                row("yn", "yes", "Also yes")});
        assertThat(problems(sheets)).singleElement().hasToString("f.xlsx, sheet choices, row 3, column B (name): "
                + "duplicate choice 'yes' in list 'yn' (first on row 2); set allow_choice_duplicates to allow it");
    }

    @Test
    void referencesInLabelsAreChecked() {
        assertThat(problems(survey(row("type", "name", "label"), row("note", "n", "Hello ${who}"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.column()).isEqualTo("C");
                    assertThat(p.position()).isEqualTo(6);
                    assertThat(p.message()).contains("'who'");
                });
    }

    @Test
    void aDefaultLanguageMustBeOneOfTheForms() {
        Map<String, String[][]> sheets = survey(row("type", "name", "label::English (en)"), row("text", "a", "A"));
        sheets.remove("choices"); // its untranslated labels would be in the default language, making it one
        sheets.put("settings", new String[][] {row("default_language"), row("Klingon (tlh)")});
        assertThat(problems(sheets)).singleElement().satisfies(p -> assertThat(p.toString())
                .startsWith("f.xlsx, sheet settings, row 2, column A (default_language): default_language "
                        + "'Klingon (tlh)'").contains("English (en)"));
    }

    @Test
    void aWorkbookWithoutASurveySheetIsRefusedNamingASheetThatLooksMisspelled() {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("sheet1", new String[][] {row("type", "name")});
        sheets.put("servey", new String[][] {row("type", "name")});
        assertThat(problems(sheets)).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("no sheet named 'survey' (the workbook has the sheets sheet1, servey; is 'servey' meant "
                        + "to be it?)"));
    }

    @Test
    void theOneSheetOfAWorkbookIsItsSurveyWhateverItIsCalled() throws FormException {
        Form form = XlsFormReader.read(xlsx(Map.of("Sheet1", new String[][] {row("type", "name", "label"),
                row("text", "state", "The State")})), "f.xlsx");
        assertThat(form.questions()).extracting(Question::name).containsExactly("state");
    }

    @Test
    void misspelledExtraSheetsAreWarnedAboutAndAnEmptyChoicesSheetIsFine() throws FormException {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("survey", new String[][] {row("type", "name", "label"), row("text", "a", "A")});
        sheets.put("stettings", new String[][] {row("form_title"), row("Never read")});
        sheets.put("choices", new String[][] {});
        sheets.put("_private_notes", new String[][] {row("x")});
        FormPackage read = XlsFormReader.readPackage(xlsx(sheets), "f.xlsx");
        assertThat(read.form().title()).isEqualTo("f");
        assertThat(read.warnings()).singleElement().satisfies(w -> assertThat(w.toString()).isEqualTo(
                "f.xlsx: the sheet 'stettings' is not read: is it meant to be the sheet 'settings'? (sheets whose "
                        + "names start with _ are never read)"));
    }

    @Test
    void calculateNeedsACalculationAndChoiceFilterNeedsASelect() {
        List<FormProblem> problems = problems(survey(row("type", "name", "choice_filter"),
                row("calculate", "c", null), row("text", "t", "x = 1")));
        assertThat(problems).extracting(FormProblem::message).containsExactly(
                "the calculate 'c' has no calculation", "choice_filter on 't', which is not a select question");
    }
}
