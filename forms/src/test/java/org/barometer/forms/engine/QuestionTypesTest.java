package org.barometer.forms.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barometer.forms.engine.RepeatsTest.CLOCK;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.data.ExternalData;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.xlsform.FormPackage;
import org.barometer.forms.xlsform.Workbooks;
import org.barometer.forms.xlsform.XlsFormReader;
import org.junit.jupiter.api.Test;

/** The answer engine on rank, range, time, datetime, hidden, metadata, trigger, randomized lists and grids. */
class QuestionTypesTest {

    private static final String[][] TEN = {{"list_name", "name", "label"}, {"ten", "a", "A"}, {"ten", "b", "B"},
        {"ten", "c", "C"}, {"ten", "d", "D"}, {"ten", "e", "E"}, {"ten", "f", "F"}, {"ten", "g", "G"},
        {"ten", "h", "H"}, {"ten", "i", "I"}, {"ten", "j", "J"}};

    static AnswerEngine engine(String[][] survey) throws FormException {
        return RepeatsTest.engine(survey, TEN);
    }

    private static String violation(AnswerEngine engine, int page, String name, String answer) {
        List<Violation> v = engine.check(page, Map.of(name, answer), "en");
        return v.isEmpty() ? null : v.getFirst().message();
    }

    @Test
    void rankWantsEveryOfferedChoiceOnceInOrder() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "choice_filter"},
            {"rank ten", "priorities", "Put these in order", "name = 'a' or name = 'b' or name = 'c'"}});
        assertThat(engine.form().question("priorities").orElseThrow().type()).isEqualTo(QuestionType.RANK);
        assertThat(engine.options("priorities", Map.of(), "en")).extracting(Option::name).containsExactly("a", "b",
                "c");
        assertThat(violation(engine, 0, "priorities", "c a b")).isNull();
        assertThat(violation(engine, 0, "priorities", "c a")).isEqualTo("Put every option in order, each once.");
        assertThat(violation(engine, 0, "priorities", "c a a")).isEqualTo("Put every option in order, each once.");
        assertThat(violation(engine, 0, "priorities", "c a d")).isEqualTo("Put every option in order, each once.");
    }

    @Test
    void rangeWantsANumberOnItsScale() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "parameters"},
            {"range", "satisfaction", "How satisfied?", "start=0 end=10 step=2"}, {"range", "plain", "Plain", null}});
        assertThat(engine.form().question("plain").orElseThrow().parameters())
                .isEqualTo(Map.of("start", "1", "end", "10", "step", "1"));
        assertThat(violation(engine, 0, "satisfaction", "4")).isNull();
        assertThat(violation(engine, 0, "satisfaction", "5")).isEqualTo("Choose a number from 0 to 10 in steps of 2.");
        assertThat(violation(engine, 0, "satisfaction", "12")).isNotNull();
        assertThat(violation(engine, 0, "satisfaction", "ten")).isNotNull();
        assertThat(violation(engine, 1, "plain", "10")).isNull();
        assertThat(violation(engine, 1, "plain", "0")).isNotNull();
    }

    @Test
    void timeAndDateTimeAnswersAreWrittenAsBrowsersSendThem() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "constraint"},
            {"time", "opens", "Opening time", ". < '12:00'"}, {"datetime", "visit", "Visit", ". > '2026-01-01T00:00'"}});
        assertThat(violation(engine, 0, "opens", "08:30")).isNull();
        assertThat(violation(engine, 0, "opens", "8:30")).isEqualTo("Enter a time as hh:mm (24 hours).");
        assertThat(violation(engine, 0, "opens", "25:00")).isNotNull();
        assertThat(violation(engine, 0, "opens", "13:00")).isEqualTo("This answer is not allowed.");
        assertThat(violation(engine, 1, "visit", "2026-11-27T14:05")).isNull();
        assertThat(violation(engine, 1, "visit", "2026-11-27 14:05")).isEqualTo(
                "Enter a date and time as yyyy-mm-dd and hh:mm.");
        assertThat(violation(engine, 1, "visit", "2025-11-27T14:05")).isEqualTo("This answer is not allowed.");
    }

    @Test
    void metadataIsRecordedNotAskedAndHiddenValuesAreNotShown() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "default", "calculation"},
            {"start", "started", null, null, null}, {"end", "ended", null, null, null},
            {"today", "day", null, null, null}, {"deviceid", "device", null, null, null},
            {"simserial", "sim", null, null, null}, {"hidden", "workplace_id", null, "unknown", null},
            {"calculate", "opened_on", null, null, "${day}"}, {"text", "q", "Q", null, null}});
        assertThat(engine.pages()).hasSize(8);
        assertThat(engine.firstPage(Map.of())).hasValue(7);
        assertThat(engine.calculatedValues(Map.of())).containsEntry("opened_on", "2026-11-27");
        Map<String, String> opened = engine.recordMetadata(Map.of(), "session-7f3a", false);
        assertThat(opened).isEqualTo(Map.of("started", "2026-11-27T10:15:30", "day", "2026-11-27",
                "device", "session-7f3a"));
        Map<String, String> again = engine.recordMetadata(Map.of("started", "2026-11-26T09:00:00"), "other", true);
        assertThat(again).containsEntry("started", "2026-11-26T09:00:00").containsEntry("device", "other")
                .containsEntry("ended", "2026-11-27T10:15:30").doesNotContainKey("sim");
        assertThat(engine.record(Map.of("q", "x"))).containsEntry("workplace_id", "unknown")
                .containsEntry("day", "2026-11-27").doesNotContainKey("started");
    }

    @Test
    void aTriggeredCalculationIsWorkedOutWhenItsQuestionChangesAndThenKept() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "calculation", "trigger"},
            {"text", "q", "Q", null, null}, {"calculate", "answered_at", null, "now()", "${q}"},
            {"text", "r", "R", null, null}});
        SaveResult first = engine.savePage(0, Map.of(), Map.of("q", "x"), "en");
        assertThat(first.answers()).containsEntry("answered_at", "2026-11-27T10:15:30");
        Map<String, String> later = new LinkedHashMap<>(first.answers());
        later.put("answered_at", "2026-11-27T08:00:00");
        SaveResult otherPage = engine.savePage(2, later, Map.of("r", "y"), "en");
        assertThat(otherPage.answers()).containsEntry("answered_at", "2026-11-27T08:00:00");
        assertThat(engine.calculatedValues(otherPage.answers())).containsEntry("answered_at", "2026-11-27T08:00:00");
        SaveResult changed = engine.savePage(0, later, Map.of("q", "z"), "en");
        assertThat(changed.answers()).containsEntry("answered_at", "2026-11-27T10:15:30");
    }

    @Test
    void aRandomizedListIsShownInTheOrderDrawnForEachRespondentAndKeepsIt() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "parameters"},
            {"select_one ten or_other", "pick", "Pick", "randomize=true"}, {"select_one ten", "plain", "P", null}});
        List<String> one = engine.options("pick", Map.of(), "en", 1L).stream().map(Option::name).toList();
        List<String> two = engine.options("pick", Map.of(), "en", 2L).stream().map(Option::name).toList();
        assertThat(one).hasSize(11).endsWith("other").containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g",
                "h", "i", "j", "other");
        assertThat(one).isNotEqualTo(two).isNotEqualTo(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                "other"));
        assertThat(engine.options("pick", Map.of("plain", "a"), "en", 1L).stream().map(Option::name).toList())
                .as("the same respondent sees the same order on every page").isEqualTo(one);
        assertThat(engine.shownOrder("pick", Map.of(), 1L)).isEqualTo(one.subList(0, 10));
        assertThat(engine.options("pick", Map.of(), "en")).extracting(Option::name).startsWith("a", "b", "c");
        assertThat(engine.shownOrder("plain", Map.of(), 1L)).containsExactly("a", "b", "c", "d", "e", "f", "g", "h",
                "i", "j");
    }

    @Test
    void aSeedParameterOfTheFormSetsTheOrder() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "parameters", "calculation"},
            {"calculate", "s", null, null, "7"},
            {"select_one ten", "pick", "Pick", "randomize=true seed=${s}", null}});
        assertThat(engine.shownOrder("pick", Map.of(), 1L)).isEqualTo(engine.shownOrder("pick", Map.of(), 2L));
    }

    @Test
    void tableListGroupsAndRunsOfLikertQuestionsAreGrids() throws FormException {
        AnswerEngine engine = engine(new String[][] {{"type", "name", "label", "appearance"},
            {"begin group", "grid", "Grid", "field-list"},
            {"begin group", "table", "Table", "table-list"},
            {"select_one ten", "t1", "T1", null}, {"select_one ten", "t2", "T2", null},
            {"end group", null, null, null},
            {"select_one ten", "l1", "L1", "likert"}, {"select_one ten", "l2", "L2", "likert"},
            {"select_one ten", "l3", "L3", "likert"}, {"text", "after", "After", null},
            {"end group", null, null, null}});
        PageContent page = engine.content(0, Map.of());
        assertThat(page.entries()).hasSize(3);
        assertThat(page.entries().get(0)).isInstanceOfSatisfying(PageContent.Grid.class, g -> {
            assertThat(g.group().name()).isEqualTo("table");
            assertThat(g.listName()).isEqualTo("ten");
            assertThat(g.rows()).extracting(PageContent.Field::key).containsExactly("t1", "t2");
        });
        assertThat(page.entries().get(1)).isInstanceOfSatisfying(PageContent.Grid.class, g -> {
            assertThat(g.group()).isNull();
            assertThat(g.rows()).extracting(PageContent.Field::key).containsExactly("l1", "l2", "l3");
        });
        assertThat(page.entries().get(2)).isInstanceOf(PageContent.Field.class);
    }

    @Test
    void pulldataReadsTheFormsCsvAndTheServersTablesThroughOneSource() throws FormException {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("survey", new String[][] {{"type", "name", "label", "calculation"},
            {"hidden", "workplace", null, null},
            {"calculate", "fruit_name", null, "pulldata('fruits', 'name', 'key', 'm')"},
            {"calculate", "size", null, "pulldata('register', 'employees', 'id', ${workplace})"},
            {"integer", "employees", "Employees (${size} in the register)", null}});
        byte[] zip = Workbooks.zip(Map.of("form.xlsx", Workbooks.xlsx(sheets),
                "fruits.csv", "key,name\nm,Mango\no,Orange\n".getBytes(StandardCharsets.UTF_8)));
        FormPackage read = XlsFormReader.readPackage(zip, "form.zip", java.util.Set.of("register"));
        ExternalData register = new ExternalData() {
            @Override
            public java.util.Optional<String> lookup(String table, String column, String keyColumn, String key) {
                return key.equals("W-17") ? java.util.Optional.of("42") : java.util.Optional.empty();
            }

            @Override
            public java.util.Set<String> tables() {
                return java.util.Set.of("register");
            }
        };
        AnswerEngine engine = AnswerEngine.of(read.form(), CLOCK, register.orElse(read.externalData()));
        Map<String, String> answers = Map.of("workplace", "W-17");
        assertThat(engine.calculatedValues(answers)).containsEntry("fruit_name", "Mango").containsEntry("size", "42");
        var q = engine.form().question("employees").orElseThrow();
        assertThat(engine.render(q.label(), answers, null)).isEqualTo("Employees (42 in the register)");
    }
}
