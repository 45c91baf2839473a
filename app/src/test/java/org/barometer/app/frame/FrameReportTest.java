package org.barometer.app.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A frame file's report is made once, at upload, and every later view shows the stored report: viewing it costs
 * no parse of the file, however large (a report page that parsed its file on every view took seconds each time).
 */
class FrameReportTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void theReportIsShownFromWhatWasStoredAtUploadNotFromTheFile() {
        WebClient admin = server.admin();
        admin.get("/admin/editions/new");
        WebClient.Response created = admin.postMultipart("/admin/editions", Map.of("name", "Stored report",
                "year", "2026", "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "",
                new byte[0]);
        long edition = Long.parseLong(created.location().replaceAll(".*/", ""));
        String csv = "workplace_id,name,government_level,area,employees,region,manager_name,manager_email,language\n"
                + "A1,Skolen,municipality,education,20,Nord,Anna,a@example.invalid,da\n"
                + "A1,Dubletten,municipality,education,x,Nord,Eve,not-mail,da\n";
        admin.get("/admin/editions/" + edition + "/frame");
        String report = admin.postMultipart("/admin/editions/" + edition + "/frame", Map.of(), "file", "frame.csv",
                csv.getBytes(StandardCharsets.UTF_8)).location();
        long upload = Long.parseLong(report.replaceAll(".*/", ""));
        String first = admin.get(report + "?lang=en").body();
        assertThat(first).contains("not-mail");
        assertThat(server.count("SELECT count(*) FROM frame_upload WHERE id = ? AND report IS NOT NULL", upload)).isOne();

        // The file is now unreadable: a report parsed again from it would say so, the stored one does not.
        server.jdbi().useHandle(h -> h.execute("UPDATE frame_upload SET content = ? WHERE id = ?",
                "\u0000\u0001 not a frame".getBytes(StandardCharsets.UTF_8), upload));
        String again = admin.get(report + "?lang=en").body();
        assertThat(again).contains("not-mail");
        assertThat(problems(again)).isEqualTo(problems(first));
    }

    @Test
    void ofAWorkplaceGivenTwiceTheUserChoosesTheRowToKeep() {
        WebClient admin = server.admin().language("en");
        admin.get("/admin/editions/new");
        long edition = Long.parseLong(admin.postMultipart("/admin/editions", Map.of("name", "Duplicates", "year", "2026",
                "start", "2026-03-01", "end", "2026-04-15", "languages", "da"), "questionnaire", "", new byte[0])
                .location().replaceAll(".*/", ""));
        String csv = "workplace_id,name,government_level,area,employees,manager_email,language\n"
                + "A1,Old name,municipality,education,20,old@example.invalid,da\n"
                + "A1,New name,municipality,education,25,new@example.invalid,da\n"
                + "B2,Skolen,municipality,education,30,b@example.invalid,da\n";
        admin.get("/admin/editions/" + edition + "/frame");
        String report = admin.postMultipart("/admin/editions/" + edition + "/frame", Map.of(), "file", "frame.csv",
                csv.getBytes(StandardCharsets.UTF_8)).location();
        String page = admin.get(report).body();
        assertThat(page).contains("Workplaces given more than once", "name=\"keep.0\" value=\"2\"", "name=\"keep.0\" value=\"3\"");

        // a row that is not one of the duplicates is refused, nothing imported
        WebClient.Response wrong = admin.post(report + "/import", Map.of("keep.0", "4"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("The chosen row does not belong to an id given more than once.");
        assertThat(server.count("SELECT count(*) FROM edition WHERE id = ? AND frame_id IS NOT NULL", edition)).isZero();

        assertThat(admin.post(report + "/import", Map.of("keep.0", "3")).status()).isEqualTo(303);
        assertThat(server.count("SELECT count(*) FROM frame_unit fu JOIN edition e ON e.frame_id = fu.frame_id "
                + "WHERE e.id = ?", edition)).isEqualTo(2);
        assertThat(server.count("SELECT count(*) FROM frame_unit fu JOIN edition e ON e.frame_id = fu.frame_id "
                + "WHERE e.id = ? AND fu.workplace_id = 'A1' AND fu.name = 'New name' AND fu.employees = 25", edition)).isOne();
        assertThat(server.count("SELECT skipped_rows FROM frame f JOIN edition e ON e.frame_id = f.id WHERE e.id = ?", edition))
                .isOne();
    }

    /** The rows of the report's problem table, as shown. */
    private static String problems(String page) {
        int start = page.indexOf("<table");
        int end = page.indexOf("</table>", start);
        return start < 0 || end < 0 ? "" : page.substring(start, end);
    }
}
