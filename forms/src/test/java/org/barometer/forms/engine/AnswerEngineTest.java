package org.barometer.forms.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;
import org.barometer.forms.xlsform.XlsFormReader;
import org.barometer.forms.xlsform.XlsFormSamplesTest;
import org.junit.jupiter.api.Test;

/** The answer engine on the pyxform samples and on small forms built for one rule each. */
class AnswerEngineTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2020-01-15T12:00:00Z"), ZoneOffset.UTC);

    static AnswerEngine sample(String name) throws FormException {
        return AnswerEngine.of(XlsFormReader.read(XlsFormSamplesTest.sampleBytes(name), name), CLOCK);
    }

    static Question question(String name, QuestionType type) {
        return new Question(name, type, null, false, Text.of(name), null, null, null, null, null, null, null, null,
                null, null, null);
    }

    static Question with(Question q, String required, String relevant, String constraint, String calculation,
                         String defaultValue, String readOnly) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), required,
                q.requiredMessage(), relevant, constraint, q.constraintMessage(), calculation, q.choiceFilter(),
                q.appearance(), defaultValue, readOnly);
    }

    static Form form(List<org.barometer.forms.model.Item> items) {
        return new Form("f", "F", null, null, List.of(""), items, Map.of(), false);
    }

    @Test
    void cascadingSelectsOfferOnlyTheMatchingChoices() throws FormException {
        AnswerEngine engine = sample("choice_filter_test.xlsx");
        assertThat(engine.options("county", Map.of(), null)).isEmpty();
        assertThat(engine.options("county", Map.of("state", "washington"), null)).extracting(Option::name)
                .containsExactly("king", "pierce");
        assertThat(engine.options("county", Map.of("state", "texas"), null)).extracting(Option::label)
                .containsExactly("King", "Cameron");
        assertThat(engine.options("city", Map.of("state", "washington", "county", "king"), null))
                .extracting(Option::name).containsExactly("dumont", "finney", "seattle", "redmond");
        assertThat(engine.check(2, Map.of("county", "king", "city", "tacoma"), null)).singleElement()
                .satisfies(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID));
    }

    @Test
    void ungroupedQuestionsAreOnePageEach() throws FormException {
        AnswerEngine engine = sample("text_and_integer.xlsx");
        assertThat(engine.pages()).extracting(Page::name).containsExactly("your_name", "your_age");
        assertThat(engine.firstPage(Map.of())).hasValue(0);
        assertThat(engine.nextPage(0, Map.of())).hasValue(1);
        assertThat(engine.nextPage(1, Map.of())).isEmpty();
        assertThat(engine.previousPage(1, Map.of())).hasValue(0);
        assertThat(engine.check(1, Map.of("your_age", "4.5"), "english")).singleElement()
                .isEqualTo(new Violation("your_age", Violation.Kind.INVALID, "Enter a whole number.",
                        FormText.of("answer.integer")));
        assertThat(engine.isComplete(Map.of())).as("nothing is required").isTrue();
    }

    @Test
    void orOtherSampleOffersOtherAndItsTextField() throws FormException {
        AnswerEngine engine = sample("or_other.xlsx");
        assertThat(engine.options("fav_color", Map.of(), null)).extracting(Option::name)
                .containsExactly("red", "green", "blue", "mauve", "apricot", "other");
        assertThat(engine.relevantQuestions(Map.of("fav_color", "other"))).contains("fav_color_other");
        assertThat(engine.relevantQuestions(Map.of("fav_color", "red"))).doesNotContain("fav_color_other");
        SaveResult saved = engine.savePage(0, Map.of(), Map.of("fav_color", "other", "fav_color_other", "teal"),
                null);
        assertThat(saved.answers()).containsEntry("fav_color_other", "teal");
    }

    @Test
    void groupsHideTheirQuestionsAndEmptyPagesAreSkipped() {
        Question filter = question("filter", QuestionType.INTEGER);
        Question inside = question("inside", QuestionType.TEXT);
        Question last = question("last", QuestionType.TEXT);
        Form form = form(List.of(filter, new Group("g", Text.of("G"), "${filter} > 1", null, List.of(inside)),
                last));
        AnswerEngine engine = AnswerEngine.of(form, CLOCK);
        assertThat(engine.nextPage(0, Map.of("filter", "1"))).hasValue(2);
        assertThat(engine.nextPage(0, Map.of("filter", "2"))).hasValue(1);
        assertThat(engine.isRelevant("inside", Map.of("filter", "1"))).isFalse();
        assertThat(engine.previousPage(2, Map.of("filter", "0"))).hasValue(0);
        SaveResult saved = engine.savePage(0, Map.of("filter", "5", "inside", "x", "last", "y"),
                Map.of("filter", "0"), null);
        assertThat(saved.cleared()).containsExactly("inside");
        assertThat(saved.answers()).isEqualTo(Map.of("filter", "0", "last", "y"));
    }

    @Test
    void calculationsDefaultsDatesAndTodayFollowOdk() {
        Question born = question("born", QuestionType.DATE);
        Question age = with(question("age", QuestionType.CALCULATE), null, null, null,
                "int((today() - date(${born})) div 365.25)", null, null);
        Question count = with(question("count", QuestionType.INTEGER), "true()", null, ". >= ${age}", null, "3",
                null);
        AnswerEngine engine = AnswerEngine.of(form(List.of(born, age, count)), CLOCK);
        assertThat(engine.calculatedValues(Map.of("born", "1990-01-16"))).containsEntry("age", "29");
        assertThat(engine.check(2, Map.of("born", "2018-01-01"), null)).as("the default answer, 3").isEmpty();
        assertThat(engine.check(2, Map.of("born", "2000-01-01", "count", "2"), null)).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("This answer is not allowed."));
        assertThat(engine.check(0, Map.of("born", "2019-02-30"), null)).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("Enter a date as yyyy-mm-dd."));
    }

    @Test
    void readOnlyQuestionsKeepTheirValueAndUnknownNamesAreRefused() {
        Question fixed = with(question("fixed", QuestionType.TEXT), null, null, null, null, null, "true()");
        Question free = question("free", QuestionType.TEXT);
        Form form = form(List.of(new Group("p", Text.of("P"), null, "field-list", List.of(fixed, free))));
        AnswerEngine engine = AnswerEngine.of(form, CLOCK);
        SaveResult saved = engine.savePage(0, Map.of("fixed", "kept"), Map.of("fixed", "changed", "free", "x"),
                null);
        assertThat(saved.answers()).isEqualTo(Map.of("fixed", "kept", "free", "x"));
        assertThatThrownBy(() -> engine.savePage(0, Map.of(), Map.of("elsewhere", "x"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'elsewhere'");
    }

    @Test
    void aFormWithABrokenExpressionIsRefusedByTheEngineNamingTheQuestion() {
        Question bad = with(question("bad", QuestionType.TEXT), null, "${x} = (", null, null, null, null);
        assertThatThrownBy(() -> AnswerEngine.of(form(List.of(bad)), CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relevant of 'bad'");
    }

    @Test
    void anAnswerOnWhichAConstraintBacktracksWithoutEndIsRefusedNotWorkedOnForSeconds() {
        Question code = with(question("code", QuestionType.TEXT), null, null, "regex(., '^(.*a){7}$')", null, null,
                null);
        AnswerEngine engine = AnswerEngine.of(form(List.of(code)), CLOCK);
        SaveResult attack = engine.savePage(0, Map.of(), Map.of("code", "a".repeat(24) + "!"), "en");
        assertThat(attack.accepted()).isFalse();
        assertThat(attack.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.CONSTRAINT);
            assertThat(v.question()).isEqualTo("code");
        });
        assertThat(engine.savePage(0, Map.of(), Map.of("code", "aaaaaaa"), "en").accepted()).isTrue();
    }

    @Test
    void aDraftSaveKeepsWhatIsValidAndReportsTheRest() {
        Question filter = with(question("filter", QuestionType.INTEGER), "true()", null, null, null, null, null);
        Question follow = with(question("follow", QuestionType.TEXT), "true()", "${filter} > 1", null, null, null, null);
        Question count = with(question("count", QuestionType.INTEGER), null, null, ". <= 10", null, null, null);
        Form form = form(List.of(new Group("p", Text.of("P"), null, "field-list", List.of(filter, follow, count))));
        AnswerEngine engine = AnswerEngine.of(form, CLOCK);
        Map<String, String> given = Map.of("filter", "5", "follow", "", "count", "11");

        assertThat(engine.savePage(0, Map.of("count", "3"), given, "en").accepted()).isFalse();
        SaveResult draft = engine.saveDraft(0, Map.of("count", "3"), given, "en");
        assertThat(draft.accepted()).isTrue();
        assertThat(draft.answers()).as("the valid answer is kept, the refused one keeps its earlier value")
                .isEqualTo(Map.of("filter", "5", "count", "3"));
        assertThat(draft.violations()).extracting(Violation::question, Violation::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("count", Violation.Kind.CONSTRAINT),
                org.assertj.core.groups.Tuple.tuple("follow", Violation.Kind.REQUIRED));

        assertThat(engine.isRequired("filter", Map.of())).isTrue();
        assertThat(engine.isRequired("count", Map.of())).isFalse();

        SaveResult fine = engine.saveDraft(0, Map.of(), Map.of("filter", "1", "count", "2"), "en");
        assertThat(fine.violations()).isEmpty();
        assertThat(fine).isEqualTo(engine.savePage(0, Map.of(), Map.of("filter", "1", "count", "2"), "en"));
    }
}
