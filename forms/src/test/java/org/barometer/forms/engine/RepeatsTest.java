package org.barometer.forms.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.Workbooks;
import org.barometer.forms.xlsform.XlsFormReader;
import org.junit.jupiter.api.Test;

/** Repeats in the answer engine: answers per instance, counts, position(), count(), sum(), indexed-repeat(). */
class RepeatsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);

    static AnswerEngine engine(String[][] survey, String[][] choices) throws FormException {
        Map<String, String[][]> sheets = new java.util.LinkedHashMap<>();
        sheets.put("survey", survey);
        if (choices != null) {
            sheets.put("choices", choices);
        }
        Form form = XlsFormReader.read(Workbooks.xlsx(sheets), "r.xlsx");
        return AnswerEngine.of(form, CLOCK);
    }

    /** Sites added one by one ("add another"), each with a name and a size, and totals over them. */
    static AnswerEngine sites() throws FormException {
        return engine(new String[][] {
            {"type", "name", "label", "required", "relevant", "calculation"},
            {"begin repeat", "sites", "Sites", null, null, null},
            {"text", "site_name", "Name of site ${site_no}", "yes", null, null},
            {"integer", "site_size", "Employees at ${site_name}", null, null, null},
            {"text", "site_detail", "What is done at the large site ${site_name}?", null, "${site_size} > 50", null},
            {"calculate", "site_no", null, null, null, "position(..)"},
            {"end repeat", null, null, null, null, null},
            {"calculate", "site_count", null, null, null, "count(${sites})"},
            {"calculate", "total", null, null, null, "sum(${site_size})"},
            {"calculate", "names", null, null, null, "join(', ', ${site_name})"},
            {"calculate", "second", null, null, null, "indexed-repeat(${site_name}, ${sites}, 2)"},
            {"calculate", "largest", null, null, null, "max(${site_size})"},
            {"text", "several", "About your sites", null, "count(${sites}) > 1", null}}, null);
    }

    @Test
    void aRespondentCountedRepeatStartsWithOneInstanceAndGrowsAndShrinks() throws FormException {
        AnswerEngine engine = sites();
        PageContent page = engine.content(0, Map.of());
        assertThat(page.entries()).singleElement().isInstanceOfSatisfying(PageContent.RepeatBlock.class, block -> {
            assertThat(block.respondentCounts()).isTrue();
            assertThat(block.countKey()).isEqualTo("sites");
            assertThat(block.instances()).hasSize(1);
        });
        assertThat(page.fields()).extracting(PageContent.Field::key).containsExactly("site_name[1]", "site_size[1]");

        Map<String, String> answers = engine.savePage(0, Map.of(), Map.of("site_name[1]", "Main office",
                "site_size[1]", "80"), "en").answers();
        assertThat(engine.content(0, answers).fields()).extracting(PageContent.Field::key)
                .containsExactly("site_name[1]", "site_size[1]", "site_detail[1]");
        answers = engine.addInstance("sites", List.of(), answers);
        assertThat(answers).containsEntry("sites", "2");
        assertThat(engine.check(0, answers, "en")).singleElement().satisfies(v -> {
            assertThat(v.question()).isEqualTo("site_name[2]");
            assertThat(v.kind()).isEqualTo(Violation.Kind.REQUIRED);
        });
        SaveResult saved = engine.savePage(0, answers, Map.of("site_name[2]", "Depot", "site_size[2]", "12",
                "site_detail[1]", "Administration"), "en");
        assertThat(saved.accepted()).isTrue();
        answers = saved.answers();
        assertThat(engine.calculatedValues(answers)).containsEntry("site_count", "2").containsEntry("total", "92")
                .containsEntry("names", "Main office, Depot").containsEntry("second", "Depot")
                .containsEntry("largest", "80").containsEntry("site_no[1]", "1").containsEntry("site_no[2]", "2");
        assertThat(engine.isRelevant("several", answers)).isTrue();
        assertThat(engine.isRelevant("site_detail[1]", answers)).isTrue();
        assertThat(engine.isRelevant("site_detail[2]", answers)).isFalse();
        assertThat(engine.instances("sites", answers)).containsExactly(List.of(1), List.of(2));

        Map<String, String> removed = engine.removeInstance("sites", List.of(1), answers);
        assertThat(removed).containsEntry("sites", "1").containsEntry("site_name[1]", "Depot")
                .containsEntry("site_size[1]", "12").doesNotContainKeys("site_name[2]", "site_detail[1]");
        assertThat(engine.calculatedValues(removed)).containsEntry("site_count", "1").containsEntry("second", "");
    }

    @Test
    void labelsOfAnInstanceShowThatInstancesAnswers() throws FormException {
        AnswerEngine engine = sites();
        Map<String, String> answers = Map.of("sites", "2", "site_name[1]", "Main office", "site_name[2]", "Depot");
        var q = engine.form().question("site_size").orElseThrow();
        assertThat(engine.render(q.label(), "site_size[2]", answers, "en")).isEqualTo("Employees at Depot");
        var name = engine.form().question("site_name").orElseThrow();
        assertThat(engine.render(name.label(), "site_name[2]", answers, "en")).isEqualTo("Name of site 2");
    }

    @Test
    void fewerInstancesClearTheAnswersOfTheOnesThatGo() throws FormException {
        AnswerEngine engine = sites();
        Map<String, String> answers = new HashMap<>(Map.of("sites", "2", "site_name[1]", "A", "site_name[2]", "B",
                "site_size[2]", "7", "several", "x"));
        SaveResult saved = engine.savePage(0, answers, Map.of("sites", "1"), "en");
        assertThat(saved.accepted()).isTrue();
        assertThat(saved.cleared()).containsExactly("site_name[2]", "site_size[2]", "several");
        assertThat(saved.answers()).isEqualTo(Map.of("sites", "1", "site_name[1]", "A"));
    }

    @Test
    void answersToInstancesThatDoNotExistOrToOtherPagesAreRefused() throws FormException {
        AnswerEngine engine = sites();
        assertThatThrownBy(() -> engine.savePage(0, Map.of(), Map.of("site_name[3]", "x"), "en"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> engine.savePage(0, Map.of(), Map.of("site_name", "x"), "en"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'site_name'");
        assertThatThrownBy(() -> engine.addInstance("site_name", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a repeat");
    }

    @Test
    void aCountFromAnAnswerSetsTheInstancesAndChangingItClears() throws FormException {
        AnswerEngine engine = engine(new String[][] {
            {"type", "name", "label", "repeat_count", "calculation"},
            {"integer", "n", "How many members?", null, null},
            {"begin repeat", "members", "Member", "${n}", null},
            {"integer", "age", "Age of member ${pos}", null, null},
            {"calculate", "pos", null, null, "position(..)"},
            {"end repeat", null, null, null, null},
            {"calculate", "mean_age", null, null, "sum(${age}) div count(${members})"}}, null);
        assertThat(engine.content(1, Map.of()).entries()).as("no instances while n is unanswered").isEmpty();
        assertThat(engine.nextPage(0, Map.of())).isEmpty();
        Map<String, String> answers = Map.of("n", "3", "age[1]", "30", "age[2]", "40", "age[3]", "50");
        assertThat(engine.content(1, answers).fields()).hasSize(3);
        assertThat(engine.calculatedValues(answers)).containsEntry("mean_age", "40");
        assertThatThrownBy(() -> engine.addInstance("members", List.of(), answers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the form sets");
        SaveResult saved = engine.savePage(0, answers, Map.of("n", "2"), "en");
        assertThat(saved.cleared()).containsExactly("age[3]");
        assertThat(engine.calculatedValues(saved.answers())).containsEntry("mean_age", "35");
        assertThat(engine.content(1, Map.of("n", "100000")).fields()).hasSize(AnswerEngine.MAX_INSTANCES);
    }

    @Test
    void nestedRepeatsCountWithinTheirOuterInstance() throws FormException {
        AnswerEngine engine = engine(new String[][] {
            {"type", "name", "label", "calculation"},
            {"begin repeat", "sites", "Site", null},
            {"begin repeat", "visits", "Visit", null},
            {"date", "visit_date", "Date", null},
            {"end repeat", null, null, null},
            {"calculate", "visits_here", null, "count(${visits})"},
            {"end repeat", null, null, null},
            {"calculate", "all_visits", null, "count(${visits})"}}, null);
        Map<String, String> answers = Map.of("sites", "2", "visits[1]", "3", "visits[2]", "1",
                "visit_date[1][2]", "2026-01-05", "visit_date[2][1]", "2026-02-01");
        assertThat(engine.calculatedValues(answers)).containsEntry("visits_here[1]", "3")
                .containsEntry("visits_here[2]", "1").containsEntry("all_visits", "4");
        assertThat(engine.instances("visits", answers)).containsExactly(List.of(1, 1), List.of(1, 2), List.of(1, 3),
                List.of(2, 1));
        assertThat(engine.content(0, answers).fields()).extracting(PageContent.Field::key).containsExactly(
                "visit_date[1][1]", "visit_date[1][2]", "visit_date[1][3]", "visit_date[2][1]");
        Map<String, String> fewer = engine.removeInstance("visits", List.of(1, 1), answers);
        assertThat(fewer).containsEntry("visits[1]", "2").containsEntry("visit_date[1][1]", "2026-01-05")
                .containsEntry("visit_date[2][1]", "2026-02-01").hasSize(5);
        assertThat(engine.record(answers)).containsEntry("visit_date[1][2]", "2026-01-05")
                .containsEntry("visits_here[2]", "1");
    }

    @Test
    void aLoopHasOneInstancePerChoiceWithItsLabelAndName() throws FormException {
        AnswerEngine engine = engine(new String[][] {
            {"type", "name", "label", "relevant"},
            {"select_multiple toilet", "available", "Which toilets are there?", null},
            {"begin loop over toilet", "toilets", null, null},
            {"integer", "number", "How many %(label)s are there?", "selected(${available}, '%(name)s')"},
            {"end loop", null, null, null}},
            new String[][] {{"list_name", "name", "label"}, {"toilet", "pit", "pit latrines"},
                {"toilet", "flush", "flush toilets"}});
        Map<String, String> answers = Map.of("available", "flush");
        PageContent page = engine.content(1, answers);
        assertThat(page.entries()).singleElement().isInstanceOfSatisfying(PageContent.RepeatBlock.class, block -> {
            assertThat(block.respondentCounts()).isFalse();
            assertThat(block.instances()).extracting(i -> i.choice().name()).containsExactly("pit", "flush");
        });
        assertThat(page.fields()).extracting(PageContent.Field::key).containsExactly("number[2]");
        var number = engine.form().question("number").orElseThrow();
        assertThat(engine.render(number.label(), "number[2]", answers, null))
                .isEqualTo("How many flush toilets are there?");
    }
}
