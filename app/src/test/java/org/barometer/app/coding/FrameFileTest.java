package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** A coding frame file is read whole, or refused with every problem at its file, row and column. */
class FrameFileTest {

    static FrameFile.Result csv(String text) {
        return FrameFile.read("frame.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> places(FrameFile.Result result) {
        return result.problems().stream().map(p -> p.file() + ":" + p.row() + ":" + p.column() + ":" + p.key()).toList();
    }

    @Test
    void aGoodFrameIsReadInOrderWithItsHierarchyAndBothLanguages() {
        FrameFile.Result read = csv("""
                code,parent,label_da,label_en,definition_da,definition_en,examples_da,examples_en
                ai,,Kunstig intelligens,Artificial intelligence,Lærer af data,Learns from data,chatbot,chatbot
                ai_chat,ai,Chatbots,Chatbots,,,,
                apps,,Apps,Apps,,,,
                """);
        assertThat(read.ok()).as(read.problems().toString()).isTrue();
        assertThat(read.categories()).extracting(FrameCategory::code).containsExactly("ai", "ai_chat", "apps");
        assertThat(read.categories().get(1).parent()).isEqualTo("ai");
        assertThat(read.categories().get(0).label("da")).isEqualTo("Kunstig intelligens");
        assertThat(read.categories().get(0).definition("en")).isEqualTo("Learns from data");
        // written back as CSV, it reads as the same frame
        FrameFile.Result again = csv(FrameFile.csv(read.categories()));
        assertThat(again.categories()).isEqualTo(read.categories());
    }

    @Test
    void keywordsAreReadInBothLanguagesAndAnEmptyOneIsRefusedAtItsPlace() {
        FrameFile.Result read = csv("""
                code,parent,label_da,label_en,keywords_da,keywords_en
                drones,,Droner,Drones,"Drone; dronner; DRONE",drone; unmanned aircraft
                apps,,Apps,Apps,,
                """);
        assertThat(read.ok()).as(read.problems().toString()).isTrue();
        // normalised, without repeats, both languages
        assertThat(read.categories().get(0).keywords()).containsExactly("drone", "dronner", "unmanned aircraft");
        assertThat(read.categories().get(1).keywords()).isEmpty();
        assertThat(csv(FrameFile.csv(read.categories())).categories()).isEqualTo(read.categories());
        FrameFile.Result bad = csv("""
                code,parent,label_da,label_en,keywords_da,keywords_en
                drones,,Droner,Drones,drone;;dronner,drone
                apps,,Apps,Apps,app,"app; --"
                """);
        assertThat(places(bad)).containsExactly("frame.csv:2:keywords_da:coding.problem.keyword.empty",
                "frame.csv:3:keywords_en:coding.problem.keyword.empty");
        assertThat(bad.problems().get(0).args()).containsExactly(2);
        assertThat(bad.problems().get(1).args()).containsExactly(2);
        assertThat(bad.categories()).isEmpty();
    }

    @Test
    void duplicateCodesAreRefusedAtTheirRowNamingTheFirst() {
        FrameFile.Result read = csv("""
                code,label_da,label_en
                ai,Kunstig intelligens,Artificial intelligence
                apps,Apps,Apps
                ai,KI,AI
                """);
        assertThat(read.ok()).isFalse();
        assertThat(read.categories()).isEmpty();
        assertThat(places(read)).containsExactly("frame.csv:4:code:coding.problem.code.duplicate");
        assertThat(read.problems().getFirst().args()).containsExactly("ai", 2);
    }

    @Test
    void aMissingLabelColumnIsRefusedAtTheHeader() {
        FrameFile.Result read = csv("""
                code,parent,label_da
                ai,,Kunstig intelligens
                """);
        assertThat(places(read)).containsExactly("frame.csv:1:label_en:coding.problem.column.missing");
        assertThat(read.categories()).isEmpty();
    }

    @Test
    void everyProblemOfTheRowsIsNamedAtOnce() {
        FrameFile.Result read = csv("""
                code,parent,label_da,label_en
                ai,,Kunstig intelligens,
                chat,robots,Chatbots,Chatbots
                robots,,Robotter,Robots
                ,,Uden kode,Without a code
                has space,,Med mellemrum,With a space
                """);
        assertThat(places(read)).containsExactly(
                "frame.csv:2:label_en:coding.problem.label.missing",
                // a parent must come before its children, so that the hierarchy has no cycle
                "frame.csv:3:parent:coding.problem.parent.unknown",
                "frame.csv:5:code:coding.problem.code.missing",
                "frame.csv:6:code:coding.problem.code.invalid");
        assertThat(read.categories()).isEmpty();
    }

    @Test
    void unknownAndRepeatedColumnsAndEmptyFilesAreRefused() {
        assertThat(places(csv("code,label_da,label_en,lable_en\nai,KI,AI,AI\n")))
                .containsExactly("frame.csv:1:lable_en:coding.problem.column.unknown");
        assertThat(places(csv("code,label_da,label_en,code\nai,KI,AI,ai\n")))
                .containsExactly("frame.csv:1:code:coding.problem.column.twice");
        assertThat(places(csv("code,label_da,label_en\n"))).containsExactly("frame.csv:1::coding.problem.noCategories");
        assertThat(places(csv(""))).containsExactly("frame.csv:0::coding.problem.empty");
        assertThat(places(FrameFile.read("frame.csv", new byte[] {(byte) 0xC3, (byte) 0x28, 'a'})))
                .containsExactly("frame.csv:0::frame.file.encoding");
    }

    @Test
    void anXlsxFrameIsReadLikeACsvOneAndItsProblemsPlacedAlike() throws Exception {
        byte[] xlsx = xlsx(new String[][] {{"code", "label_da", "label_en"}, {"ai", "KI", "AI"}, {"ai", "KI igen", "AI again"}});
        FrameFile.Result read = FrameFile.read("frame.xlsx", xlsx);
        assertThat(places(read)).containsExactly("frame.xlsx:3:code:coding.problem.code.duplicate");
        FrameFile.Result good = FrameFile.read("frame.xlsx",
                xlsx(new String[][] {{"code", "label_da", "label_en"}, {"ai", "KI", "AI"}, {"apps", "Apps", "Apps"}}));
        assertThat(good.categories()).extracting(FrameCategory::code).containsExactly("ai", "apps");
    }

    private static byte[] xlsx(String[][] rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook book = new Workbook(out, "test", "1.0");
        Worksheet sheet = book.newWorksheet("frame");
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                sheet.value(r, c, rows[r][c]);
            }
        }
        book.finish();
        return out.toByteArray();
    }
}
