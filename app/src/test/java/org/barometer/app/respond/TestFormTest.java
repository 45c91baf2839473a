package org.barometer.app.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.xlsform.XlsFormReader;
import org.junit.jupiter.api.Test;

class TestFormTest {
    @Test
    void theTestQuestionnaireReadsAndRoutes() throws Exception {
        AnswerEngine engine = AnswerEngine.of(XlsFormReader.read(TestForm.xlsx(), "test.xlsx"));
        assertThat(engine.pages()).extracting(p -> p.name()).containsExactly("about", "innovation", "culture");
        assertThat(engine.nextPage(0, Map.of("innovated", "no", "employees", "5")).getAsInt()).isEqualTo(2);
        assertThat(engine.nextPage(0, Map.of("innovated", "yes", "employees", "5")).getAsInt()).isEqualTo(1);
    }
}
