package org.barometer.formats.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.barometer.formats.FormatInputException;
import org.junit.jupiter.api.Test;

/**
 * The JSON-stat dataset validated by a JSON Schema (com.networknt's validator): against the checks written from
 * the JSON-stat 2.0 description ({@code jsonstat-2.0-dataset-checks.schema.json}), and against the JSON-stat
 * project's schema file when {@code -Dbarometer.jsonstat.schema=FILE} names a copy of it; then the rules a schema
 * cannot state (size against value count, indices, statuses).
 */
class JsonStatWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode written(String language) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonStatWriter.of(language).write(SampleTable.table(), out);
        return JSON.readTree(out.toByteArray());
    }

    private static List<Error> validate(InputStream schema, JsonNode json) {
        Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
        return s.validate(json);
    }

    @Test
    void theDatasetPassesTheSchemaChecksAndABrokenOneDoesNot() throws Exception {
        for (String language : List.of("da", "en")) {
            JsonNode json = written(language);
            try (InputStream schema = getClass().getResourceAsStream("/jsonstat-2.0-dataset-checks.schema.json")) {
                assertThat(validate(schema, json)).as(language).isEmpty();
            }
        }
        ObjectNode broken = (ObjectNode) written("en");
        broken.remove("size");
        broken.put("colour", "red");
        ((ObjectNode) broken.at("/dimension/sector/category")).put("order", 1);
        try (InputStream schema = getClass().getResourceAsStream("/jsonstat-2.0-dataset-checks.schema.json")) {
            List<String> messages = validate(schema, broken).stream().map(Error::getMessage).toList();
            assertThat(messages).hasSize(3).anyMatch(m -> m.contains("size")).anyMatch(m -> m.contains("colour"))
                    .anyMatch(m -> m.contains("order"));
        }
    }

    @Test
    void theDatasetPassesTheJsonStatProjectsSchema() throws Exception {
        // the JSON-stat 2.0 Dataset schema as published, kept in the test resources (see jsonstat/README.md)
        for (String language : List.of("da", "en")) {
            try (InputStream schema = getClass().getResourceAsStream("/jsonstat/dataset-2.0.json")) {
                // the schema tells a date from a date-time by "format" (oneOf): formats must be asserted
                Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
                assertThat(s.validate(written(language), c -> c.executionConfig(e -> e.formatAssertionsEnabled(true))))
                        .as(language).isEmpty();
            }
        }
    }

    @Test
    void sizesIndicesAndStatusesAgreeWithTheValues() throws Exception {
        JsonNode json = written("en");
        long product = 1;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < json.get("id").size(); i++) {
            String id = json.get("id").get(i).asText();
            ids.add(id);
            JsonNode category = json.at("/dimension/" + id + "/category");
            assertThat(category.get("index").size()).as(id).isEqualTo(json.get("size").get(i).asInt());
            for (JsonNode code : category.get("index")) assertThat(category.at("/label/" + code.asText()).isTextual()).isTrue();
            product *= json.get("size").get(i).asInt();
        }
        List<String> keys = new ArrayList<>();
        json.get("dimension").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(ids);
        assertThat(ids).containsExactly("sector", "answer", "measure");
        assertThat(json.get("value").size()).isEqualTo((int) product);
        assertThat(json.at("/role/metric/0").asText()).isEqualTo("measure");
        assertThat(json.at("/dimension/measure/category/unit/n/decimals").asInt()).isZero();
        assertThat(json.at("/dimension/measure/category/unit/estimate/label").asText()).isEqualTo("per cent");

        JsonNode value = json.get("value");
        assertThat(value.get(0).asDouble()).isEqualTo(81.234);
        assertThat(value.get(3).asLong()).isEqualTo(412);
        // region (cells 8-15) suppressed: null with ".."; municipality's bounds do not exist: null with "."
        for (int i = 8; i < 16; i++) {
            assertThat(value.get(i).isNull()).isTrue();
            assertThat(json.at("/status/" + i).asText()).isEqualTo("..");
        }
        assertThat(json.at("/status/17").asText()).isEqualTo(".");
        assertThat(json.at("/status/18").asText()).isEqualTo(".");
        assertThat(value.get(16).asDouble()).isEqualTo(100.0);
        Iterator<String> statusKeys = json.get("status").fieldNames();
        int statuses = 0;
        while (statusKeys.hasNext()) {
            int index = Integer.parseInt(statusKeys.next());
            assertThat(index).isBetween(0, (int) product - 1);
            assertThat(value.get(index).isNull()).isTrue();
            statuses++;
        }
        assertThat(statuses).isEqualTo(8 + 4);
        assertThat(json.at("/extension/symbols/..").asText()).isEqualTo(".. = not published, to protect the confidentiality of respondents");
        assertThat(json.get("note").get(0).asText()).isEqualTo("Figure 3. Share of workplaces that innovated, by sector.");
        assertThat(written("da").at("/dimension/sector/category/label/municipality").asText()).isEqualTo("Kommunal");
    }

    @Test
    void aLanguageTheTableIsNotPublishedInIsRefused() {
        assertThatThrownBy(() -> JsonStatWriter.of("sv").write(SampleTable.table(), new ByteArrayOutputStream()))
                .isInstanceOf(FormatInputException.class).hasMessage("table 'IB2026F3' is not published in 'sv'");
    }
}
