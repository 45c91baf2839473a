package org.barometer.formats.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;
import org.junit.jupiter.api.Test;

/** Bad microdata gets a clear error naming the place, and the writers write nothing. */
class MicrodataInputTest {
    private static final LocalizedText L = LocalizedText.daEn("etiket", "label");

    private static Dataset dataset(List<Variable> vars, List<List<Value>> rows) {
        return new Dataset(L, vars, rows, MissingCodes.standard());
    }

    @Test
    void namesThatCollideAfterRenamingAreAnErrorAndNothingIsWritten() {
        Dataset d = dataset(List.of(Variable.numeric("område", L), Variable.numeric("omraade", L)),
                List.of(List.of(Value.of(1), Value.of(2))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> SpssWriter.of("da").write(d, out)).isInstanceOf(FormatInputException.class)
                .hasMessage("variables 'område' and 'omraade' would both be written as 'omraade' in SPSS (names are compared ignoring case); rename one of them");
        assertThatThrownBy(() -> StataWriter.of("da").write(d, out)).isInstanceOf(FormatInputException.class)
                .hasMessageContaining("'område' and 'omraade' would both be written as 'omraade' in STATA");
        assertThat(out.size()).isZero();
    }

    @Test
    void spssComparesNamesIgnoringCaseAndStataDoesNot() throws Exception {
        Dataset d = dataset(List.of(Variable.numeric("Q1", L), Variable.numeric("q1", L)), List.of(List.of(Value.of(1), Value.of(2))));
        assertThatThrownBy(() -> SpssWriter.of("da").write(d, new ByteArrayOutputStream()))
                .hasMessageContaining("'Q1' and 'q1' would both be written as 'q1' in SPSS");
        assertThat(StataWriter.of("da").write(d, new ByteArrayOutputStream()).variableNames()).containsEntry("Q1", "Q1").containsEntry("q1", "q1");
    }

    @Test
    void namesAreMadeValidDeterministically() {
        assertThat(Names.valid("område", Names.Tool.SPSS)).isEqualTo("omraade");
        assertThat(Names.valid("Ærø-kommune", Names.Tool.STATA)).isEqualTo("Aeroe_kommune");
        assertThat(Names.valid("2nd choice", Names.Tool.SPSS)).isEqualTo("v2nd_choice");
        assertThat(Names.valid("_weight", Names.Tool.STATA)).isEqualTo("v_weight");
        assertThat(Names.valid("BY", Names.Tool.SPSS)).isEqualTo("BY_v");
        assertThat(Names.valid("to", Names.Tool.SPSS)).isEqualTo("to_v");
        assertThat(Names.valid("to", Names.Tool.STATA)).isEqualTo("to");
        assertThat(Names.valid("long", Names.Tool.STATA)).isEqualTo("long_v");
        assertThat(Names.valid("str80", Names.Tool.STATA)).isEqualTo("str80_v");
        assertThat(Names.valid("q_", Names.Tool.SPSS)).isEqualTo("q");
        assertThat(Names.valid("x".repeat(70), Names.Tool.SPSS)).hasSize(64);
        assertThat(Names.valid("x".repeat(70), Names.Tool.STATA)).hasSize(32);
        assertThat(Names.valid("", Names.Tool.STATA)).isEqualTo("v");
    }

    @Test
    void aValueLabelOnAStringVariableIsRefused() {
        assertThatThrownBy(() -> Variable.string("comment", L).withValueLabels(SampleMicrodata.YES_NO))
                .isInstanceOf(FormatInputException.class)
                .hasMessage("variable 'comment': value labels (set 'yesno') are supported on numeric variables only, and this is a string variable");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> dataset(List.of(Variable.numeric("a", L), Variable.numeric("b", L)),
                List.of(List.of(Value.of(1), Value.of(2)), List.of(Value.of(1)))))
                .isInstanceOf(FormatInputException.class).hasMessage("row 2 has 1 values; the dataset has 2 variables");
    }

