package org.barometer.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.DemoFrame;
import org.barometer.app.analysis.DemoSurvey;
import org.barometer.app.analysis.Weighting;
import org.barometer.app.analysis.WeightingException;
import org.barometer.app.analysis.WeightingInput;
import org.barometer.app.analysis.WeightingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad edition files are refused as a whole, with the file and the place of every problem. */
class EditionValidationTest {

    static DemoPublication demo;

    @BeforeAll
    static void publish() throws EditionException {
        demo = DemoPublication.standard();
    }

    /** The demo edition's files, to be spoilt one at a time. */
    static Map<String, String> demoFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        String folder = DemoPublication.EDITION_FOLDER;
        files.put("edition.json", resource(folder + "/edition.json"));
        for (String f : List.of("fig01", "fig01b", "fig01c", "fig03", "fig04", "fig04b", "fig05", "fig06", "fig07", "fig08",
                "fig09", "fig10")) {
            files.put("figures/" + f + ".json", resource(folder + "/figures/" + f + ".json"));
        }
        return files;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = EditionValidationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDemoEditionIsValid() throws Exception {
        EditionSpec spec = EditionReader.read(demoFiles(), EditionForms::byName);
        assertThat(spec.figures()).hasSize(12);
        assertThat(spec.derived()).extracting(d -> d.name()).contains("newness", "tech_group", "collaborates_outside");
    }

    @Test
    void aFigureNamingAnUnknownQuestionIsRefusedWithFileAndField() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig04.json", files.get("figures/fig04.json").replace("\"variable\": \"values\"", "\"variable\": \"valuez\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(files, EditionForms::byName));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("figures/fig04.json: variable: unknown question or derived variable 'valuez'");
    }

    @Test
    void aMissingRequiredTextIsRefusedWithItsJsonPath() throws Exception {
        Map<String, String> figure = demoFiles();
        figure.put("figures/fig03.json", figure.get("figures/fig03.json")
                .replace("\"title\": {\"da\": \"Ny eller kendt teknologi\", \"en\": \"New or known technology\"},", ""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(figure, EditionForms::byName));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("figures/fig03.json: title: missing");

        Map<String, String> edition = demoFiles();
        edition.put("edition.json", edition.get("edition.json")
                .replace("\"label\": {\"da\": \"Teknologi i innovationen\", \"en\": \"Technology in the innovation\"}",
                        "\"label\": null"));
        EditionException d = catchThrowableOfType(EditionException.class, () -> EditionReader.read(edition, EditionForms::byName));
        // the variable is then left out, so the figures using it are refused after it
        assertThat(d.problems().getFirst()).hasToString("edition.json: derived[0].label: missing");
    }

    @Test
    void aFilterThatDoesNotParseIsRefusedWithItsCharacterPosition() throws Exception {
        Map<String, String> files = demoFiles();
        files.put("figures/fig05.json", files.get("figures/fig05.json")
                .replace("\"base\": \"${innovator} = 1 and ${tech} = 1\"", "\"base\": \"${innovator} = 1 and (${tech} = 1\""));
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(files, EditionForms::byName));
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
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(files, EditionForms::byName));
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
        EditionException e = catchThrowableOfType(EditionException.class, () -> EditionReader.read(files, EditionForms::byName));
        assertThat(e.getMessage()).startsWith("figures/fig09.json: line ").contains("not valid JSON");
    }

    @Test
    void aBreakdownCategoryWithoutRespondentsRefusesTheWholeEdition() throws Exception {
        Map<String, String> files = demoFiles();
        // figure 1b compared among state workplaces only: regions and municipalities have no respondents there
        files.put("figures/fig01b.json", files.get("figures/fig01b.json")
                .replace("\"base\": \"${innovator} = 1\"", "\"base\": \"${innovator} = 1 and ${gov_level} = 'state'\""));
        EditionSpec spec = EditionReader.read(files, EditionForms::byName);
        EditionException e = catchThrowableOfType(EditionException.class,
                () -> FigureComputer.computeAll(spec, demo.data(), demo.estimator()));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage())
                .contains("figures/fig01b.json: breakdown gov_level, group 'region': no respondent in the base belongs to this breakdown category")
                .contains("group 'municipality'");
    }

    @Test
    void calibrationTotalsThatContradictTheFrameAreRefusedNamingTheMargin() {
        DemoFrame frame = demo.frame();
        WeightingInput good = DemoSurvey.weightingInput(frame, demo.survey().sampled(), demo.survey().responded());
        WeightingInput.Margin size = good.margins().get(1);
        double[] wrong = size.totals().clone();
        wrong[2] += 250; // 250 more large workplaces than the frame has
        WeightingInput bad = new WeightingInput(good.stratum(), good.responded(), good.stratumPopulation(), null,
                List.of(good.margins().get(0), new WeightingInput.Margin(size.name(), size.category(), size.labels(), wrong)));
        assertThatThrownBy(() -> Weighting.run(bad, WeightingOptions.defaults()))
                .isInstanceOf(WeightingException.class)
                .hasMessage("Calibration: margin 'size group' adds up to " + (frame.size() + 250) + " but the frame has "
                        + frame.size() + " units");
        double[] empty = size.totals().clone();
        empty[0] += 100;
        empty[1] -= 100;
        double[] govArea = good.margins().get(0).totals().clone();
        // a category the frame has but no respondent is in
        int judiciaryRegion = 1 * DemoFrame.AREAS.size() + 1;
        govArea[judiciaryRegion] = 100;
        govArea[0] -= 100;
        WeightingInput.Margin ga = good.margins().get(0);
        WeightingInput noRespondents = new WeightingInput(good.stratum(), good.responded(), good.stratumPopulation(), null,
                List.of(new WeightingInput.Margin(ga.name(), ga.category(), ga.labels(), govArea), size));
        assertThatThrownBy(() -> Weighting.run(noRespondents, WeightingOptions.defaults()))
                .hasMessage("Calibration: margin 'government level × area', category 'region/judiciary' has 100 units in the frame but no respondents");
    }
}
