package org.barometer.formats.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;
import org.junit.jupiter.api.Test;

/** The PX file read back: mandatory keywords, both languages, the DATA count, the symbols, the line rules. */
class PxWriterTest {
    /** The mandatory keywords of the PX 2013 format (STUB or HEADING: at least one; this table has both). */
    private static final List<String> MANDATORY = List.of("CONTENTS", "DATA", "DECIMALS", "HEADING", "MATRIX",
            "SUBJECT-AREA", "SUBJECT-CODE", "TITLE", "UNITS", "VALUES");
    private static final List<String> PER_LANGUAGE = List.of("SUBJECT-AREA", "TITLE", "CONTENTS", "UNITS", "STUB", "HEADING", "NOTE");

    private static byte[] write(PxWriter writer, StatTable table) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(table, out);
        return out.toByteArray();
    }

    @Test
    void everyMandatoryKeywordInBothLanguagesAndDataMatchesTheValues() throws Exception {
        byte[] bytes = write(PxWriter.utf8(), SampleTable.table());
        PxFile px = PxFile.parse(bytes);
        for (String k : MANDATORY) assertThat(px.entries).as(k).anyMatch(e -> e.keyword().equals(k));
        for (String k : PER_LANGUAGE) {
            assertThat(px.get(k, null)).as(k).isNotNull();
            assertThat(px.get(k, "en")).as(k + "[en]").isNotNull();
        }
        assertThat(px.get("CHARSET", null).values()).containsExactly("ANSI");
        assertThat(px.get("CODEPAGE", null).values()).containsExactly("utf-8");
        assertThat(px.get("LANGUAGE", null).values()).containsExactly("da");
        assertThat(px.get("LANGUAGES", null).values()).containsExactly("da", "en");
        assertThat(px.get("MATRIX", null).values()).containsExactly("IB2026F3");
        assertThat(px.get("TITLE", "en").values()).containsExactly("Workplaces that innovated, by sector and answer");
        assertThat(px.get("STUB", null).values()).containsExactly("sektor");
        assertThat(px.get("HEADING", "en").values()).containsExactly("answer", "Measure");
        assertThat(px.get("CONTVARIABLE", null).values()).containsExactly("Mål");

        for (String lang : new String[] {null, "en"}) {
            List<String> variables = new ArrayList<>(px.get("STUB", lang).values());
            variables.addAll(px.get("HEADING", lang).values());
            long product = 1;
            for (String v : variables) {
                PxFile.Entry values = px.get("VALUES", lang, v);
                assertThat(values).as("VALUES for " + v).isNotNull();
                assertThat(px.get("CODES", lang, v).values()).as("CODES for " + v).hasSameSizeAs(values.values());
                product *= values.values().size();
            }
            assertThat(px.get("DATA", null).values()).as("DATA count = product of VALUES counts").hasSize((int) product);
        }
        assertThat(px.get("VALUES", "en", "sector").values()).containsExactly("State", "Regional", "Municipal");
        assertThat(px.get("VALUES", null, "Mål").values()).containsExactly("Estimat", "Nedre grænse for 95%-konfidensintervallet",
                "Øvre grænse for 95%-konfidensintervallet", "Besvarelser (n)");
        assertThat(px.get("UNITS", "en", "Respondents (n)").values()).containsExactly("respondents");
        assertThat(px.get("UNITS", null, "Estimat").values()).containsExactly("pct.");
    }

    @Test
    void suppressedCellsAreTwoDotsAndMissingBoundsOneDot() throws Exception {
        PxFile px = PxFile.parse(write(PxWriter.utf8(), SampleTable.table()));
        List<String> data = px.get("DATA", null).values();
        // row 1 (state): yes = 81.2 [77.1; 85.4] n 412, no = 18.8 [14.6; 23.0] n 412
        assertThat(data.subList(0, 8)).containsExactly("81.2", "77.1", "85.4", "412", "18.8", "14.6", "23.0", "412");
        assertThat(data.subList(8, 16)).containsOnly("..");
        assertThat(data.subList(16, 24)).containsExactly("100.0", ".", ".", "37", "0.0", ".", ".", "37");
        assertThat(px.get("DATASYMBOL2", null).values()).containsExactly("..");
        assertThat(px.get("DATASYMBOL1", null).values()).containsExactly(".");
        assertThat(px.get("NOTE", null).values().getFirst()).contains(".. = ikke offentliggjort af hensyn til respondenternes fortrolighed");
        assertThat(px.get("NOTE", "en").values().getFirst()).startsWith("Figure 3. Share of workplaces")
                .contains(".. = not published, to protect the confidentiality of respondents");
    }

    @Test
    void linesAreAtMost256CharactersWithCrlfAndLongTextsSurviveWhole() throws Exception {
        byte[] bytes = write(PxWriter.utf8(), SampleTable.table());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r\r").endsWith(";\r\n");
        for (String line : text.split("\r\n")) assertThat(line.length()).as(line).isLessThanOrEqualTo(256);
        assertThat(text.replace("\r\n", "").contains("\n")).isFalse();
        PxFile px = PxFile.parse(bytes);
        String note = px.get("NOTE", null).values().getFirst();
        assertThat(note).startsWith(SampleTable.CAPTION_DA.replace('"', '\''));
        assertThat(text.split("\r\n")).filteredOn(l -> l.startsWith("NOTE=")).hasSize(1);
    }

    @Test
    void windows1252WhenAskedForAndATextItCannotHoldIsRefused() throws Exception {
        byte[] bytes = write(PxWriter.windows1252(), SampleTable.table());
        assertThat(new String(bytes, Charset.forName("windows-1252"))).contains("CODEPAGE=\"windows-1252\";").contains("Øvre grænse");
        assertThat(PxFile.parse(bytes).get("VALUES", null, "sektor").values()).contains("Statslig");
        StatTable t = SampleTable.table();
        StatTable greek = new StatTable(t.matrix(), t.subjectCode(), t.languages(), t.subjectArea(),
                LocalizedText.daEn("Ω-tabel", "Ω table"), t.contents(), t.units(), t.caption(), t.decimals(), t.stub(), t.heading(),
                t.cells(), t.updated());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> PxWriter.windows1252().write(greek, out)).isInstanceOf(FormatInputException.class)
                .hasMessage("table 'IB2026F3': a text has characters that windows-1252 cannot hold");
        assertThat(out.size()).isZero();
    }

    @Test
    void badTablesAreRefusedNamingThePlace() {
        StatTable t = SampleTable.table();
        assertThatThrownBy(() -> new StatTable(t.matrix(), t.subjectCode(), t.languages(), t.subjectArea(), t.title(), t.contents(),
                t.units(), t.caption(), 1, t.stub(), t.heading(), t.cells().subList(0, 5), null))
                .isInstanceOf(FormatInputException.class).hasMessage("the table has 5 cells; its dimensions (3 × 2) make 6");
        assertThatThrownBy(() -> new StatTable(t.matrix(), t.subjectCode(), t.languages(), t.subjectArea(),
                LocalizedText.of("da", "Kun dansk"), t.contents(), t.units(), t.caption(), 1, t.stub(), t.heading(), t.cells(), null))
                .hasMessage("the title has no 'en' text");
        Dimension twin = new Dimension("size", LocalizedText.daEn("sektor", "size"), List.of(new Category("s", LocalizedText.daEn("a", "a"))));
        assertThatThrownBy(() -> new StatTable(t.matrix(), t.subjectCode(), t.languages(), t.subjectArea(), t.title(), t.contents(),
                t.units(), t.caption(), 1, List.of(t.stub().getFirst(), twin), t.heading(), t.cells(), null))
                .hasMessage("dimension 'size': the da name 'sektor' is used by another dimension");
        List<Cell> cells = new ArrayList<>(t.cells());
        cells.set(3, new Cell(Double.NaN, null, null, 5L, CellStatus.SHOWN));
        assertThatThrownBy(() -> new StatTable(t.matrix(), t.subjectCode(), t.languages(), t.subjectArea(), t.title(), t.contents(),
                t.units(), t.caption(), 1, t.stub(), t.heading(), cells, null))
                .hasMessage("cell 4 (sector=region, answer=no): the estimate is not a finite number");
        assertThatThrownBy(() -> new Dimension("answer", LocalizedText.daEn("svar", "answer"),
                List.of(new Category("yes", LocalizedText.daEn("Ja", "Yes")), new Category("yes", LocalizedText.daEn("J", "Y")))))
                .hasMessage("dimension 'answer': category code 'yes' appears twice");
    }

    @Test
    void roundingIsHalfUpOnTheDecimalValue() {
        assertThat(PxWriter.number(2.25, 1)).isEqualTo("2.3");
        assertThat(PxWriter.number(0.1 + 0.2, 2)).isEqualTo("0.30");
        assertThat(PxWriter.number(412, 0)).isEqualTo("412");
    }
}
