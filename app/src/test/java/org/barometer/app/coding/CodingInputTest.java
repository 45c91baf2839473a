package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Codings that cannot be compared are refused with a message naming the answer and the coder. */
class CodingInputTest {
    static final CodingFrame FRAME = CodingFrame.of("price", "service", "other");

    static SingleCoding single(String coder, String... answerCode) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < answerCode.length; i += 2) {
            codes.put(answerCode[i], answerCode[i + 1]);
        }
        return new SingleCoding(coder, codes);
    }

    @Test
    void codingsOfDifferentAnswers() {
        assertThatThrownBy(() -> new SingleCodePair(FRAME, single("anna", "a1", "price", "a2", "other"),
                single("bo", "a1", "price", "a3", "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answer 'a2' is coded by coder 'anna' but not by coder 'bo'");
        assertThatThrownBy(() -> new SingleCodePair(FRAME, single("anna", "a1", "price"),
                single("bo", "a1", "price", "a3", "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answer 'a3' is coded by coder 'bo' but not by coder 'anna'");
        assertThatThrownBy(() -> new MultiCodePair(FRAME, new MultiCoding("anna", Map.of("a1", Set.of("price"))),
                new MultiCoding("bo", Map.of("a9", Set.of("price")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answer 'a1' is coded by coder 'anna' but not by coder 'bo'");
    }

    @Test
    void anEmptyStudy() {
        assertThatThrownBy(() -> new SingleCodePair(FRAME, single("anna"), single("bo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coders 'anna' and 'bo' coded no answers: there is nothing to compare");
        assertThatThrownBy(() -> new MultiCodePair(FRAME, new MultiCoding("anna", Map.of()),
                new MultiCoding("bo", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coders 'anna' and 'bo' coded no answers: there is nothing to compare");
        assertThatThrownBy(() -> new CodingTable(FRAME, List.of(single("anna"), single("bo"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coded no answers: there is nothing to compare");
        // answers coded, but no answer by two coders: nothing pairable
        CodingTable apart = new CodingTable(FRAME, List.of(single("anna", "a1", "price"), single("bo", "a2", "other")));
        assertThatThrownBy(() -> Agreement.krippendorffAlpha(apart))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no answer is coded by two of the coders [anna, bo]: there is nothing to compare");
    }

    @Test
    void aCodeOutsideTheCodingFrame() {
        assertThatThrownBy(() -> new SingleCodePair(FRAME, single("anna", "a1", "price", "a2", "quality"),
                single("bo", "a1", "price", "a2", "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'anna' gave answer 'a2' the code 'quality', which is not in the coding frame"
                        + " [price, service, other]");
        assertThatThrownBy(() -> new MultiCodePair(FRAME, new MultiCoding("anna", Map.of("a1", Set.of("price"))),
                new MultiCoding("bo", Map.of("a1", Set.of("price", "speed")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'bo' gave answer 'a1' the code 'speed', which is not in the coding frame"
                        + " [price, service, other]");
        assertThatThrownBy(() -> new CodingTable(FRAME, List.of(single("anna", "a1", "price"),
                single("bo", "a1", "price"), single("cy", "a1", "Price"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'cy' gave answer 'a1' the code 'Price', which is not in the coding frame"
                        + " [price, service, other]");
    }

    @Test
    void anAnswerWithoutACode() {
        Map<String, String> missing = new LinkedHashMap<>();
        missing.put("a1", null);
        assertThatThrownBy(() -> new SingleCodePair(FRAME, new SingleCoding("anna", missing), single("bo", "a1", "price")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'anna' gave answer 'a1' no code");
        assertThatThrownBy(() -> new MultiCodePair(FRAME, new MultiCoding("anna", Map.of("a1", Set.of("price"))),
                new MultiCoding("bo", Map.of("a1", Set.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'bo' gave answer 'a1' no code");
    }

    @Test
    void onePersonIsNotAPair() {
        assertThatThrownBy(() -> new SingleCodePair(FRAME, single("anna", "a1", "price"), single("anna", "a1", "price")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both codings are by coder 'anna': a pair needs two coders");
        assertThatThrownBy(() -> new CodingTable(FRAME, List.of(single("anna", "a1", "price"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a table of codings needs at least two coders, not 1");
        assertThatThrownBy(() -> new CodingTable(FRAME, List.of(single("anna", "a1", "price"), single("anna", "a2", "other"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coder 'anna' appears twice in the table");
    }

    @Test
    void aFrameWithoutCodesOrWithACodeTwice() {
        assertThatThrownBy(() -> new CodingFrame(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the coding frame has no codes");
        assertThatThrownBy(() -> CodingFrame.of("price", "price"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the coding frame lists the code 'price' twice");
    }
}
