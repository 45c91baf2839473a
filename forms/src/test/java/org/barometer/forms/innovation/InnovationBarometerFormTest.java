package org.barometer.forms.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.engine.SaveResult;
import org.barometer.forms.engine.Violation;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.FormJson;
import org.barometer.forms.xlsform.XlsFormReader;
import org.barometer.forms.xlsform.XlsFormWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed Innovation Barometer XLSForm: in sync with its generator, and every routing rule in action. */
class InnovationBarometerFormTest {
    static Form form;
    static AnswerEngine engine;

    @BeforeAll
    static void load() throws IOException, FormException {
        try (InputStream in = InnovationBarometerFormTest.class.getResourceAsStream(InnovationBarometerForm.CLASSPATH)) {
            assertThat(in).isNotNull();
            form = XlsFormReader.read(in, "innovation-barometer-2019.xlsx");
        }
        engine = AnswerEngine.of(form, Clock.fixed(Instant.parse("2020-02-01T10:00:00Z"), ZoneOffset.UTC));
    }

    static int page(String name) {
        return engine.pages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().index();
    }

    static Map<String, String> answers(String... nameValue) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    static Map<String, String> filter(String service, String process, String organisation, String communication) {
        return answers("inno_service", service, "inno_process", process, "inno_organisation", organisation,
                "inno_communication", communication);
    }

    static Map<String, String> innovator(String techRole) {
        Map<String, String> a = filter("yes", "no", "yes", "dont_know");
        a.put("tech_role", techRole);
        return a;
    }

    @Test
    void theCommittedFileIsWhatTheGeneratorWrites() {
        assertThat(form).isEqualTo(InnovationBarometerForm.form());
    }

    @Test
    void survivesXlsxAndJsonRoundTrips() throws FormException {
        assertThat(XlsFormReader.read(XlsFormWriter.write(form), "again.xlsx")).isEqualTo(form);
        assertThat(FormJson.read(FormJson.write(form))).isEqualTo(form);
    }

    @Test
    void aManagerWithoutInnovationNeverSeesTheInnovationOrTechnologyQuestions() {
        Map<String, String> a = filter("no", "no", "dont_know", "no");
        assertThat(engine.calculatedValues(a)).containsEntry("innovator", "0");
        List<String> relevant = engine.relevantQuestions(a);
        assertThat(relevant).contains("inno_service", "underway", "cult_curious", "gov_level", "employees")
                .doesNotContain("latest_type", "initiators", "tech_role", "tech_new", "tech_description",
                        "tech_core", "collaboration", "values", "emp_promoted", "cit_promoted", "evaluated",
                        "spread", "underway_type");
        assertThat(engine.nextPage(page("filter"), a)).hasValue(page("underway_page"));
        assertThat(engine.nextPage(page("underway_page"), a)).hasValue(page("culture"));
        assertThat(engine.previousPage(page("culture"), a)).hasValue(page("underway_page"));
        assertThat(engine.calculatedValues(a)).doesNotContainKey("tech_class");
    }

    @Test
    void innovationWorkUnderWayAsksWhatKind() {
        Map<String, String> a = filter("no", "no", "no", "no");
        assertThat(engine.isRelevant("underway_type", a)).isFalse();
        a.put("underway", "yes");
        assertThat(engine.isRelevant("underway_type", a)).isTrue();
        assertThat(engine.isRelevant("underway", filter("yes", "no", "no", "no"))).isFalse();
    }

    @Test
    void anInnovatorIsAskedAboutTheLatestInnovationAndSkipsTheUnderWayPage() {
        Map<String, String> a = filter("no", "dont_know", "no", "yes");
        assertThat(engine.calculatedValues(a)).containsEntry("innovator", "1");
        assertThat(engine.nextPage(page("filter"), a)).hasValue(page("latest"));
        assertThat(engine.relevantQuestions(a)).contains("latest_type", "tech_role", "collaboration", "values",
                "emp_promoted", "emp_inhibited", "cit_promoted", "cit_inhibited", "evaluated", "spread")
                .doesNotContain("underway", "tech_new");
    }

