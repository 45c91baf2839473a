package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser the size of a phone: ticking the answer that opens a follow-up on the same page shows it at
 * once, without a reload and without any error wording; untying it takes it away; sending the page with the
 * follow-up left empty is then an error that names it. axe-core checks the page in Danish and in English.
 */
class FollowUpBrowserTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static long edition;
    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        edition = TestForm.edition(server.jdbi(), "follow-up in a browser", TestForm.xlsxWithFollowUp());
    }

    static String newLink(String workplace) {
        return "/r/" + new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee(workplace, "Workplace " + workplace, "Manager", workplace + "@example.invalid", "da", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst().token();
    }

    /** Waits (bounded, generously: the machine is shared) until the page is as asked. */
    private static void waitUntil(Browser browser, String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page never came to show " + what + ":\n" + browser.text(), e);
        }
    }

    private static boolean present(Browser browser, String css) {
        return !browser.driver().findElements(By.cssSelector(css)).isEmpty();
    }

    private static Object js(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private void axe(Browser browser, String state) {
        for (String v : browser.axeViolations()) {
            violations.add(state + " " + browser.path() + ": " + v);
        }
    }

    @Test
    void theFollowUpAppearsWithoutReloadOrErrorInBothLanguages() {
        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.driver().manage().window().setSize(new Dimension(375, 740));
            answer(browser, newLink("phone-da"), "da", "Hvad var det nye?",
                    "Flere spørgsmål er kommet til på denne side ud fra dit svar.",
                    List.of("Der er et problem", "Spørgsmålet skal besvares", "Fejl"),
                    "Hvad var det nye?: Spørgsmålet skal besvares.");
            answer(browser, newLink("phone-en"), "en", "What was new?",
                    "More questions have appeared on this page based on your answer.",
                    List.of("There is a problem", "This question must be answered", "Error"),
                    "What was new?: This question must be answered.");
        }
        assertThat(violations).as("axe-core WCAG 2.1 A/AA violations").isEmpty();
    }

    private void answer(Browser browser, String link, String lang, String followUp, String note,
                        List<String> errorWords, String error) {
        browser.go(link + "/p/about?lang=" + lang);
        assertThat(browser.text()).doesNotContain(followUp);
        axe(browser, lang + " page as drawn");
        // The page carries a mark; a reload would lose it.
        js(browser, "document.barometerPage = 'still here';");

        browser.click("#f-innovated");
        waitUntil(browser, "the follow-up", () -> present(browser, "#f-what_new"));
        waitUntil(browser, "the note", () -> browser.find("#page-note").getText().contains(note));
        assertThat(js(browser, "return document.barometerPage;")).as("no reload").isEqualTo("still here");
        assertThat(present(browser, ".error-summary")).isFalse();
        assertThat(present(browser, ".field-error")).isFalse();
        assertThat(browser.text()).contains(followUp).doesNotContain(errorWords.toArray(String[]::new));
        assertThat(browser.driver().getTitle()).doesNotStartWith(errorWords.get(2));
        axe(browser, lang + " follow-up shown by the script");

        // Another answer makes the follow-up irrelevant again: it goes.
        browser.click("#f-innovated-1");
        waitUntil(browser, "the page without the follow-up", () -> !present(browser, "#f-what_new"));
        browser.click("#f-innovated");
        waitUntil(browser, "the follow-up again", () -> present(browser, "#f-what_new"));

        // Seen and left empty, the required follow-up is an error when the page is sent; the answers are kept.
        browser.type("f-employees", "40").click("#continue");
        waitUntil(browser, "the error summary", () -> present(browser, ".error-summary"));
        assertThat(browser.find(".error-summary").getText()).contains(error);
        assertThat(js(browser, "return document.activeElement.classList.contains('error-summary');"))
                .as("the error summary has the focus").isEqualTo(true);
        assertThat(browser.find("#f-employees").getAttribute("value")).isEqualTo("40");
        assertThat(browser.find("#f-innovated").isSelected()).isTrue();
        axe(browser, lang + " follow-up left empty");

        browser.type("f-what_new", "A chatbot").click("#continue");
        waitUntil(browser, "the next page", () -> browser.path().equals(link + "/p/innovation"));
    }
}
