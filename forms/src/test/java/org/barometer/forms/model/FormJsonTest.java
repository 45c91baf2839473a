package org.barometer.forms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form model as JSON, and language matching. */
class FormJsonTest {
    static final Form FORM = new Form("f", "F", "1", "Dansk (da)", List.of("Dansk (da)", "English (en)"),
            List.of(new Group("g", new Text(Map.of("Dansk (da)", "Side", "English (en)", "Page")), null, null,
                    List.of(new Question("q", QuestionType.SELECT_ONE, "yn", true, Text.of("Q"), null, "true()",
                            null, null, null, null, null, null, "likert", null, null)))),
            Map.of("yn", new ChoiceList("yn", List.of(new Choice("yes", Text.of("Ja"), Map.of("cf", "x"))))), false);

    @Test
    void writesAndReadsTheSameForm() {
        String json = FormJson.write(FORM);
        assertThat(json).contains("\"kind\" : \"group\"").contains("\"kind\" : \"question\"");
        assertThat(FormJson.read(json)).isEqualTo(FORM);
    }

    @Test
    void nestedGroupsSurviveTheXlsxRoundTrip() throws Exception {
        Question inner = new Question("inner", QuestionType.TEXT, null, false, Text.of("Inner"), null, null, null,
                "${q} = 'yes'", null, null, null, null, null, null, null);
        Form nested = new Form("n", "N", null, null, List.of(""), List.of(new Group("outer", Text.of("Outer"), null,
                "field-list", List.of(new Question("q", QuestionType.SELECT_ONE, "yn", true, Text.of("Q"), null,
                        null, null, null, null, null, null, null, null, "yes", null),
                        new Group("section", Text.of("Section"), "${q} != ''", null, List.of(inner))))),
                Map.of("yn", new ChoiceList("yn", List.of(new Choice("yes", Text.of("Yes"), Map.of())))), false);
        byte[] xlsx = org.barometer.forms.xlsform.XlsFormWriter.write(nested);
        assertThat(org.barometer.forms.xlsform.XlsFormReader.read(xlsx, "n.xlsx")).isEqualTo(nested);
    }

    @Test
    void badJsonIsRefusedWithItsPlace() {
        String withUnknown = FormJson.write(FORM).replaceFirst("\\{", "{\n  \"bogus\" : 1,");
        assertThatThrownBy(() -> FormJson.read(withUnknown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bogus\"");
        assertThatThrownBy(() -> FormJson.read("{\n  \"id\": ,\n}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2, column");
        assertThatThrownBy(() -> FormJson.read("{\"id\": \"f\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a form needs 'title'");
        assertThatThrownBy(() -> FormJson.read("{\"items\": [{\"kind\": \"loop\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loop");
    }

    @Test
    void languagesMatchByNameCodeOrPrefix() {
        assertThat(FORM.resolveLanguage("da")).hasValue("Dansk (da)");
        assertThat(FORM.resolveLanguage("EN")).hasValue("English (en)");
        assertThat(FORM.resolveLanguage("english (EN)")).hasValue("English (en)");
        assertThat(FORM.resolveLanguage("Eng")).hasValue("English (en)");
        assertThat(FORM.resolveLanguage(null)).hasValue("Dansk (da)");
        assertThat(FORM.resolveLanguage("fr")).isEmpty();
    }

    @Test
    void textsFallBackToTheDefaultLanguage() {
        Text text = new Text(Map.of("Dansk (da)", "Hej"));
        assertThat(text.in("English (en)", "Dansk (da)")).isEqualTo("Hej");
        assertThat(Text.of("plain").in("English (en)", null)).isEqualTo("plain");
        assertThat(Text.NONE.in("English (en)", "Dansk (da)")).isEmpty();
    }
}