    @Test
    void technologyThatIsAMinorPartIsNotAskedAboutNewness() {
        for (String role : List.of("minor", "none", "dont_know")) {
            Map<String, String> a = innovator(role);
            assertThat(engine.isRelevant("tech_new", a)).as(role).isFalse();
            assertThat(engine.isRelevant("tech_description", a)).as(role).isFalse();
            assertThat(engine.isRelevant("tech_core", a)).as(role).isFalse();
            assertThat(engine.calculatedValues(a)).as(role).containsEntry("tech", "0")
                    .containsEntry("tech_class", "nontech");
        }
        for (String role : List.of("solution", "important")) {
            Map<String, String> a = innovator(role);
            assertThat(engine.isRelevant("tech_new", a)).as(role).isTrue();
            assertThat(engine.isRelevant("tech_description", a)).as(role).isTrue();
            assertThat(engine.calculatedValues(a)).as(role).containsEntry("tech", "1")
                    .containsEntry("tech_class", "known");
            a.put("tech_new", "new");
            assertThat(engine.calculatedValues(a)).containsEntry("tech_class", "new");
            a.put("tech_new", "dont_know");
            assertThat(engine.calculatedValues(a)).as("don't know counts as known")
                    .containsEntry("tech_class", "known");
        }
    }

    @Test
    void theLatestInnovationsKindIsChosenAmongTheKindsAnsweredYes() {
        Map<String, String> a = filter("yes", "no", "yes", "dont_know");
        assertThat(engine.options("latest_type", a, "en")).extracting(Option::name)
                .containsExactly("service", "organisation");
        assertThat(engine.options("latest_type", a, "da")).extracting(Option::label)
                .containsExactly("En ny eller væsentligt ændret service eller et produkt",
                        "En ny eller væsentligt ændret måde at organisere arbejdet på");
        a.put("latest_type", "process");
        assertThat(engine.check(page("latest"), a, "en")).anySatisfy(v -> {
            assertThat(v.question()).isEqualTo("latest_type");
            assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID);
            assertThat(v.message()).isEqualTo("Choose one of the options shown.");
        });
    }

    @Test
    void constraintsSpeakTheRespondentsLanguage() {
        Map<String, String> a = innovator("minor");
        a.put("latest_year", "2017");
        assertThat(violation(a, "latest", "latest_year", "en")).isEqualTo(new Violation("latest_year",
                Violation.Kind.CONSTRAINT, "The questionnaire is about 2018–2019.",
                org.barometer.forms.i18n.FormText.of("answer.constraint")));
        assertThat(violation(a, "latest", "latest_year", "da").message())
                .isEqualTo("Spørgeskemaet handler om 2018–2019.");
        a.put("latest_year", "2019");
        assertThat(violation(a, "latest", "latest_year", "da")).isNull();
        a.put("latest_year", "twenty");
        assertThat(violation(a, "latest", "latest_year", "en").message()).isEqualTo("Enter a whole number.");

        a.put("initiators", "management employees citizens politicians");
        assertThat(violation(a, "latest", "initiators", "en").kind()).isEqualTo(Violation.Kind.CONSTRAINT);
        a.put("initiators", "management employees new_technology");
        assertThat(violation(a, "latest", "initiators", "en")).isNull();

        a.put("collaboration", "none private");
        assertThat(violation(a, "collaboration_page", "collaboration", "da").message())
                .isEqualTo("'Vi samarbejdede ikke med andre' kan ikke vælges sammen med andre.");
        a.put("collaboration", "none");
        assertThat(violation(a, "collaboration_page", "collaboration", "da")).isNull();

        Map<String, String> b = filter("no", "no", "no", "no");
        b.put("employees", "0");
        assertThat(violation(b, "background", "employees", "en").message())
                .isEqualTo("Enter a number between 1 and 100,000.");
        b.put("employees", "57");
        assertThat(engine.calculatedValues(b)).containsEntry("size_group", "50-99");
    }

    static Violation violation(Map<String, String> a, String page, String question, String language) {
        return engine.check(page(page), a, language).stream().filter(v -> v.question().equals(question))
                .findFirst().orElse(null);
    }

    @Test
    void requiredQuestionsAreRequiredInBothLanguagesAndARefusedSaveChangesNothing() {
        Map<String, String> before = answers("comments", "kept");
        SaveResult result = engine.savePage(page("filter"), before, answers("inno_service", "yes"), "da");
        assertThat(result.accepted()).isFalse();
        assertThat(result.answers()).isEqualTo(before);
        assertThat(result.violations()).extracting(Violation::question)
                .containsExactly("inno_process", "inno_organisation", "inno_communication");
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message())
                .isEqualTo("Spørgsmålet skal besvares."));
        assertThat(engine.savePage(page("filter"), before, answers("inno_service", "yes"), "en").violations()
                .getFirst().message()).isEqualTo("This question must be answered.");
    }

    @Test
    void orOtherAddsAnOtherOptionWithItsOwnTextField() {
        Map<String, String> a = innovator("minor");
        assertThat(engine.options("values", a, "en")).last().isEqualTo(new Option("other", "Other"));
        assertThat(engine.options("values", a, "da")).last().isEqualTo(new Option("other", "Andet"));
        assertThat(engine.isRelevant("values_other", a)).isFalse();
        a.put("values", "quality other");
        assertThat(engine.isRelevant("values_other", a)).isTrue();
        a.put("values_other", "Faster case handling");
        SaveResult saved = engine.savePage(page("value_page"), a, answers("values", "quality"), "en");
        assertThat(saved.accepted()).isTrue();
        assertThat(saved.cleared()).containsExactly("values_other");
        assertThat(saved.answers()).doesNotContainKey("values_other").containsEntry("values", "quality");
    }

    @Test
    void answersThatBecomeIrrelevantAreClearedWhenThePageIsSaved() {
        Map<String, String> a = innovator("solution");
        a.putAll(answers("latest_type", "service", "latest_year", "2019", "tech_new", "new",
                "tech_description", "A chatbot", "tech_core", "yes", "collaboration", "private",
                "cult_curious", "completely_agree"));
        // The technology becomes a minor part: the newness, description and core-task answers go.
        SaveResult minor = engine.savePage(page("technology"), a, answers("tech_role", "minor"), "en");
        assertThat(minor.accepted()).isTrue();
        assertThat(minor.cleared()).containsExactly("tech_new", "tech_description", "tech_core");
        // Going back to say there was no innovation clears every innovation answer, in form order.
        SaveResult none = engine.savePage(page("filter"), minor.answers(), filter("no", "no", "no", "no"), "en");
        assertThat(none.accepted()).isTrue();
        assertThat(none.cleared()).containsExactly("latest_type", "latest_year", "tech_role", "collaboration");
        assertThat(none.answers()).containsEntry("cult_curious", "completely_agree")
                .doesNotContainKeys("tech_role", "latest_type");
    }

    @Test
    void aCompleteResponseOnEachPath() {
        Map<String, String> nonInnovator = filter("no", "no", "no", "no");
        nonInnovator.putAll(answers("underway", "no", "cult_curious", "partly_agree", "cult_ideas", "dont_know",
                "cult_failure", "partly_disagree", "cult_users", "not_applicable", "cult_learn", "completely_agree",
                "gov_level", "municipality", "area", "childcare"));
        assertThat(engine.isComplete(nonInnovator)).isFalse();
        nonInnovator.put("employees", "12");
        assertThat(engine.checkAll(nonInnovator, "en")).isEmpty();
        assertThat(engine.isComplete(nonInnovator)).isTrue();

        Map<String, String> techInnovator = new HashMap<>(nonInnovator);
        techInnovator.remove("underway");
        techInnovator.putAll(innovator("important"));
        techInnovator.putAll(answers("latest_type", "organisation", "latest_year", "2018", "novelty", "adapted",
                "initiators", "employees new_technology", "tech_new", "known", "tech_description", "Tablets",
                "tech_core", "yes", "collaboration", "own_organisation private", "values", "quality efficiency",
                "emp_promoted", "great", "emp_inhibited", "small", "cit_promoted", "not_applicable",
                "cit_inhibited", "not_at_all", "evaluated", "informal", "spread", "no"));
        assertThat(engine.checkAll(techInnovator, "en")).isEmpty();
        techInnovator.remove("tech_new");
        assertThat(engine.checkAll(techInnovator, "en")).extracting(Violation::question).containsExactly("tech_new");
    }

    /**
     * Every combination of filter answers and technology roles: the innovator path opens exactly on a "yes",
     * the technology follow-ups exactly for a technological innovation, and everyone gets culture and background.
     * These are the bases of the publication's figures (all, innovators, technological innovators).
     */
    @Test
    void theRoutingGivesThePublicationsBasesForEveryCombinationOfAnswers() {
        List<String> answers = List.of("yes", "no", "dont_know");
        List<String> roles = List.of("solution", "important", "minor", "none", "dont_know");
        int combinations = 0;
        for (String s : answers) {
            for (String p : answers) {
                for (String o : answers) {
                    for (String c : answers) {
                        boolean innovator = List.of(s, p, o, c).contains("yes");
                        for (String role : roles) {
                            Map<String, String> a = filter(s, p, o, c);
                            a.put("tech_role", role);
                            boolean tech = innovator && (role.equals("solution") || role.equals("important"));
                            List<String> asked = engine.relevantQuestions(a);
                            String why = a.toString();
                            assertThat(asked.contains("latest_type")).as(why).isEqualTo(innovator);
                            assertThat(asked.contains("tech_role")).as(why).isEqualTo(innovator);
                            assertThat(asked.contains("collaboration")).as(why).isEqualTo(innovator);
                            assertThat(asked.contains("underway")).as(why).isEqualTo(!innovator);
                            assertThat(asked.contains("tech_new")).as(why).isEqualTo(tech);
                            assertThat(asked.contains("tech_core")).as(why).isEqualTo(tech);
                            assertThat(asked).as(why).contains("cult_curious", "gov_level", "employees");
                            Map<String, String> calculated = engine.calculatedValues(a);
                            assertThat(calculated.get("innovator")).as(why).isEqualTo(innovator ? "1" : "0");
                            assertThat(calculated.get("tech")).as(why).isEqualTo(innovator ? (tech ? "1" : "0") : null);
                            combinations++;
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(81 * 5);
    }

    @Test
    void everyTextIsInBothLanguages() {
        List<String> both = List.of(InnovationBarometerForm.DA, InnovationBarometerForm.EN);
        for (var q : form.questions()) {
            for (var text : List.of(q.label(), q.hint(), q.constraintMessage(), q.requiredMessage())) {
                if (!text.isEmpty()) {
                    assertThat(text.byLanguage().keySet()).as(q.name()).containsExactlyInAnyOrderElementsOf(both);
                }
            }
            assertThat(q.label().isEmpty()).as(q.name() + " has a label").isFalse();
        }
        form.choiceLists().values().forEach(list -> list.choices().forEach(c -> assertThat(
                c.label().byLanguage().keySet()).as(list.name() + "/" + c.name()).containsExactlyInAnyOrderElementsOf(both)));
    }

    @Test
    void labelsAndPagesInBothLanguages() {
        assertThat(form.languages()).containsExactly("Dansk (da)", "English (en)");
        assertThat(form.defaultLanguage()).isEqualTo("Dansk (da)");
        var techRole = form.question("tech_role").orElseThrow();
        assertThat(engine.render(techRole.label(), Map.of(), "en"))
                .isEqualTo("To what extent is technology part of the latest innovation?");
        assertThat(engine.render(techRole.label(), Map.of(), null))
                .isEqualTo("I hvilken grad er teknologi en del af den seneste innovation?");
        assertThat(engine.options("tech_role", Map.of(), "English (en)")).extracting(Option::label)
                .startsWith("Itself a technological solution", "An important part");
        assertThat(engine.pages()).extracting(p -> p.name()).containsExactly("filter", "underway_page", "latest",
                "technology", "collaboration_page", "value_page", "people", "evaluation_page", "culture",
                "background");
    }
}
