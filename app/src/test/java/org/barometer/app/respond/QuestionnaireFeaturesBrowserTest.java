package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.xlsform.XlsFormReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser on a phone-size screen: a respondent answers a questionnaire uploaded as a ZIP with a CSV
 * list, with a short range, a ranking, a randomized tick-all list, a repeat they add instances to and remove one
 * from (what was typed in the others kept), and a grid; axe-core checks every page; the stored answers are what was
 * given, each under its key, and their export has the repeat as a long table. A note reads a label from the ZIP's
 * CSV file with {@code pulldata()}.
 */
class QuestionnaireFeaturesBrowserTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    private final List<String> violations = new ArrayList<>();

    private void axe(Browser browser, String page) {
        for (String v : browser.axeViolations()) {
            violations.add(page + " " + browser.path() + ": " + v);
        }
    }

    /** Waits (up to 20 s) for an element of the page; fails naming the page and what it says otherwise. */
    private static void waitFor(Browser browser, String cssSelector) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector(cssSelector)).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + cssSelector + " on " + browser.path() + ", which says: " + browser.text());
        }
    }

    @Test
    void everyKindOfQuestionOnAPhone() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "features", FeatureForm.zip());
        InvitationStore.IssuedLink link = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("F1", "Workplace F1", "Manager", "f1@example.invalid", "en", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst();
        AnswerEngine engine = AnswerEngine.of(XlsFormReader.read(FeatureForm.zip(), "feature-test.zip"));

        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.screen(390, 844, true);
            browser.go("/r/" + link.token());
            waitFor(browser, "#answers");
            axe(browser, "first page");

            // the picture of the range's label, loaded from the questionnaire's ZIP, with its alternative text
            WebElement picture = browser.find("img.question-picture");
            assertThat(picture.getAttribute("alt")).isEqualTo("A toolbox");
            assertThat(browser.script("return arguments[0].complete && arguments[0].naturalWidth;", picture))
                    .isEqualTo(3L);
            // the list read from the ZIP's CSV file, in the respondent's language
            assertThat(browser.text()).contains("Elderly care", "An administrative office");
            browser.find("input[name=unit][value=care]").click();
            // a five-point range is a row of choices
            browser.find("input[name=satisfaction][value='4']").click();
            // a ranking: a place for each choice
            new Select(browser.find("select[name='priorities.rank.cost']")).selectByValue("1");
            new Select(browser.find("select[name='priorities.rank.quality']")).selectByValue("2");
            new Select(browser.find("select[name='priorities.rank.speed']")).selectByValue("3");
            // the randomized list in the order drawn for this respondent
            List<String> shown = browser.driver().findElements(By.cssSelector("input[name=tools]")).stream()
                    .map(e -> e.getAttribute("value")).toList();
            assertThat(shown).isEqualTo(engine.shownOrder("tools", Map.of(), RespondPages.seed(invitation(link))));
            browser.find("input[name=tools][value=chat]").click();
            browser.find("input[name=tools][value=ai]").click();
            browser.click("#continue");

            // the repeat: it starts with one instance; two more are added and the second removed
            waitFor(browser, "button[name=_add]");
            assertThat(browser.text()).contains("Project 1");
            axe(browser, "repeat, one instance");
            browser.type("f-project_name-1", "Robot vacuum cleaners");
            browser.click("button[name=_add]");
            waitFor(browser, "#f-project_name-2");
            browser.type("f-project_name-2", "Shared calendar");
            browser.click("button[name=_add]");
            waitFor(browser, "#f-project_name-3");
            browser.type("f-project_name-3", "A mistake");
            axe(browser, "repeat, three instances");
            // what was typed is kept through the adding, and removing the second moves the third up
            assertThat(browser.find("#f-project_name-1").getAttribute("value")).isEqualTo("Robot vacuum cleaners");
            browser.click("button[name=_remove][value='projects[2]']");
            waitFor(browser, "#f-project_name-2");
            assertThat(browser.driver().findElements(By.cssSelector("#f-project_name-3"))).isEmpty();
            assertThat(browser.find("#f-project_name-2").getAttribute("value")).isEqualTo("A mistake");
            browser.type("f-project_name-2", "Video consultations");
            browser.click("#continue");

            // the grid: a fieldset per row on a phone, each choice labelled
            waitFor(browser, "fieldset.grid-row");
            axe(browser, "grid on a phone");
            WebElement label = browser.find("label[for='" + browser.find("input[name=speed][value=good]")
                    .getAttribute("id") + "']");
            assertThat(label.isDisplayed()).isTrue();
            assertThat(label.getText()).isEqualTo("Good");
            browser.find("input[name=speed][value=good]").click();
            browser.find("input[name=cost][value=poor]").click();
            browser.screen(1280, 900, false);
            axe(browser, "grid on a desk");
            // on a wide screen the choices' labels are the columns' heads, shown once
            assertThat(browser.find(".grid-head").isDisplayed()).isTrue();
            browser.click("#continue");

            // the last page names the unit by its label, which pulldata() read from the ZIP's CSV file
            waitFor(browser, "[data-question=thanks]");
            assertThat(browser.text()).contains("Thank you for answering for your Elderly care.");
            browser.click("#continue");

            // the answers check lists every instance
            waitFor(browser, "form[action$='/submit'], .check");
            axe(browser, "answers check");
            assertThat(browser.text()).contains("Robot vacuum cleaners", "Video consultations", "1. Cost; 2. Quality; 3. Speed");
        }
        assertThat(violations).isEmpty();

        String stored = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT answers::text FROM respond_response WHERE invitation_id = ?").bind(0, link.invitationId())
                .mapTo(String.class).one());
        JsonNode answers = new ObjectMapper().readTree(stored);
        assertThat(answers.path("unit").asText()).isEqualTo("care");
        assertThat(answers.path("satisfaction").asText()).isEqualTo("4");
        assertThat(answers.path("priorities").asText()).isEqualTo("cost quality speed");
        assertThat(List.of(answers.path("tools").asText().split(" "))).containsExactlyInAnyOrder("chat", "ai");
        assertThat(answers.path("projects").asText()).isEqualTo("2");
        assertThat(answers.path("project_name[1]").asText()).isEqualTo("Robot vacuum cleaners");
        assertThat(answers.path("project_name[2]").asText()).isEqualTo("Video consultations");
        assertThat(answers.has("project_name[3]")).isFalse();
        assertThat(answers.path("speed").asText()).isEqualTo("good");
        assertThat(answers.path("cost").asText()).isEqualTo("poor");

        // the export of these answers: the main table, and the repeat's long table keyed by respondent and instance
        Map<String, String> given = new java.util.LinkedHashMap<>();
        answers.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
        // (beside a second respondent: a design needs two)
        org.barometer.app.export.Microdata m = org.barometer.app.export.RepeatLongTableTest.microdata(List.of(given,
                Map.of("unit", "school", "projects", "1", "project_name[1]", "Tablets")));
        List<List<String>> main = org.barometer.app.export.RepeatLongTableTest.cells(m.data());
        int unit = main.getFirst().indexOf("unit");
        List<String> mine = main.stream().skip(1).filter(r -> r.get(unit).equals("2")).findFirst().orElseThrow();
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int c = 0; c < main.getFirst().size(); c++) {
            row.put(main.getFirst().get(c), mine.get(c));
        }
        assertThat(row).containsEntry("unit", "2").containsEntry("satisfaction", "4")
                .containsEntry("priorities", "cost quality speed").containsEntry("tools_chat", "1")
                .containsEntry("tools_ai", "1").containsEntry("tools_mail", "0").containsEntry("speed", "1")
                .containsEntry("cost", "3").doesNotContainKey("project_name");
        List<List<String>> projects = org.barometer.app.export.RepeatLongTableTest.cells(m.repeats().getFirst().data());
        assertThat(projects.stream().filter(r -> !r.getFirst().equals(row.get("respondent"))).toList())
                .as("the other respondent's instance and the header").hasSize(2);
        assertThat(projects.stream().filter(r -> r.getFirst().equals(row.get("respondent"))).toList()).containsExactly(
                List.of(row.get("respondent"), "1", "Robot vacuum cleaners"),
                List.of(row.get("respondent"), "2", "Video consultations"));
    }

    @Test
    void onlyTheQuestionnairesPicturesAreServedAndOnlyThroughAValidLink() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "pictures", FeatureForm.zip());
        String token = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("P1", "Workplace P1", "Manager", "p1@example.invalid", "en", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst().token();
        org.barometer.app.testing.WebClient client = server.client();
        org.barometer.app.testing.WebClient.Response ok = client.get("/r/" + token + "/media/toolbox.png");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type").orElseThrow()).startsWith("image/png");
        assertThat(ok.header("Content-Security-Policy").orElseThrow()).contains("sandbox");
        // the form's other files, a path out of the folder, an unknown link: not found
        for (String path : List.of("/r/" + token + "/media/units.csv", "/r/" + token + "/media/feature-test.xlsx",
                "/r/" + token + "/media/..%2Ffeature-test.xlsx", "/r/" + token + "/media/nothing.png",
                "/r/not-a-valid-token-at-all/media/toolbox.png")) {
            assertThat(client.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aButtonOfAnInstanceThatDoesNotExistIsRefusedAndChangesNothing() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "instances", FeatureForm.zip());
        InvitationStore.IssuedLink link = new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("I1", "Workplace I1", "Manager", "i1@example.invalid", "en", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst();
        org.barometer.app.testing.WebClient client = server.client();
        String page = "/r/" + link.token() + "/p/projects";
        for (String[] button : new String[][] {{"_add", "sites"}, {"_add", "project_name"}, {"_add", "projects[1]"},
                {"_remove", "projects[5]"}, {"_remove", "projects"}, {"_remove", "[1]"}}) {
            org.barometer.app.testing.WebClient.Response shown = client.get(page);
            assertThat(shown.status()).isEqualTo(200);
            org.barometer.app.testing.WebClient.Response sent = client.postRaw(page,
                    PageSavingTest.form(shown, "project_name[1]", "Kept?", button[0], button[1]));
            assertThat(sent.status()).as(button[0] + "=" + button[1]).isEqualTo(400);
            // nothing stored: the refused save left no answer behind
            assertThat(server.count("SELECT count(*) FROM respond_response WHERE invitation_id = ? "
                    + "AND answers ->> 'project_name[1]' IS NOT NULL", link.invitationId())).isZero();
        }
    }

    private static InvitationStore.Invitation invitation(InvitationStore.IssuedLink link) {
        return new InvitationStore(server.jdbi()).resolve(link.token()).invitation().orElseThrow();
    }
}
