package org.barometer.app.publish.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingException;
import org.barometer.app.analysis.WeightingInput;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.barometer.app.demo.DemoFiles;
import org.barometer.app.publish.compute.FigureComputer;
import org.barometer.app.publish.compute.Headlines;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.demo.DemoEdition;
/** Bad edition files are refused as a whole, with the file and the place of every problem. */
class EditionValidationTest {

    static Publication demo;

    @BeforeAll
    static void publish() throws EditionException {
        demo = DemoSimulation.standard();
    }

    /** The demo edition's files, to be spoilt one at a time. */
    static Map<String, String> demoFiles() {
        return new LinkedHashMap<>(DemoFiles.editionFiles());
    }

    /** The demo edition's files with one field of edition.json set to a JSON value (removed when null). */
    static Map<String, String> withEditionField(String field, String json) throws IOException {
        return withEditionField(demoFiles(), field, json);
    }

    /** The files with one field of their edition.json set to a JSON value (removed when null). */
    static Map<String, String> withEditionField(Map<String, String> files, String field, String json) throws IOException {
        ObjectNode edition = (ObjectNode) JSON.readTree(files.get("edition.json"));
        if (json == null) {
            edition.remove(field);
        } else {
            edition.set(field, JSON.readTree(json));
        }
        files.put("edition.json", JSON.writeValueAsString(edition));
        return files;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** The problems an edition's files are refused with, as text. */
    static List<String> problems(Map<String, String> files) {
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e).as("the edition was accepted").isNotNull();
        return e.problems().stream().map(EditionProblem::toString).toList();
    }

    @Test
    void theDemoEditionIsValid() throws Exception {
        EditionSpec spec = DemoFiles.read(demoFiles());
        assertThat(spec.figures()).hasSize(13);
        assertThat(spec.derived()).extracting(d -> d.name()).contains("newness", "tech_group", "collaborates_outside");
    }

    @Test
    void theDemoEditionDeclaresItsWeightingAndHeadlines() throws Exception {
        EditionSpec spec = DemoFiles.read(demoFiles());
        assertThat(spec.weighting().methodName()).isEqualTo("raking");
        assertThat(spec.weighting().margins()).isEqualTo(WeightingSettings.DEFAULT_MARGINS);
        assertThat(spec.weighting().nonresponseGroups()).isNull();
        assertThat(spec.headlines()).hasSize(4);
        assertThat(spec.headlines().get(0).baseSource()).isEqualTo("true()");
        assertThat(spec.headlines().get(2).conditionSource()).isEqualTo("${collaborates_outside} = 1");
        assertThat(spec.headlines().get(3).text().en()).isEqualTo("of the latest innovations had citizens play a positive role");
    }

    @Test
    void withoutWeightingOrHeadlinesTheDefaultsApplyAndNoHeadlineIsShown() throws Exception {
        Map<String, String> files = withEditionField(withEditionField("weighting", null), "headlines", null);
        EditionSpec spec = DemoFiles.read(files);
        assertThat(spec.weighting()).isEqualTo(WeightingSettings.defaults());
        assertThat(spec.headlines()).isEmpty();
        assertThat(Headlines.compute(spec, demo.data(), demo.estimator(), demo.keys())).isEmpty();
    }

    @Test
    void everyWeightingSettingIsRead() throws Exception {
        EditionSpec spec = DemoFiles.read(withEditionField("weighting", """
                {"method": "linear", "nonresponseGroups": ["government_level", "area"],
                 "margins": [["size_group"], ["region", "language"]], "trimAbove": 3.5, "minRespondents": 4}"""));
        WeightingSettings w = spec.weighting();
        assertThat(w.options().method()).isEqualTo(WeightingOptions.Method.LINEAR);
        assertThat(w.nonresponseGroups()).containsExactly("government_level", "area");
        assertThat(w.margins()).isEqualTo(List.of(List.of("size_group"), List.of("region", "language")));
        assertThat(w.options().trimAbove()).isEqualTo(3.5);
        assertThat(w.options().minRespondents()).isEqualTo(4);
        // what is not set keeps its default
        assertThat(w.options().tolerance()).isEqualTo(WeightingOptions.defaults().tolerance());
        assertThat(DemoFiles.read(withEditionField("weighting", "{\"method\": \"none\"}"))
                .weighting()).isEqualTo(new WeightingSettings(WeightingOptions.defaults().withMethod(WeightingOptions.Method.NONE),
                        null, WeightingSettings.DEFAULT_MARGINS));
    }

