package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's questionnaire is the forms module's test fixture of the same questionnaire, byte for byte. */
class DemoFilesTest {

    @Test
    void theDemoQuestionnaireIsTheFormsModulesFixture() throws Exception {
        Path fixture = Path.of("..", "forms", "src", "test", "resources", "org", "barometer", "forms",
                DemoFiles.QUESTIONNAIRE);
        assertThat(DemoFiles.questionnaire()).isEqualTo(Files.readAllBytes(fixture));
        assertThat(DemoFiles.form().id()).isEqualTo("innovation_barometer_2019");
    }
}
