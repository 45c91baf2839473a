package org.barometer.formats.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.formats.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R reads the {@code .sav} written from {@link SampleMicrodata}: haven with {@code user_na = TRUE} and foreign's
 * {@code read.spss}. Skipped, naming what is missing, without R or its packages.
 */
class SpssWriterAgainstRTest {
    @TempDir
    Path dir;

    private WriteReport write(String language) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve("sample.sav"))) {
            return SpssWriter.of(language).withTimestamp(LocalDateTime.of(2026, 3, 1, 9, 30)).write(SampleMicrodata.dataset(), out);
        }
    }

    private JsonNode runR(String script) throws Exception {
        Files.writeString(dir.resolve("read.R"), script);
        ExternalTools.Run run = ExternalTools.run(dir, "Rscript", "read.R");
        assertThat(run.exitCode()).as("Rscript failed:\n" + run.stderr()).isZero();
        return new ObjectMapper().readTree(run.stdout());
    }

    @Test
    void havenReadsLabelsMissingCodesLongStringsAndNames() throws Exception {
        String problem = ExternalTools.rProblem(dir, "haven", "jsonlite");
        Assumptions.assumeTrue(problem == null, () -> "SPSS file check with R haven skipped: " + problem);
        WriteReport report = write("en");
        JsonNode r = runR("""
                suppressMessages({library(haven); library(jsonlite)})
                d <- read_sav("sample.sav", user_na = TRUE)
                vl <- function(x) { l <- attr(x, "labels"); if (is.null(l)) NULL else as.list(setNames(names(l), as.character(unclass(l)))) }
                out <- list(names = names(d),
                  labels = lapply(d, function(x) attr(x, "label")),
                  value_labels = lapply(d, vl),
                  na_range = lapply(d, function(x) attr(x, "na_range")),
                  q1 = as.numeric(unclass(d$q1_innovation)),
                  choice = as.numeric(unclass(d$v2nd_choice)),
                  weight = as.numeric(d$weight),
                  comment = d$comment, medium = d$medium_text, long = d$long_text,
                  file_label = attr(d, "label"))
                cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"))
                """);
        List<String> written = new ArrayList<>(report.variableNames().values());
        assertThat(r.get("names")).extracting(JsonNode::asText).containsExactlyElementsOf(written);
        assertThat(written).containsExactly("id", "q1_innovation", "q2_samarbejde", "omraade", "v2nd_choice", "with_v",
                "weight", "comment", "medium_text", "long_text", "a_variable_name_that_is_longer_than_thirty_two_characters");
        assertThat(r.at("/labels/q1_innovation").asText()).isEqualTo("Has the workplace innovated?");
        assertThat(r.at("/labels/omraade").asText()).isEqualTo("Size of the workplace");
        // one label set shared by two variables, with the four missing kinds labelled on their codes
        for (String v : List.of("q1_innovation", "q2_samarbejde")) {
            assertThat(r.at("/value_labels/" + v)).isEqualTo(new ObjectMapper().valueToTree(Map.of("1", "Yes", "0", "No",
                    "-1", "Not asked (routing)", "-2", "Left unanswered", "-3", "Don't know", "-4", "Not applicable")));
            assertThat(r.at("/na_range/" + v)).extracting(JsonNode::asDouble).containsExactly(-4.0, -1.0);
        }
        assertThat(r.at("/value_labels/omraade/3").asText()).isEqualTo("Large");
        assertThat(r.at("/na_range/weight")).extracting(JsonNode::asDouble).containsExactly(-4.0, -1.0);
        assertThat(r.at("/value_labels/weight").isNull()).isTrue();
        // missing kinds come back as their codes, the empty value as NA
        assertThat(r.get("q1").get(0).asDouble()).isEqualTo(-1);
        assertThat(r.get("q1").get(1).asDouble()).isEqualTo(-2);
        assertThat(r.get("q1").get(2).asDouble()).isEqualTo(-3);
        assertThat(r.get("q1").get(3).asDouble()).isEqualTo(-4);
        assertThat(r.get("q1").get(4).isNull() || r.get("q1").get(4).asText().equals("NA")).as(r.get("q1").toString()).isTrue();
        assertThat(r.get("q1").get(5).asDouble()).isEqualTo(1);
        assertThat(r.get("choice").get(2).asDouble()).isEqualTo(-3);
        assertThat(r.get("weight").get(3).asDouble()).isEqualTo(1.25 + 3 / 8.0);
        // strings whole: 300 and 3,000 characters across segments, multi-byte letters included
        assertThat(r.get("medium").get(1).asText()).isEqualTo(SampleMicrodata.MEDIUM);
        assertThat(r.get("long").get(0).asText()).isEqualTo(SampleMicrodata.LONG);
        assertThat(r.get("long").get(1).asText()).isEmpty();
        assertThat(r.get("comment").get(0).asText()).isEqualTo("hej 0");
        assertThat(r.get("comment").get(3).asText()).isEmpty();
        assertThat(r.get("file_label").asText()).isEqualTo("Innovation Barometer microdata");
    }

    @Test
    void danishLabelsInADanishFile() throws Exception {
        String problem = ExternalTools.rProblem(dir, "haven", "jsonlite");
        Assumptions.assumeTrue(problem == null, () -> "SPSS file check with R haven skipped: " + problem);
        write("da");
        JsonNode r = runR("""
                suppressMessages({library(haven); library(jsonlite)})
                d <- read_sav("sample.sav", user_na = TRUE)
                cat(toJSON(list(label = attr(d$omraade, "label"), labels = as.list(setNames(names(attr(d$omraade, "labels")),
                  as.character(unclass(attr(d$omraade, "labels")))))), auto_unbox = TRUE))
                """);
        assertThat(r.get("label").asText()).isEqualTo("Arbejdspladsens størrelse");
        assertThat(r.at("/labels/2").asText()).isEqualTo("Mellem");
        assertThat(r.at("/labels/-3").asText()).isEqualTo("Ved ikke");
    }

    @Test
    void foreignReadsVariableLabelsValueLabelsAndMissingRanges() throws Exception {
        String problem = ExternalTools.rProblem(dir, "foreign", "jsonlite");
        Assumptions.assumeTrue(problem == null, () -> "SPSS file check with R foreign skipped: " + problem);
        write("en");
        JsonNode r = runR("""
                suppressMessages({library(foreign); library(jsonlite)})
                d <- suppressWarnings(read.spss("sample.sav", to.data.frame = FALSE, use.value.labels = FALSE, reencode = "UTF-8"))
                vl <- attr(d$q2_samarbejde, "value.labels")
                cat(toJSON(list(names = names(d), var_labels = as.list(attr(d, "variable.labels")),
                  value_labels = as.list(setNames(names(vl), as.character(vl))),
                  missings = attr(d, "missings")$q2_samarbejde), auto_unbox = TRUE, digits = NA))
                """);
        assertThat(r.at("/var_labels/q2_samarbejde").asText()).isEqualTo("Collaboration with others?");
        assertThat(r.at("/value_labels/0").asText()).isEqualTo("No");
        assertThat(r.at("/value_labels/-4").asText()).isEqualTo("Not applicable");
        assertThat(r.at("/missings/type").asText()).isEqualTo("range");
        assertThat(r.at("/missings/value")).extracting(JsonNode::asDouble).containsExactly(-4.0, -1.0);
        // foreign's read.spss keeps only the first 255-byte segment of a very long string (haven reads it whole)
    }
}
