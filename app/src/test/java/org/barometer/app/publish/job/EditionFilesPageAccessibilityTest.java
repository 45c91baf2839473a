package org.barometer.app.publish.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.publish.spec.EditionZip;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.TrialEdition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis page's upload of edition files in a real browser, in Danish and English: before any upload, after a
 * refused upload (error summary and the table of problems) and after a stored one; axe-core finds no WCAG 2.1 A/AA
 * violation in any of them.
 */
class EditionFilesPageAccessibilityTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_POLL_MS", "3600000");

    @TempDir
    static Path folder;

    static Browser browser;
    static long editionId;

    @BeforeAll
    static void data() {
        editionId = TestForm.edition(server.jdbi(), "Upload");
        browser = Browser.open(server.baseUrl());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Chooses a file in the upload form and submits it. */
    static void upload(Path file) {
        browser.find("#files").sendKeys(file.toAbsolutePath().toString());
        browser.click("form[action$='/files'] button");
    }

    @Test
    void theUploadFormRefusesAndStoresAccessiblyInBothLanguages() throws Exception {
        Path bad = Files.write(folder.resolve("missing-figure.zip"),
                EditionZip.write(java.util.Map.of("edition.json", TrialEdition.files("test_barometer").get("edition.json"))));
        Path good = Files.write(folder.resolve("trial.zip"), EditionZip.write(TrialEdition.files("test_barometer")));
        List<String> problems = new ArrayList<>();
        int version = 0;
        for (String lang : List.of("en", "da")) {
            browser.go("/login?lang=" + lang);
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            browser.go("/admin/analysis/" + editionId);
            assertThat(browser.text()).contains(lang.equals("da") ? "Udgavens filer" : "Edition files");
            browser.axeViolations().forEach(v -> problems.add(lang + " before upload: " + v));

            upload(bad);
            assertThat(browser.text()).contains("figures/innovated.json").contains(lang.equals("da") ? "filen findes ikke" : "file not found")
                    .contains(lang.equals("da") ? "Udgavens filer blev ikke gemt" : "The edition files were not stored");
            browser.axeViolations().forEach(v -> problems.add(lang + " refused upload: " + v));

            upload(good);
            version++;
            assertThat(browser.text()).contains(lang.equals("da") ? "gemt som version " + version : "stored as version " + version)
                    .contains("trial.zip");
            browser.axeViolations().forEach(v -> problems.add(lang + " stored upload: " + v));
            assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang"))
                    .isEqualTo(lang);
            browser.click("form.logout button");
        }
        assertThat(problems).isEmpty();
        assertThat(server.count("select count(*) from edition_files where edition_id = ?", editionId)).isEqualTo(2);
    }
}
