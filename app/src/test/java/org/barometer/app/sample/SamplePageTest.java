package org.barometer.app.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sampling page over HTTP: strata in natural order, one variance guess for every stratum beside the guesses of
 * its own, the allocation previewed per stratum before anything is drawn, and the drawn sample downloaded as CSV
 * and Excel.
 */
class SamplePageTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void strataInNaturalOrderAPreviewThatDrawsNothingAndTheSampleAsFiles() {
        WebClient admin = server.admin().language("en");
        admin.get("/admin/editions/new");
        long edition = Long.parseLong(admin.postMultipart("/admin/editions", Map.of("name", "Sampling page", "year", "2026",
                "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "", new byte[0])
                .location().replaceAll(".*/", ""));
        StringBuilder csv = new StringBuilder("workplace_id,name,government_level,area,employees,manager_email,language\n");
        int[] sizes = {5, 20, 60, 300};
        for (int i = 0; i < 40; i++) {
            csv.append("W").append(i).append(",Workplace ").append(i).append(",municipality,education,")
                    .append(sizes[i % 4]).append(",w").append(i).append("@example.invalid,da\n");
        }
        admin.get("/admin/editions/" + edition + "/frame");
        String report = admin.postMultipart("/admin/editions/" + edition + "/frame", Map.of(), "file", "frame.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)).location();
        admin.get(report);
        assertThat(admin.post(report + "/import", Map.of()).status()).isEqualTo(303);

        String page = admin.get("/admin/editions/" + edition + "/sample?by=size_group").body();
        List<Integer> at = List.of(page.indexOf(">3-9<"), page.indexOf(">10-49<"), page.indexOf(">50-249<"), page.indexOf(">250+<"));
        assertThat(at).allMatch(i -> i > 0).isSorted();

        // Neyman with one guess for all strata and one of its own; the preview shows n_h and stores nothing
        Map<String, String> form = new HashMap<>(Map.of("by", "size_group", "method", "neyman", "total", "20",
                "minimum", "2", "seed", "7", "variance_all", "0.25"));
        List<String> keys = List.of("3-9", "10-49", "50-249", "250+");
        for (int i = 0; i < keys.size(); i++) {
            form.put("stratum." + i, keys.get(i));
            form.put("variance." + i, i == 0 ? "1" : "");
            form.put("fixed." + i, "");
        }
        form.put("preview", "1");
        WebClient.Response preview = admin.post("/admin/editions/" + edition + "/sample", form);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("(preview)", "The allocation gives 20 workplaces in all. Nothing is drawn yet.");
        assertThat(server.count("SELECT count(*) FROM sample s JOIN frame f ON f.id = s.frame_id WHERE f.edition_id = ?", edition))
                .isZero();

        Map<String, String> bad = new HashMap<>(form);
        bad.put("variance_all", "x");
        WebClient.Response refused = admin.post("/admin/editions/" + edition + "/sample", bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("href=\"#variance_all\"");

        form.remove("preview");
        assertThat(admin.post("/admin/editions/" + edition + "/sample", form).status()).isEqualTo(303);
        WebClient.Response file = admin.get("/admin/editions/" + edition + "/sample.csv");
        assertThat(file.status()).isEqualTo(200);
        String[] lines = file.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("workplace_id,name,stratum,inclusion_probability,design_weight,manager_name,manager_email,language");
        assertThat(lines).hasSize(1 + 20);
        WebClient.Download xlsx = admin.download("/admin/editions/" + edition + "/sample.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(server.count("SELECT count(*) FROM audit_log WHERE action = 'sample.export'")).isEqualTo(2);
        // no sample yet elsewhere: nothing to download
        assertThat(server.client().get("/admin/editions/" + edition + "/sample.csv").status()).isEqualTo(303);
    }
}
