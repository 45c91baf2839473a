package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.fieldwork.FreeSmtp;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real browser: an admin imports a frame, draws a sample and sends the invitations; the mails arrive over
 * SMTP; a respondent opens the link from a mail, answers with routing, leaves, comes back through the same link,
 * finishes and submits; the monitor shows the completion. axe-core checks every respondent page type and the
 * fieldwork admin page on the way.
 */
class RespondentBrowserTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static final GreenMailExtension mail = FreeSmtp.catcher(SMTP);

    @RegisterExtension
    static final TestServer server = FreeSmtp.serverMailingTo(SMTP);

    @TempDir
    Path dir;

    private final List<String> violations = new ArrayList<>();

    /** Waits (up to 20 s) until the page shows the text after a click, then checks it. */
    private static void waitForText(Browser browser, String text) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> browser.text().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through to the assertion, which shows the page
        }
        assertThat(browser.text()).contains(text);
    }

    /** Waits (up to 20 s) until the browser has arrived at the path after a click, then checks it. */
    private static void waitForPath(Browser browser, String path) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.path().equals(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through to the assertion, which names both paths
        }
        assertThat(browser.path()).isEqualTo(path);
    }

    private void axe(Browser browser, String pageType) {
        for (String v : browser.axeViolations()) {
            violations.add(pageType + " " + browser.path() + ": " + v);
        }
    }

    @Test
    void inviteAnswerLeaveComeBackSubmitAndSeeItInTheMonitor() throws Exception {
        StringBuilder csv = new StringBuilder(
                "workplace_id,name,government_level,area,employees,region,manager_name,manager_email,language\n");
        for (int i = 0; i < 12; i++) {
            csv.append("B").append(i).append(",Workplace <i>").append(i).append("</i>,").append(i < 6 ? "state" : "municipality")
                    .append(",education,25,Nord,Manager ").append(i).append(",b").append(i).append("@example.invalid,en\n");
        }
        Path frame = dir.resolve("frame.csv");
        Files.writeString(frame, csv, StandardCharsets.UTF_8);
        Path form = dir.resolve("questionnaire.xlsx");
        Files.write(form, TestForm.xlsx());

        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            waitForPath(browser, "/admin");
            browser.go("/admin/editions/new?lang=en");
            browser.type("name", "Fieldwork edition").type("year", "2026");
            browser.find("#questionnaire").sendKeys(form.toAbsolutePath().toString());
            browser.click("main button[type=submit]");
            waitForText(browser, "Fieldwork edition");
            assertThat(browser.find("h1").getText()).isEqualTo("Fieldwork edition");
            String editionPath = browser.path();

            browser.click("a[href$='/frame']");
            browser.find("#file").sendKeys(frame.toAbsolutePath().toString());
            browser.click("main form[enctype] button[type=submit]");
            waitForText(browser, "12 workplaces are ready to import");
            browser.driver().findElement(org.openqa.selenium.By.xpath("//main//button[contains(., 'Import')]")).click();
            waitForText(browser, "The frame was imported: 12 workplaces");
            browser.go(editionPath + "/sample");
            browser.click("#method-proportional").type("total", "6").type("minimum", "2").type("seed", "7");
            browser.click("#draw-sample");
            waitForText(browser, "The sample was drawn: 6 workplaces");

            browser.go(editionPath + "/fieldwork");
            assertThat(browser.find("h1").getText()).isEqualTo("Fieldwork: Fieldwork edition");
            axe(browser, "fieldwork monitor (empty)");
            // A date field's typing depends on the browser's locale; set its value as a date picker would.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.getElementById('deadline').value = '2030-03-15'");
            browser.click("#send-invitations");
            waitForText(browser, "Invitations #");
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mail.getReceivedMessages().length < 6 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(6);
            String body = (String) received[0].getContent();
            assertThat(received[0].getSubject()).startsWith("Survey: Workplace <i>");
            assertThat(body).contains("Dear Manager", "15 March 2030");
            Matcher m = Pattern.compile("http://localhost:\\d+(/r/[A-Za-z0-9_-]{22})").matcher(body);
            assertThat(m.find()).isTrue();
            String link = m.group(1);

            browser.go(editionPath + "/fieldwork");
            assertThat(browser.text()).contains("Invitations #");
            axe(browser, "fieldwork monitor");

            // The respondent: no admin cookies, only the link.
            browser.driver().manage().deleteAllCookies();
            browser.go(link);
            waitForPath(browser, link + "/p/about");
            assertThat(browser.find("h1").getText()).isEqualTo("About the workplace");
            axe(browser, "question page (radios, number)");
            browser.click("#continue");
            assertThat(browser.find(".error-summary").getText()).contains("There is a problem");
            assertThat(browser.driver().getTitle()).startsWith("Error:");
            axe(browser, "error state");
            browser.click("#f-innovated").type("f-employees", "25").click("#continue");
            waitForPath(browser, link + "/p/innovation");
            axe(browser, "question page (checkboxes, radios with other, textarea)");
            browser.click("#f-kinds").click("#f-kinds-2").click("#f-tech-2").type("f-tech-other", "Robots <b>&</b>")
                    .type("f-description", "<script>alert(1)</script> We built a chatbot.").click("#continue");
            waitForPath(browser, link + "/p/culture");
            axe(browser, "question page (likert, select, date, decimal, note, acknowledge)");

            // The respondent leaves, and comes back later (say on another device) through the same link.
            browser.driver().manage().deleteAllCookies();
            browser.go("/health");
            browser.go(link);
            waitForPath(browser, link + "/p/culture");
            assertThat(browser.text()).contains("Thank you, 25 employees");
            browser.click("#back");
            waitForPath(browser, link + "/p/innovation");
            assertThat(browser.find("#f-description").getAttribute("value")).contains("<script>alert(1)</script>");
            browser.click("#continue");
            browser.click("#f-curious-3").type("f-share", "0.25").click("#f-consent").click("#continue");
            waitForPath(browser, link + "/check");
            assertThat(browser.text()).contains("Robots <b>&</b>", "<script>alert(1)</script> We built a chatbot.", "Agree");
            axe(browser, "check your answers");
            browser.click("#submit");
            waitForPath(browser, link + "/done");
            assertThat(browser.find("h1").getText()).isEqualTo("Thank you – your answers have been sent");
            axe(browser, "thank-you page");
            // the same pages in Danish, the survey named in the header of each
            browser.go(link + "/done?lang=da");
            assertThat(browser.find(".service-name").getText()).isNotBlank();
            axe(browser, "thank-you page (da)");
            browser.go(link + "/check?lang=da");
            axe(browser, "check your answers (da)");
            browser.go(link + "/opt-out");
            axe(browser, "opt-out page");
            browser.go("/r/" + "A".repeat(22));
            axe(browser, "refused link");
            browser.go(link + "/p/about?lang=da");
            waitForPath(browser, link + "/done");
            assertThat(browser.find("h1").getText()).isEqualTo("Tak – dine svar er sendt");

            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            waitForPath(browser, "/admin");
            browser.go(editionPath + "/fieldwork?lang=en");
            assertThat(browser.find("#total-completed").getText()).isEqualTo("1");
            assertThat(browser.text()).contains("Workplace <i>");
            axe(browser, "fieldwork monitor (with a response)");
        }
        assertThat(violations).as("axe-core WCAG 2.1 A/AA violations").isEmpty();
    }
}
