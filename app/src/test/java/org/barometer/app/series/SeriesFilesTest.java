package org.barometer.app.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.publish.spec.EditionZip;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The family's files at the door, uploaded over HTTP as staff upload them: a good upload is stored as a version;
 * an indicator naming an unknown question, an edition in two series, an aggregate share outside [0, 1], an
 * aggregate without n — each refused with its file and place, nothing stored.
 */
class SeriesFilesTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static WebClient admin;

    @BeforeAll
    static void edition() throws Exception {
        server.publishDemo();
        admin = server.admin();
    }

    static String family(String share, String secondSeriesEdition) {
        return """
                {"id": "test", "title": {"da": "Test", "en": "Test"},
                 "series": [
                  {"id": "dk", "country": "DK", "title": {"da": "DK", "en": "DK"}, "owner": "Test", "languages": ["da"],
                   "respondents": {"da": "ledere", "en": "managers"}, "sectors": {"da": "alle", "en": "all"},
                   "editions": [{"id": "2019", "period": "2018–19", "edition": "%s"}]},
                  {"id": "no", "country": "NO", "title": {"da": "NO", "en": "NO"}, "owner": "KS", "languages": ["nb"],
                   "respondents": {"da": "ledere", "en": "unit leaders"}, "sectors": {"da": "kommuner", "en": "municipalities"},
                   "editions": [{"id": "2018", "period": "2018"%s}]}],
                 "indicators": [{"id": "innovating", "name": {"da": "I", "en": "I"}, "wording": {"da": "I", "en": "I"},
                   "editions": {"dk/2019": {"share": "%s"}}}],
                 "aggregates": ["aggregates.csv"]}
                """.formatted(DemoEdition.NAME, secondSeriesEdition, share);
    }

    static final String HEADER = "series,edition,indicator,estimate,lower,upper,n,publisher,table,date,licence\n";
    static final String GOOD_ROW = "no,2018,innovating,0.74,,,1786,KS,Innovasjonsbarometeret 2018,2018,NLOD\n";

    static WebClient.Response upload(String familyJson, String aggregates) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("family.json", familyJson);
        files.put("aggregates.csv", aggregates);
        admin.get("/admin/series");
        return admin.postMultipart("/admin/series", Map.of(), "files", "family.zip", EditionZip.write(files));
    }

    static void refused(WebClient.Response r, String file, String place, String problem) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"series-problems\"").contains("<td>" + file + "</td>")
                .contains("<td>" + place + "</td>").contains(problem);
    }

    @Test
    void aGoodUploadIsStoredAndEachBadOneRefusedWithItsFileAndPlace() {
        int before = server.count("select count(*) from series_family");

        refused(upload(family("${no_such_question} = 1", ""), HEADER + GOOD_ROW), "family.json",
                "indicators[0].editions.dk/2019.share", "no_such_question");
        refused(upload(family("${innovator} = 1", ", \"edition\": \"" + DemoEdition.NAME + "\""), HEADER + GOOD_ROW),
                "family.json", "series[1].editions[0].edition", "already in series[0].editions[0]");
        refused(upload(family("${innovator} = 1", ""), HEADER + GOOD_ROW.replace("0.74", "1.2")), "aggregates.csv",
                "line 2, estimate", "is not a share between 0 and 1");
        refused(upload(family("${innovator} = 1", ""), HEADER + GOOD_ROW.replace("1786", "")), "aggregates.csv",
                "line 2, n", "the number of respondents (n) is missing");
        refused(upload(family("${innovator} = 1", ""), HEADER.replace(",n,", ",") + GOOD_ROW.replace(",1786,", ",")),
                "aggregates.csv", "line 1", "missing columns: n");
        // in Danish too
        admin.get("/admin/series?lang=da");
        WebClient.Response da = upload(family("${innovator} = 1", ""), HEADER + GOOD_ROW.replace("0.74", "-0.1"));
        assertThat(da.body()).contains("er ikke en andel mellem 0 og 1");
        assertThat(server.count("select count(*) from series_family")).isEqualTo(before);
        assertThat(server.count("select count(*) from series_edition")).isZero();

        WebClient.Response good = upload(family("${innovator} = 1", ""), HEADER + GOOD_ROW);
        assertThat(good.status()).isEqualTo(303);
        assertThat(server.count("select count(*) from series_family")).isEqualTo(before + 1);
        assertThat(server.count("select count(*) from series_edition")).isEqualTo(1);
        assertThat(admin.get("/admin/series").body()).contains("family.zip");
    }

    @Test
    void notAZipAndNoFileAreRefused() {
        admin.get("/admin/series");
        WebClient.Response r = admin.postMultipart("/admin/series", Map.of(), "files", "family.zip",
                "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        admin.get("/admin/series");
        assertThat(admin.postMultipart("/admin/series", Map.of(), "files", "", new byte[0]).status()).isEqualTo(400);
    }

    @Test
    void theUploadIsForStaffOnly() {
        assertThat(server.client().get("/admin/series").status()).isIn(302, 303);
    }
}
