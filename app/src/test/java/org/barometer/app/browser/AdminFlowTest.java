package org.barometer.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** In a real browser: an admin signs in, creates an edition, imports a frame (leaving a faulty row out) and draws a sample. */
class AdminFlowTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @TempDir
    Path dir;

    @Test
    void adminImportsAFrameAndDrawsASample() throws Exception {
        StringBuilder csv = new StringBuilder(
                "workplace_id,name,government_level,area,employees,region,manager_name,manager_email,language\n");
        for (int i = 0; i < 60; i++) {
            String level = i < 20 ? "state" : "municipality";
            csv.append("F").append(i).append(",Workplace ").append(i).append(',').append(level)
                    .append(",education,25,Nord,Manager ").append(i).append(",m").append(i).append("@example.invalid,da\n");
        }
        csv.append("F999,Broken,municipality,education,25,Nord,X,not an address,da\n");
        Path file = dir.resolve("frame.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.go("/admin?lang=en");
            assertThat(browser.path()).isEqualTo("/login");
            browser.type("username", TestServer.ADMIN).type("password", TestServer.ADMIN_PASSWORD)
                    .click("main button[type=submit]");
            assertThat(browser.path()).isEqualTo("/admin");

            browser.go("/admin/editions/new");
            browser.type("name", "Browser edition").type("year", "2026");
            browser.click("main button[type=submit]");
            assertThat(browser.find("h1").getText()).isEqualTo("Browser edition");

            browser.click("a[href$='/frame']");
            browser.find("#file").sendKeys(file.toAbsolutePath().toString());
            browser.click("main form[enctype] button[type=submit]");
            assertThat(browser.text()).contains("1 problem(s) in 1 row(s)").contains("not an address")
                    .contains("Nothing has been imported");
            assertThat(server.count("select count(*) from frame_unit")).isZero();
            browser.click("button.warning");
            assertThat(browser.text()).contains("The frame was imported: 60 workplaces, 1 rows left out");

            browser.go(browser.driver().getCurrentUrl().replaceAll("/frame.*", "/sample").replace(server.baseUrl(), ""));
            browser.click("#method-proportional").type("total", "30").type("minimum", "2").type("seed", "99");
            browser.click("#draw-sample");
            assertThat(browser.text()).contains("The sample was drawn: 30 workplaces in 2 strata");
            var rows = browser.driver().findElements(By.cssSelector("#sample-strata tbody tr"));
            assertThat(rows).extracting(r -> r.getText().replaceAll("\\s+", " "))
                    .containsExactly("municipality / education / 10-49 40 20 50.0%",
                            "state / education / 10-49 20 10 50.0%");
            assertThat(server.count("select count(*) from sample_unit")).isEqualTo(30);
        }
    }
}
