package org.barometer.app.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.barometer.app.demo.DemoFiles;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EditionPagesTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static byte[] questionnaireWithoutTypeColumn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet survey = wb.newWorksheet("survey");
            survey.value(0, 0, "name");
            survey.value(0, 1, "label");
            survey.value(1, 0, "q1");
            survey.value(1, 1, "How many?");
        }
        return out.toByteArray();
    }

    @Test
    void aBrokenQuestionnaireIsRefusedWithItsProblemsAndNothingIsStored() throws IOException {
        int questionnaires = server.count("select count(*) from questionnaire");
        WebClient admin = server.admin();
        admin.get("/admin/editions/new");
        WebClient.Response r = admin.postMultipart("/admin/editions", Map.of("name", "With broken form",
                "languages", "da"), "questionnaire", "broken.xlsx", questionnaireWithoutTypeColumn());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"questionnaire-problems\"").contains("<td>survey</td>")
                .contains("type");
        assertThat(server.count("select count(*) from questionnaire")).isEqualTo(questionnaires);
        assertThat(server.count("select count(*) from edition where name = 'With broken form'")).isZero();
    }

    @Test
    void aValidQuestionnaireBecomesTheEditionsVersion() throws IOException {
        byte[] xlsx;
        xlsx = DemoFiles.questionnaire();
        WebClient admin = server.admin();
        admin.get("/admin/editions/new");
        WebClient.Response r = admin.postMultipart("/admin/editions", Map.of("name", "Barometer 2026",
                "year", "2026", "start", "2026-03-01", "end", "2026-04-30", "languages", "da"), "questionnaire",
                "innovation-barometer-2019.xlsx", xlsx);
        assertThat(r.status()).isEqualTo(303);
        long id = Long.parseLong(r.location().replaceAll(".*/", ""));
        Edition edition = new EditionStore(server.jdbi()).find(id).orElseThrow();
        assertThat(edition.questionnaireId()).isNotNull();
        assertThat(new QuestionnaireStore(server.jdbi()).content(edition.questionnaireId())).hasValue(xlsx);
        assertThat(admin.get("/admin/editions/" + id).body()).contains("innovation-barometer-2019.xlsx");
    }

    @Test
    void invalidFieldsAreReportedAndLinkedFromTheErrorSummary() {
        int editions = server.count("select count(*) from edition");
        WebClient admin = server.admin();
        admin.get("/admin/editions/new");
        WebClient.Response r = admin.postMultipart("/admin/editions", Map.of("name", "", "year", "twenty",
                "start", "2026-05-01", "end", "2026-04-01"), "questionnaire", "", new byte[0]);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("href=\"#name\"").contains("href=\"#year\"").contains("href=\"#end\"")
                .contains("href=\"#languages-da\"");
        assertThat(server.count("select count(*) from edition")).isEqualTo(editions);
    }

    @Test
    void anEditionsPeriodAndLanguagesCanBeChangedAndTheChangeIsAudited() {
        long id = new EditionStore(server.jdbi()).create("To change", 2026, null, null, java.util.List.of("da"), null).id();
        WebClient admin = server.admin();
        WebClient.Response bad = admin.submit("/admin/editions/" + id + "/edit", "/admin/editions/" + id + "/edit",
                Map.of("name", "To change", "start", "2026-05-01", "end", "2026-04-01", "languages", "da"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("href=\"#end\"");
        WebClient.Response ok = admin.submit("/admin/editions/" + id + "/edit", "/admin/editions/" + id + "/edit",
                Map.of("name", "Changed", "year", "2027", "start", "2027-03-01", "end", "2027-04-15", "languages", "en"));
        assertThat(ok.status()).isEqualTo(303);
        Edition e = new EditionStore(server.jdbi()).find(id).orElseThrow();
        assertThat(e.name()).isEqualTo("Changed");
        assertThat(e.fieldworkEnd()).isEqualTo(java.time.LocalDate.of(2027, 4, 15));
        assertThat(e.languages()).containsExactly("en");
        assertThat(admin.get("/admin/audit").body()).contains("edition.update");
    }

    @Test
    void theFrameTemplatePassesTheFrameCheck() {
        WebClient.Response r = server.admin().get("/admin/frame-template.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        var result = org.barometer.app.frame.FrameValidator.validate("frame-template.csv",
                r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.validUnits()).hasSize(1);
    }
}
