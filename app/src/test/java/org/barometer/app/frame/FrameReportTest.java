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

    /** The rows of the report's problem table, as shown. */
    private static String problems(String page) {
        int start = page.indexOf("<table");
        int end = page.indexOf("</table>", start);
        return start < 0 || end < 0 ? "" : page.substring(start, end);
    }
}
