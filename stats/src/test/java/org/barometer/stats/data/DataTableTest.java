package org.barometer.stats.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.junit.jupiter.api.Test;

class DataTableTest {

    private static DataTable csv(String text) {
        return DataTable.readCsv(new StringReader(text), "test.csv");
    }

    @Test
    void detectsNumericAndCategoricalColumnsAndMissingValues() {
        DataTable t = csv("id,grp,y,note\n1,\"b\",2.5,x\n2,\"A\",NA,\"NA\"\n3,\"a\",,y\n4,B,-1e3,\n");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.column("id")).isInstanceOf(NumericColumn.class);
        assertThat(t.column("y")).isInstanceOf(NumericColumn.class);
        NumericColumn y = t.numeric("y");
        assertThat(y.get(0)).isEqualTo(2.5);
        assertThat(y.isMissing(1)).isTrue();
        assertThat(y.isMissing(2)).isTrue();
        assertThat(y.get(3)).isEqualTo(-1000.0);
        FactorColumn grp = t.factor("grp");
        // R's default (English locale) order: lower case before upper case of the same letter
        assertThat(grp.levels()).containsExactly("a", "A", "b", "B");
        assertThat(grp.text(0)).isEqualTo("b");
        FactorColumn note = t.factor("note");
        assertThat(note.levels()).containsExactly("NA", "x", "y"); // quoted "NA" is text
        assertThat(note.isMissing(3)).isTrue();
    }

    @Test
    void numbersThenTextMakeACategoricalColumn() {
        DataTable t = csv("code\n10\n9\nx1\nNA\n");
        FactorColumn f = t.factor("code");
        assertThat(f.levels()).containsExactly("10", "9", "x1");
        assertThat(f.code(0)).isEqualTo(0);
        assertThat(f.isMissing(3)).isTrue();
    }

    @Test
    void numericColumnAsFactorHasNumericLevelOrder() {
        DataTable t = csv("d\n10\n9\n10\n100\n").withFactor("d");
        assertThat(t.factor("d").levels()).containsExactly("9", "10", "100");
        DataTable r = t.withLevelOrder("d", List.of("100", "10", "9"));
        assertThat(r.factor("d").code(3)).isEqualTo(0);
    }

    @Test
    void quotedFieldsWithCommasQuotesAndNewlines() {
        DataTable t = csv("a,b\n\"x, \"\"y\"\"\",1\n\"two\nlines\",2\r\n");
        assertThat(t.factor("a").text(0)).isEqualTo("x, \"y\"");
        assertThat(t.factor("a").text(1)).isEqualTo("two\nlines");
        assertThat(t.numeric("b").get(1)).isEqualTo(2.0);
    }

    @Test
    void readsTheApiSamplesAsR() {
        DataTable t = ApiData.table("apistrat");
        assertThat(t.rowCount()).isEqualTo(200);
        assertThat(t.factor("stype").levels()).containsExactly("E", "H", "M");
        assertThat(t.numeric("pw").get(0)).isEqualTo(44.209999084472656);
        assertThat(t.column("cds")).isInstanceOf(FactorColumn.class); // quoted in the file
        assertThat(java.util.Arrays.stream(t.numeric("target").values()).filter(Double::isNaN).count()).isEqualTo(20);
    }

    @Test
    void errorsNameThePlace() {
        assertThatThrownBy(() -> csv("a,b\n1,2\n3\n")).isInstanceOf(SurveyInputException.class)
                .hasMessageEndingWith("test.csv, row 3: 1 values for 2 columns of the header");
        assertThatThrownBy(() -> csv("a,b\n\"open,2\n")).isInstanceOf(SurveyInputException.class)
                .hasMessageEndingWith("test.csv, row 2: quote opened and never closed");
        assertThatThrownBy(() -> csv("a,a\n1,2\n")).isInstanceOf(SurveyInputException.class)
                .hasMessageEndingWith("test.csv, row 1 (column names): 'a' is given twice");
        assertThatThrownBy(() -> csv("")).isInstanceOf(SurveyInputException.class).hasMessageContaining("empty");
        DataTable t = csv("a,g\n1,x\n");
        assertThatThrownBy(() -> t.column("nope")).isInstanceOf(SurveyInputException.class)
                .hasMessage("data: unknown column 'nope'; expected one of a, g");
        assertThatThrownBy(() -> t.numeric("g")).isInstanceOf(SurveyInputException.class)
                .hasMessage("variable 'g': categorical, where a numeric variable is needed");
        assertThatThrownBy(() -> t.factor("g").levelIndex("y")).isInstanceOf(SurveyInputException.class)
                .hasMessage("variable 'g': unknown category 'y'; expected one of x");
        assertThatThrownBy(() -> t.withLevelOrder("g", List.of("z"))).isInstanceOf(SurveyInputException.class)
                .hasMessage("variable 'g', row 1: category 'x' is not in the given level order [z]");
        assertThatThrownBy(() -> t.withLevelOrder("g", List.of("x", "z", "x"))).isInstanceOf(SurveyInputException.class)
                .hasMessage("level order of variable 'g': 'x' is given twice");
        assertThatThrownBy(() -> FactorColumn.ofCodes("g", new int[] {0, 2}, List.of("x", "y")))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("codes of variable 'g', row 2: 2 is not in [-1, 1]");
        assertThatThrownBy(() -> t.with(new NumericColumn("b", new double[] {1, 2})))
                .isInstanceOf(SurveyInputException.class).hasMessage("column 'b': 2 values for 1 rows");
        assertThatThrownBy(() -> DataTable.of(List.of(new NumericColumn("a", new double[1]),
                new NumericColumn("a", new double[1])))).isInstanceOf(SurveyInputException.class)
                .hasMessage("column names: 'a' is given twice");
    }
}
