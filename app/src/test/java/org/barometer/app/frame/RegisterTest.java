package org.barometer.app.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.analysis.WeightingException;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An office declares its own register for an edition, over HTTP as staff would: its frame file is checked against
 * the declared variables (row and column named for each bad value), the sample is stratified by the office's own
 * stratifier, and the analysis refuses margins the register does not have. A bad declaration saves nothing.
 */
public class RegisterTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    public static final String REGISTER = """
            {"variables": [
              {"name": "municipality_type", "type": "category", "stratify": true,
               "label": {"da": "Kommunetype", "en": "Type of municipality"},
               "categories": [{"code": "city", "label": {"da": "By", "en": "City"}},
                              {"code": "rural", "label": {"da": "Land", "en": "Rural"}}]},
              {"name": "staff", "type": "integer", "min": 0, "required": false,
               "label": {"da": "Ansatte i it", "en": "IT staff"}}]}""";

    static final String HEADER = "workplace_id,name,manager_name,manager_email,language,municipality_type,staff\n";

    long newEdition(WebClient admin, String name) {
        admin.get("/admin/editions/new");
        WebClient.Response created = admin.postMultipart("/admin/editions", Map.of("name", name, "year", "2026",
                "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "", new byte[0]);
        return Long.parseLong(created.location().replaceAll(".*/", ""));
    }

    @Test
    void anOfficesOwnRegisterChecksItsFrameAndStratifiesItsSample() {
        WebClient admin = server.admin();
        long edition = newEdition(admin, "Digital tools register");
        admin.get("/admin/editions/" + edition + "/frame?lang=en");
        assertThat(admin.post("/admin/editions/" + edition + "/frame/register", Map.of("register", REGISTER)).status())
                .isEqualTo(303);
        String page = admin.get("/admin/editions/" + edition + "/frame").body();
        assertThat(page).contains("<code>municipality_type</code>", "Type of municipality", "city, rural",
                "workplace_id, name, manager_name, manager_email, language, municipality_type, staff");

        // a frame with an unknown category, a number under its minimum and a built-in column it does not declare
        String bad = HEADER.replace("staff\n", "staff,area\n")
                + "K1,Rådhuset,Anna,anna@k.example,da,city,4,education\n";
        String badReport = admin.get(upload(admin, edition, bad)).body();
        assertThat(badReport).contains("Unknown column");
        String faulty = HEADER + "K1,Rådhuset,Anna,anna@k.example,da,town,4\nK2,Skolen,Bo,bo@k.example,da,rural,-3\n";
        String faultyReport = admin.get(upload(admin, edition, faulty)).body();
        assertThat(faultyReport).contains("town", "Unknown category; allowed: city, rural", "-3", "Outside the allowed range 0–");

        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 12; i++) {
            csv.append("K").append(i).append(",Workplace ").append(i).append(",M").append(i).append(",m").append(i)
                    .append("@k.example,").append(i % 2 == 0 ? "da" : "en").append(',')
                    .append(i <= 8 ? "city" : "rural").append(',').append(i % 3 == 0 ? "" : String.valueOf(i)).append('\n');
        }
        String report = upload(admin, edition, csv.toString());
        assertThat(admin.get(report).status()).isEqualTo(200);
        assertThat(admin.post(report + "/import", Map.of()).status()).isEqualTo(303);
        assertThat(server.count("SELECT count(*) FROM frame_unit fu JOIN edition e ON e.frame_id = fu.frame_id "
                + "WHERE e.id = ? AND fu.variables ->> 'municipality_type' = 'city' AND fu.government_level IS NULL", edition))
                .isEqualTo(8);
        assertThat(server.count("SELECT count(*) FROM frame_unit fu JOIN edition e ON e.frame_id = fu.frame_id "
                + "WHERE e.id = ? AND NOT jsonb_exists(fu.variables, 'staff')", edition)).as("optional values left out").isEqualTo(4);

        // the register is fixed once a frame is imported
        admin.get("/admin/editions/" + edition + "/frame");
        WebClient.Response late = admin.post("/admin/editions/" + edition + "/frame/register", Map.of("register", ""));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.body()).contains("href=\"#register-text\"");
        assertThat(server.count("SELECT count(*) FROM edition WHERE id = ? AND register_schema IS NOT NULL", edition)).isOne();

        // the sample page offers the office's stratifier, and the strata are its categories
        String sample = admin.get("/admin/editions/" + edition + "/sample?lang=en").body();
        assertThat(sample).contains("id=\"by-municipality_type\"", "Type of municipality").doesNotContain("id=\"by-area\"");
        assertThat(admin.post("/admin/editions/" + edition + "/sample", Map.of("method", "take_all", "by", "municipality_type",
                "minimum", "0", "seed", "1")).status()).isEqualTo(303);
        assertThat(server.count("SELECT count(*) FROM sample_stratum ss JOIN edition e ON e.sample_id = ss.sample_id "
                + "WHERE e.id = ? AND ss.stratum IN ('city', 'rural')", edition)).isEqualTo(2);
        assertThat(server.count("SELECT sum(population) FROM sample_stratum ss JOIN edition e ON e.sample_id = ss.sample_id "
                + "WHERE e.id = ? AND ss.stratum = 'city'", edition)).isEqualTo(8);
        // the strata read by their categories' labels
        assertThat(admin.get("/admin/editions/" + edition + "/sample?lang=en").body())
                .contains("<th scope=\"row\">City</th>", "<th scope=\"row\">Rural</th>");

        // weighting by margins the register does not have is refused, naming the variable and the register's own
        assertThatThrownBy(() -> new SurveyStore(server.jdbi()).read(edition,
                new WeightingSettings(WeightingOptions.defaults(), null, WeightingSettings.DEFAULT_MARGINS)))
                .isInstanceOf(WeightingException.class)
                .satisfies(e -> {
                    assertThat(((WeightingException) e).problem().key()).isEqualTo("weighting.margin.notInRegister");
                    assertThat(((WeightingException) e).problem().args()).contains("municipality_type, staff");
                });
    }

    @Test
    void aBadDeclarationIsRefusedWithItsPlaceAndSavesNothing() {
        WebClient admin = server.admin();
        long edition = newEdition(admin, "Bad register");
        admin.get("/admin/editions/" + edition + "/frame?lang=en");
        for (Map.Entry<String, String> bad : Map.of(
                "not json", "not valid JSON",
                "{\"variables\": []}", "there must be a list of at least one variable",
                "{\"variables\": [{\"name\": \"Kommune\", \"type\": \"text\", \"label\": {\"da\": \"a\", \"en\": \"b\"}}]}",
                "variables[0].name: \"Kommune\" is not a valid name",
                "{\"variables\": [{\"name\": \"email\", \"type\": \"colour\", \"label\": {\"da\": \"a\", \"en\": \"b\"}}]}",
                "variables[0].type: \"colour\" is not a type",
                "{\"variables\": [{\"name\": \"kind\", \"type\": \"category\", \"stratify\": true, \"label\": {\"da\": \"a\"}, "
                        + "\"categories\": [{\"code\": \"x\", \"label\": {\"da\": \"x\", \"en\": \"x\"}}]}]}",
                "variables[0].label: needs both a Danish (da) and an English (en) text",
                "{\"variables\": [{\"name\": \"language\", \"type\": \"text\", \"label\": {\"da\": \"a\", \"en\": \"b\"}}]}",
                "is one of the columns every register has").entrySet()) {
            WebClient.Response r = admin.post("/admin/editions/" + edition + "/frame/register", Map.of("register", bad.getKey()));
            assertThat(r.status()).as(bad.getKey()).isEqualTo(422);
            assertThat(r.body()).as(bad.getKey()).contains(bad.getValue(), "href=\"#register-text\"");
            assertThat(server.count("SELECT count(*) FROM edition WHERE id = ? AND register_schema IS NOT NULL", edition))
                    .as(bad.getKey()).isZero();
        }
        assertThat(RegisterSchema.BASE_COLUMNS).contains("workplace_id", "manager_email", "language");
    }

    @Test
    void theEditionFilesMayWeightByTheRegistersOwnVariablesOnly() throws Exception {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>(org.barometer.app.demo.DemoFiles.editionFiles());
        // the demo's margins name the built-in register's variables, which a declared register does not have
        assertThatThrownBy(() -> org.barometer.app.demo.DemoFiles.read(files, List.of("municipality_type", "staff")))
                .isInstanceOf(org.barometer.app.publish.spec.EditionException.class)
                .satisfies(e -> assertThat(((org.barometer.app.publish.spec.EditionException) e).problems())
                        .anySatisfy(p -> {
                            assertThat(p.place()).isEqualTo("weighting.margins[0][0]");
                            assertThat(p.args()).contains("government_level", "municipality_type, staff");
                        }));
        files.put("edition.json", files.get("edition.json").replace(
                "\"margins\": [[\"government_level\", \"area\"], [\"size_group\"]]", "\"margins\": [[\"municipality_type\"]]"));
        assertThat(org.barometer.app.demo.DemoFiles.read(files, List.of("municipality_type", "staff")).weighting().margins()).containsExactly(List.of("municipality_type"));
    }

    /** Uploads a frame file; returns its report's path. */
    private static String upload(WebClient admin, long edition, String csv) {
        admin.get("/admin/editions/" + edition + "/frame");
        return admin.postMultipart("/admin/editions/" + edition + "/frame", Map.of(), "file", "register.csv",
                csv.getBytes(StandardCharsets.UTF_8)).location();
    }
}
