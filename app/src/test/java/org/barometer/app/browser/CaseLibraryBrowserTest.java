package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.demo.DemoCases;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.SurveyTexts;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The case library in a real browser: a case sent through the public form and one through the personal link a
 * respondent gets by saying yes on the survey's last page, an editor publishing, a Danish search finding the case
 * by an inflected word, axe-core on every page of the library in both languages, and the case page on a phone,
 * saved as a screenshot.
 */
class CaseLibraryBrowserTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String EDITOR = "redaktoer";
    static final String EDITOR_PASSWORD = "a long password for the editor";

    @Test
    void submitReviewPublishAndFind() throws Exception {
        DemoCases.seed(server.platform());
        new UserStore(server.jdbi()).create(EDITOR, "Rita Redaktør", Role.EDITOR, EDITOR_PASSWORD);
        String token = respondentWithOffer();
        Path png = Files.createTempFile("case", ".png");
        Files.write(png, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(server.baseUrl())) {
            // the public form, first sent with problems, then whole
            browser.go("/portal/cases/submit?lang=da");
            check(browser, "submit form (da)", problems);
            browser.type("title", "Ny innovation i kantinen").type("problem", "<b>fed</b> tekst").click("#send-case");
            assertThat(browser.text()).contains("Resumé mangler").contains("Problemet indeholder opmærkning");
            check(browser, "submit form with errors (da)", problems);
            fill(browser, "Ny innovation i kantinen", "Kantinen bruger en app til frokostbestilling og smider mindre mad ud.");
            browser.driver().findElement(By.id("image")).sendKeys(png.toString());
            browser.type("image_alt", "En tablet i kantinen med dagens menu");
            browser.click("#send-case");
            assertThat(browser.text()).contains("Tak for din case");
            check(browser, "submitted (da)", problems);
            long publicCase = server.count("select max(id) from cases_case where source = 'public'");
            assertThat(server.count("select count(*) from cases_image where case_id = ?", publicCase)).isEqualTo(1);

            // the respondent's yes on the last page leads to a personal link, filled in with the workplace
            browser.go("/r/" + token + "/done");
            assertThat(browser.text()).contains("Må vi kontakte dig om jeres seneste innovation som case?");
            check(browser, "last page with the offer (da)", problems);
            browser.click("#case-consent");
            assertThat(browser.path()).matches("/portal/cases/submit/[A-Za-z0-9_-]{22}");
            String personal = browser.path();
            assertThat(browser.find("#organisation").getAttribute("value")).isEqualTo("Børnehuset Solsikken");
            check(browser, "personal form (da)", problems);
            fill(browser, "Børnene planlægger selv ugens udflugter", "Børnene i børnehuset vælger og planlægger ugens udflugter sammen med pædagogerne.");
            browser.click("#send-case");
            assertThat(browser.text()).contains("Tak for din case");
            assertThat(server.count("select count(*) from respond_response where case_contact_consent_at is not null")).isEqualTo(1);
            assertThat(server.count("select count(*) from cases_case where source = 'personal'")).isEqualTo(1);
            browser.go(personal);
            assertThat(browser.text()).contains("Der er allerede sendt en case via dette personlige link");
            check(browser, "used personal link (da)", problems);

            // the editor publishes the public case
            browser.login(EDITOR, EDITOR_PASSWORD);
            browser.go("/admin/cases?status=submitted&lang=da");
            check(browser, "editor's list (da)", problems);
            browser.click("a[href='/admin/cases/" + publicCase + "']");
            check(browser, "review (da)", problems);
            browser.click("#publish-case");
            assertThat(browser.find("#case-status").getText()).isEqualTo("Offentliggjort");
            check(browser, "review after publishing (da)", problems);
            browser.go("/admin/cases/" + publicCase + "?version=en&lang=en");
            browser.type("title", "").click("#save-case");
            assertThat(browser.text()).contains("Title is missing");
            check(browser, "review with errors (en)", problems);
            browser.go("/admin/cases?lang=en").click("#make-link");
            assertThat(browser.find("#personal-link").getText()).contains("/portal/cases/submit/");
            check(browser, "editor's list with a new link (en)", problems);
            browser.click("form.logout button");

            // a Danish search finds it by an inflected word
            browser.go("/portal/cases?lang=da");
            browser.type("q", "innovationer").click("#search-cases");
            assertThat(browser.text()).contains("Ny innovation i kantinen");
            check(browser, "search results (da)", problems);
            browser.click("a[href='/portal/cases/" + publicCase + "']");
            assertThat(browser.text()).contains("Karin Eksempel").contains("35 % mindre madspild");
            assertThat(browser.find(".case-image img").getAttribute("alt")).isEqualTo("En tablet i kantinen med dagens menu");
            assertThat((Boolean) browser.script("const i = document.querySelector('.case-image img');"
                    + " return i.complete && i.naturalWidth > 0;")).isTrue();

            // every page of the library, in both languages
            long wheel = server.count("select case_id from cases_version where title like 'Robotvennen%'");
            for (String lang : List.of("da", "en")) {
                for (String page : List.of("/portal/cases", "/portal/cases?q=robot", "/portal/cases?sector=health&level=region",
                        "/portal/cases?tag=demo&page=2", "/portal/cases/" + wheel, "/portal/cases/" + publicCase,
                        "/portal/cases/submit", "/portal/cases/submitted")) {
                    browser.go(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
                    check(browser, page + " (" + lang + ")", problems);
                }
                browser.go("/portal/cases/submit?lang=" + lang).click("#send-case");
                check(browser, "empty submission (" + lang + ")", problems);
            }

            // the case page on a phone: nothing wider than the screen; its screenshot kept
            browser.screen(375, 812, true);
            browser.go("/portal/cases/" + wheel + "?lang=da");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(375L);
            check(browser, "case page on a phone", problems);
            Path shots = Path.of(System.getProperty("screenshotDir", "target-screenshots"));
            Files.createDirectories(shots);
            byte[] shot = browser.screenshot(browser.find("main"));
            Files.write(shots.resolve("case-page-phone.png"), shot);
            assertThat(shot.length).isGreaterThan(5_000);
            browser.unscreen();
            browser.go("/portal/cases/" + wheel + "?lang=en");
            Files.write(shots.resolve("case-page.png"), browser.screenshot(browser.find("main")));
            browser.go("/portal/cases?lang=da");
            Files.write(shots.resolve("case-search.png"), browser.screenshot(browser.find("main")));
        }
        assertThat(problems).isEmpty();
    }

    /** Fills every required field the title and summary leave. */
    private static void fill(Browser browser, String title, String summary) {
        browser.type("title", title).type("summary", summary)
                .type("problem", "Der blev smidt meget mad ud, fordi ingen vidste, hvor mange der ville spise.")
                .type("solution", "Medarbejderne bestiller frokost i en app dagen før, og køkkenet laver det bestilte.")
                .type("result_numbers", "35 % mindre madspild")
                .type("organisation", browser.find("#organisation").getAttribute("value").isEmpty()
                        ? "Testkommunens rådhus" : browser.find("#organisation").getAttribute("value"))
                .type("tags", "madspild, kantine")
                .type("contact_name", "Karin Eksempel").type("contact_email", "karin@example.org");
        new Select(browser.find("#level")).selectByValue("municipality");
        new Select(browser.find("#sector")).selectByValue("administration");
        new Select(browser.find("#technology")).selectByValue("apps");
        new Select(browser.find("#novelty")).selectByValue("known");
        new Select(browser.find("#value")).selectByValue("efficiency");
        if (!browser.find("#contact_consent").isSelected()) {
            browser.click("#contact_consent");
        }
    }

    private static String respondentWithOffer() {
        long edition = TestForm.edition(server.jdbi(), "Edition with a case offer");
        new SurveyTextStore(server.jdbi()).replace(edition, SurveyTexts.defaults()
                .with(SurveyText.CASE_OFFER, "da", "Må vi kontakte dig om jeres seneste innovation som case?")
                .with(SurveyText.CASE_OFFER, "en", "May we contact you about your latest innovation as a case?"));
        InvitationStore.IssuedLink link = new InvitationStore(server.jdbi()).create(edition,
                List.of(new InvitationStore.Invitee("W1", "Børnehuset Solsikken", "Lea Leder", "lea@example.org", "da", "s1")),
                java.time.Instant.now().plus(java.time.Duration.ofDays(30))).getFirst();
        new ResponseStore(server.jdbi()).importSubmitted(List.of(new ResponseStore.Imported(link.invitationId(), Map.of(), "da")));
        return link.token();
    }

    private static void check(Browser browser, String page, List<String> problems) {
        for (String v : browser.axeViolations()) {
            problems.add(page + ": " + v);
        }
    }
}