    @Test
    void everyBadWeightingValueIsRefusedWithItsJsonPath() throws Exception {
        String variables = "(government_level, area, size_group, region, language)";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"method\": \"rakeing\"}", "weighting.method: unknown method 'rakeing' (raking, linear, none)");
        cases.put("{\"method\": 2}", "weighting.method: must be a non-empty text");
        cases.put("{\"trimAbove\": 1}", "weighting.trimAbove: must be a number above 1 and at most 100 (a multiple of the mean weight)");
        cases.put("{\"trimAbove\": \"3\"}", "weighting.trimAbove: must be a number above 1 and at most 100 (a multiple of the mean weight)");
        cases.put("{\"minRespondents\": 0}", "weighting.minRespondents: must be a whole number from 1 to 1000");
        cases.put("{\"minRespondents\": 2.5}", "weighting.minRespondents: must be a whole number from 1 to 1000");
        cases.put("{\"nonresponseGroups\": [\"areas\"]}", "weighting.nonresponseGroups[0]: unknown frame variable 'areas' " + variables);
        cases.put("{\"nonresponseGroups\": \"area\"}", "weighting.nonresponseGroups: must be a list of frame variables " + variables);
        cases.put("{\"nonresponseGroups\": [\"area\", \"area\"]}", "weighting.nonresponseGroups[1]: 'area' is given twice (a frame variable may be used once)");
        cases.put("{\"margins\": []}", "weighting.margins: must be a list of margins, each a list of frame variables; for no calibration, set method none");
        cases.put("{\"margins\": [[\"area\"], []]}", "weighting.margins[1]: must be a list of frame variables " + variables);
        cases.put("{\"margins\": [[\"government_level\", \"area\"], [\"area\"]]}", "weighting.margins[1][0]: 'area' is given twice (a frame variable may be used once)");
        cases.put("{\"methdo\": \"linear\"}", "weighting.methdo: unknown setting; use method, nonresponseGroups, margins, trimAbove, minRespondents");
        cases.put("\"raking\"", "weighting: must be an object with method, nonresponseGroups, margins, trimAbove, minRespondents");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(problems(withEditionField("weighting", c.getKey()))).as(c.getKey())
                    .containsExactly("edition.json: " + c.getValue());
        }
    }

    @Test
    void badHeadlinesAreRefusedWithTheirPlaces() throws Exception {
        List<String> problems = problems(withEditionField("headlines", """
                [{"condition": "${innovator} = 1", "text": {"da": "af alle", "en": "of all"}},
                 {"base": "${innovator} = 1", "text": {"da": "kun dansk"}},
                 {"base": "${innovater} = 1", "condition": "${tech} = 1 and", "text": {"da": "x", "en": "x"}},
                 "not an object"]"""));
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).isEqualTo("edition.json: headlines[1].condition: missing");
        assertThat(problems.get(1)).isEqualTo("edition.json: headlines[1].text: needs both a Danish (da) and an English (en) text");
        assertThat(problems.get(2)).startsWith("edition.json: headlines[2].base (character 1): ").contains("innovater");
        assertThat(problems.get(3)).startsWith("edition.json: headlines[2].condition (character ").contains("does not parse");
        assertThat(problems.get(4)).isEqualTo("edition.json: headlines[3]: must be an object with base, condition and text");
        assertThat(problems(withEditionField("headlines", "{\"condition\": \"true()\"}")))
                .containsExactly("edition.json: headlines: must be a list");
    }

    @Test
    void headlinesAreWeightedSharesAndAThinCellHidesTheHeadline() throws Exception {
        EditionSpec spec = DemoFiles.read(withEditionField("headlines", """
                [{"base": "${innovator} = 1", "condition": "${tech} = 1", "text": {"da": "teknologiske", "en": "technological"}},
                 {"condition": "false()", "text": {"da": "ingen", "en": "none"}},
                 {"condition": "true()", "text": {"da": "alle", "en": "all"}}]"""));
        List<Headlines.Result> shown = Headlines.compute(spec, demo.data(), demo.estimator(), demo.keys());
        // nobody meets "false()" and everybody "true()": one of the two cells of each is empty, so both are left out
        assertThat(shown).extracting(r -> r.headline().text().en()).containsExactly("technological");
        boolean[] innovators = demo.data().condition(EditionReader.parseTrusted("${innovator} = 1"));
        boolean[] tech = demo.data().condition(EditionReader.parseTrusted("${innovator} = 1 and ${tech} = 1"));
        var expected = demo.estimator().share(innovators, tech);
        assertThat(shown.getFirst().share().estimate()).isEqualTo(expected.estimate());
        assertThat(shown.getFirst().share().n()).isEqualTo(expected.n()).isGreaterThan(1000);
    }

    @Test
    void aFigureNamingAnUnknownQuestionIsRefusedWithFileAndField() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig04.json", files.get("figures/fig04.json").replace("\"variable\": \"values\"", "\"variable\": \"valuez\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("figures/fig04.json: variable: unknown question or derived variable 'valuez'");
    }

    @Test
    void aMissingRequiredTextIsRefusedWithItsJsonPath() throws Exception {
        Map<String, String> figure = demoFiles();
        figure.put("figures/fig03.json", figure.get("figures/fig03.json")
                .replace("\"title\": {\"da\": \"Ny eller kendt teknologi\", \"en\": \"New or known technology\"},", ""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(figure));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("figures/fig03.json: title: missing");

        Map<String, String> edition = demoFiles();
        edition.put("edition.json", edition.get("edition.json")
                .replace("\"label\": {\"da\": \"Teknologi i innovationen\", \"en\": \"Technology in the innovation\"}",
                        "\"label\": null"));
        EditionException d = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(edition));
        // the variable is then left out, so the figures using it are refused after it
        assertThat(d.problems().getFirst()).hasToString("edition.json: derived[0].label: missing");
    }

    @Test
    void aFilterThatDoesNotParseIsRefusedWithItsCharacterPosition() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig05.json", files.get("figures/fig05.json")
                .replace("\"base\": \"${innovator} = 1 and ${tech} = 1\"", "\"base\": \"${innovator} = 1 and (${tech} = 1\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e.problems()).hasSize(1);
        EditionProblem p = e.problems().getFirst();
        assertThat(p.file()).isEqualTo("figures/fig05.json");
        assertThat(p.place()).isEqualTo("base");
        assertThat(p.position()).isGreaterThanOrEqualTo(20);
        assertThat(e.getMessage()).startsWith("figures/fig05.json: base (character ").contains("does not parse");
    }

    @Test
    void anUnknownNameInAnItemExpressionAndABadCategoryAreBothReported() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig06.json", files.get("figures/fig06.json").replace("${emp_inhibited} = 'great'", "${emp_inhibitted} = 'great'"));
        files.put("figures/fig01.json", files.get("figures/fig01.json").replace("\"minor\", \"none\"", "\"minor\", \"nothing\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage())
                .contains("figures/fig01.json: categories[3]: 'nothing' is not a category of 'tech_role'")
                .contains("figures/fig06.json: items[1].expression (character ")
                .contains("emp_inhibitted");
    }

    @Test
    void brokenJsonIsReportedWithLineAndColumn() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig09.json", files.get("figures/fig09.json").replace("\"chart\": \"bars\",", "\"chart\": \"bars\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e.getMessage()).startsWith("figures/fig09.json: line ").contains("not valid JSON");
    }

    @Test
    void aBreakdownCategoryWithoutRespondentsRefusesTheWholeEdition() throws Exception {
        Map<String, String> files = demoFiles();
        // figure 1b compared among state workplaces only: regions and municipalities have no respondents there
        files.put("figures/fig01b.json", files.get("figures/fig01b.json")
                .replace("\"base\": \"${innovator} = 1\"", "\"base\": \"${innovator} = 1 and ${gov_level} = 'state'\""));
        EditionSpec spec = DemoFiles.read(files);
        EditionException e = catchThrowableOfType(EditionException.class,
                () -> FigureComputer.computeAll(spec, demo.data(), demo.estimator(), demo.keys()));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage())
                .contains("figures/fig01b.json: breakdown gov_level, group 'region': no respondent in the base belongs to this breakdown category")
                .contains("group 'municipality'");
    }

    @Test
    void calibrationTotalsThatContradictTheFrameAreRefusedNamingTheMargin() {
        DemoSimulation.Population population = DemoSimulation.Population.standard();
        int frameSize = population.frame().size();
        WeightingInput good = population.survey(DemoEdition.SEED, DemoEdition.POPULATION_SEED, WeightingSettings.defaults())
                .sample().input();
        WeightingInput.Margin size = good.margins().get(1);
        double[] wrong = size.totals().clone();
        wrong[2] += 250; // 250 more large workplaces than the frame has
        WeightingInput bad = new WeightingInput(good.stratum(), good.responded(), good.stratumPopulation(), null,
                List.of(good.margins().get(0), new WeightingInput.Margin(size.name(), size.category(), size.labels(), wrong)));
        assertThatThrownBy(() -> Weighting.run(bad, WeightingOptions.defaults()))
                .isInstanceOf(WeightingException.class)
                .hasMessage("Calibration: margin 'size group' adds up to " + (frameSize + 250) + " but the frame has "
                        + frameSize + " units");
        // a category with units in the frame but no respondent in it
        WeightingInput.Margin ga = good.margins().get(0);
        List<String> labels = new java.util.ArrayList<>(ga.labels());
        labels.add("region/judiciary");
        double[] govArea = java.util.Arrays.copyOf(ga.totals(), labels.size());
        govArea[labels.size() - 1] = 100;
        govArea[0] -= 100;
        WeightingInput noRespondents = new WeightingInput(good.stratum(), good.responded(), good.stratumPopulation(), null,
                List.of(new WeightingInput.Margin(ga.name(), ga.category(), labels, govArea), size));
        assertThatThrownBy(() -> Weighting.run(noRespondents, WeightingOptions.defaults()))
                .hasMessage("Calibration: margin 'government level × area', category 'region/judiciary' has 100 units in the frame but no respondents");
    }

    @Test
    void theExplorersVariablesAndFiltersAreCheckedWithTheirPlaces() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("edition.json", files.get("edition.json").replace(
                "\"filters\": [\"gov_level\", \"area\", \"size_group\", \"size\"],",
                "\"filters\": [\"gov_level\", \"gov_level\", \"comments\"], \"filter\": 1,").replace(
                "\"variables\": [\"gov_level\",", "\"variables\": [\"tech_description\", \"gov_level\","));
        EditionException e = catchThrowableOfType(EditionException.class, () -> DemoFiles.read(files));
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains("edition.json: explorer.filter: unknown setting 'filter'")
                .contains("edition.json: explorer.variables[0]: 'tech_description' is a text question")
                .contains("edition.json: explorer.filters[1]: 'gov_level' is listed twice")
                .contains("edition.json: explorer.filters[2]: 'comments' is not among the explorer's variables");
    }

    @Test
    void theDemoEditionOffersItsSelfTestOnOnePageOfTheAnswerEngine() throws Exception {
        EditionSpec.SelfTest test = DemoFiles.read(demoFiles()).selfTest();
        assertThat(test.comparison()).isEqualTo("area");
        assertThat(test.questions()).startsWith("inno_service").hasSize(9);
        assertThat(test.batch()).isEqualTo(5);
        org.barometer.forms.engine.AnswerEngine engine = org.barometer.forms.engine.AnswerEngine.of(test.form());
        assertThat(engine.pages()).hasSize(1);
        assertThat(engine.visibleQuestions(0, Map.of())).extracting(q -> q.name())
                .containsExactlyElementsOf(test.questions());
        // only the 2018–19 edition of the demo's series offers it
        assertThat(DemoFiles.read(DemoFiles.editionFiles(org.barometer.app.demo.DemoVintage.SERIES.getFirst()))
                .selfTest()).isNull();
    }

    @Test
    void aBadSelfTestIsRefusedWithTheFileAndPlaceOfEveryProblem() throws Exception {
        assertThat(problems(withEditionField("selfTest", "[]")))
                .containsExactly("edition.json: selfTest: must be an object with comparison, questions, batch, groupDays, intro");
        assertThat(problems(withEditionField("selfTest", """
                {"comparison": "employees", "questions": ["nothing", "latest_year", "initiators", "tech_new",
                 "inno_service", "inno_service", "area"], "batch": 1, "groupDays": 0, "colour": "red"}""")))
                .containsExactlyInAnyOrder(
                        "edition.json: selfTest.colour: unknown setting; use comparison, questions, batch, groupDays, intro",
                        "edition.json: selfTest.comparison: 'employees' cannot be the self-test's comparison: it must be a variable the explorer publishes, with one category per workplace",
                        "edition.json: selfTest.questions[0]: 'nothing' is not a question of the questionnaire",
                        "edition.json: selfTest.questions[1]: 'latest_year' is a question of type integer: the self-test asks select_one questions only",
                        "edition.json: selfTest.questions[2]: 'initiators' is a question of type select_multiple: the self-test asks select_one questions only",
                        "edition.json: selfTest.questions[5]: 'inno_service' is listed twice",
                        "edition.json: selfTest.batch: must be a whole number from 5 to 1000",
                        "edition.json: selfTest.groupDays: must be a whole number from 1 to 366",
                        "edition.json: selfTest.questions[3]: 'tech_new' depends on 'tech_role', which the self-test does not ask",
                        "edition.json: selfTest.questions[3]: 'tech_new' depends on 'innovator', which the self-test does not ask");
        assertThat(problems(withEditionField("selfTest", "{\"comparison\": \"area\", \"questions\": []}")))
                .containsExactly("edition.json: selfTest.questions: must be a list of 1 to 40 questions");
        assertThat(problems(withEditionField("selfTest", "{\"comparison\": \"gov_level\", \"questions\": [\"gov_level\"]}")))
                .containsExactly("edition.json: selfTest.questions[0]: 'gov_level' is the comparison itself");
    }

    @Test
    void aCodedVariableIsPublishableOnlyWhereItsQuestionHasACodingFrame() throws Exception {
        assertThat(DemoFiles.read(demoFiles()).explorer().variables()).contains("coded.tech_description");
        // the same files read where no coding frame is stored: the explorer's coded variable is unknown
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(demoFiles(),
                DemoFiles.forms(), WeightingSettings.FRAME_VARIABLES, List.of()));
        assertThat(e).isNotNull();
        assertThat(e.problems().stream().map(EditionProblem::toString).toList()).anyMatch(p -> p.matches(
                "edition\\.json: explorer\\.variables\\[\\d+]: 'coded\\.tech_description' is neither a question of the"
                        + " questionnaire, a derived variable nor a coded open question"));
        // without an explorer section every coded variable is publishable
        Map<String, String> noExplorer = demoFiles();
        com.fasterxml.jackson.databind.node.ObjectNode edition =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(noExplorer.get("edition.json"));
        edition.remove("explorer");
        edition.remove("selfTest");
        noExplorer.put("edition.json", JSON.writeValueAsString(edition));
        assertThat(DemoFiles.read(noExplorer).explorer().variables()).contains("coded.tech_description", "tech_role")
                .doesNotContain("tech_description");
    }

    @Test
    void aSelfTestAsksNoQuestionWithAPicture() throws Exception {
        java.util.function.Function<String, org.barometer.forms.model.Form> forms = name -> {
            org.barometer.forms.model.Form f = DemoFiles.forms().apply(name);
            return f == null ? null : new org.barometer.forms.model.Form(f.id(), f.title(), f.version(),
                    f.defaultLanguage(), f.languages(), withPicture(f.items(), "inno_service"), f.choiceLists(),
                    f.allowChoiceDuplicates());
        };
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(demoFiles(), forms,
                WeightingSettings.FRAME_VARIABLES, List.of(org.barometer.app.demo.DemoCoding.variable())));
        assertThat(e.problems().stream().map(EditionProblem::toString).toList()).containsExactly(
                "edition.json: selfTest.questions[0]: 'inno_service' shows a picture: the self-test asks questions without pictures");
    }

    /** The items with a picture added to the label of one question. */
    private static List<org.barometer.forms.model.Item> withPicture(List<org.barometer.forms.model.Item> items, String name) {
        List<org.barometer.forms.model.Item> out = new java.util.ArrayList<>();
        for (org.barometer.forms.model.Item item : items) {
            out.add(switch (item) {
                case org.barometer.forms.model.Question q when q.name().equals(name) -> new org.barometer.forms.model.Question(
                        q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), q.required(),
                        q.requiredMessage(), q.relevant(), q.constraint(), q.constraintMessage(), q.calculation(),
                        q.choiceFilter(), q.appearance(), q.defaultValue(), q.readOnly(), q.parameters(),
                        new org.barometer.forms.model.Media(org.barometer.forms.model.Text.of("picture.png"),
                                org.barometer.forms.model.Text.NONE, org.barometer.forms.model.Text.of("A picture")),
                        q.metadata(), q.trigger());
                case org.barometer.forms.model.Group g -> new org.barometer.forms.model.Group(g.name(), g.label(),
                        g.relevant(), g.appearance(), withPicture(g.items(), name));
                default -> item;
            });
        }
        return out;
    }
}
