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
 * R reads the {@code .dta} written from {@link SampleMicrodata}: haven (labels, tagged missing values {@code .a}–
 * {@code .d}, strF and strL strings) and readstata13 (the {@code label language} characteristics that carry the
 * second language). Skipped, naming what is missing, without R or its packages.
 */
class StataWriterAgainstRTest {
    @TempDir
    Path dir;

    private WriteReport write(String... languages) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve("sample.dta"))) {
            return StataWriter.of(languages).withTimestamp(LocalDateTime.of(2026, 3, 1, 9, 30)).write(SampleMicrodata.dataset(), out);
        }
    }

    private JsonNode runR(String script) throws Exception {
        Files.writeString(dir.resolve("read.R"), script);
        ExternalTools.Run run = ExternalTools.run(dir, "Rscript", "read.R");
        assertThat(run.exitCode()).as("Rscript failed:\n" + run.stderr()).isZero();
        return new ObjectMapper().readTree(run.stdout());
    }

    @Test
    void havenReadsLabelsTaggedMissingValuesStringsAndNames() throws Exception {
        String problem = ExternalTools.rProblem(dir, "haven", "jsonlite");
        Assumptions.assumeTrue(problem == null, () -> "Stata file check with R haven skipped: " + problem);
        WriteReport report = write("da", "en");
        JsonNode r = runR("""
                suppressMessages({library(haven); library(jsonlite)})
                d <- read_dta("sample.dta")
                vl <- function(x) { l <- attr(x, "labels"); if (is.null(l)) NULL else
                  as.list(setNames(names(l), ifelse(is.na(l), paste0(".", na_tag(l)), as.character(unclass(l))))) }
                out <- list(names = names(d),
                  labels = lapply(d, function(x) attr(x, "label")),
                  value_labels = lapply(d, vl),
                  q1 = as.numeric(unclass(d$q1_innovation)),
                  q1_tags = na_tag(d$q1_innovation),
                  choice_tags = na_tag(d$v2nd_choice),
                  weight = as.numeric(d$weight),
                  comment = d$comment, medium = d$medium_text, long = d$long_text,
                  file_label = attr(d, "label"))
                cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null"))
                """);
        List<String> written = new ArrayList<>(report.variableNames().values());
        assertThat(r.get("names")).extracting(JsonNode::asText).containsExactlyElementsOf(written);
        assertThat(written).containsExactly("id", "q1_innovation", "q2_samarbejde", "omraade", "v2nd_choice", "with_v",
                "weight", "comment", "medium_text", "long_text", "a_variable_name_that_is_longer_t");
        assertThat(r.at("/labels/q1_innovation").asText()).isEqualTo("Har arbejdspladsen innoveret?");
        Map<String, String> yesNo = Map.of("1", "Ja", "0", "Nej", ".a", "Ikke stillet (routing)", ".b", "Ikke besvaret",
                ".c", "Ved ikke", ".d", "Ikke relevant");
        assertThat(r.at("/value_labels/q1_innovation")).isEqualTo(new ObjectMapper().valueToTree(yesNo));
        assertThat(r.at("/value_labels/q2_samarbejde")).isEqualTo(new ObjectMapper().valueToTree(yesNo));
        assertThat(r.at("/value_labels/omraade/2").asText()).isEqualTo("Mellem");
        // the four kinds as .a-.d, the empty value as plain NA
        assertThat(r.get("q1_tags")).extracting(JsonNode::asText).containsExactly("a", "b", "c", "d", "null", "null");
        assertThat(r.get("q1").get(5).asDouble()).isEqualTo(1);
        assertThat(r.get("choice_tags").get(2).asText()).isEqualTo("c");
        assertThat(r.get("weight").get(5).asDouble()).isEqualTo(1.25 + 5 / 8.0);
        // strF of 350 bytes and strL of 3,000 characters, whole
        assertThat(r.get("medium").get(2).asText()).isEqualTo(SampleMicrodata.MEDIUM);
        assertThat(r.get("long").get(5).asText()).isEqualTo(SampleMicrodata.LONG);
        assertThat(r.get("long").get(1).asText()).isEmpty();
        assertThat(r.get("comment").get(3).asText()).isEmpty();
        assertThat(r.get("file_label").asText()).isEqualTo("Innovationsbarometer mikrodata");
        assertThat(report.labelSetNames()).containsEntry("størrelse", "stoerrelse").containsEntry("størrelse_en", "stoerrelse_en");
    }

    @Test
    void readstata13FindsTheSecondLanguageThroughLabelLanguage() throws Exception {
        String problem = ExternalTools.rProblem(dir, "readstata13", "jsonlite");
        Assumptions.assumeTrue(problem == null, () -> "Stata label language check with R readstata13 skipped: " + problem);
        write("da", "en");
        JsonNode r = runR("""
                suppressMessages({library(readstata13); library(jsonlite)})
                d <- read.dta13("sample.dta", convert.factors = FALSE)
                lang <- get.lang(d, print = FALSE)
                en_set <- get.label.name(d, "omraade", lang = "en")
                cat(toJSON(list(languages = lang$languages, current = lang$default,
                  da_label = unname(varlabel(d, "omraade")),
                  en_label = unname(varlabel(d, "omraade", lang = "en")),
                  en_set = unname(en_set),
                  en_labels = as.list(setNames(names(get.label(d, en_set)), as.character(get.label(d, en_set)))),
                  en_dataset = attr(d, "expansion.fields")[sapply(attr(d, "expansion.fields"), function(x) x[2] == "_lang_v_en" && x[1] == "_dta")][[1]][3]),
                  auto_unbox = TRUE))
                """);
        assertThat(r.get("languages")).extracting(JsonNode::asText).containsExactly("da", "en");
        assertThat(r.get("current").asText()).isEqualTo("da");
        assertThat(r.get("da_label").asText()).isEqualTo("Arbejdspladsens størrelse");
        assertThat(r.get("en_label").asText()).isEqualTo("Size of the workplace");
        assertThat(r.get("en_set").asText()).isEqualTo("stoerrelse_en");
        assertThat(r.at("/en_labels/3").asText()).isEqualTo("Large");
        assertThat(r.get("en_dataset").asText()).isEqualTo("Innovation Barometer microdata");
    }
}