    @Test
    void aRealValueOrALabelledCodeInTheMissingCodesRangeIsRefused() {
        assertThatThrownBy(() -> dataset(List.of(Variable.numeric("change", L)), List.of(List.of(Value.of(5)), List.of(Value.of(-2)))))
                .isInstanceOf(FormatInputException.class)
                .hasMessage("row 2, variable 'change': the value -2 collides with the missing codes, which reserve -4 to -1; give the variable other missing codes");
        ValueLabelSet dontKnowAsMinusOne = ValueLabelSet.named("scale").with(1, L).with(-1, L);
        assertThatThrownBy(() -> dataset(List.of(Variable.numeric("q", L).withValueLabels(dontKnowAsMinusOne)), List.of(List.of(Value.of(1)))))
                .isInstanceOf(FormatInputException.class)
                .hasMessage("variable 'q': the labelled code -1 of value label set 'scale' collides with the missing codes, which reserve -4 to -1");
        // the variable's own codes move the reserved range out of the way
        MissingCodes high = MissingCodes.standard().withCode(MissingKind.NOT_ASKED, 9996).withCode(MissingKind.UNANSWERED, 9997)
                .withCode(MissingKind.DONT_KNOW, 9998).withCode(MissingKind.NOT_APPLICABLE, 9999);
        Dataset ok = dataset(List.of(Variable.numeric("change", L).withMissingCodes(high)), List.of(List.of(Value.of(-2))));
        assertThat(ok.missingCodesOf(ok.variables().getFirst()).lowest()).isEqualTo(9996);
    }

    @Test
    void typesAndNumbersAreChecked() {
        assertThatThrownBy(() -> dataset(List.of(Variable.numeric("n", L)), List.of(List.of(Value.of("seven")))))
                .hasMessage("row 1, variable 'n': a text ('seven') in a numeric variable");
        assertThatThrownBy(() -> dataset(List.of(Variable.string("s", L)), List.of(List.of(Value.of(7)))))
                .hasMessage("row 1, variable 's': a number in a string variable");
        assertThatThrownBy(() -> dataset(List.of(Variable.numeric("n", L)), List.of(List.of(Value.of(Double.NaN)))))
                .hasMessage("row 1, variable 'n': NaN is not a finite number (use Value.EMPTY or a missing kind)");
        assertThatThrownBy(() -> MissingCodes.standard().withCode(MissingKind.DONT_KNOW, -1))
                .hasMessage("missing codes: code -1 is used twice");
    }

    @Test
    void stataRefusesFractionalLabelCodesAndWritesNothing() {
        Dataset d = dataset(List.of(Variable.numeric("q", L).withValueLabels(ValueLabelSet.named("half").with(0.5, L))),
                List.of(List.of(Value.of(0.5))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> StataWriter.of("da").write(d, out))
                .hasMessage("value label set 'half': code 0.5 is not an integer in Stata's range; Stata labels whole numbers only");
        assertThat(out.size()).isZero();
    }

    @Test
    void spssRefusesTextsLongerThanItsStringsHold() {
        Dataset d = dataset(List.of(Variable.string("essay", L)), List.of(List.of(Value.of("ok")), List.of(Value.of("x".repeat(32768)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> SpssWriter.of("da").write(d, out))
                .hasMessage("row 2, variable 'essay': a text of 32768 bytes; SPSS strings hold at most 32767 bytes");
        assertThat(out.size()).isZero();
    }

    @Test
    void labelsCutToTheToolsLimitAreReported() throws Exception {
        String question = "Hvor mange af arbejdspladsens ansatte har deltaget i udviklingen af den nyeste innovation, og hvordan?";
        Dataset d = dataset(List.of(Variable.numeric("q", LocalizedText.daEn(question, "How many?"))), List.of(List.of(Value.of(1))));
        WriteReport report = StataWriter.of("da").write(d, new ByteArrayOutputStream());
        assertThat(report.notes()).containsExactly("variable 'q': the 'da' label was cut to 80 characters");
        assertThat(SpssWriter.of("da").write(d, new ByteArrayOutputStream()).notes()).isEmpty();
    }
}
