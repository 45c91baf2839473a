package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every published figure of the demo downloads as PX and as JSON-stat 2.0: the PX parsed back (its mandatory
 * keywords, DATA as many numbers as the VALUES make), the JSON-stat valid against the format's published schema
 * (kept in the test resources, {@code jsonstat/}), suppressed cells as the documented symbol in both, and both in
 * the OpenAPI document.
 */
class OpenDataDownloadTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static List<String> figures = new ArrayList<>();

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
        JsonNode list = new ObjectMapper().readTree(server.client().get("/api/figures").body());
        JsonNode items = list.isArray() ? list : list.path("figures");
        items.forEach(f -> figures.add(f.path("id").asText()));
        assertThat(figures).hasSize(13);
    }

    @Test
    void everyFigureDownloadsAsPxWithEveryMandatoryKeyword() {
        for (String id : figures) {
            WebClient.Response r = server.client().get("/portal/figures/" + id + "/data.px");
            assertThat(r.status()).as(id).isEqualTo(200);
            Map<String, String> keywords = keywords(r.body());
            assertThat(keywords.keySet()).as(id).contains("CHARSET", "LANGUAGES", "MATRIX", "SUBJECT-CODE", "SUBJECT-AREA",
                    "CONTENTS", "UNITS", "STUB", "HEADING", "DECIMALS", "TITLE", "DATA");
            assertThat(keywords.get("LANGUAGES")).contains("\"da\"", "\"en\"");
            long product = 1;
            for (Map.Entry<String, String> e : keywords.entrySet()) {
                if (e.getKey().startsWith("VALUES(")) {
                    product *= quoted(e.getValue()).size();
                }
            }
            // the default language's VALUES counted once per variable; the English ones repeat them
            long english = 1;
            for (Map.Entry<String, String> e : keywords.entrySet()) {
                if (e.getKey().startsWith("VALUES[en](")) {
                    english *= quoted(e.getValue()).size();
                }
            }
            List<String> data = List.of(keywords.get("DATA").strip().split("\\s+"));
            assertThat((long) data.size()).as(id + " DATA count").isEqualTo(product).isEqualTo(english);
            for (String d : data) {
                assertThat(d).as(id).matches("-?\\d+(\\.\\d+)?|\"\\.\\.\"|\"\\.\"|\\.\\.");
            }
        }
    }

    @Test
    void everyFigureDownloadsAsJsonStat() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String id : figures) {
            WebClient.Response r = server.client().get("/portal/figures/" + id + "/data.json-stat");
            assertThat(r.status()).as(id).isEqualTo(200);
            JsonNode d = json.readTree(r.body());
            assertThat(d.path("version").asText()).isEqualTo("2.0");
            assertThat(d.path("class").asText()).isEqualTo("dataset");
            long product = 1;
            for (JsonNode s : d.path("size")) {
                product *= s.asLong();
            }
            assertThat(d.path("id").size()).isEqualTo(d.path("size").size());
            assertThat((long) d.path("value").size()).as(id).isEqualTo(product);
        }
    }

    @Test
    void everyJsonStatDownloadIsValidAgainstThePublishedSchema() throws Exception {
        Schema schema;
        try (InputStream in = OpenDataDownloadTest.class.getResourceAsStream("/jsonstat/dataset-2.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        for (String id : figures) {
            for (String language : List.of("da", "en")) {
                String body = server.client().get("/portal/figures/" + id + "/data.json-stat?lang=" + language).body();
                // the schema tells a date from a date-time by "format" (oneOf): formats must be asserted
                List<Error> errors = schema.validate(new ObjectMapper().readTree(body),
                        c -> c.executionConfig(e -> e.formatAssertionsEnabled(true)));
                assertThat(errors).as(id + " " + language).isEmpty();
            }
        }
        // the schema is not vacuous: a dataset without its sizes fails it
        String broken = server.client().get("/portal/figures/" + figures.get(0) + "/data.json-stat").body()
                .replaceFirst("\"size\"", "\"sizes\"");
        assertThat(schema.validate(broken, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void suppressedCellsCarryTheDocumentedSymbolInBoth() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int suppressedInAll = 0;
        for (String id : figures) {
            JsonNode figure = json.readTree(server.client().get("/api/figures/" + id).body());
            int suppressed = 0;
            for (JsonNode cell : figure.path("cells")) {
                if (cell.path("suppressed").asBoolean()) {
                    suppressed++;
                }
            }
            suppressedInAll += suppressed;
            // four measures per cell (share, its two bounds, n), each the symbol when the cell is suppressed
            Map<String, String> px = keywords(server.client().get("/portal/figures/" + id + "/data.px").body());
            assertThat(px.get("DATASYMBOL2")).as(id).isEqualTo("\"..\"");
            long pxSymbols = List.of(px.get("DATA").strip().split("\\s+")).stream().filter("\"..\""::equals).count();
            assertThat(pxSymbols).as(id + " PX").isEqualTo(4L * suppressed);

            JsonNode stat = json.readTree(server.client().get("/portal/figures/" + id + "/data.json-stat").body());
            long statSymbols = 0;
            for (Map.Entry<String, JsonNode> e : stat.path("status").properties()) {
                if (e.getValue().asText().equals("..")) {
                    statSymbols++;
                    assertThat(stat.path("value").get(Integer.parseInt(e.getKey())).isNull()).as(id + " value " + e.getKey())
                            .isTrue();
                }
            }
            assertThat(statSymbols).as(id + " JSON-stat").isEqualTo(4L * suppressed);
        }
        assertThat(suppressedInAll).as("the demo publication suppresses some cells").isPositive();
    }

    @Test
    void thePxReaderOfTheseTestsReadsARealStatBankFile() throws Exception {
        String px;
        try (InputStream in = OpenDataDownloadTest.class.getResourceAsStream("/px/TAB003.px")) {
            px = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        Map<String, String> keywords = keywords(px);
        assertThat(keywords.keySet()).contains("CHARSET", "LANGUAGES", "MATRIX", "SUBJECT-CODE", "SUBJECT-AREA",
                "CONTENTS", "UNITS", "STUB", "HEADING", "DECIMALS", "TITLE", "DATA");
        long product = 1;
        long swedish = 1;
        for (Map.Entry<String, String> e : keywords.entrySet()) {
            if (e.getKey().startsWith("VALUES(")) {
                product *= quoted(e.getValue()).size();
            } else if (e.getKey().startsWith("VALUES[sv](")) {
                swedish *= quoted(e.getValue()).size();
            }
        }
        assertThat(product).isEqualTo(9L * 34 * 2 * 4);
        assertThat(List.of(keywords.get("DATA").strip().split("\\s+"))).hasSize((int) product);
        assertThat(swedish).isEqualTo(product);
    }

    @Test
    void everyFigurePageLinksBothDownloads() {
        String theme = server.client().get("/portal/themes/technology?lang=en").body();
        assertThat(theme).contains("/portal/figures/technology-part/data.px\">PX</a>",
                "/portal/figures/technology-part/data.json-stat?lang=en\">JSON-stat</a>");
    }

    @Test
    void theOpenApiDocumentListsBoth() {
        String api = server.client().get("/api/openapi.json").body();
        assertThat(api).contains("/portal/figures/{id}/data.px", "/portal/figures/{id}/data.json-stat");
    }

    /** KEYWORD[lang]("sub")=value; pairs of a PX file. */
    static Map<String, String> keywords(String px) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?s)([A-Z][A-Z0-9-]*(?:\\[[a-z]+\\])?(?:\\(\"[^\"]*\"(?:,\"[^\"]*\")*\\))?)=(.*?);\\s*(?=[A-Z][A-Z0-9-]*[\\[(=]|$)")
                .matcher(px.startsWith("\uFEFF") ? px.substring(1) : px);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static List<String> quoted(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(value);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
