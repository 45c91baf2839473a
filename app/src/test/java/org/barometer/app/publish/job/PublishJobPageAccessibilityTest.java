package org.barometer.app.publish.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * axe-core finds no WCAG 2.1 A/AA violation on the job page (running, succeeded, failed) nor on the analysis
 * page listing the jobs, in Danish and in English. The server runs no job worker, so the stored states stay.
 */
class PublishJobPageAccessibilityTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_WORKER", "off");

    static Browser browser;
    static long editionId;
    static final List<Long> jobs = new ArrayList<>();

    @BeforeAll
    static void data() {
        editionId = server.jdbi().withHandle(h -> h.createUpdate("insert into edition (name, year) values ('Jobs', 2026)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        for (String[] state : List.of(new String[] {"running", "40", "Started on node-a\nDesign weights: from 1.000 to 9.000\n"},
                new String[] {"succeeded", "100", "Started on node-a\nStored: weights version 1, publication 1\n"},
                new String[] {"failed", "5", "Started on node-a\nFailed: figures/fig03.json: theme: unknown\n"})) {
            jobs.add(server.jdbi().withHandle(h -> h.createUpdate("""
                    insert into analysis_job (edition_id, kind, spec_folder, state, progress, log, requested_by,
                                              heartbeat_at, finished_at)
                    values (:e, 'publish', '/x', :s, :p, :l, 1, now(), case when :s = 'running' then null else now() end)""")
                    .bind("e", editionId).bind("s", state[0]).bind("p", Integer.parseInt(state[1])).bind("l", state[2])
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        }
        server.jdbi().useHandle(h -> h.execute("""
                insert into analysis_weights (edition_id, version, method, diagnostics) values (?, 1, 'raking', cast(? as jsonb))""",
                editionId, """
                {"respondents": 120, "designWeightRange": [1.5, 8.25], "min": 1.2, "max": 11.0, "cv": 0.61,
                 "kishDeff": 1.37, "rakingSweeps": 7, "mergedGroups": ["state|small+state|large"],
                 "margins": [{"margin": "gov_level", "category": "state", "frame": 400, "weighted": 400.0004}],
                 "nonresponseGroups": "strata", "trimAbove": 0}"""));
        browser = Browser.open(server.baseUrl());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void onlyAnUnfinishedJobsPageAsksToBeRefreshed() {
        var admin = server.admin().language("en");
        var running = admin.get("/admin/analysis/" + editionId + "/jobs/" + jobs.get(0));
        assertThat(running.header("Refresh")).contains("2");
        assertThat(running.body()).contains("refreshes itself").contains("value=\"40\"");
        var failed = admin.get("/admin/analysis/" + editionId + "/jobs/" + jobs.get(2));
        assertThat(failed.header("Refresh")).isEmpty();
        assertThat(failed.body()).contains("Failed: figures/fig03.json").doesNotContain("refreshes itself");
    }

    @Test
    void jobPagesPassAxeInBothLanguages() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "da")) {
            browser.go("/login?lang=" + lang);
            browser.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
            List<String> pages = new ArrayList<>();
            pages.add("/admin/analysis/" + editionId);
            pages.add("/admin/analysis/" + editionId + "/weights/1");
            for (long job : jobs) {
                pages.add("/admin/analysis/" + editionId + "/jobs/" + job);
            }
            for (String page : pages) {
                browser.go(page);
                assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang"))
                        .isEqualTo(lang);
                for (String v : browser.axeViolations()) {
                    problems.add(lang + " " + page + ": " + v);
                }
            }
            assertThat(browser.go("/admin/analysis/" + editionId + "/jobs/" + jobs.get(0)).text())
                    .contains(lang.equals("da") ? "Kører" : "Running");
            browser.click("form.logout button");
        }
        assertThat(problems).isEmpty();
    }
}
